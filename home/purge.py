"""Forget cached pages when something they show changes: a new generation in Django's cache and a
purge of the front-end cache (Varnish, nginx, a CDN: ``WAGTAILFRONTENDCACHE``).

What counts as a change: a page published, unpublished, moved or deleted; any saved or deleted row
of the portal's own apps (snippets such as garbage categories, areas, the sorting dictionary,
facility categories; site settings; alert banners; rows an import writes) and of Wagtail's sites,
locales, page view restrictions, redirects and search promotions. Page drafts are not changes
(they are not public). A transaction purges once, after it commits, however many rows it wrote, so
a 5,000-row import sends one purge, and nothing when it is rolled back.

Lists, menus and the home page show other pages' titles, so a change purges every page: the
whole front-end cache with one ``BAN`` (``VarnishBanBackend``), or, with a backend that only purges
URLs (Wagtail's HTTP, Cloudflare, CloudFront backends), every live page's URL. docs/deployment.md.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from urllib.error import URLError
from urllib.request import Request, urlopen

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_delete, post_save
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.caching import new_generation
from home.transactions import once_at_commit

logger = logging.getLogger(__name__)

#: Wagtail's models whose rows change what residents see.
WAGTAIL_MODELS = {
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.pageviewrestriction",
    "wagtailredirects.redirect",
    "wagtailsearchpromotions.query",
    "wagtailsearchpromotions.searchpromotion",
}
#: Rows of the portal's apps that no resident page shows (sign-in counters, logs, staff work).
IGNORED_MODELS = {
    "home.loginthrottle",
    "search.searchquerylog",
    "search.searchclicklog",
    "home.periodicjobrun",
    "opendata.importjob",
    "opendata.importedvalues",
}
#: Timeout of one purge request to the front-end cache.
PURGE_TIMEOUT = 5


class BanRequest(Request):
    def get_method(self):
        return "BAN"


class VarnishBanBackend(HTTPBackend):
    """Wagtail's HTTP backend (``PURGE`` of one URL) plus ``BAN`` of everything it caches, which the
    shipped Varnish configuration turns into ``ban("obj.http.X-Url ~ /")``."""

    def ban_all(self) -> bool:
        request = BanRequest(
            url=f"{self.cache_scheme}://{self.cache_netloc}/",
            headers={"User-Agent": f"Wagtail-frontendcache/{wagtail_version}", "X-Ban-Url": "/"},
        )
        try:
            urlopen(request, timeout=PURGE_TIMEOUT)  # noqa: S310 - the configured FRONTEND_CACHE_URL
        except (URLError, OSError) as error:
            logger.error("Could not ban the front-end cache at %s: %s", self.cache_netloc, error)
            return False
        return True


@functools.cache
def watched_models() -> frozenset:
    """The models whose rows residents see: the portal's own apps' and ``WAGTAIL_MODELS``."""
    watched = set()
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in IGNORED_MODELS or issubclass(model, Page):
            continue
        if label in WAGTAIL_MODELS or is_project_app(model._meta.app_config):
            watched.add(model)
    return frozenset(watched)


def is_project_app(app_config) -> bool:
    """An app of this repository, not an installed package (a virtualenv may sit inside the
    repository, as ``make install`` puts it)."""
    path = Path(app_config.path).resolve()
    return path.is_relative_to(Path(settings.BASE_DIR).resolve()) and not {"site-packages", "dist-packages"} & set(
        path.parts
    )


def _row_changed(sender, **kwargs):
    if sender in watched_models():
        pages_changed(kwargs.get("using") or DEFAULT_DB_ALIAS)


def _page_changed(sender, **kwargs):
    pages_changed()


def pages_changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """Purge every cached page once the current transaction commits (at once outside one)."""
    once_at_commit("home.purge", purge_all, using)


def purge_all() -> None:
    new_generation()
    backends = get_backends()
    urls = None
    for name, backend in backends.items():
        if isinstance(backend, VarnishBanBackend):
            backend.ban_all()
            continue
        if urls is None:
            urls = live_page_urls()
        try:
            backend.purge_batch(urls)
        except Exception:  # one broken CDN must not fail a publish: logged, and s-maxage bounds it
            logger.exception("Could not purge the front-end cache %s.", name)


def live_page_urls() -> list[str]:
    """The full URL of every page of every site, in every language, that residents may see (the
    only pages a proxy holds)."""
    from home.visibility import resident_pages

    urls = []
    for page in resident_pages().exclude(depth=1).specific(defer=True).iterator():
        url = page.get_full_url()
        if url:
            urls.append(url)
    return urls


def connect_purge_signals() -> None:
    post_save.connect(_row_changed, dispatch_uid="home.purge.saved")
    post_delete.connect(_row_changed, dispatch_uid="home.purge.deleted")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"home.purge.{id(signal)}")
    post_delete.connect(_page_deleted, dispatch_uid="home.purge.page_deleted")


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        pages_changed(kwargs.get("using") or DEFAULT_DB_ALIAS)
