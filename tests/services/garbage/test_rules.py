"""The rule engine: examples from real calendars, then properties (hypothesis)."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.garbage.rules import (
    Exceptions,
    Move,
    Rule,
    RuleKind,
    Shutdown,
    collection_dates,
    every_other_week,
    explicit_dates,
    nth_weekday,
    weekly,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def test_weekly_tuesday_and_friday_in_january_2025():
    days = collection_dates([weekly(TUE), weekly(FRI)], date(2025, 1, 1), date(2025, 1, 31))
    assert [d.day for d in days] == [3, 7, 10, 14, 17, 21, 24, 28, 31]


def test_second_wednesday_is_the_second_occurrence_not_the_second_week():
    # 2025-10-01 is a Wednesday: the 2nd Wednesday is the 8th.
    days = collection_dates([nth_weekday(WED, 2)], date(2025, 10, 1), date(2025, 10, 31))
    assert days == [date(2025, 10, 8)]


def test_fifth_tuesday_only_in_months_with_five_tuesdays():
    days = collection_dates([nth_weekday(TUE, 5)], date(2025, 1, 1), date(2025, 12, 31))
    assert days == [date(2025, 4, 29), date(2025, 7, 29), date(2025, 9, 30), date(2025, 12, 30)]


def test_every_other_week_counts_from_the_anchor_and_not_before():
    rule = every_other_week(date(2025, 1, 8))
    days = collection_dates([rule], date(2024, 12, 1), date(2025, 2, 28))
    assert days == [date(2025, 1, 8), date(2025, 1, 22), date(2025, 2, 5), date(2025, 2, 19)]


def test_month_list_limits_a_rule_to_even_months():
    rule = nth_weekday(TUE, 2, months=frozenset({2, 4, 6, 8, 10, 12}))
    days = collection_dates([rule], date(2025, 1, 1), date(2025, 6, 30))
    assert days == [date(2025, 2, 11), date(2025, 4, 8), date(2025, 6, 10)]


def test_rule_that_changes_from_april():
    old = weekly(MON, valid_until=date(2025, 3, 31))
    new = weekly(THU, valid_from=date(2025, 4, 1))
    days = collection_dates([old, new], date(2025, 3, 24), date(2025, 4, 10))
    assert days == [date(2025, 3, 24), date(2025, 3, 31), date(2025, 4, 3), date(2025, 4, 10)]


def test_explicit_dates_ignore_weekday_logic():
    days = collection_dates([explicit_dates([date(2025, 4, 3), date(2025, 5, 1)])], date(2025, 4, 1), date(2025, 4, 30))
    assert days == [date(2025, 4, 3)]


def test_centre_shutdown_drops_the_day_by_default():
    shutdown = Exceptions(shutdowns=(Shutdown(date(2022, 12, 30), date(2023, 1, 3)),))
    days = collection_dates([weekly(MON), weekly(THU)], date(2022, 12, 26), date(2023, 1, 12), shutdown)
    assert days == [date(2022, 12, 26), date(2022, 12, 29), date(2023, 1, 5), date(2023, 1, 9), date(2023, 1, 12)]


def test_centre_shutdown_with_week_shift_moves_the_first_friday_a_week_as_kanazawa():
    # Kanazawa: 金1 when the centre is shut 2022-12-30 … 2023-01-03 — January's first Friday is the 6th
    # (not in the shutdown), but 火1 (3 January) is, so it moves to the 10th.
    exceptions = Exceptions(shutdowns=(Shutdown(date(2022, 12, 30), date(2023, 1, 3)),), week_shift=True)
    assert collection_dates([nth_weekday(TUE, 1)], date(2023, 1, 1), date(2023, 1, 31), exceptions) == [
        date(2023, 1, 10)
    ]
    # A weekly Monday: 2 January is shut, so January's Mondays are each a week later, the last one dropped.
    assert collection_dates([weekly(MON)], date(2023, 1, 1), date(2023, 1, 31), exceptions) == [
        date(2023, 1, 9),
        date(2023, 1, 16),
        date(2023, 1, 23),
        date(2023, 1, 30),
    ]


def test_holidays_not_collected_drop_national_holidays():
    # 2025-01-13 is 成人の日 (a Monday).
    rules = [weekly(MON)]
    collected = collection_dates(rules, date(2025, 1, 1), date(2025, 1, 31))
    skipped = collection_dates(rules, date(2025, 1, 1), date(2025, 1, 31), Exceptions(holidays_collected=False))
    assert date(2025, 1, 13) in collected
    assert date(2025, 1, 13) not in skipped
    assert len(skipped) == len(collected) - 1


def test_move_extra_and_cancelled_days():
    exceptions = Exceptions(
        moves=(Move(date(2025, 1, 2), date(2025, 1, 4)),),
        extra=frozenset({date(2025, 1, 5)}),
        cancelled=frozenset({date(2025, 1, 9)}),
    )
    days = collection_dates([weekly(THU)], date(2025, 1, 1), date(2025, 1, 12), exceptions)
    assert days == [date(2025, 1, 4), date(2025, 1, 5)]


def test_a_move_from_outside_the_range_lands_inside_it():
    exceptions = Exceptions(moves=(Move(date(2024, 12, 31), date(2025, 1, 4)),))
    days = collection_dates([weekly(TUE)], date(2025, 1, 1), date(2025, 1, 5), exceptions)
    assert days == [date(2025, 1, 4)]


def test_reversed_range_is_an_error():
    with pytest.raises(ValueError, match="after it ends"):
        collection_dates([weekly(MON)], date(2025, 2, 1), date(2025, 1, 1))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": RuleKind.NTH, "weekday": MON, "nth": 6},
        {"kind": RuleKind.WEEKLY, "weekday": 7},
        {"kind": RuleKind.BIWEEKLY, "weekday": MON, "anchor": date(2025, 1, 8)},
        {"kind": RuleKind.WEEKLY, "weekday": MON, "months": frozenset({13})},
        {"kind": RuleKind.DATES},
    ],
)
def test_impossible_rules_are_refused(kwargs):
    with pytest.raises(ValueError):
        Rule(**kwargs)


# --- properties -------------------------------------------------------------------------

days_strategy = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
weekday_strategy = st.integers(0, 6)


@given(weekday_strategy, days_strategy, st.integers(0, 400))
def test_weekly_gives_every_such_weekday_and_nothing_else(weekday, start, length):
    end = start + timedelta(days=length)
    days = collection_dates([weekly(weekday)], start, end)
    expected = [
        start + timedelta(days=i) for i in range(length + 1) if (start + timedelta(days=i)).weekday() == weekday
    ]
    assert days == expected


@given(weekday_strategy, st.integers(1, 5), st.integers(2000, 2060), st.integers(1, 12))
def test_nth_weekday_is_the_nth_occurrence_in_its_month(weekday, nth, year, month):
    start = date(year, month, 1)
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    days = collection_dates([nth_weekday(weekday, nth)], start, end)
    occurrences = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    occurrences = [day for day in occurrences if day.weekday() == weekday]
    assert days == ([occurrences[nth - 1]] if len(occurrences) >= nth else [])


@given(days_strategy, st.integers(0, 400))
def test_every_other_week_days_are_fourteen_days_apart(anchor, length):
    days = collection_dates([every_other_week(anchor)], anchor, anchor + timedelta(days=length))
    assert days[0] == anchor
    assert all((b - a).days == 14 for a, b in zip(days, days[1:], strict=False))


@settings(max_examples=50)
@given(
    st.lists(st.tuples(weekday_strategy, st.integers(1, 5)), min_size=1, max_size=4),
    days_strategy,
    st.integers(0, 20),
    st.integers(0, 20),
)
def test_skip_mode_never_collects_inside_a_shutdown_and_keeps_everything_else(rules, start, gap, length):
    rules = [nth_weekday(weekday, nth) for weekday, nth in rules]
    shutdown = Shutdown(start + timedelta(days=gap), start + timedelta(days=gap + length))
    end = start + timedelta(days=90)
    plain = collection_dates(rules, start, end)
    skipped = collection_dates(rules, start, end, Exceptions(shutdowns=(shutdown,)))
    assert skipped == [day for day in plain if day not in shutdown]


@settings(max_examples=50)
@given(st.lists(weekday_strategy, min_size=1, max_size=3), days_strategy, st.integers(0, 120), st.integers(0, 120))
def test_any_range_splits_into_consecutive_ranges(weekdays, start, first, second):
    rules = [weekly(w) for w in weekdays] + [nth_weekday(weekdays[0], 3)]
    middle = start + timedelta(days=first)
    end = middle + timedelta(days=1 + second)
    whole = collection_dates(rules, start, end)
    assert whole == collection_dates(rules, start, middle) + collection_dates(rules, middle + timedelta(days=1), end)


@settings(max_examples=50)
@given(st.sets(days_strategy, min_size=1, max_size=10), days_strategy)
def test_cancelling_every_computed_day_leaves_only_extra_days(dates, extra):
    rules = [explicit_dates(dates)]
    start, end = min(dates | {extra}), max(dates | {extra})
    exceptions = Exceptions(cancelled=frozenset(dates - {extra}), extra=frozenset({extra}))
    assert collection_dates(rules, start, end, exceptions) == [extra]
