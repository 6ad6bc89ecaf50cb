"""iCalendar output parsed back with the icalendar library: single, recurring, all-day, time zone."""

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from services.events.ics import CalendarEvent, event_uid, from_ical, to_ical
from services.events.recurrence import (
    MONTHLY_BY_WEEKDAY,
    TOKYO,
    WEEKLY,
    Recurrence,
    RepeatChoice,
    Schedule,
    build_recurrence,
    day_window,
    materialise,
    occurrences_between,
)

STAMP = datetime(2026, 4, 1, 3, 0, tzinfo=UTC)


def market():
    start = datetime(2026, 5, 9, 9, 0, tzinfo=TOKYO)
    recurrence = build_recurrence(
        RepeatChoice(
            MONTHLY_BY_WEEKDAY, until=date(2026, 12, 31), excluded=(date(2026, 8, 8),), added=(date(2026, 8, 15),)
        ),
        start,
    )
    return CalendarEvent(
        uid=event_uid(42, "machi.example.jp"),
        title="第2土曜マルシェ; 朝市, 野菜",
        schedule=Schedule(start, start + timedelta(hours=3), False, recurrence),
        description="地元の野菜と果物。\n雨天中止。",
        location="高松市役所前広場, 番町一丁目8-15",
        url="https://machi.example.jp/ja/events/market/",
        lat=34.3401,
        lng=134.0434,
        categories=("観光", "子育て"),
        organiser="高松市 産業振興課",
    )


def raw_event(data: bytes, uid: str):
    return next(c for c in Calendar.from_ical(data).walk("VEVENT") if str(c["uid"]) == uid)


def test_recurring_event_round_trips_exactly():
    event = market()
    data = to_ical([event], "高松市のイベント", STAMP)
    (back,) = from_ical(data)
    assert back.schedule == event.schedule
    assert (back.title, back.description, back.location, back.url) == (
        event.title,
        event.description,
        event.location,
        event.url,
    )
    assert back.categories == event.categories
    assert back.organiser == event.organiser
    assert (back.lat, back.lng) == (event.lat, event.lng)
    assert back.uid == "event-42@machi.example.jp"


def test_recurring_event_expands_to_the_same_dates_in_a_calendar_app():
    event = market()
    (back,) = from_ical(to_ical([event], "feed", STAMP))
    assert materialise(back.schedule) == materialise(event.schedule)
    days = [o.first_day for o in materialise(back.schedule)]
    assert date(2026, 8, 8) not in days
    assert date(2026, 8, 15) in days


def test_times_carry_the_tokyo_zone_and_a_vtimezone_for_it():
    data = to_ical([market()], "feed", STAMP)
    text = data.decode()
    assert "DTSTART;TZID=Asia/Tokyo:20260509T090000" in text
    assert "DTEND;TZID=Asia/Tokyo:20260509T120000" in text
    assert "EXDATE;TZID=Asia/Tokyo:20260808T090000" in text
    assert "RDATE;TZID=Asia/Tokyo:20260815T090000" in text
    assert "RRULE:FREQ=MONTHLY;UNTIL=20261231T145959Z;BYDAY=2SA" in text
    (timezone,) = Calendar.from_ical(data).walk("VTIMEZONE")
    assert str(timezone["tzid"]) == "Asia/Tokyo"
    (standard,) = timezone.walk("STANDARD")
    assert standard["tzoffsetto"].td == timedelta(hours=9)
    assert "COMMENT" not in timezone


def test_start_is_the_same_instant_in_utc():
    event = raw_event(to_ical([market()], "feed", STAMP), "event-42@machi.example.jp")
    assert event.decoded("dtstart").astimezone(UTC) == datetime(2026, 5, 9, 0, 0, tzinfo=UTC)


def test_all_day_event_uses_dates_and_an_exclusive_end():
    schedule = Schedule.all_day_event(date(2026, 11, 3), date(2026, 11, 4))
    data = to_ical([CalendarEvent("event-7@x.jp", "文化の日 フェスタ", schedule)], "feed", STAMP)
    event = raw_event(data, "event-7@x.jp")
    assert event.decoded("dtstart") == date(2026, 11, 3)
    assert event.decoded("dtend") == date(2026, 11, 5)
    assert "VTIMEZONE" not in data.decode()
    (back,) = from_ical(data)
    assert back.schedule == schedule


def test_all_day_weekly_event_with_exdate_round_trips():
    start = datetime(2026, 6, 6, tzinfo=TOKYO)
    recurrence = build_recurrence(RepeatChoice(WEEKLY, count=4, excluded=(date(2026, 6, 13),)), start, all_day=True)
    schedule = Schedule.all_day_event(date(2026, 6, 6), recurrence=recurrence)
    data = to_ical([CalendarEvent("event-8@x.jp", "おはなし会", schedule)], "feed", STAMP)
    assert "EXDATE;VALUE=DATE:20260613" in data.decode()
    (back,) = from_ical(data)
    assert [o.first_day for o in materialise(back.schedule)] == [date(2026, 6, 6), date(2026, 6, 20), date(2026, 6, 27)]


def test_event_without_end_time_has_no_dtend():
    schedule = Schedule.timed(date(2026, 5, 16), time(10))
    data = to_ical([CalendarEvent("event-9@x.jp", "開会式", schedule)], "feed", STAMP)
    assert "DTEND" not in data.decode()
    (back,) = from_ical(data)
    assert back.schedule == schedule


def test_uids_and_output_are_stable_between_exports():
    events = [market(), CalendarEvent("event-9@x.jp", "開会式", Schedule.timed(date(2026, 5, 16), time(10)))]
    assert to_ical(events, "feed", STAMP) == to_ical(events, "feed", STAMP)
    assert [e.uid for e in from_ical(to_ical(events, "feed", STAMP))] == ["event-42@machi.example.jp", "event-9@x.jp"]


def test_floating_times_from_other_calendars_are_read_as_japan_time():
    data = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:a@b\r\n"
        "DTSTAMP:20260101T000000Z\r\nDTSTART:20260516T100000\r\nDTEND:20260516T120000\r\n"
        "SUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (event,) = from_ical(data)
    assert event.schedule.start == datetime(2026, 5, 16, 10, 0, tzinfo=TOKYO)


@settings(max_examples=40, deadline=None)
@given(
    st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(0, 23),
    st.integers(1, 6),
    st.lists(st.integers(1, 25), max_size=3, unique=True),
    st.integers(2, 26),
)
def test_round_trip_keeps_every_weekly_date(start_day, hour, weeks_between, skipped_weeks, count):
    start = datetime.combine(start_day, time(hour), tzinfo=TOKYO)
    excluded = tuple(start_day + timedelta(weeks=weeks_between * n) for n in skipped_weeks)
    recurrence = Recurrence(f"FREQ=WEEKLY;INTERVAL={weeks_between};COUNT={count}", excluded)
    schedule = Schedule(start, start + timedelta(minutes=45), False, recurrence)
    (back,) = from_ical(to_ical([CalendarEvent("p@x", "p", schedule)], "feed", STAMP))
    window = day_window(start_day, start_day + timedelta(weeks=weeks_between * count))
    assert occurrences_between(back.schedule, *window) == occurrences_between(schedule, *window)
