"""The garbage API and .ics feed on the demo city (Takamatsu) and Kanazawa."""

from datetime import date, timedelta

import pytest
from icalendar import Calendar

from japanese.dates import today_in_japan
from services.garbage.models import (
    CollectionArea,
    CollectionException,
    CollectionPolicy,
    CollectionRule,
    GarbageCategory,
)


@pytest.fixture
def area(takamatsu):
    return CollectionArea.objects.get(municipality=takamatsu, name__startswith="高松第一")


def test_areas_list_and_search_by_town_and_address(client, takamatsu):
    data = client.get("/api/v1/garbage/areas", {"municipality": "372013"}).json()
    assert data["count"] == 8
    assert set(data["items"][0]) == {"code", "name", "municipality", "town"}
    assert data["items"][0]["municipality"] == "372013"
    by_town = client.get("/api/v1/garbage/areas", {"municipality": "372013", "q": "松島"}).json()
    assert [item["name"][:4] for item in by_town["items"]] == ["高松第一"]
    by_address = client.get("/api/v1/garbage/areas", {"municipality": "372013", "q": "高松市屋島西町2280"}).json()
    assert [item["name"] for item in by_address["items"]] == ["屋島・古高松・牟礼南部"]
    limited = client.get("/api/v1/garbage/areas", {"limit": 2}).json()
    assert len(limited["items"]) == 2 and limited["count"] == 8


def test_collections_of_an_area_in_a_range(client, area):
    response = client.get(
        f"/api/v1/garbage/areas/{area.code}/collections", {"start": "2025-01-01", "end": "2025-01-14"}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["area"] == {"code": area.code, "name": area.name, "municipality": "372013"}
    burnable = [c["date"] for c in data["collections"] if c["category"]["name"] == "燃やせるごみ"]
    assert burnable == ["2025-01-03", "2025-01-07", "2025-01-10", "2025-01-14"]  # 毎週火・金曜日
    first = data["collections"][0]
    assert set(first) == {"date", "category", "note"}
    assert set(first["category"]) == {"code", "name", "color", "how_to_put_out"}
    assert first["category"]["color"].startswith("#")


def test_collections_in_english(client, area):
    data = client.get(
        f"/api/v1/garbage/areas/{area.code}/collections",
        {"start": "2025-01-01", "end": "2025-01-07", "locale": "en"},
    ).json()
    assert "Burnable waste" in {c["category"]["name"] for c in data["collections"]}


def test_exceptions_show_in_the_collections(client, area, takamatsu):
    burnable = GarbageCategory.objects.get(municipality=takamatsu, name="燃やせるごみ", locale__language_code="ja")
    CollectionException.objects.create(
        municipality=takamatsu, area=area, category=burnable, kind="moved",
        day=date(2025, 1, 3), new_day=date(2025, 1, 4), note="1月3日から変更",
    )  # fmt: skip
    CollectionException.objects.create(
        municipality=takamatsu, area=None, category=None, kind="cancelled", day=date(2025, 1, 7)
    )
    data = client.get(
        f"/api/v1/garbage/areas/{area.code}/collections", {"start": "2025-01-01", "end": "2025-01-10"}
    ).json()
    burnable_days = [(c["date"], c["note"]) for c in data["collections"] if c["category"]["name"] == "燃やせるごみ"]
    assert burnable_days == [("2025-01-04", "1月3日から変更"), ("2025-01-10", "")]


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"start": "2025-02-01", "end": "2025-01-01"}, 400, "before start"),
        ({"start": "2025-01-01", "end": "2026-03-01"}, 400, "at most 400"),
        ({"start": "2019-13-40", "end": "2020-01-01"}, 422, "start"),
        ({"start": "2025-01-01", "locale": "xx"}, 422, "locale"),
    ],
)
def test_bad_parameters_say_why(client, area, params, status, words):
    response = client.get(f"/api/v1/garbage/areas/{area.code}/collections", params)
    assert response.status_code == status
    assert words in response.json()["detail"]


def test_bad_municipality_code_is_422(client, takamatsu):
    response = client.get("/api/v1/garbage/areas", {"municipality": "12"})
    assert response.status_code == 422
    assert "'12' is not a valid 6-digit" in response.json()["detail"]
    assert "this site serves 高松市 (372013)" in response.json()["detail"]


def test_unknown_area_is_404(client, takamatsu):
    assert client.get("/api/v1/garbage/areas/nope/collections").status_code == 404
    assert client.get("/api/v1/garbage/areas/nope/calendar.ics").status_code == 404


def test_collection_queries_do_not_grow_with_rules(client, area, django_assert_max_num_queries):
    url = f"/api/v1/garbage/areas/{area.code}/collections"
    client.get(url)  # a running server has its per-process lookups (the banners' next change) cached
    with django_assert_max_num_queries(8):  # two of them find the site and its city
        client.get(url, {"start": "2025-01-01", "end": "2025-12-31"})
    category = CollectionRule.objects.filter(area=area).first().category
    CollectionRule.objects.bulk_create(
        CollectionRule(area=area, category=category, kind="dates", dates=[f"2025-03-{day:02d}"]) for day in range(1, 29)
    )
    with django_assert_max_num_queries(8):
        data = client.get(url, {"start": "2025-01-01", "end": "2025-12-31"}).json()
    assert "2025-03-15" in {c["date"] for c in data["collections"]}


