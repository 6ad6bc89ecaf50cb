"""GET /api/v1/events on the real database: windows, filters, errors, query counts, iCalendar agreement."""

from datetime import date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from services.events.factories import EventPageFactory
from services.events.ics import from_ical
from services.events.recurrence import TOKYO, day_window, occurrences_between

URL = "/api/v1/events"
LIBRARY = (34.3266, 134.0480)  # 高松市中央図書館 (昭和町), from the facilities' own data
STATION = (34.3507, 134.0467)  # 高松駅 area, 2.7 km north


def make(index, **kwargs):
    return EventPageFactory(parent=index, **kwargs)


@pytest.fixture
def events(index):
    market = make(
        index,
        title="第2土曜マルシェ",
        start_date=date(2030, 5, 11),
        start_time=time(9),
        end_time=time(12),
        rrule="FREQ=MONTHLY;BYDAY=2SA;UNTIL=20301231",
        exdates="20300810",
        lat=STATION[0],
        lng=STATION[1],
        venue_name="サンポート高松",
        fee=0,
        tags=["観光"],
    )
    storytime = make(
        index,
        title="おはなし会",
        start_date=date(2030, 5, 1),
        start_time=time(11),
        end_time=time(11, 30),
        rrule="FREQ=WEEKLY;BYDAY=WE;COUNT=8",
        lat=LIBRARY[0],
        lng=LIBRARY[1],
        venue_name="高松市中央図書館",
        fee=0,
        audience="families",
        tags=["子育て"],
    )
    exhibition = make(
        index,
        title="菊池寛 展",
        start_date=date(2030, 4, 20),
        start_time=None,
        end_time=None,
        end_date=date(2030, 6, 30),
        all_day=True,
        venue_name="菊池寛記念館",
        fee=500,
        tags=["文化・スポーツ"],
    )
    return market, storytime, exhibition


def test_window_lists_every_date_that_overlaps_it_in_start_order(client, events):
    response = client.get(URL, {"start": "2030-05-01", "end": "2030-05-31"})
    assert response.status_code == 200
    body = response.json()
    titles = [(item["title"], item["start"][:10]) for item in body["items"]]
    assert titles == [
        ("菊池寛 展", "2030-04-20"),
        ("おはなし会", "2030-05-01"),
        ("おはなし会", "2030-05-08"),
        ("第2土曜マルシェ", "2030-05-11"),
        ("おはなし会", "2030-05-15"),
        ("おはなし会", "2030-05-22"),
        ("おはなし会", "2030-05-29"),
    ]
    assert body["count"] == 7


def test_item_shape_times_in_japan_time(client, events):
    market = events[0]
    (item,) = client.get(URL, {"start": "2030-06-08", "end": "2030-06-08", "q": "マルシェ"}).json()["items"]
    assert item["start"] == "2030-06-08T09:00:00+09:00"
    assert item["end"] == "2030-06-08T12:00:00+09:00"
    assert item["all_day"] is False
    assert item["venue"] == {
        "name": "サンポート高松",
        "address": market.address,
        "lat": STATION[0],
        "lng": STATION[1],
        "url": None,
    }
    assert item["url"] == "http://testserver/ja/events/" + market.slug + "/"
    assert item["ics_url"] == item["url"] + "ics/"
    assert item["tags"] == ["観光"]
    assert item["fee"] == 0


@pytest.mark.parametrize("q", ["マルシェ", "まるしぇ", "ﾏﾙｼｪ", "サンポート"])
def test_text_filter_uses_the_japanese_search(client, events, q):
    """Kana, half-width and the venue all find the market, as the site search does."""
    body = client.get(URL, {"start": "2030-06-08", "end": "2030-06-08", "q": q}).json()
    assert [item["title"] for item in body["items"]] == ["第2土曜マルシェ"]


def test_text_filter_that_matches_nothing_lists_nothing(client, events):
    body = client.get(URL, {"start": "2030-05-01", "end": "2030-05-31", "q": "存在しない催し"}).json()
    assert body["count"] == 0


