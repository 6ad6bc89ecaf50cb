"""What every /api/v1 list and operation promises (DESIGN.md, second stage): ``offset`` and
``next`` walk every match exactly once, unknown parameters are a 422 that names them, CORS on the
API only, URLs on the host the client asked, and docs that load without the internet."""

import re
from datetime import date, time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import override_settings

from tests.rows import module_rows

pytestmark = pytest.mark.django_db

ROWS = 17  # three pages of 7: a full one, a full one, a short one
SPOT = (34.3500, 134.0470)  # several rows at the very same point: distance ties must not reorder pages
START = date(2030, 6, 1)


def _build() -> dict:
    from wagtail.models import Locale

    from facilities.factories import FacilityCategoryFactory, FacilityIndexPageFactory, FacilityPageFactory
    from home import demo
    from home.models import HomePage
    from services.events.factories import EventIndexPageFactory, EventPageFactory
    from services.garbage.models import CollectionArea, GarbageCategory, SortingItem
    from services.nurseries.factories import NurseryFactory
    from tests.search.conftest import add_page

    ja = Locale.objects.get(language_code="ja")
    home = HomePage.objects.get(locale=ja)
    town = demo.ensure_municipality()

    facilities = FacilityIndexPageFactory(parent=home, slug="paging-facilities")
    library = FacilityCategoryFactory(code="library", name="図書館")
    aed = FacilityCategoryFactory(code="aed", name="AED", kind="aed")
    for n in range(ROWS):
        # Same title in pairs and the same point for most: only the pk tells them apart.
        FacilityPageFactory(
            parent=facilities,
            title=f"ページング施設{n // 2}",
            category=library if n % 3 else aed,
            latitude=SPOT[0] if n % 4 else SPOT[0] + 0.001 * n,
            longitude=SPOT[1],
        )
    for _n in range(ROWS):
        NurseryFactory(facility__parent=facilities, municipality=town, facility__latitude=SPOT[0])

    events = EventIndexPageFactory(parent=home, slug="paging-events")
    for _n in range(ROWS // 2):
        # Two dates each, every one starting at the same time at the same place.
        EventPageFactory(
            parent=events,
            title="ページング講座",
            start_date=START,
            rrule="FREQ=DAILY;COUNT=2",
            start_time=time(10, 0),
            lat=SPOT[0],
            lng=SPOT[1],
        )
    EventPageFactory(parent=events, title="ページング講座", start_date=START, lat=SPOT[0], lng=SPOT[1])

    category = GarbageCategory.objects.create(municipality=town, locale=ja, code="burnable", name="燃やせるごみ")
    for n in range(ROWS):
        CollectionArea.objects.create(municipality=town, code=f"paging-{n:02d}", name=f"ページング地区{n % 5}")
        SortingItem.objects.create(
            municipality=town, locale=ja, category=category, name=f"ぺーじんぐ品{n % 3}", reading="ぺーじんぐ"
        )
    for n in range(ROWS):
        add_page(home, f"ページング案内{n % 4}", "ページングの説明です。")
    return {"area": "paging-00", "nursery": NurseryFactory._meta.model.objects.order_by("pk").first().pk}


_rows = module_rows(_build)


@pytest.fixture
def rows(_rows, site_tree):
    return _rows


NEAR = {"lat": SPOT[0], "lng": SPOT[1], "radius_m": 5000}
WINDOW = {"start": START.isoformat(), "end": "2030-06-30"}
LISTS = {
    "facilities": ("/api/v1/facilities", {}),
    "facilities near": ("/api/v1/facilities", NEAR),
    "facilities.geojson": ("/api/v1/facilities.geojson", {}),
    "nurseries": ("/api/v1/nurseries", {}),
    "nurseries near": ("/api/v1/nurseries", NEAR),
    "events": ("/api/v1/events", WINDOW),
    "events near": ("/api/v1/events", {**WINDOW, **NEAR}),
    "garbage areas": ("/api/v1/garbage/areas", {"municipality": "372013"}),
    "garbage items": ("/api/v1/garbage/items", {"municipality": "372013", "q": "ぺーじんぐ"}),
    "search": ("/api/v1/search", {"q": "ページング", "type": "pages"}),
}


def _items(body: dict) -> list:
    return body["features"] if body.get("type") == "FeatureCollection" else body["items"]


@pytest.mark.parametrize("name", LISTS)
def test_walking_next_returns_every_match_exactly_once(client, rows, name):
    path, params = LISTS[name]
    everything = client.get(path, {**params, "limit": 1000}).json()
    assert everything["count"] >= ROWS
    assert everything["next"] is None

    walked, pages = [], 0
    body = client.get(path, {**params, "limit": 7}).json()
    while True:
        pages += 1
        assert body["count"] == everything["count"]
        walked.extend(_items(body))
        if body["next"] is None:
            break
        assert body["next"].startswith("http://testserver" + path + "?")
        assert parse_qs(urlsplit(body["next"]).query)["offset"] == [str(pages * 7)]
        body = client.get(body["next"]).json()
    assert pages == -(-everything["count"] // 7)
    assert walked == _items(everything)
    assert len(walked) == everything["count"]


def test_next_keeps_the_query_and_the_requested_scheme_and_host(client, rows):
    body = client.get("/api/v1/facilities", {"q": "ページング", "limit": 5}, secure=True, HTTP_HOST="city.example.jp")
    url = urlsplit(body.json()["next"])
    assert (url.scheme, url.netloc, url.path) == ("https", "city.example.jp", "/api/v1/facilities")
    assert parse_qs(url.query) == {"q": ["ページング"], "limit": ["5"], "offset": ["5"]}


@pytest.mark.parametrize("name", LISTS)
def test_offset_beyond_the_end_is_empty_with_the_same_count(client, rows, name):
    path, params = LISTS[name]
    count = client.get(path, params).json()["count"]
    body = client.get(path, {**params, "offset": count + 10}).json()
    assert _items(body) == []
    assert body["count"] == count
    assert body["next"] is None


@pytest.mark.parametrize("name", LISTS)
def test_negative_offset_is_a_422_that_names_it(client, rows, name):
    path, params = LISTS[name]
    response = client.get(path, {**params, "offset": -1})
    assert response.status_code == 422
    assert "offset" in response.json()["detail"]


def test_nursery_vacancy_history_pages_too(client, rows):
    body = client.get(f"/api/v1/nurseries/{rows['nursery']}/vacancies", {"offset": 3}).json()
    assert body["items"] == [] and body["count"] == 0 and body["next"] is None


def test_urls_in_answers_use_the_requested_scheme_and_host(client, rows):
    host = {"secure": True, "HTTP_HOST": "city.example.jp"}
    answers = [
        client.get("/api/v1/facilities", {"limit": 1}, **host).json()["items"][0]["url"],
        client.get("/api/v1/nurseries", {"limit": 1}, **host).json()["items"][0]["url"],
        client.get("/api/v1/events", {**WINDOW, "limit": 1}, **host).json()["items"][0]["url"],
        client.get("/api/v1/search", {"q": "ページング", "limit": 1}, **host).json()["items"][0]["url"],
    ]
    for url in answers:
        assert url.startswith("https://city.example.jp/ja/"), url


def _get_operations(schema: dict):
    for path, operations in schema["paths"].items():
        if "get" in operations:
            yield path, operations["get"]


def _filled(path: str, operation: dict, rows: dict) -> tuple[str, dict]:
    """The operation's URL with its path parameters and required query parameters filled in."""
    values = {"code": rows["area"], "nursery_id": rows["nursery"], "q": "高松市番町"}
    query = {}
    for param in operation.get("parameters", []):
        name = param["name"]
        if param["in"] == "path":
            path = path.replace("{" + name + "}", str(values[name]))
        elif param["in"] == "query" and param.get("required"):
            query[name] = values[name]
    return path, query


def test_an_unknown_parameter_is_a_422_naming_it_on_every_get(client, rows):
    schema = client.get("/api/v1/openapi.json").json()
    operations = list(_get_operations(schema))
    assert len(operations) >= 10
    for path, operation in operations:
        url, query = _filled(path, operation, rows)
        assert client.get(url, query).status_code == 200, url  # the filled request itself is fine
        response = client.get(url, {**query, "limt": "5"})
        assert response.status_code == 422, url
        detail = response.json()["detail"]
        assert "limt" in detail, url
        declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
        assert response.json()["accepted"] == sorted(declared), url
        for name in declared:
            assert name in detail, (url, name)


def test_cors_header_on_api_gets_and_errors(client, rows):
    assert client.get("/api/v1/facilities")["Access-Control-Allow-Origin"] == "*"
    assert client.head("/api/v1/facilities")["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/v1/nurseries/0/vacancies")["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/v1/facilities", {"ofset": 1})["Access-Control-Allow-Origin"] == "*"


def test_cors_preflight_answers_204(client):
    response = client.options(
        "/api/v1/facilities",
        HTTP_ORIGIN="https://map.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="accept-language",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "Accept-Language" in response["Access-Control-Allow-Headers"]


def test_no_cors_header_on_the_admin_or_a_page(client, site_tree):
    for url in ["/admin/login/", "/ja/"]:
        response = client.get(url, HTTP_ORIGIN="https://map.example.org")
        assert response.status_code == 200, url
        assert "Access-Control-Allow-Origin" not in response, url
    assert "Access-Control-Allow-Origin" not in client.options("/ja/", HTTP_ORIGIN="https://map.example.org")


@override_settings(CORS_ALLOW_ORIGINS=["https://app.example.jp", "https://map.example.org"])
def test_cors_allow_origins_echoes_only_a_listed_origin(client, site_tree):
    listed = client.get("/api/v1/facilities", HTTP_ORIGIN="https://map.example.org")
    assert listed["Access-Control-Allow-Origin"] == "https://map.example.org"
    assert "Origin" in listed["Vary"]
    other = client.get("/api/v1/facilities", HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in other
    assert "Origin" in other["Vary"]
    preflight = client.options("/api/v1/facilities", HTTP_ORIGIN="https://app.example.jp")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "https://app.example.jp"


def test_api_docs_reference_nothing_outside_the_site(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    assert re.findall(r"(?:https?:)?//[\w.-]+", html) == []
