"""Dates of the childcare year: fiscal years, age classes, notice dates (parsing is japanese.dates).

Japanese nurseries group children by 年齢クラス: the child's age on April 1 of the fiscal
year (年度, April to March) in which they attend. A child born on 2023-04-01 is already 1 on
2024-04-01 and joins the 1歳児 class of FY2024 with the children born from 2022-04-02; a
child born on 2023-04-02 joins the 0歳児 class. This is the 早生まれ boundary every city uses
(令和6年度 0歳児 = 令和5年4月2日以降生まれ). Children born during the fiscal year itself
are also in the 0歳児 class of that year.
"""

from __future__ import annotations

import calendar
from datetime import date

AGE_CLASSES = range(6)  # 0歳児 … 5歳児


def fiscal_year(on: date) -> int:
    """The fiscal year (年度) a date belongs to: FY2024 runs from 2024-04-01 to 2025-03-31."""
    return on.year if on.month >= 4 else on.year - 1


def age_on(birth_date: date, on: date) -> int:
    """Completed years of age on a day (the day of a birthday counts as the new age)."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def age_class(birth_date: date, intake_year: int) -> int:
    """The 年齢クラス (0 for 0歳児 …) of a child in fiscal year *intake_year*.

    Raises ValueError for a child not born before that fiscal year ends, who cannot be in
    any of its classes.
    """
    if birth_date > date(intake_year + 1, 3, 31):
        raise ValueError(f"a child born on {birth_date.isoformat()} is not born yet in fiscal year {intake_year}")
    return max(0, age_on(birth_date, date(intake_year, 4, 1)))


def nursery_age_class(birth_date: date, on: date) -> int:
    """The age class for a nursery place on day *on*; ValueError if it is not 0–5歳児."""
    age = age_class(birth_date, fiscal_year(on))
    if age not in AGE_CLASSES:
        raise ValueError(
            f"a child born on {birth_date.isoformat()} is in the {age}歳児 class in fiscal year "
            f"{fiscal_year(on)}; nurseries take 0歳児 to 5歳児"
        )
    return age


def end_of_next_month(today: date) -> date:
    """The latest as-of date a notice may carry when entered on *today*."""
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    return date(year, month, calendar.monthrange(year, month)[1])


def notice_is_stale(as_of: date, today: date) -> bool:
    """A notice is stale once its month is over (the 8月1日現在 notice from September on)."""
    return (today.year, today.month) > (as_of.year, as_of.month)
