"""The cache policy (home/caching.py) and purging (home/purge.py): what a proxy may keep, for how
long, and that every change residents would see reaches the front-end cache and the page cache.

Purges go to a real HTTP server on 127.0.0.1 that records what it receives.
"""

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from home.factories import AlertBannerFactory
from home.models import PortalSettings, StandardPage


def directives(response) -> dict:
    parts = [part.strip() for part in response["Cache-Control"].split(",")]
    return dict(part.split("=", 1) if "=" in part else (part, True) for part in parts)


class PurgeRecorder(BaseHTTPRequestHandler):
    received: list

    def _record(self):
        self.received.append((self.command, self.path, self.headers.get("Host")))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PURGE = do_BAN = _record  # noqa: N815 - the HTTP methods' handler names

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy():
    """A real HTTP server standing where Varnish would, recording each PURGE and BAN."""
    handler = type("Recorder", (PurgeRecorder,), {"received": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], handler.received
    server.shutdown()
    server.server_close()


@pytest.fixture
def ban_proxy(proxy, settings):
    port, received = proxy
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "home.purge.VarnishBanBackend", "LOCATION": f"http://127.0.0.1:{port}"}
    }
    return received


@pytest.fixture
def page_cache(settings):
    settings.CACHE_PAGES = True


def publish_standard_page(parent, title, slug):
    page = parent.add_child(instance=StandardPage(title=title, slug=slug, live=False))
    page.save_revision().publish()
    return page


def test_anonymous_page_may_be_kept_by_a_proxy_and_cookies_do_not_split_it(client, site_tree):
    client.cookies["csrftoken"] = "x" * 32  # a cookie that changes nothing on the page
    response = client.get("/ja/")
    assert response.status_code == 200
    cache_control = directives(response)
    assert cache_control["public"] is True
    assert cache_control["s-maxage"] == "600"
    assert cache_control["max-age"] == "0"  # browsers ask again, so a purge reaches them too
    assert "cookie" not in response.get("Vary", "").lower()


def test_api_answers_are_kept_for_the_shorter_api_lifetime(client, site_tree, settings):
    settings.CACHE_API_S_MAXAGE = 30
    response = client.get("/api/v1/garbage/areas")
    assert response.status_code == 200
    assert directives(response)["s-maxage"] == "30"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_signed_in_editor_admin_and_post_are_never_stored(client, site_tree, make_user):
    assert "no-store" in client.post("/ja/search/", {"q": "ごみ"})["Cache-Control"]
    client.force_login(make_user("広報担当"))
    page = client.get("/ja/")
    assert page.status_code == 200
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    assert "no-store" in client.get("/admin/")["Cache-Control"]


def test_a_cookie_that_changes_the_page_makes_it_private(client, site_tree):
    client.cookies["garbage_area"] = "A1"  # the resident's area: their next collections on the home page
    assert "private" in client.get("/ja/")["Cache-Control"]


def test_lifetime_stops_at_the_next_banner_end(client, site_tree):
    AlertBannerFactory(message="断水", ends_at=timezone.now() + timedelta(seconds=8))
    assert int(directives(client.get("/ja/"))["s-maxage"]) <= 8


def test_lifetime_stops_at_the_next_banner_start(client, site_tree):
    AlertBannerFactory(message="計画停電", starts_at=timezone.now() + timedelta(seconds=40))
    assert 30 <= int(directives(client.get("/ja/about-nothing/"))["s-maxage"]) <= 40


def test_page_cache_serves_the_second_visit_without_the_database(
    client, site_tree, page_cache, django_assert_max_num_queries
):
    first = client.get("/ja/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_max_num_queries(0):
        second = client.get("/ja/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert int(directives(second)["s-maxage"]) <= 600


def test_published_banner_reaches_cached_pages_at_once(
    client, site_tree, page_cache, ban_proxy, django_capture_on_commit_callbacks
):
    assert "大雨警報" not in client.get("/ja/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        banner = AlertBannerFactory(message="大雨警報が発表されました")
    assert "大雨警報が発表されました" in client.get("/ja/").content.decode()
    assert [(method, path) for method, path, _host in ban_proxy] == [("BAN", "/")]

    with django_capture_on_commit_callbacks(execute=True):
        banner.enabled = False  # ended by staff
        banner.save()
    assert "大雨警報が発表されました" not in client.get("/ja/").content.decode()
    assert len(ban_proxy) == 2


def test_publishing_a_page_updates_the_cached_home_and_purges_once(
    client, site_tree, page_cache, ban_proxy, django_capture_on_commit_callbacks
):
    client.get("/ja/")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_standard_page(site_tree, "ごみ出しの新ルール", "new-rules")
    assert [method for method, _path, _host in ban_proxy] == ["BAN"]
    assert client.get("/ja/new-rules/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        StandardPage.objects.get(pk=page.pk).unpublish()
    assert client.get("/ja/new-rules/").status_code == 404
    assert len(ban_proxy) == 2


def test_a_draft_purges_nothing(site_tree, ban_proxy, django_capture_on_commit_callbacks):
    page = publish_standard_page(site_tree, "下書きのテスト", "draft-test")
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "下書きのテスト（改）"
        page.save_revision()
    assert ban_proxy == []


def test_only_rows_residents_see_are_watched(settings):
    # Installed packages' rows (sessions, revisions, users, renditions) never purge, wherever the
    # virtualenv sits: ``make install`` puts it inside the repository.
    from types import SimpleNamespace

    from home.purge import is_project_app, watched_models

    labels = {model._meta.label_lower for model in watched_models()}
    unseen = {"wagtailcore.revision", "sessions.session", "auth.user", "wagtailimages.rendition", "home.periodicjobrun"}
    assert unseen.isdisjoint(labels)
    assert {"home.alertbanner", "garbage.sortingitem", "wagtailcore.site", "wagtailredirects.redirect"} <= labels
    inside = settings.BASE_DIR / ".venv/lib/python3.11/site-packages/taggit"
    assert not is_project_app(SimpleNamespace(path=str(inside)))
    assert is_project_app(SimpleNamespace(path=str(settings.BASE_DIR / "home")))


def test_site_settings_and_snippets_purge(site_tree, ban_proxy, django_capture_on_commit_callbacks):
    from facilities.factories import FacilityCategoryFactory

    with django_capture_on_commit_callbacks(execute=True):
        portal = PortalSettings.objects.get(site__root_page=site_tree)
        portal.contact_phone = "087-839-2111"
        portal.save()
    with django_capture_on_commit_callbacks(execute=True):
        FacilityCategoryFactory()
    assert len(ban_proxy) == 2


def test_an_import_purges_once_and_a_failed_one_not_at_all(site_tree, ban_proxy, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for number in range(20):  # as an import writes many rows in one transaction
            AlertBannerFactory(message=f"お知らせ {number}", enabled=False)
    assert len(ban_proxy) == 1

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        AlertBannerFactory(message="取り消される")
        raise RuntimeError("a bad row")
    assert len(ban_proxy) == 1


def test_url_purging_backends_get_every_live_page_in_every_language(
    site_tree, proxy, settings, django_capture_on_commit_callbacks
):
    port, received = proxy
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
        }
    }
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = []
    with django_capture_on_commit_callbacks(execute=True):
        publish_standard_page(site_tree, "防災マップ", "bousai-map")
    purged = {path for method, path, _host in received if method == "PURGE"}
    assert {"/ja/", "/ja/bousai-map/", "/en/"} <= purged
    english_home = site_tree.get_translation(Locale.objects.get(language_code="en"))
    assert english_home.live
