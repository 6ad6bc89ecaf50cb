"""A resident in headless Chromium enters an address and finds the nearest facility, on the list and the map."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from geopy.distance import geodesic

from facilities.models import FacilityIndexPage, FacilityPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "facilities"
BANCHO_1 = (34.34253, 134.046355)


def test_resident_finds_the_nearest_facility_by_address(live_server, site_tree, municipality, browser_page):
    for kind, name in [
        ("facilities", "takamatsu_0035_libraries.csv"),
        ("facilities", "takamatsu_0004_community_centres.csv"),
    ]:
        call_command("import_opendata", kind, str(FIXTURES / name), "--municipality", "372013", stdout=StringIO())
    nearest = min(FacilityPage.objects.all(), key=lambda p: geodesic(BANCHO_1, (p.latitude, p.longitude)).meters)
    directory = FacilityIndexPage.objects.get(locale__language_code="ja")

    page = browser_page
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}{directory.url}")
    page.get_by_label("Address").or_(page.get_by_label("住所")).first.fill("高松市番町一丁目")
    page.locator("#id_radius").select_option("2000")
    page.locator(".near-me__actions button[type=submit]").press("Enter")
    page.wait_for_selector("#facility-results li")

    first = page.locator("#facility-results li").first
    assert first.locator("h3").inner_text() == nearest.title
    assert "徒歩約" in first.inner_text()
    assert "香川県高松市番町一丁目" in page.locator(".search-point").inner_text()

    # The map shows a marker for that facility and the search point.
    page.wait_for_selector(".leaflet-container .map__marker", state="attached")
    assert not [e for e in errors if "tile" not in e and "Failed to load resource" not in e], errors
    marker = page.locator(f'.map__marker[data-name="{nearest.title}"]')
    assert marker.count() == 1
    assert page.locator(".map__origin").count() == 1
    marker.click()
    assert nearest.title in page.locator(".leaflet-popup-content").inner_text()

    # Usable at 320 px: the list is still there and nothing overflows sideways.
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_find_from_address_asks_before_moving_coordinates_already_entered(
    live_server, site_tree, municipality, facility_index, browser_page, make_user
):
    from facilities.factories import FacilityPageFactory
    from home import groups

    precise = ("34.3440001", "134.0470001")  # surveyed: some 170 m from 番町一丁目's representative point
    facility = FacilityPageFactory(
        parent=facility_index, address="香川県高松市番町一丁目", latitude=precise[0], longitude=precise[1]
    )
    make_user(groups.EDITORS, username="koho-browser")
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "koho-browser")
    page.fill("input[name=password]", "correct horse battery staple")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/pages/{facility.pk}/edit/")
    find = page.get_by_role("button", name="住所から位置を探す (Find from address)")
    status = page.locator(".facility-map-picker [data-status]")

    questions = []

    def answer(accept):
        def handle(dialog):
            questions.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        page.once("dialog", handle)

    answer(accept=False)
    find.click()
    status.filter(has_text="変えていません").wait_for()
    assert "移しますか" in questions[0] and "m 離れた地点" in questions[0]
    assert (page.input_value("#id_latitude"), page.input_value("#id_longitude")) == precise
    assert "番町" in status.inner_text()

    answer(accept=True)
    find.click()
    status.filter(has_text="代表点）:").wait_for()
    assert len(questions) == 2
    moved = (float(page.input_value("#id_latitude")), float(page.input_value("#id_longitude")))
    assert geodesic(moved, BANCHO_1).meters < 200 and moved != tuple(map(float, precise))
