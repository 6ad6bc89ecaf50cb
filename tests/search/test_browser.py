"""A resident types としょ, picks the suggestion, and lands on the library page (real Chromium)."""

import time

import pytest

from tests.search.conftest import add_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_tosho_and_picking_the_suggestion_opens_the_library(live_server, browser_page, ja_home):
    add_page(ja_home, "中央図書館", "本の貸し出しと返却の案内です。", slug="library")
    page = browser_page
    page.goto(f"{live_server.url}/ja/search/")
    box = page.get_by_role("combobox", name="What are you looking for?").or_(page.locator("#search-page-q"))
    box.first.click()
    page.keyboard.type("としょ")
    option = page.get_by_role("option", name="中央図書館")
    option.wait_for()
    page.keyboard.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    page.wait_for_url("**/library/")
    assert page.locator("h1").inner_text() == "中央図書館"


def test_search_results_page_works_at_320px(live_server, browser_page, ja_home):
    add_page(ja_home, "燃やすごみの出し方", "燃やすごみは毎週月曜日と木曜日に出してください。")
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}/ja/search/?q=もやすごみ")
    link = page.get_by_role("link", name="燃やすごみの出し方")
    assert link.is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320


def test_header_search_box_suggests_on_every_page(live_server, browser_page, ja_home):
    add_page(ja_home, "中央図書館", "本の貸し出しと返却の案内です。", slug="library")
    page = browser_page
    page.goto(f"{live_server.url}/ja/")
    page.locator("#site-search").fill("")
    page.locator("#site-search").press_sequentially("としょ")
    option = page.get_by_role("option", name="中央図書館")
    option.click()
    page.wait_for_url("**/library/")
    assert page.locator("h1").inner_text() == "中央図書館"


def test_opening_a_result_logs_the_click_without_cookies(live_server, browser_page, ja_home):
    from django.core.signals import request_started

    from search.models import SearchClickLog

    add_page(ja_home, "住民票の写し", "住民票の写しの取り方です。", slug="juminhyo")
    page = browser_page
    page.context.add_cookies([{"name": "visitor", "value": "1", "url": live_server.url}])
    cookies = {}  # path → the Cookie header the server received

    def note_cookie(environ, **kwargs):
        cookies[environ["PATH_INFO"]] = environ.get("HTTP_COOKIE", "")

    request_started.connect(note_cookie, dispatch_uid="test.note_cookie")
    try:
        page.goto(f"{live_server.url}/ja/search/?q=住民票")
        page.get_by_role("link", name="住民票の写し").click()
        page.wait_for_url("**/juminhyo/")
        # The report is a keepalive fetch that outlives the results page: Playwright may not see
        # its response once the next page has loaded, so the test waits for what the server saved.
        deadline = time.monotonic() + 15
        while not SearchClickLog.objects.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        request_started.disconnect(dispatch_uid="test.note_cookie")
    row = SearchClickLog.objects.get()
    assert (row.query, row.url, row.kind, row.clicks) == ("住民票", "/ja/juminhyo/", "pages", 1)
    assert "visitor=1" in cookies["/ja/search/"]  # the browser sends its cookies to pages…
    assert cookies["/ja/search/click/"] == ""  # …and none with the click report
