"""A resident in headless Chromium: 今週末, open an event, see its venue on the map."""

from datetime import time, timedelta

import pytest
from django.utils.translation import gettext, override

from facilities.factories import FacilityIndexPageFactory, FacilityPageFactory
from japanese.dates import today_in_japan
from services.events.factories import EventIndexPageFactory, EventPageFactory
from services.events.recurrence import weekend_window

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_filters_this_weekend_opens_an_event_and_sees_the_venue_on_the_map(
    live_server, site_tree, browser_page
):
    today = today_in_japan()
    saturday_or_sunday = weekend_window(today)[1]
    library = FacilityPageFactory(
        parent=FacilityIndexPageFactory(parent=site_tree),
        title="高松市中央図書館",
        latitude=34.3266,
        longitude=134.0480,
    )
    index = EventIndexPageFactory(parent=site_tree)
    EventPageFactory(
        parent=index,
        title="週末おはなし会",
        slug="storytime",
        start_date=saturday_or_sunday,
        start_time=time(11),
        end_time=time(11, 30),
        venue=library,
        venue_name="",
    )
    EventPageFactory(
        parent=index, title="来月の講演会", slug="lecture", start_date=saturday_or_sunday + timedelta(days=30)
    )

    with override("ja"):  # the words of the Japanese catalog, whatever its wording
        weekend, show, map_label = gettext("This weekend"), gettext("Show events"), gettext("Venue on the map")
    page = browser_page
    page.goto(f"{live_server.url}/ja/events/")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.get_by_role("link", name="来月の講演会").is_visible()

    assert weekend == "今週末"
    page.locator(".event-filters__more > summary").click()  # the filters past the keyword are folded
    page.get_by_label(weekend).check()
    page.get_by_role("button", name=show).click()
    page.wait_for_url("**when=weekend**")
    assert page.get_by_role("link", name="来月の講演会").count() == 0

    page.get_by_role("link", name="週末おはなし会").click()
    page.wait_for_url(f"{live_server.url}/ja/events/storytime/")
    assert page.locator("h1").inner_text() == "週末おはなし会"
    weekday = "月火水木金土日"[saturday_or_sunday.weekday()]
    when = f"{saturday_or_sunday.year}年{saturday_or_sunday.month}月{saturday_or_sunday.day}日({weekday}) 11:00～11:30"
    assert page.locator(".event-when").inner_text() == when
    assert page.get_by_role("link", name="高松市中央図書館").get_attribute("href") == library.url

    venue_map = page.get_by_role("region", name=map_label)
    venue_map.wait_for(state="visible")
    marker = venue_map.locator(".map__marker")
    marker.wait_for(state="visible")
    assert marker.get_attribute("data-name") == "高松市中央図書館"


def test_events_list_fits_a_320px_screen(live_server, site_tree, browser_page):
    index = EventIndexPageFactory(parent=site_tree)
    EventPageFactory(
        parent=index, title="とても長いタイトルのイベント" * 3, start_date=today_in_japan() + timedelta(days=2)
    )
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/ja/events/", "/ja/events/calendar/"):
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, path
