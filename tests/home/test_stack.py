"""The non-container stack on this machine, as docs/deployment.md runs it on a VM: a throw-away
PostgreSQL database, Redis, two gunicorn app servers on the production settings and Varnish with
deploy/varnish/vm.vcl in front of them. A page published in one app server's admin is purged and
shown through the proxy at once, and an alert banner reaches a cached page when it is published,
changed and when it ends. Banners and the city are written by an "editor" process with the app
servers' settings (docs/deployment.md, "The stack test").

Needs varnishd (CI installs it: ``make stack-tools``), PostgreSQL and Redis (CI starts both); the
stack itself is tests/stack.py.
"""

from __future__ import annotations

import http.client
import re
import secrets
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from tests.stack import HOSTNAME, VARNISHD, Stack, get

pytestmark = [
    pytest.mark.heavy,
    pytest.mark.one_database,  # it makes its own PostgreSQL database, whichever database the run uses
    pytest.mark.skipif(VARNISHD is None, reason="varnishd is not installed (make stack-tools)"),
]

#: The requirement (issue 18): a banner reaches every cached page within this many seconds.
BANNER_SECONDS = 10

MIGRATE = """
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
"""

# The smallest city that renders a published page: the municipality, its Japanese home page as the
# default site at HOSTNAME, and the page "news" under it (what setup_city makes, in one language).
SET_UP_CITY = f"""
from wagtail.models import Locale, Page, Site
from home.models import HomePage, Municipality, PortalSettings, StandardPage
municipality = Municipality.objects.create(code="372013", name="高松市")
ja = Locale.objects.get_or_create(language_code="ja")[0]
Page.objects.filter(depth=2).delete()
home = Page.get_first_root_node().add_child(instance=HomePage(title="高松市 くらしのポータル", slug="372013", locale=ja))
home.save_revision().publish()
Site.objects.all().delete()
site = Site.objects.create(hostname="{HOSTNAME}", port=80, root_page=home, is_default_site=True, site_name="高松市")
portal = PortalSettings.for_site(site)
portal.municipality = municipality
portal.save()
news = home.add_child(instance=StandardPage(title="お知らせ", slug="news", summary="市からのお知らせです。"))
news.save_revision().publish()
"""


