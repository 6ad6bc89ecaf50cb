"""A 高松市 resident on a phone with the city's real events (0081.csv through the events demo loader):
dated events first and long-running notices under お知らせ, the keyword box, the month view.

The demo events are loaded once for the module and served by one live server (as
tests/a11y/test_demo_city.py does): the tests only read them. The database is flushed when the
module ends and the shared site tree put back.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import timedelta

import pytest

from tests.conftest import restore_after_flush

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Demo:
    url: str
    notice_urls: frozenset[str]  # pages with a date longer than EVENTS_NOTICE_MIN_DAYS
    dated_urls: frozenset[str]  # pages with a shorter date


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from pytest_django.live_server_helper import LiveServer

    from home import demo as home_demo
    from services.events import demo as events_demo
    from services.events.models import EventOccurrence

    with django_db_blocker.unblock():
        events_demo.load_demo(home_demo.ensure_municipality(), io.StringIO())
        notices, dated = set(), set()
        for occurrence in EventOccurrence.objects.select_related("page"):
            long = occurrence.end - occurrence.start > timedelta(days=14)
            (notices if long else dated).add(occurrence.page.url)
        server = LiveServer("localhost")
        try:
            yield Demo(server.url, frozenset(notices), frozenset(dated - notices))
        finally:
            server.stop()
            restore_after_flush()


def _dated_links(page):
    return page.locator("section[aria-labelledby=results-heading] a.event-item__title")


def _hrefs(locator) -> list[str]:
    return [href.split("?")[0] for href in locator.evaluate_all("links => links.map(a => a.getAttribute('href'))")]


def test_the_list_leads_with_dated_events_and_keeps_notices_under_oshirase(demo, browser_page):
    page = browser_page
    page.goto(f"{demo.url}/ja/events/")
    first = _hrefs(_dated_links(page))[:10]
    assert len(first) == 10
    assert not set(first) & demo.notice_urls, "a long-running notice leads the dated list"
    assert set(first) <= demo.dated_urls
    # The keyword box first, the other filters folded: the first event is on the first screen.
    title = _dated_links(page).first.bounding_box()
    assert title["y"] + title["height"] <= 844, title

    notices = page.get_by_role("region", name=re.compile("^お知らせ"))
    notice_links = _hrefs(notices.locator("a.event-item__title"))
    assert len(notice_links) > 100  # 高松市 lists its 補助金, 入札, courses over months as events
    assert set(notice_links) <= demo.notice_urls
    assert notices.get_by_text("補助金").count() > 0  # a 補助金 application period, among the notices
    # Ten are shown, the rest behind one disclosure that opens with a tap.
    assert notices.locator("a.event-item__title:visible").count() == 10
    notices.locator("summary").click()
    assert notices.locator("a.event-item__title:visible").count() == len(notice_links)


def test_this_weekend_lists_no_notice(demo, browser_page):
    page = browser_page
    page.goto(f"{demo.url}/ja/events/")
    page.locator(".event-filters__more > summary").click()
    page.get_by_label("今週末").check()
    page.get_by_role("button", name="表示する").click()
    page.wait_for_url("**when=weekend**")
    # The fold closes again and names the choice, so the list starts on the first screen.
    fold = page.locator(".event-filters__more")
    assert fold.get_attribute("open") is None
    assert fold.locator(".event-filters__active").inner_text().strip() == "今週末"
    weekend = _hrefs(_dated_links(page))
    assert any("storytime" in href for href in weekend)  # the weekly 土曜おはなし会
    assert not set(weekend) & demo.notice_urls


def test_the_keyword_box_finds_library_events_and_keeps_the_other_filters(demo, browser_page):
    page = browser_page
    page.goto(f"{demo.url}/ja/events/")
    everything = page.locator("#results-heading").inner_text()
    page.locator(".event-filters__more > summary").click()
    page.get_by_label("今月").check()
    box = page.get_by_role("searchbox", name="キーワード")
    box.fill("図書館")
    box.press("Enter")
    page.wait_for_url("**q=**")
    assert "when=month" in page.url
    assert page.get_by_label("今月").is_checked()  # kept, under the fold that names it
    assert page.locator(".event-filters__active").inner_text().strip() == "今月"
    assert page.get_by_role("searchbox", name="キーワード").input_value() == "図書館"
    assert "「図書館」" in page.get_by_role("status").first.inner_text()
    titles = _dated_links(page).all_inner_texts()
    assert "土曜おはなし会" in titles  # at 高松市中央図書館
    assert any("図書館" in title for title in titles)
    assert page.locator("#results-heading").inner_text() != everything

    page.get_by_role("link", name="キーワードを消す").click()
    assert page.get_by_role("searchbox", name="キーワード").input_value() == ""
    assert "when=month" in page.url


@pytest.mark.parametrize("width,height", [(390, 844), (320, 640)])
def test_the_month_view_on_a_phone_is_a_compact_grid_of_days_linking_to_their_lists(demo, browser_page, width, height):
    page = browser_page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{demo.url}/ja/events/calendar/")
    grid = page.get_by_role("table", name=re.compile(r"\d{4}年\d{1,2}月"))
    assert grid.locator("thead th").all_inner_texts() == ["日", "月", "火", "水", "木", "金", "土"]
    first_day = grid.locator("tbody td:not(.is-other-month)").first
    assert first_day.bounding_box()["y"] < 2 * height  # within the first two screens (was ~16,000 px)
    last_row = grid.locator("tbody tr").last.bounding_box()
    assert last_row["y"] + last_row["height"] < 3 * height  # the whole month, not pages of titles
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert grid.locator(".month-calendar__items").first.is_hidden()  # titles are on the day's list

    # A day with events is a link named by its date and count; Enter opens that day's list.
    day = grid.locator("a.month-calendar__day").first
    name = day.inner_text()
    label = day.locator(".visually-hidden").inner_text()
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日[（(].[）)]：\d+件のイベント", label), label  # CLDR writes (火)
    count = int(label.rsplit("：", 1)[1].removesuffix("件のイベント"))
    day.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**when=range**")
    assert _dated_links(page).count() == count, name
