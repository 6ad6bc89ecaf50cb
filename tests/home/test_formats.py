"""Dates, weekdays and times in each language's own CLDR style (home.formats), and on the pages."""

from datetime import date, time

import pytest
from django.utils import translation

from geo.formatting import format_distance, walking_text
from home.formats import local_date, local_time, local_time_range, weekday_name, weekday_names

DAY = date(2026, 12, 3)  # a Thursday


@pytest.mark.parametrize(
    ("language", "long", "short"),
    [
        ("ja", "2026年12月3日(木)", "2026/12/3"),
        ("ja-x-easy", "2026年12月3日(木)", "2026/12/3"),
        ("en", "Thu, 3 Dec 2026", "03/12/2026"),  # day first, never the US 12/03/2026
        ("zh-hans", "2026年12月3日周四", "2026/12/3"),
        ("ko", "2026년 12월 3일 (목)", "2026. 12. 3."),
        ("vi", "Th 5, 3 thg 12, 2026", "3/12/2026"),
        ("pt", "qui., 3 de dez. de 2026", "03/12/2026"),
    ],
)
def test_a_day_reads_in_the_language_of_the_page(language, long, short):
    assert local_date(DAY, "long", language) == long
    assert local_date(DAY, "short", language) == short


def test_the_active_language_is_the_default():
    with translation.override("en"):
        assert local_date(DAY) == "3 Dec 2026"
        assert local_date(DAY, "month") == "December 2026"
    with translation.override("ko"):
        assert local_date(DAY) == "2026년 12월 3일"


def test_a_language_the_portal_does_not_offer_reads_as_english():
    assert local_date(DAY, "long", "fr") == "Thu, 3 Dec 2026"


def test_calendar_headers_start_on_sunday_in_every_language():
    assert weekday_names(language="ja") == list("日月火水木金土")
    assert weekday_names(language="en") == ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    assert weekday_names(language="ko") == list("일월화수목금토")
    assert weekday_name(DAY, language="pt") == "qui."


def test_times_are_on_the_24_hour_clock_with_the_locales_range_sign():
    assert local_time(time(9, 5), "ja") == "9:05"
    assert local_time(time(21, 5), "en") == "21:05"
    assert local_time_range(time(8, 30), time(17, 15), "ja") == "8:30～17:15"
    assert local_time_range(time(8, 30), time(17, 15), "ko") == "08:30 ~ 17:15"


def test_distances_and_walking_time_in_the_language_of_the_page():
    with translation.override("pt"):
        assert format_distance(1234) == "1,2 km"
        assert walking_text(650) == "cerca de 8 min a pé · 650 m"
    with translation.override("en"):
        assert walking_text(650) == "about 8 min on foot · 650 m"
    with translation.override("ja"):
        assert walking_text(650) == "徒歩約8分 · 650 m"
