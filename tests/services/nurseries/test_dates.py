"""Age classes from birth dates, fiscal years and notice dates: pure functions."""

from datetime import date

import pytest

from services.nurseries.dates import (
    age_class,
    end_of_next_month,
    fiscal_year,
    notice_is_stale,
    nursery_age_class,
)


def test_fiscal_year_starts_in_april():
    assert fiscal_year(date(2024, 3, 31)) == 2023
    assert fiscal_year(date(2024, 4, 1)) == 2024
    assert fiscal_year(date(2025, 1, 15)) == 2024


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        (date(2024, 4, 2), 0),  # born in FY2024 itself
        (date(2024, 4, 1), 0),  # 0 years old on 2024-04-01
        (date(2023, 4, 2), 0),  # 令和6年度 0歳児 = 令和5年4月2日以降生まれ
        (date(2023, 4, 1), 1),  # 早生まれ boundary: April 1 births join the older class
        (date(2022, 4, 2), 1),
        (date(2022, 4, 1), 2),
        (date(2019, 4, 2), 4),
        (date(2019, 4, 1), 5),
        (date(2018, 4, 2), 5),
    ],
)
def test_age_class_is_the_age_on_april_first_of_the_intake_year(birth, expected):
    assert age_class(birth, 2024) == expected


def test_age_class_of_a_leap_day_birth():
    assert age_class(date(2020, 2, 29), 2024) == 4
    assert age_class(date(2020, 2, 29), 2023) == 3


def test_age_class_refuses_a_child_born_after_the_fiscal_year():
    with pytest.raises(ValueError, match="not born yet"):
        age_class(date(2025, 4, 1), 2024)


def test_nursery_age_class_uses_the_fiscal_year_of_the_day_asked():
    # The same child is in the 0歳児 class in August 2024 and in the 1歳児 class from April 2025.
    birth = date(2023, 10, 20)
    assert nursery_age_class(birth, date(2024, 8, 1)) == 0
    assert nursery_age_class(birth, date(2025, 4, 1)) == 1


def test_nursery_age_class_refuses_school_age_children():
    with pytest.raises(ValueError, match="6歳児"):
        nursery_age_class(date(2018, 4, 1), date(2024, 8, 1))


def test_end_of_next_month_crosses_the_year():
    assert end_of_next_month(date(2024, 8, 15)) == date(2024, 9, 30)
    assert end_of_next_month(date(2024, 12, 1)) == date(2025, 1, 31)
    assert end_of_next_month(date(2024, 1, 31)) == date(2024, 2, 29)


def test_a_notice_is_stale_once_its_month_is_over():
    as_of = date(2024, 8, 1)
    assert not notice_is_stale(as_of, date(2024, 8, 31))
    assert notice_is_stale(as_of, date(2024, 9, 1))
    assert notice_is_stale(as_of, date(2025, 8, 1))