@pytest.mark.parametrize("spelling", ["ペットボトル", "ぺっとぼとる", "ﾍﾟｯﾄﾎﾞﾄﾙ", "PETボトル", "ＰＥＴボトル"])
def test_dictionary_finds_pet_bottles_however_spelt(client, takamatsu, spelling):
    data = client.get("/api/v1/garbage/items", {"q": spelling, "municipality": "372013"}).json()
    assert data["items"][0]["name"] == "ペットボトル（飲料・酒・醤油用など）"
    assert data["items"][0]["category"]["name"] == "缶・びん・ペットボトル"
    assert set(data["items"][0]) == {"name", "reading", "category", "notice"}


@pytest.mark.parametrize("spelling", ["電池", "でんち", "デンチ", "電池はどうやって捨てるの？"])
def test_dictionary_finds_batteries_by_reading_and_question(client, takamatsu, spelling):
    data = client.get("/api/v1/garbage/items", {"q": spelling, "municipality": "372013"}).json()
    names = [item["name"] for item in data["items"]]
    assert "筒型乾電池" in names
    assert data["count"] == len(names) >= 3


def test_dictionary_short_question_spray_can(client, takamatsu):
    data = client.get("/api/v1/garbage/items", {"q": "スプレー缶 捨て方", "municipality": "372013"}).json()
    assert data["items"][0]["name"] == "スプレー缶"
    assert "穴を開ける" in data["items"][0]["notice"]


def test_dictionary_in_english(client, takamatsu):
    data = client.get("/api/v1/garbage/items", {"q": "spray", "municipality": "372013", "locale": "en"}).json()
    assert data["items"][0] == {
        "name": "Spray cans",
        "reading": data["items"][0]["reading"],
        "category": {
            "code": data["items"][0]["category"]["code"],
            "name": "Cans, bottles and PET bottles",
            "how_to_put_out": {
                "bag": "",
                "put_out_by": "",
                "place": "",
                "fee": "",
                "notes": "Empty and rinsed, caps removed. Spray cans: used up, and pierced outdoors away "
                "from any flame.",
            },
        },
        "notice": data["items"][0]["notice"],
    }
    japanese_query = client.get("/api/v1/garbage/items", {"q": "傘", "locale": "en"}).json()
    assert japanese_query["items"][0]["name"] == "Umbrella"


def test_ics_feed_equals_the_api_date_by_date(client, area):
    response = client.get(f"/api/v1/garbage/areas/{area.code}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"REFRESH-INTERVAL;VALUE=DURATION:P1D" in response.content
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    feed = sorted((e.decoded("dtstart"), str(e["summary"])) for e in events)
    today = today_in_japan()
    api = []
    start = today
    end_of_feed = today + timedelta(days=365)
    while start <= end_of_feed:
        end = min(start + timedelta(days=399), end_of_feed)
        data = client.get(
            f"/api/v1/garbage/areas/{area.code}/collections", {"start": start.isoformat(), "end": end.isoformat()}
        ).json()
        api += [(date.fromisoformat(c["date"]), c["category"]["name"]) for c in data["collections"]]
        start = end + timedelta(days=1)
    assert feed == sorted(api)
    assert all(not isinstance(e.decoded("dtstart"), type(None)) and type(e.decoded("dtstart")) is date for e in events)
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    again = Calendar.from_ical(client.get(f"/api/v1/garbage/areas/{area.code}/calendar.ics").content)
    assert [str(e["uid"]) for e in again.walk("VEVENT")] == uids
    assert any("DESCRIPTION" in e for e in events)


def test_ics_in_english_names_categories_in_english(client, area):
    calendar = Calendar.from_ical(client.get(f"/api/v1/garbage/areas/{area.code}/calendar.ics?locale=en").content)
    assert "Burnable waste" in {str(e["summary"]) for e in calendar.walk("VEVENT")}


def test_openapi_documents_the_garbage_routes(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in [
        "/api/v1/garbage/areas",
        "/api/v1/garbage/areas/{code}/collections",
        "/api/v1/garbage/areas/{code}/calendar.ics",
        "/api/v1/garbage/items",
    ]:
        assert path in paths


def test_holidays_are_skipped_when_the_municipality_does_not_collect_on_them(client, area, takamatsu):
    # 2025-02-11 (建国記念の日) is a Tuesday: a 燃やせるごみ day of this area (毎週火・金曜日).
    params = {"start": "2025-02-10", "end": "2025-02-12"}
    url = f"/api/v1/garbage/areas/{area.code}/collections"
    collected = [
        c["date"] for c in client.get(url, params).json()["collections"] if c["category"]["name"] == "燃やせるごみ"
    ]
    assert collected == ["2025-02-11"]
    CollectionPolicy.objects.create(municipality=takamatsu, collect_on_holidays=False)
    skipped = [
        c["date"] for c in client.get(url, params).json()["collections"] if c["category"]["name"] == "燃やせるごみ"
    ]
    assert skipped == []


def test_centre_shutdown_drops_days_in_the_area_calendar(client, area):
    data = client.get(
        f"/api/v1/garbage/areas/{area.code}/collections", {"start": "2026-12-28", "end": "2027-01-08"}
    ).json()
    days = {c["date"] for c in data["collections"]}
    assert not days & {"2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"}
    assert ("2026-12-30", "年末の臨時収集") in {(c["date"], c["note"]) for c in data["collections"]}


def test_an_address_with_prefecture_and_city_matches_only_its_area(client, takamatsu):
    data = client.get("/api/v1/garbage/areas", {"municipality": "372013", "q": "香川県高松市松島町一丁目1-1"}).json()
    assert [item["name"][:4] for item in data["items"]] == ["高松第一"]
