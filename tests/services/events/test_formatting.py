"""Dates and times as residents read them, in Japan time, per language (CLDR's patterns)."""

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.events.formatting import format_date, format_span, format_yen, language
from services.events.recurrence import TOKYO

START = datetime(2026, 5, 16, 10, 0, tzinfo=TOKYO)
END = datetime(2026, 5, 16, 12, 0, tzinfo=TOKYO)


def test_japanese_style_of_the_issue():
    assert format_span(START, END) == "2026年5月16日(土) 10:00～12:00"


def test_time_is_japan_time_even_when_given_in_utc():
    assert format_span(START.astimezone(UTC), END.astimezone(UTC)) == "2026年5月16日(土) 10:00～12:00"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", "Sat, 16 May 2026, 10:00\u2009–\u200912:00"),
        ("zh-hans", "2026年5月16日周六 10:00 – 12:00"),
        ("ko", "2026년 5월 16일 (토) 10:00 ~ 12:00"),
        ("vi", "Th 7, 16 thg 5, 2026, 10:00\u2009–\u200912:00"),
        ("pt", "sáb., 16 de mai. de 2026, 10:00\u2009–\u200912:00"),
        ("ja-x-easy", "2026年5月16日(土) 10:00～12:00"),
        ("fr", "Sat, 16 May 2026, 10:00\u2009–\u200912:00"),
    ],
)
def test_each_locale_has_its_own_style(locale, expected):
    assert format_span(START, END, locale=locale) == expected


def test_span_over_several_days_names_the_last_day_without_repeating_the_year():
    end = datetime(2026, 5, 18, 17, 0, tzinfo=TOKYO)
    assert format_span(START, end) == "2026年5月16日(土) 10:00～5月18日(月) 17:00"


def test_span_into_the_next_year_names_the_year():
    start = datetime(2026, 12, 31, 22, 0, tzinfo=TOKYO)
    end = datetime(2027, 1, 1, 1, 0, tzinfo=TOKYO)
    assert format_span(start, end) == "2026年12月31日(木) 22:00～2027年1月1日(金) 1:00"


def test_all_day_event_shows_its_days_only():
    first = datetime(2026, 5, 16, tzinfo=TOKYO)
    assert format_span(first, datetime(2026, 5, 17, tzinfo=TOKYO), all_day=True) == "2026年5月16日(土)"
    assert format_span(first, datetime(2026, 5, 19, tzinfo=TOKYO), all_day=True) == "2026年5月16日(土)～5月18日(月)"


def test_event_without_end_shows_only_its_start():
    assert format_span(START, None) == "2026年5月16日(土) 10:00"
    assert format_span(START, START, locale="en") == "Sat, 16 May 2026, 10:00"


def test_fee_in_yen_and_free():
    assert format_yen(1500) == "1,500円"
    assert format_yen(0) == "無料"
    assert format_yen(1500, "en") == "¥1,500"
    assert format_yen(0, "en") == "Free"
    assert format_yen(None) == ""


def test_language_family_of_locale_codes():
    assert [language(code) for code in ("ja", "zh-hans", "pt-br", "ko", "xx", None)] == [
        "ja",
        "zh",
        "pt",
        "ko",
        "en",
        "ja",
    ]


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_japanese_date_names_the_right_weekday(day):
    text = format_date(day)
    assert text == f"{day.year}年{day.month}月{day.day}日({'月火水木金土日'[day.weekday()]})"


@given(st.times())
def test_time_is_written_on_a_24_hour_clock(moment):
    start = datetime.combine(date(2026, 5, 16), moment.replace(second=0, microsecond=0), tzinfo=TOKYO)
    assert format_span(start, None).endswith(f"{start.hour}:{start.minute:02d}")
