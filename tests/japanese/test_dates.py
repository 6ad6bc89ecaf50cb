"""One parser for Japanese dates, eras, times, yen and counts: the union of what every importer read."""

from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from japanese.dates import (
    find_date_in_text,
    parse_count,
    parse_date,
    parse_date_time,
    parse_time,
    parse_yen,
    today_in_japan,
)

# --- what the event importer read -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8/2/2020", (date(2020, 8, 2), None)),
        ("2020/10/4", (date(2020, 10, 4), None)),
        ("2020.10/5", (date(2020, 10, 5), None)),
        ("2020-10-04", (date(2020, 10, 4), None)),
        ("20201004", (date(2020, 10, 4), None)),
        ("２０２０／１０／４", (date(2020, 10, 4), None)),
        ("2020年10月4日", (date(2020, 10, 4), None)),
        ("2020年10月4日（日）", (date(2020, 10, 4), None)),
        ("令和2年10月4日", (date(2020, 10, 4), None)),
        ("令和元年5月1日", (date(2019, 5, 1), None)),
        ("R2.10.4", (date(2020, 10, 4), None)),
        ("8/2/2020  3:30:00 PM", (date(2020, 8, 2), time(15, 30))),
        ("2/12/2021 12:00:00 AM", (date(2021, 2, 12), time(0, 0))),
        ("2020-10-04T09:15", (date(2020, 10, 4), time(9, 15))),
    ],
)
def test_every_date_style_in_real_files(text, expected):
    assert parse_date_time(text) == expected


@pytest.mark.parametrize("text", ["2020/02/30", "2/30/2020", "2021/2/29", "13/1/2020", "2020/10", "10/4", "明日"])
def test_impossible_or_incomplete_dates_are_refused(text):
    with pytest.raises(ValueError):
        parse_date_time(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:00", time(10)),
        ("9:30", time(9, 30)),
        ("０９：３０", time(9, 30)),
        ("15:30:00", time(15, 30)),
        ("3:30 PM", time(15, 30)),
        ("12:15 AM", time(0, 15)),
        ("午後3時", time(15)),
        ("10時半", time(10, 30)),
    ],
)
def test_time_styles(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "24:00", "10:60", "13:00 PM", "10", "noon"])
def test_impossible_times_are_refused(text):
    with pytest.raises(ValueError):
        parse_time(text)


def test_yen_values():
    assert parse_yen("1,500") == (1500, "")
    assert parse_yen("¥300") == (300, "")
    assert parse_yen("") == (None, "")
    assert parse_yen("要問合せ") == (None, "要問合せ")


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_any_real_date_reads_back_in_every_style(day):
    styles = [
        f"{day.month}/{day.day}/{day.year}",
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}.{day.month}/{day.day}",
        day.isoformat(),
        f"{day.year}年{day.month}月{day.day}日",
    ]
    assert {parse_date_time(text)[0] for text in styles} == {day}


@given(st.integers(0, 23), st.integers(0, 59))
def test_any_clock_time_reads_back(hour, minute):
    assert parse_time(f"{hour}:{minute:02d}") == time(hour, minute)
    twelve = hour % 12 or 12
    assert parse_time(f"{twelve}:{minute:02d} {'PM' if hour >= 12 else 'AM'}") == time(hour, minute)


# --- what the nursery notices read -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["2024-08-01", "2024/8/1", "2024年8月1日", "令和6年8月1日", "令和６年８月１日", "R6.8.1", "２０２４－０８－０１"],
)
def test_parse_date_reads_the_ways_cities_write_a_date(text):
    assert parse_date(text) == date(2024, 8, 1)


def test_parse_date_reads_the_first_year_of_an_era():
    assert parse_date("令和元年5月1日") == date(2019, 5, 1)
    assert parse_date("平成31年4月30日") == date(2019, 4, 30)


@pytest.mark.parametrize("text", ["2024-02-30", "8月1日", "soon", ""])
def test_parse_date_rejects_what_is_not_a_date(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_find_date_in_the_yokohama_title_row():
    assert find_date_in_text("【令和６年８月１日時点】受入可能数") == date(2024, 8, 1)
    assert find_date_in_text("受入可能数") is None


# --- the defect: a weekday in brackets was read by events and refused by nurseries ----------


@pytest.mark.parametrize(
    "text",
    [
        "2024年8月1日(木)",
        "2024年8月1日（木）",
        "令和6年8月1日",
        "令和6年8月1日(木)",
        "R6.8.1",
        "H36.8.1",
        "2024/8/1",
        "2024-08-01",
        "20240801",
        "8/1/2024",
    ],
)
def test_every_domain_reads_the_same_dates(text):
    assert parse_date(text) == date(2024, 8, 1)
    assert parse_date_time(text) == (date(2024, 8, 1), None)


def test_a_date_with_its_weekday_and_a_time():
    assert parse_date_time("2024年8月1日(木) 14:00") == (date(2024, 8, 1), time(14))
    assert parse_date_time("令和6年8月1日（木） 午後2時半") == (date(2024, 8, 1), time(14, 30))


def test_a_lone_date_refuses_a_time():
    with pytest.raises(ValueError, match="時刻のない日付"):
        parse_date("2024/8/1 10:00")


def test_showa_and_the_last_days_of_eras():
    assert parse_date("昭和64年1月7日") == date(1989, 1, 7)
    assert parse_date("S64.1.7") == date(1989, 1, 7)
    assert parse_date("平成元年1月8日") == date(1989, 1, 8)


def test_impossible_date_says_so():
    with pytest.raises(ValueError, match="存在しない日付です"):
        parse_date("令和6年2月30日")


def test_counts():
    assert parse_count("30人") == 30
    assert parse_count("１，０００名") == 1000
    assert parse_count("") is None
    with pytest.raises(ValueError, match="整数ではありません"):
        parse_count("若干名")


def test_yen_in_full_width_and_free():
    assert parse_yen("１，５００円") == (1500, "")
    assert parse_yen("無料") == (0, "")


def test_today_in_japan_is_a_date():
    assert isinstance(today_in_japan(), date)