def test_excluded_date_is_not_listed(client, events):
    body = client.get(URL, {"start": "2030-08-01", "end": "2030-08-31", "q": "マルシェ"}).json()
    assert body["count"] == 0


def test_all_day_event_ends_at_midnight_after_its_last_day(client, events):
    body = client.get(URL, {"start": "2030-06-30", "end": "2030-06-30", "tag": "文化・スポーツ"}).json()
    (item,) = body["items"]
    assert (item["start"], item["end"], item["all_day"]) == (
        "2030-04-20T00:00:00+09:00",
        "2030-07-01T00:00:00+09:00",
        True,
    )
    assert client.get(URL, {"start": "2030-07-01", "end": "2030-07-01", "tag": "文化・スポーツ"}).json()["count"] == 0


def test_near_a_point_sorted_by_distance_within_the_radius(client, events):
    params = {"start": "2030-05-01", "end": "2030-05-31", "lat": LIBRARY[0], "lng": LIBRARY[1]}
    body = client.get(URL, {**params, "radius_m": 1000}).json()
    assert {item["title"] for item in body["items"]} == {"おはなし会"}
    assert body["items"][0]["distance_m"] == 0.0
    wider = client.get(URL, {**params, "radius_m": 5000}).json()
    assert [item["title"] for item in wider["items"]][-1] == "第2土曜マルシェ"
    assert 2500 < wider["items"][-1]["distance_m"] < 3000


def test_tag_audience_free_and_limit_filters(client, events):
    window = {"start": "2030-05-01", "end": "2030-05-31"}
    assert {i["title"] for i in client.get(URL, {**window, "tag": "子育て"}).json()["items"]} == {"おはなし会"}
    assert {i["title"] for i in client.get(URL, {**window, "audience": "families"}).json()["items"]} == {"おはなし会"}
    assert "菊池寛 展" not in {i["title"] for i in client.get(URL, {**window, "free": "true"}).json()["items"]}
    limited = client.get(URL, {**window, "limit": 2}).json()
    assert (len(limited["items"]), limited["count"]) == (2, 7)


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"start": "2030-02-30"}, 422, "start"),
        ({"start": "2030-05-10", "end": "2030-05-01"}, 400, "before the start"),
        ({"start": "2030-01-01", "end": "2031-12-31"}, 400, "at most"),
        ({"lat": "34.3"}, 400, "lng"),
        ({"lat": "134.3", "lng": "34.3"}, 422, "lat"),
        ({"radius_m": "500"}, 400, "radius_m needs lat and lng"),
        ({"lat": "34.3", "lng": "134.0", "radius_m": "-5"}, 422, "radius_m"),
        ({"audience": "aliens"}, 422, "audience"),
        ({"locale": "xx"}, 422, "locale"),
        ({"limit": "0"}, 422, "limit"),
    ],
)
def test_bad_parameters_say_why(client, events, params, status, message):
    response = client.get(URL, params)
    assert response.status_code == status
    assert message in response.json()["detail"]


def test_query_count_does_not_grow_with_the_number_of_events(client, index, django_assert_max_num_queries):
    for n in range(3):
        make(index, title=f"講座{n}", start_date=date(2030, 5, 1 + n), rrule="FREQ=WEEKLY;COUNT=4", tags=["健康"])
    # 10: the window's rows and count, tags, locale, and the requested site with its home pages.
    # Each measure is of a warm server (home.lookups caches the site's lookups until a change).
    client.get(URL, {"start": "2030-05-01", "end": "2030-05-31"})
    with django_assert_max_num_queries(10) as few:
        assert client.get(URL, {"start": "2030-05-01", "end": "2030-05-31"}).json()["count"] == 12
    counted = len(few.captured_queries)  # before the next request empties Django's query log
    for n in range(10):
        make(
            index,
            title=f"教室{n}",
            start_date=date(2030, 5, 1 + n),
            rrule="FREQ=WEEKLY;COUNT=4",
            tags=["健康", "子育て"],
        )
    client.get(URL, {"start": "2030-05-01", "end": "2030-05-31"})
    with django_assert_max_num_queries(counted):
        assert client.get(URL, {"start": "2030-05-01", "end": "2030-05-31"}).json()["count"] == 12 + 40


