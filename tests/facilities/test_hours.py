"""Opening hours: weekly days and times, 年末年始, national holidays, "open today"."""

from datetime import date, datetime, time

import pytest
from django.utils import translation

from facilities.hours import HoursError, parse_days, parse_hours, parse_time
from facilities.templatetags.facility_tags import aed_label, open_label
from japanese.dates import TOKYO

# The real 利用可能日時特記事項 of 高松市中央図書館 (takamatsu-opendata/0035.csv).
TAKAMATSU_LIBRARY_NOTE = (
    "土日祝は17：00まで。12/28　9：30～17：00。1/4　正午～17：00。月が休日の場合は翌日休館。"
    "毎月末日休館。12/29～1/3休館。資料特別整理期間（9月中の7日間程度）休館。"
)
# The real note of 川口市立栄町保育所 (standard-dataset-kawaguchi).
KAWAGUCHI_NURSERY_NOTE = "土曜日の開所時間は07：00から18：00休所日は日曜日及び祝日、12/29から1/3まで"


@pytest.fixture
def library():
    return parse_hours("火水木金土日", "09:30", "19:00", TAKAMATSU_LIBRARY_NOTE)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("月火水木金", {0, 1, 2, 3, 4}),
        ("月～金", {0, 1, 2, 3, 4}),
        ("平日", {0, 1, 2, 3, 4}),
        ("土日祝", {5, 6}),
        ("金～月", {4, 5, 6, 0}),
        ("火曜日・木曜日", {1, 3}),
        ("", set()),
    ],
)
def test_days(text, days):
    assert parse_days(text) == days


def test_unknown_day_is_an_error_naming_the_column():
    with pytest.raises(HoursError) as caught:
        parse_days("月火X")
    assert caught.value.field_name == "利用可能曜日"
    assert "X" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("9:30", time(9, 30)), ("０９：３０", time(9, 30)), ("7:00", time(7)), ("9時", time(9)), ("25:00", time(23, 59))],
)
def test_times(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("bad", ["朝9時半", "9:75", "31:00", "nine"])
def test_bad_times(bad):
    with pytest.raises(HoursError):
        parse_time(bad, "終了時間")


def test_library_is_open_on_a_plain_weekday(library):
    assert library.is_open_on(date(2026, 11, 25))  # Wednesday
    assert library.hours_on(date(2026, 11, 25)) == (time(9, 30), time(19, 0))


def test_library_closes_early_at_weekends_and_on_holidays(library):
    assert library.hours_on(date(2026, 11, 28)) == (time(9, 30), time(17, 0))  # Saturday
    assert library.hours_on(date(2026, 11, 3)) == (time(9, 30), time(17, 0))  # 文化の日, Tuesday


def test_library_is_closed_on_its_weekly_day_and_the_day_after_a_monday_holiday(library):
    assert library.closure_reason(date(2026, 11, 16)) == "定休日"  # Monday
    # 2026-11-23 勤労感謝の日 is a Monday: 月が休日の場合は翌日休館
    assert library.closure_reason(date(2026, 11, 24)) == "休館日"
    assert library.is_open_on(date(2026, 11, 25))


def test_library_is_closed_over_new_year_and_on_the_last_day_of_the_month(library):
    for day in [date(2026, 12, 29), date(2026, 12, 31), date(2027, 1, 1), date(2027, 1, 3)]:
        assert library.closure_reason(day) == "年末年始", day
    assert library.is_open_on(date(2027, 1, 5))
    assert library.closure_reason(date(2026, 9, 30)) == "月末"  # Wednesday, last day of September


def test_nursery_closed_on_sundays_national_holidays_and_new_year():
    nursery = parse_hours("月火水木金土", "7:00", "19:00", KAWAGUCHI_NURSERY_NOTE)
    assert nursery.is_open_on(date(2026, 11, 27))
    assert nursery.closure_reason(date(2026, 11, 29)) == "定休日"  # Sunday
    assert nursery.closure_reason(date(2026, 11, 23)) == "祝日"  # 勤労感謝の日
    assert nursery.closure_reason(date(2026, 5, 6)) == "祝日"  # 振替休日 (jpholiday)
    assert nursery.closure_reason(date(2027, 1, 2)) == "年末年始"


def test_open_now_respects_the_time_of_day(library):
    assert library.is_open_at(datetime(2026, 11, 25, 10, 0)) is True
    assert library.is_open_at(datetime(2026, 11, 25, 19, 30)) is False
    assert library.is_open_at(datetime(2026, 11, 28, 18, 0)) is False  # Saturday closes at 17:00


def test_unknown_hours_say_unknown_not_closed():
    hours = parse_hours("", "", "", "")
    assert hours.is_open_on(date(2026, 11, 25)) is None
    assert hours.weekly_text() == ""


def test_year_end_word_alone_means_the_usual_period():
    hours = parse_hours("月火水木金", "8:30", "17:15", "年末年始は休館")
    assert hours.closure_reason(date(2026, 12, 30)) == "年末年始"
    assert hours.weekly_text() == "月火水木金 8:30～17:15"


# Open now: the moment in Japan, the closing time, the next opening.

CITY_OFFICE = dict(days="月火水木金", opens="8:30", closes="17:15", note="土日祝日は休み。年末年始（12/29～1/3）は休み")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TOKYO)


def test_a_place_that_closed_at_1715_is_closed_at_1837_and_opens_next_working_day():
    office = parse_hours(**CITY_OFFICE)
    status = office.status_at(at("2026-11-26T18:37"))  # Thursday evening
    assert status.open is False
    assert status.opens_at == at("2026-11-27T08:30")


