"""The demo cities, built once for this module by load_demo: every page type passes axe-core and fits
320 px, and the main forms work with the keyboard (load_demo's idempotence: tests/search/test_resident_eval.py).

``load_demo`` is the slowest thing the suite does, and these tests only read what it made, so they
share one run of it and one live server, instead of a transactional test each. The rows are committed (the server thread reads them) and the database is
flushed when the module ends, as after any transactional test; the shared site tree is put back.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.management import call_command

from tests.a11y.checks import format_violations
from tests.a11y.keyboard import check_forms
from tests.a11y.pages import check_pages, discover_urls
from tests.conftest import restore_after_flush

# What it checks is rendered HTML (axe, widths, keyboard): the database makes no difference, and
# the loaders' behaviour on each database (idempotence included) is in tests/search/test_resident_eval.py.
pytestmark = [pytest.mark.browser, pytest.mark.heavy, pytest.mark.one_database]

LANGUAGES = {"ja", "en", "zh-hans", "ko", "vi", "pt", "ja-x-easy"}


@dataclass(frozen=True)
class DemoCity:
    url: str  # the live server
    output: str


@pytest.fixture(scope="module")
def demo_city(django_db_setup, django_db_blocker):
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        output = StringIO()
        call_command("load_demo", force=True, stdout=output)
        server = LiveServer("localhost")
        try:
            yield DemoCity(server.url, output.getvalue())
        finally:
            server.stop()
            restore_after_flush()


def test_load_demo_sets_up_every_city_in_every_language(demo_city):
    from home.models import HomePage, Municipality

    assert "password" in demo_city.output
    assert Municipality.objects.filter(code="372013", name="高松市").exists()
    assert set(HomePage.objects.live().values_list("locale__language_code", flat=True)) == LANGUAGES


@pytest.fixture
def axe_page(_browser):
    """A phone-sized page that lets the test inject axe-core: the portal's CSP (script-src 'self')
    rightly refuses the inline script Playwright adds."""
    context = _browser.new_context(locale="ja-JP", viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_every_page_type_passes_axe_and_fits_320px(demo_city, axe_page):
    urls = discover_urls()
    kinds = {label.split(" (")[0] for label, _ in urls}
    # The demo must give this test something to check in each domain; a missing one is a failure.
    assert {"HomePage", "StandardPage", "GarbageCalendarPage", "EventIndexPage"} <= kinds, kinds

    found = check_pages(axe_page, demo_city.url, urls)
    assert not found, format_violations(found)


def test_main_forms_work_with_the_keyboard(demo_city, browser_page):
    problems = check_forms(browser_page, demo_city.url)
    assert not problems, "\n".join(problems)


def test_each_city_site_shows_its_own_name_and_content(demo_city, browser_page):
    """Three city sites by hostname (Chromium resolves *.localhost to loopback): each shows its own
    name and data, and 高松市's nursery page no longer lists 横浜市's nurseries."""
    from urllib.parse import urlsplit

    from home.models import Municipality
    from services.garbage.models import CollectionArea
    from services.nurseries.models import Nursery

    port = urlsplit(demo_city.url).port
    kanazawa, yokohama, takamatsu = (Municipality.objects.get(code=code) for code in ("172014", "141003", "372013"))
    kanazawa_area = CollectionArea.objects.filter(municipality=kanazawa).order_by("code").first().name

    def text(host: str, path: str) -> str:
        response = browser_page.goto(f"http://{host}.localhost:{port}{path}")
        assert response.status == 200, (host, path, response.status)
        return browser_page.inner_text("body")

    text("kanazawa", "/ja/")
    assert browser_page.inner_text(".site-header__name") == browser_page.inner_text("h1") == "金沢市 くらしのポータル"
    text("kanazawa", "/ja/garbage/")
    assert f">{kanazawa_area}</option>" in browser_page.content()
    assert "この市の保育所データはまだ登録されていません。" in text("kanazawa", "/ja/nurseries/")

    assert "横浜市 くらしのポータル" in text("yokohama", "/ja/")
    yokohama_count = Nursery.objects.filter(municipality=yokohama).count()
    assert f"保育所 {yokohama_count} か所" in text("yokohama", "/ja/nurseries/")
    assert "この市のごみ収集データはまだ登録されていません。" in text("yokohama", "/ja/garbage/")

    home = text("takamatsu", "/ja/")
    assert "高松市 くらしのポータル" in home and "このポータルの市区町村" in home
    assert f'href="http://kanazawa.localhost:{port}/ja/"' in browser_page.content()  # the live server's port
    assert "高松市中央図書館" in text("takamatsu", "/ja/facilities/?q=図書館")
    nurseries = text("takamatsu", "/ja/nurseries/")
    assert f"保育所 {Nursery.objects.filter(municipality=takamatsu).count()} か所" in nurseries
    assert "横浜市" not in nurseries
    assert "横浜市の保育施設" not in text("takamatsu", "/ja/")  # the old cross-city page is gone
    browser_page.goto(f"http://127.0.0.1:{port}/ja/")  # an unknown host: the default site
    assert "高松市 くらしのポータル" in browser_page.inner_text("h1")


def test_the_demo_citys_pages_stay_within_the_query_limit(demo_city):
    """SQL queries per uncached page on the demo's real data (issue 18), here because this module
    has the whole demo built: 高松市's home, garbage (no area, an area, an address) and nursery pages."""
    from services.garbage.models import CollectionArea
    from tests.performance.test_query_counts import LIMIT, query_counts

    area = CollectionArea.objects.filter(municipality__code="372013").order_by("code").first()
    counts = query_counts(
        {
            "home": "/ja/",
            "garbage": "/ja/garbage/",
            "garbage, an area": f"/ja/garbage/?area={area.code}",
            "garbage, an address": "/ja/garbage/?where=%E7%95%AA%E7%94%BA",  # 番町
            "nurseries": "/ja/nurseries/",
        }
    )
    print("\nqueries per page of the demo city:", counts)  # noqa: T201 - the figures are the point
    assert {page: count for page, count in counts.items() if count > LIMIT} == {}