def test_openapi_documents_the_events_endpoint(client, db):  # the response's lifetime asks for banners
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/events"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"start", "end", "lat", "lng", "radius_m", "tag", "q", "locale", "limit"} <= names


def test_event_ics_parses_back_to_the_dates_the_api_lists(client, events):
    market = events[0]
    response = client.get(market.url + "ics/")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    (parsed,) = from_ical(response.content)
    window = day_window(date(2030, 5, 1), date(2030, 12, 31))
    from_calendar = [o.start for o in occurrences_between(parsed.schedule, *window)]
    api = client.get(URL, {"start": "2030-05-01", "end": "2030-12-31", "q": "マルシェ"}).json()["items"]
    assert from_calendar == [datetime.fromisoformat(item["start"]) for item in api]
    assert len(from_calendar) == 7  # 8 second Saturdays less 10 August
    assert parsed.uid == f"event-{market.pk}@takamatsu.localhost"  # the site's own hostname


def test_feed_per_tag_holds_only_that_tag_and_every_feed_has_the_tokyo_zone(client, index, events):
    everything = Calendar.from_ical(client.get(index.url + "feed/").content)
    assert {str(e["summary"]) for e in everything.walk("VEVENT")} == {"第2土曜マルシェ", "おはなし会", "菊池寛 展"}
    assert [str(tz["tzid"]) for tz in everything.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    children = Calendar.from_ical(client.get(index.url + "tags/子育て/feed/").content)
    assert [str(e["summary"]) for e in children.walk("VEVENT")] == ["おはなし会"]
    (event,) = children.walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2030, 5, 1, 11, tzinfo=TOKYO)
    assert "RRULE" in event and "COUNT=8" in event["rrule"].to_ical().decode()


def test_feed_leaves_out_events_over_more_than_a_month_ago(client, index):
    make(index, title="昔の催し", start_date=date(2020, 5, 1))
    recent = make(index, title="来年の催し", start_date=date.today() + timedelta(days=400))
    feed = Calendar.from_ical(client.get(index.url + "feed/").content)
    assert [str(e["uid"]) for e in feed.walk("VEVENT")] == [f"event-{recent.pk}@takamatsu.localhost"]


def test_feed_shows_an_event_published_after_it_was_last_fetched(client, index, events):
    before = Calendar.from_ical(client.get(index.url + "feed/").content)
    assert "防災訓練" not in {str(e["summary"]) for e in before.walk("VEVENT")}
    make(index, title="防災訓練", start_date=date(2030, 9, 1), tags=["防災"])
    after = Calendar.from_ical(client.get(index.url + "feed/").content)
    assert "防災訓練" in {str(e["summary"]) for e in after.walk("VEVENT")}


def test_notices_are_marked_and_can_be_asked_for_or_left_out(client, index, settings):
    """A date over EVENTS_NOTICE_MIN_DAYS (14 by default) is a notice: `notice` says so, `notices=true`
    keeps only those, `notices=false` only dated events, and without the parameter both come as before."""
    make(index, title="二週間の展示", start_date=date(2030, 6, 1), end_date=date(2030, 6, 14), all_day=True)
    make(index, title="補助金の申請受付", start_date=date(2030, 4, 1), end_date=date(2031, 3, 31), all_day=True)
    make(index, title="入札のお知らせ", start_date=date(2030, 6, 1), end_date=date(2030, 6, 15), all_day=True)
    window = {"start": "2030-06-01", "end": "2030-06-30"}

    def titles(**params):
        body = client.get(URL, {**window, **params}).json()
        return {item["title"]: item["notice"] for item in body["items"]}

    assert titles() == {"二週間の展示": False, "補助金の申請受付": True, "入札のお知らせ": True}
    assert titles(notices="true") == {"補助金の申請受付": True, "入札のお知らせ": True}
    assert titles(notices="false") == {"二週間の展示": False}
    settings.EVENTS_NOTICE_MIN_DAYS = 30
    assert titles(notices="false") == {"二週間の展示": False, "入札のお知らせ": False}
