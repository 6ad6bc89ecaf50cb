"""/api/v1/geocode, /api/v1/facilities and /api/v1/facilities.geojson (SQLite, and PostgreSQL with DATABASE_URL)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from geopy.distance import geodesic

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "facilities"
BANCHO_1 = (34.34253, 134.046355)


@pytest.fixture
def takamatsu_facilities(site_tree, municipality):
    for kind, name in [
        ("facilities", "takamatsu_0035_libraries.csv"),
        ("facilities", "takamatsu_0004_community_centres.csv"),
        ("aed", "takamatsu_0002_aed.csv"),
    ]:
        call_command("import_opendata", kind, str(FIXTURES / name), "--municipality", "372013", stdout=StringIO())


def test_geocode(client):
    response = client.get("/api/v1/geocode", {"q": "高松市番町１丁目"})
    assert response.status_code == 200
    assert response.json() == {
        "lat": BANCHO_1[0],
        "lng": BANCHO_1[1],
        "matched": "香川県高松市番町一丁目",
        "level": "town",
    }


def test_geocode_city_level_and_empty_query(client):
    assert client.get("/api/v1/geocode", {"q": "千葉県市川市どこか"}).json()["level"] == "city"
    response = client.get("/api/v1/geocode", {"q": ""})
    assert response.status_code == 422
    assert "q" in response.json()["detail"]


def test_geocode_not_found_is_404(client):
    response = client.get("/api/v1/geocode", {"q": "どこでもない"})
    assert response.status_code == 404
    assert "どこでもない" in response.json()["detail"]


def test_facilities_nearest_first_with_distances(client, takamatsu_facilities, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(
            "/api/v1/facilities", {"lat": BANCHO_1[0], "lng": BANCHO_1[1], "radius_m": 1500, "limit": 5}
        )
    assert response.status_code == 200
    body = response.json()
    items = body["items"]
    assert len(items) == 5
    assert body["count"] > 5
    distances = [item["distance_m"] for item in items]
    assert distances == sorted(distances)
    for item in items:
        assert item["distance_m"] == pytest.approx(geodesic(BANCHO_1, (item["lat"], item["lng"])).meters, abs=0.1)
        assert item["distance_m"] <= 1500
    assert set(items[0]) == {
        "id",
        "name",
        "category",
        "address",
        "lat",
        "lng",
        "distance_m",
        "url",
        "open_now",
        "opens_at",
        "closes_at",
        "roles",
    }
    assert items[0]["url"].startswith("http")


def test_query_count_does_not_grow_with_results(client, takamatsu_facilities, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        big = client.get("/api/v1/facilities", {"lat": BANCHO_1[0], "lng": BANCHO_1[1], "radius_m": 50000, "limit": 80})
    assert len(big.json()["items"]) == 80


def test_filters_category_and_text(client, takamatsu_facilities):
    libraries = client.get("/api/v1/facilities", {"category": "library"}).json()
    assert libraries["count"] == 5
    assert {item["category"]["code"] for item in libraries["items"]} == {"library"}
    assert all(item["distance_m"] is None for item in libraries["items"])
    found = client.get("/api/v1/facilities", {"q": "中央図書館"}).json()
    assert [item["name"] for item in found["items"]] == ["高松市中央図書館"]


def test_geojson(client, takamatsu_facilities):
    response = client.get(
        "/api/v1/facilities.geojson", {"lat": BANCHO_1[0], "lng": BANCHO_1[1], "radius_m": 800, "category": "aed"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection"
    first = body["features"][0]
    lng, lat = first["geometry"]["coordinates"]
    assert first["geometry"]["type"] == "Point"
    assert first["properties"]["distance_m"] == pytest.approx(geodesic(BANCHO_1, (lat, lng)).meters, abs=0.1)
    assert first["properties"]["category"]["code"] == "aed"


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"lat": 135, "lng": 34}, 422, "lat"),
        ({"lat": 34.3, "lng": 200}, 422, "lng"),
        ({"lat": 34.3}, 400, "both lat and lng"),
        ({"lat": 34.3, "lng": 134.0, "radius_m": -5}, 422, "radius_m"),
        ({"lat": 34.3, "lng": 134.0, "radius_m": 10_000_000}, 422, "radius_m"),
        ({"lat": "north", "lng": 134.0}, 422, "lat"),
        ({"radius_m": 500}, 400, "needs lat and lng"),
        ({"category": "casino"}, 400, "Unknown category"),
        ({"locale": "xx"}, 422, "locale"),
        ({"limit": 5000}, 422, "limit"),
    ],
)
def test_bad_parameters_say_why(client, site_tree, params, status, words):
    for path in ("/api/v1/facilities", "/api/v1/facilities.geojson"):
        response = client.get(path, params)
        assert response.status_code == status, response.content
        assert words in response.json()["detail"]


def test_openapi_documents_the_routes(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/geocode", "/api/v1/facilities", "/api/v1/facilities.geojson"):
        assert path in paths
    params = {p["name"] for p in paths["/api/v1/facilities"]["get"]["parameters"]}
    assert {"lat", "lng", "radius_m", "category", "q", "limit", "locale"} <= params


def test_geocode_assumes_the_sites_city(client):
    for q in ("番町１丁目", "番町1丁目8-15"):
        response = client.get("/api/v1/geocode", {"q": q})
        assert response.status_code == 200, q
        assert response.json()["matched"] == "香川県高松市番町一丁目"


@pytest.fixture
def library_with_aed(takamatsu_facilities, municipality, tmp_path):
    """The libraries, and the row of 高松市's real AED list (data/opendata) that is the central library's."""
    from django.conf import settings

    from opendata.reading import decode_bytes

    real = Path(settings.BASE_DIR) / "data" / "opendata" / "takamatsu-opendata" / "0002.csv"
    lines = decode_bytes(real.read_bytes()).splitlines()
    header = next(n for n, line in enumerate(lines) if not line.startswith("#"))
    rows = [line for line in lines[header + 1 :] if line.split(",")[0] == "中央図書館" or ",中央図書館," in line]
    assert rows, "the central library's AED row is in the real file"
    trimmed = tmp_path / "aed.csv"
    trimmed.write_text("\n".join([*lines[: header + 1], *rows]) + "\n", encoding="utf-8")
    call_command("import_opendata", "aed", str(trimmed), "--municipality", "372013", stdout=StringIO())


def test_open_now_lists_only_what_is_open_at_this_moment(client, library_with_aed, monkeypatch):
    from datetime import datetime

    from japanese import dates

    # Saturday 2026-11-28 18:37: the libraries closed at 17:00 (土日祝は17:00まで).
    monkeypatch.setattr(dates, "now_in_japan", lambda: datetime(2026, 11, 28, 18, 37, tzinfo=dates.TOKYO))
    closed = client.get("/api/v1/facilities", {"category": "library", "open_now": "false"}).json()
    assert "高松市中央図書館" in [item["name"] for item in closed["items"]]
    library = next(item for item in closed["items"] if item["name"] == "高松市中央図書館")
    assert library["open_now"] is False
    assert library["opens_at"] == "2026-11-29T09:30:00+09:00"
    assert library["closes_at"] is None
    assert library["roles"] == ["library", "aed"]
    assert client.get("/api/v1/facilities", {"category": "library", "open_now": "true"}).json()["count"] == 0

    # Friday 18:37: open until 19:00.
    monkeypatch.setattr(dates, "now_in_japan", lambda: datetime(2026, 11, 27, 18, 37, tzinfo=dates.TOKYO))
    body = client.get("/api/v1/facilities", {"open_now": "true", "q": "中央図書館"}).json()
    assert [(item["name"], item["open_now"], item["closes_at"]) for item in body["items"]] == [
        ("高松市中央図書館", True, "2026-11-27T19:00:00+09:00")
    ]


def test_the_aed_category_finds_the_library_that_has_one(client, library_with_aed):
    names = [
        item["name"] for item in client.get("/api/v1/facilities", {"category": "aed", "limit": 1000}).json()["items"]
    ]
    assert "高松市中央図書館" in names and "中央図書館" not in names


def test_open_now_rejects_a_non_boolean(client):
    response = client.get("/api/v1/facilities", {"open_now": "maybe"})
    assert response.status_code == 422
    assert "open_now" in response.json()["detail"]
