"""What every page asks and seldom changes, read once and kept in Django's cache: the site of a
host, a language's locale, the site's portal settings, the menu, the language switcher's targets,
alert banners.

``remember(key, compute)`` keeps ``compute()``'s answer under a generation key that any change
residents could see moves on: a saved or deleted row of a watched model (``home.purge``: the
portal's apps, sites, locales, redirects), of a page or of a page view restriction, and a page
published, unpublished or moved. The move happens when the change commits, so other processes
never read an answer built from rows that were rolled back; until then the connection that made
the change keeps its own answers apart (a test, or an import's preview, sees its own rows at once,
and nothing of them is left behind when it rolls back). ``LOOKUP_SECONDS`` bounds what nothing
saves (a page's expiry between its time and the scheduler's run, another process's local-memory
cache); callers that filter by time re-check the time on what they read.
"""

from __future__ import annotations

import pickle
import uuid

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.transactions import once_at_commit, pending

GENERATION_KEY = "machi:lookups:generation"
LOOKUP_SECONDS = 60
_LOCAL = "_machi_lookups"
_MISSING = "machi:lookup:missing"
_CHANGE = "home.lookups"


def generation() -> str:
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        current = cache.get(GENERATION_KEY) or "none"
    return current


def _move_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def lookups_changed(using: str = DEFAULT_DB_ALIAS) -> None:
    once_at_commit(_CHANGE, _move_generation, using)


def remember(key: str, compute, timeout: int = LOOKUP_SECONDS):
    """``compute()``, read from the cache while nothing residents see has changed."""
    connection = connections[DEFAULT_DB_ALIAS]
    change = pending(_CHANGE)
    if change is not None:  # this transaction changed rows: its answers stay on its connection
        local = getattr(connection, _LOCAL, None)
        if local is None or local[0] is not change or local[1] != change.asked:  # changed since
            local = (change, change.asked, {})
            setattr(connection, _LOCAL, local)
        if key not in local[2]:
            local[2][key] = pickle.dumps(compute())
        return pickle.loads(local[2][key])  # noqa: S301 - what this process pickled; a copy, as from the cache
    full_key = f"machi:lookup:{generation()}:{key}"
    found = cache.get(full_key, _MISSING)
    if isinstance(found, str) and found == _MISSING:
        found = compute()
        if timeout > 0:
            cache.set(full_key, found, timeout)
    return found


def _row_changed(sender, **kwargs):
    from home.purge import watched_models

    if issubclass(sender, (Page, PageViewRestriction)) or sender in watched_models():
        lookups_changed(kwargs.get("using") or DEFAULT_DB_ALIAS)


def _page_changed(sender, **kwargs):
    lookups_changed()


def connect_lookup_signals() -> None:
    post_save.connect(_row_changed, dispatch_uid="home.lookups.saved")
    post_delete.connect(_row_changed, dispatch_uid="home.lookups.deleted")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"home.lookups.{id(signal)}")


# -- the lookups every page makes ----------------------------------------------------------------


def find_site(request):
    """Wagtail's ``Site.find_for_request`` through the cache (by the raw host and port)."""
    from django.core.exceptions import DisallowedHost
    from django.http.request import split_domain_port
    from wagtail.models import Site

    try:
        request.get_host()  # a host outside ALLOWED_HOSTS is not worth a cache entry
    except DisallowedHost:
        return Site._find_for_request(request)
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    if len(hostname) > 200:  # a cache key has room for any real hostname
        return Site._find_for_request(request)

    def find():
        site = Site._find_for_request(request)
        if site is not None:  # the home page as Wagtail routes it (``root_page.localized.specific``)
            site.root_page = site.root_page.specific
        return site

    return remember(f"site:{hostname}:{port}", find)


class CachedSiteMiddleware:
    """Gives Wagtail the request's site from the cache (``request._wagtail_site``, which
    ``Site.find_for_request`` reads first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = find_site(request)
        return self.get_response(request)


def locale_for(language_code: str | None):
    """The Locale of a language code (a variant's base language), else the default locale."""
    from django.utils import translation
    from wagtail.models import Locale

    code = language_code or translation.get_language() or ""

    def find():
        try:
            return Locale.objects.get_for_language(code)
        except (Locale.DoesNotExist, LookupError):
            return Locale.get_default()

    return remember(f"locale:{code}", find)


def locale_or_none(language_code: str):
    """The Locale of exactly *language_code*, or None when the portal has no such locale."""
    from wagtail.models import Locale

    return remember(f"locale-exact:{language_code}", lambda: Locale.objects.filter(language_code=language_code).first())


def locale_by_id(locale_id: int):
    """A page's locale (``page.locale`` without its query)."""
    from wagtail.models import Locale

    return remember(f"locale-id:{locale_id}", lambda: Locale.objects.get(pk=locale_id))


def default_locale():
    from django.conf import settings

    return locale_for(settings.LANGUAGE_CODE)
