"""A 高松市 resident on a phone, with the demo's real facility data (facilities.demo for 高松市):
open or closed now, an AED usable now, one page per place, near-me from 番町1丁目 without the city name.

One test, because a live-server test reloads the city's data for each test (about two minutes here)."""

from datetime import datetime
from io import StringIO

import pytest
from geopy.distance import geodesic
from wagtail.models import Locale

from facilities.models import FacilityIndexPage, FacilityPage
from japanese import dates

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.heavy,
    pytest.mark.one_database,  # open-now and near-me are computed in Python; the loaders run on both in the eval
]

BANCHO_1 = (34.34253, 134.046355)  # the gazetteer's 香川県高松市番町一丁目
SATURDAY_EVENING = datetime(2026, 11, 28, 18, 37, tzinfo=dates.TOKYO)  # libraries closed at 17:00 on Saturdays
FRIDAY_EVENING = datetime(2026, 11, 27, 18, 37, tzinfo=dates.TOKYO)  # open until 19:00 on weekdays


@pytest.fixture
def takamatsu(site_tree, municipality):
    from facilities import demo

    demo.load_demo(municipality, StringIO())
    return municipality


def _page(title):
    return FacilityPage.objects.get(title=title, locale=Locale.get_default())


def test_resident_sees_open_now_aed_usable_one_page_per_place_and_finds_what_is_near(
    live_server, takamatsu, browser_page, monkeypatch
):
    page = browser_page
    library = _page("高松市中央図書館")

    monkeypatch.setattr(dates, "now_in_japan", lambda: SATURDAY_EVENING)
    page.goto(f"{live_server.url}{library.url}")
    assert page.locator("[data-status=open-now]").inner_text() == "閉まっています（明日 9:30から）"
    assert page.locator("[data-status=aed-now]").inner_text() == "AEDは今使えません（時間外。明日 9:30から）"
    assert "今日は開いています" not in page.content()

    monkeypatch.setattr(dates, "now_in_japan", lambda: FRIDAY_EVENING)
    page.reload()
    assert page.locator("[data-status=open-now]").inner_text() == "開いています（19:00まで）"
    assert page.locator("[data-status=aed-now]").inner_text() == "AEDは今使えます（19:00まで）"
    # The AED of the library's own list is on the library's page, not a page of its own.
    assert page.locator("#aed-heading").inner_text() == "AED"
    assert "１階中央カウンター" in page.locator(".role--aed").inner_text()
    assert not FacilityPage.objects.filter(title="中央図書館").exists()

    # A community centre that is also an AED place and an evacuation site: one page with both roles.
    centre = _page("高松市四番丁コミュニティセンター")
    page.goto(f"{live_server.url}{centre.url}")
    assert page.locator("[data-roles]").get_attribute("data-roles") == "community_centre aed evacuation"
    assert page.locator("#evacuation-heading").is_visible() and page.locator("#aed-heading").is_visible()
    assert "人" in page.locator(".role--evacuation").inner_text()  # its capacity
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Near me from 番町1丁目, without the city: the nearest places, shown where the resident looks.
    directory = FacilityIndexPage.objects.get(locale=Locale.get_default(), slug="facilities")
    pages = FacilityPage.objects.filter(locale=Locale.get_default()).exclude(latitude=None)
    by_distance = sorted(pages, key=lambda p: (geodesic(BANCHO_1, (p.latitude, p.longitude)).meters, p.pk))

    page.goto(f"{live_server.url}{directory.url}")
    page.locator("#id_address").fill("番町1丁目")
    page.locator("#id_radius").select_option("500")
    page.locator(".near-me__actions button[type=submit]").press("Enter")
    page.wait_for_selector("#facility-results li")

    assert "香川県高松市番町一丁目" in page.locator(".search-point").inner_text()
    titles = page.locator("#facility-results h3").all_inner_texts()
    assert titles[:3] == [p.title for p in by_distance[:3]]
    # Where the resident is looking: focus on the results heading, scrolled to the top of the screen.
    assert page.evaluate("document.activeElement.id") == "results-heading"
    top = page.evaluate("document.getElementById('results-heading').getBoundingClientRect().top")
    assert 0 <= top < 200
    assert page.evaluate("window.scrollY") > 300  # the form was above: the page moved to the results