class AdminSession:
    """An editor signed in to one app server's admin, as the browser behind nginx would be: HTTPS
    as far as Django knows (so the cookies are Secure and kept here by hand) and a same-origin form."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, fields: dict | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {
            "Host": HOSTNAME,
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
        }
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{HOSTNAME}",
                "Referer": f"https://{HOSTNAME}{path}",
            }
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        answer = response.status, response.read().decode(errors="replace")
        connection.close()
        return answer

    def submit(self, path: str, fields: dict) -> int:
        """GET the form at *path*, POST it back with *fields* and its CSRF token; the status."""
        status, page = self.request("GET", path)
        assert status == 200, f"GET {path}: {status}"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, f"no CSRF token in {path}"
        return self.request("POST", path, fields | {"csrfmiddlewaretoken": token.group(1)})[0]


def poll(what: str, check, seconds: float, stack: Stack):
    """Ask *check* until it returns something true; fail saying *what* was awaited after *seconds*."""
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"Not within {seconds:.0f}s: {what}\n{stack.logs()}")
        time.sleep(0.2)


@pytest.fixture
def stack():
    running = Stack()
    try:
        yield running
    finally:
        running.stop()


def test_a_publish_on_one_app_server_is_purged_and_a_banner_reaches_cached_pages(stack):
    # The database is migrated and given one city while the static files are collected (the
    # production settings serve them through WhiteNoise's manifest, read as an app server starts)
    # and then while the app servers start.
    stack.flush_redis()
    stack.make_database()
    collect = stack.manage("collectstatic", "collectstatic", "--noinput")
    stack.start_editor()
    stack.send(MIGRATE + SET_UP_CITY)
    stack.wait("collectstatic", collect)
    for number in (1, 2):
        stack.start_app(number)
    stack.answered(240)
    for port in stack.app_ports:
        poll(f"gunicorn on {port} answers /healthz", lambda port=port: get(port, "/healthz")[0] == 200, 60, stack)
    stack.start_varnish()
    varnish = stack.varnish_port

    # Through Varnish: the first answer is fetched from an app server, the second is Varnish's copy.
    status, first, body = poll("the news page through Varnish", lambda: ok(get(varnish, "/news/")), 30, stack)
    assert "お知らせ" in body
    assert first["X-Cache"] == "MISS"
    status, second, body = get(varnish, "/news/")
    assert (status, second["X-Cache"]) == (200, "HIT"), second
    assert len(second["X-Varnish"].split()) == 2, second  # this request's id and the cached object's
    assert int(second["Age"]) >= 0, second
    assert "X-Url" not in second  # the cache's own note of the URL, for its bans
    assert "s-maxage=600" in second["Cache-Control"]
    for port in stack.app_ports:  # each app server's own page cache (Redis, shared) holds it too
        get(port, "/news/")
        assert get(port, "/news/")[1].get("X-Page-Cache") == "hit"

    # An editor's draft changes nothing residents see; publishing it in app server 1's admin purges
    # Varnish, so the next visitor sees the new title, not the copy above.
    news_id = int(stack.edit(DRAFT_TITLE))
    status, headers, body = get(varnish, "/news/")
    assert (headers["X-Cache"], "市からの新しいお知らせ" in body) == ("HIT", False), "a draft purged the cache"
    admin = AdminSession(stack.app_ports[0])
    assert admin.submit("/admin/login/", {"username": "editor", "password": EDITOR_PASSWORD}) == 302
    status = admin.submit(f"/admin/bulk/wagtailcore/page/publish/?id={news_id}", {})
    assert status == 302, f"the admin's publish answered {status}"
    status, headers, body = get(varnish, "/news/")
    assert status == 200
    assert "市からの新しいお知らせ" in body, f"the cached page survived the publish ({headers.get('X-Cache')})"
    assert headers["X-Cache"] == "MISS"
    assert get(varnish, "/news/")[1]["X-Cache"] == "HIT"
    for port in stack.app_ports:  # a new generation of the shared page cache: neither serves the old page
        assert "市からの新しいお知らせ" in get(port, "/news/")[2], f"app server on {port} kept the old page"

    # An alert banner: published (a saved row purges at once), changed, and ended at its time
    # (nothing saved: the cached page's lifetime was cut at its end).
    stack.edit(PUBLISH_BANNER)
    assert "給水車の配置場所" in get(varnish, "/news/")[2], "the published banner is not on the cached page"
    assert get(varnish, "/news/")[1]["X-Cache"] == "HIT"
    ends_at = time.time() + 8
    stack.edit(CHANGE_BANNER.format(ends_at=ends_at))
    status, headers, body = get(varnish, "/news/")
    assert "給水車は市役所にも来ます" in body, "the changed banner is not on the cached page"
    lifetime = int(headers["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert lifetime <= BANNER_SECONDS, f"a page cached before the banner's end says {headers['Cache-Control']}"
    assert get(varnish, "/news/")[1]["X-Cache"] == "HIT"  # kept until the banner ends, not refetched
    # The banner's end: the first visitor after it gets a page without it, not a stale copy that
    # Varnish would serve while fetching a new one (polling would hide that: the second visitor
    # gets the new page), so one request, a second after the end.
    assert "給水車" in get(varnish, "/news/")[2], "the banner left the page before its end"
    time.sleep(max(0.0, ends_at + 1 - time.time()))
    status, headers, body = get(varnish, "/news/")
    assert status == 200
    assert "給水車" not in body, (
        f"the ended banner is still on the page ({headers.get('X-Cache')}, Age {headers.get('Age')})"
    )


def ok(answer):
    return answer if answer[0] == 200 else None


EDITOR_PASSWORD = secrets.token_urlsafe(16)

# A superuser to sign in with, and a draft of the news page with a new title (not published).
DRAFT_TITLE = f"""
from django.contrib.auth import get_user_model
from home.models import StandardPage
get_user_model().objects.create_superuser("editor", "editor@example.invalid", "{EDITOR_PASSWORD}")
page = StandardPage.objects.get(slug="news")
page.title = "市からの新しいお知らせ"
page.save_revision()
print(page.pk)
"""

PUBLISH_BANNER = """
from home.models import AlertBanner, Municipality
AlertBanner.objects.create(
    municipality=Municipality.objects.get(code="372013"), severity="warning", message="給水車の配置場所"
)
"""

# Changed to end a few seconds from now (``ends_at``, a timestamp).
CHANGE_BANNER = """
from datetime import UTC, datetime
from home.models import AlertBanner
banner = AlertBanner.objects.get()
banner.message = "給水車は市役所にも来ます"
banner.ends_at = datetime.fromtimestamp({ends_at}, tz=UTC)
banner.save()
"""
