"""One place, one distance: the facility directory, the nursery finder, the events near-me, the
site search and the three APIs all show the same distance for the same place and search point."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from geopy.distance import geodesic

from geo.formatting import api_metres, format_distance, walking_text

ORIGIN = (34.3428, 134.0466)  # 番町一丁目, the resident
PLACE = (34.3486, 134.0466)  # the library, the nursery and the event venue, one building


@pytest.fixture
def one_place(site_tree):
    from wagtail.models import Locale

    from facilities.factories import FacilityIndexPageFactory, FacilityPageFactory
    from home.models import HomePage
    from japanese.dates import today_in_japan
    from services.events.factories import EventIndexPageFactory, EventPageFactory
    from services.nurseries.demo import ensure_nursery_page
    from services.nurseries.factories import NurseryFactory

    home = HomePage.objects.get(locale=Locale.objects.get(language_code="ja"))
    directory = FacilityIndexPageFactory(parent=home)
    library = FacilityPageFactory(parent=directory, title="図書館 中央館", latitude=PLACE[0], longitude=PLACE[1])
    nursery = NurseryFactory(facility__parent=directory, facility__latitude=PLACE[0], facility__longitude=PLACE[1])
    events = EventIndexPageFactory(parent=home)
    day = today_in_japan() + timedelta(days=3)
    EventPageFactory(parent=events, title="おはなし会", address="", lat=PLACE[0], lng=PLACE[1], start_date=day)
    return {
        "directory": directory,
        "library": library,
        "nursery": nursery,
        "nursery_page": ensure_nursery_page(),
        "events": events,
        "day": day,
    }


def test_the_point_pair_is_not_on_a_rounding_edge():
    metres = geodesic(ORIGIN, PLACE).meters
    assert 3 < metres % 10 < 7  # so a 0.1 m or whole-metre API value formats the same as the exact one
    assert format_distance(metres) == "640 m"


def test_every_page_and_api_shows_the_same_distance(client, one_place):
    metres = geodesic(ORIGIN, PLACE).meters
    text = format_distance(metres)
    near = {"lat": ORIGIN[0], "lng": ORIGIN[1]}

    directory = client.get(one_place["directory"].url, {**near, "radius": 1000}).content.decode()
    shown = {s.get_text(strip=True) for s in BeautifulSoup(directory, "html.parser").select(".facility__distance")}
    assert shown == {walking_text(metres)}
    assert walking_text(metres).endswith(text)

    finder = client.get(one_place["nursery_page"].url, {**near, "radius_m": 2000}).content.decode()
    shown = {td.get_text(strip=True) for td in BeautifulSoup(finder, "html.parser").select("td.nursery-distance")}
    assert shown == {text}

    day = one_place["day"].isoformat()
    listing = client.get(
        one_place["events"].url, {"when": "range", "start": day, "end": day, **near, "radius": "3"}
    ).content.decode()
    shown = {s.get_text(strip=True) for s in BeautifulSoup(listing, "html.parser").select(".event-item__distance")}
    assert shown == {text}

    hits = client.get("/ja/search/", {"q": "図書館", "type": "facilities", **near}).context["hits"]
    assert [hit.distance_text for hit in hits] == [text]

    facilities = client.get("/api/v1/facilities", {**near, "radius_m": 1000}).json()["items"]
    events = client.get("/api/v1/events", {"start": day, "end": day, **near}).json()["items"]
    nurseries = client.get("/api/v1/nurseries", {**near, "radius_m": 1000}).json()["items"]
    assert {item["distance_m"] for item in facilities} == {events[0]["distance_m"]} == {api_metres(metres)}
    assert nurseries[0]["distance_m"] == api_metres(metres, whole=True) == round(metres)
    assert isinstance(nurseries[0]["distance_m"], int)
    for value in (facilities[0]["distance_m"], events[0]["distance_m"], nurseries[0]["distance_m"]):
        assert format_distance(value) == text