def test_open_status_says_until_when():
    status = parse_hours(**CITY_OFFICE).status_at(at("2026-11-27T10:00"))
    assert status.open is True and status.closes_at == at("2026-11-27T17:15")


def test_a_national_holiday_is_skipped_for_the_next_opening():
    # Friday evening: Saturday, Sunday and 勤労感謝の日 (Monday 2026-11-23) are closed.
    status = parse_hours(**CITY_OFFICE).status_at(at("2026-11-20T18:00"))
    assert status.opens_at == at("2026-11-24T08:30")


def test_the_moment_is_read_in_japan_time_whatever_its_zone():
    from datetime import UTC

    utc = datetime(2026, 11, 27, 9, 37, tzinfo=UTC)  # 18:37 in Japan
    assert parse_hours(**CITY_OFFICE).status_at(utc).open is False


def test_labels_say_it_as_a_resident_reads_it(monkeypatch):
    from japanese import dates

    monkeypatch.setattr(dates, "now_in_japan", lambda: at("2026-11-26T18:37"))
    office = parse_hours(**CITY_OFFICE)
    with translation.override("ja"):
        assert open_label(office.status_at(at("2026-11-26T18:37"))) == "閉まっています（明日 8:30から）"
        assert open_label(office.status_at(at("2026-11-26T10:00"))) == "開いています（17:15まで）"
        assert aed_label(office.status_at(at("2026-11-26T18:37"))) == "AEDは今使えません（時間外。明日 8:30から）"
        assert aed_label(office.status_at(at("2026-11-26T10:00"))) == "AEDは今使えます（17:15まで）"
    with translation.override("en"):
        assert open_label(office.status_at(at("2026-11-26T18:37"))) == "Closed now (opens tomorrow at 8:30)"
    assert parse_hours().status_at(at("2026-11-26T10:00")) is None  # hours not known: no claim


# Closures and one day's own hours written in the note the usual ways.


@pytest.mark.parametrize(
    ("note", "closed", "open_"),
    [
        ("11/30臨時休館", date(2026, 11, 30), date(2026, 12, 1)),
        ("１１月３０日は臨時休館します", date(2026, 11, 30), date(2026, 11, 27)),
        ("2026年11月30日は休館", date(2026, 11, 30), date(2027, 11, 30)),  # with a year: that year only
        ("12月29日～1月3日休館", date(2027, 1, 2), date(2027, 1, 4)),
        ("毎月第3月曜日休館", date(2026, 11, 16), date(2026, 11, 9)),
        ("第2・第4月曜日休館", date(2026, 11, 23), date(2026, 11, 30)),
        # 市川市 文化会館 and 公民館 (standard-dataset-ichikawa 122033_101)
        ("第2、第4火曜日は利用不可", date(2026, 11, 10), date(2026, 11, 17)),
        ("毎月最終月曜日、祝日、及び12/29～1/3利用不可", date(2026, 11, 30), date(2026, 11, 16)),
        # 高松市 香南楽湯's AED (takamatsu-opendata 0002)
        ("第３水曜は休館", date(2026, 11, 18), date(2026, 11, 25)),
    ],
)
def test_a_closure_written_in_the_note_closes_that_day(note, closed, open_):
    hours = parse_hours("月火水木金土日", "9:00", "17:00", note)
    assert hours.is_open_on(closed) is False, (note, closed)
    assert hours.is_open_on(open_) is True, (note, open_)
    # Open-now on the closed day says closed and names the next opening.
    status = hours.status_at(datetime.combine(closed, time(10, 0), TOKYO))
    assert status.open is False
    assert status.opens_at.date() > closed


def test_a_day_with_its_own_hours_keeps_them():
    library = parse_hours("火水木金土日", "09:30", "19:00", TAKAMATSU_LIBRARY_NOTE)
    assert library.hours_on(date(2026, 12, 28)) == (time(9, 30), time(17, 0))  # 12/28 9:30～17:00, a Monday
    assert library.hours_on(date(2027, 1, 4)) == (time(12, 0), time(17, 0))  # 1/4 正午～17:00
    assert library.status_at(at("2027-01-04T10:00")).opens_at == at("2027-01-04T12:00")


def test_a_holiday_that_moves_the_weekly_closure_does_not_close_holidays():
    hours = parse_hours(
        "火水木金土日", "9:00", "17:00", "休館日：月曜日（祝日の場合は翌日）、年末年始（12月28日～1月4日）"
    )
    assert hours.is_open_on(date(2026, 11, 3)) is True  # 文化の日, a Tuesday
    assert hours.closure_reason(date(2026, 12, 28)) == "年末年始"


def test_weekend_closing_time_in_hours_only():
    hours = parse_hours("火水木金土日", "10:00", "19:30", "土日祝18時まで")  # 市川市
    assert hours.hours_on(date(2026, 11, 28)) == (time(10), time(18))


def test_a_day_opening_in_parentheses_is_not_a_closure():
    note = "火曜・休日（5月5日こどもの日は開館し翌日休み）・年末年始（12/28～1/4）はお休み。"  # 川口市
    assert parse_hours("水木金土日", "9:00", "17:00", note).closed_periods == (((12, 28), (1, 4)),)


@pytest.mark.parametrize("note", ["2/30休館", "13/1臨時休館", "第6月曜日休館"])
def test_a_closure_date_that_cannot_be_is_an_error_naming_the_note(note):
    with pytest.raises(HoursError) as caught:
        parse_hours("月火水木金", "9:00", "17:00", note)
    assert caught.value.field_name == "利用可能日時特記事項"
    assert caught.value.value == note
