"""Recurrence expansion in Japan time: examples, refusals, windows and properties."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.events.recurrence import (
    DAILY,
    MAX_OCCURRENCES,
    MONTHLY_BY_DAY,
    MONTHLY_BY_WEEKDAY,
    NONE,
    TOKYO,
    WEEKLY,
    YEARLY,
    Recurrence,
    RecurrenceError,
    RepeatChoice,
    Schedule,
    build_recurrence,
    calendar_month,
    check,
    choice_from_recurrence,
    day_window,
    format_date_list,
    iter_occurrences,
    materialise,
    month_window,
    named_window,
    normalise_rrule,
    occurrences_between,
    parse_date_list,
    weekend_window,
)


def at(day, hour=10, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=TOKYO)


def starts(occurrences):
    return [o.start.date() for o in occurrences]


def timed(day, rule="", exdates=(), rdates=(), hours=(10, 12)):
    return Schedule.timed(day, time(hours[0]), end=time(hours[1]), recurrence=Recurrence(rule, exdates, rdates))


# --- examples ------------------------------------------------------------------


def test_second_saturday_market_lands_on_every_second_saturday_of_2026():
    schedule = timed(date(2026, 1, 10), "FREQ=MONTHLY;BYDAY=2SA;UNTIL=20261231T145959Z")
    assert starts(materialise(schedule)) == [
        date(2026, 1, 10), date(2026, 2, 14), date(2026, 3, 14), date(2026, 4, 11),
        date(2026, 5, 9), date(2026, 6, 13), date(2026, 7, 11), date(2026, 8, 8),
        date(2026, 9, 12), date(2026, 10, 10), date(2026, 11, 14), date(2026, 12, 12),
    ]  # fmt: skip


def test_occurrences_keep_wall_clock_time_and_duration_in_japan_time():
    schedule = timed(date(2026, 5, 9), "FREQ=WEEKLY;COUNT=3", hours=(10, 12))
    occurrences = materialise(schedule)
    assert [(o.start.hour, o.end.hour) for o in occurrences] == [(10, 12)] * 3
    assert all(o.start.utcoffset() == timedelta(hours=9) for o in occurrences)


def test_day_31_of_the_month_skips_months_without_one():
    schedule = timed(date(2026, 1, 31), "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=4")
    assert starts(materialise(schedule)) == [date(2026, 1, 31), date(2026, 3, 31), date(2026, 5, 31), date(2026, 7, 31)]


def test_last_friday_of_the_month():
    schedule = timed(date(2026, 1, 30), "FREQ=MONTHLY;BYDAY=-1FR;COUNT=3")
    assert starts(materialise(schedule)) == [date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 27)]


def test_fifth_wednesday_skips_months_without_one():
    schedule = timed(date(2026, 4, 29), "FREQ=MONTHLY;BYDAY=5WE;COUNT=3")
    assert starts(materialise(schedule)) == [date(2026, 4, 29), date(2026, 7, 29), date(2026, 9, 30)]


def test_yearly_on_29_february_only_in_leap_years():
    schedule = timed(date(2028, 2, 29), "FREQ=YEARLY;COUNT=2")
    assert starts(materialise(schedule)) == [date(2028, 2, 29), date(2032, 2, 29)]


def test_excluded_dates_are_left_out_and_added_dates_put_in():
    schedule = timed(
        date(2026, 5, 5),
        "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260526T145959Z",
        exdates=(date(2026, 5, 12),),
        rdates=(date(2026, 5, 30),),
    )
    assert starts(materialise(schedule)) == [date(2026, 5, 5), date(2026, 5, 19), date(2026, 5, 26), date(2026, 5, 30)]
    assert materialise(schedule)[-1].start == at(date(2026, 5, 30))


def test_count_includes_excluded_dates_as_rfc5545_says():
    schedule = timed(date(2026, 5, 5), "FREQ=WEEKLY;COUNT=3", exdates=(date(2026, 5, 12),))
    assert starts(materialise(schedule)) == [date(2026, 5, 5), date(2026, 5, 19)]


def test_until_date_includes_the_whole_last_day_in_japan_time():
    start = at(date(2026, 5, 1), 20)
    rule = normalise_rrule("FREQ=DAILY;UNTIL=20260503", start, all_day=False)
    assert rule == "FREQ=DAILY;UNTIL=20260503T145959Z"
    schedule = Schedule(start, start + timedelta(hours=1), False, Recurrence(rule))
    assert starts(materialise(schedule)) == [date(2026, 5, 1), date(2026, 5, 2), date(2026, 5, 3)]


def test_all_day_rule_keeps_until_as_a_date():
    start = datetime(2026, 5, 1, tzinfo=TOKYO)
    assert (
        normalise_rrule("RRULE:FREQ=DAILY;UNTIL=20260503T145959Z", start, all_day=True) == "FREQ=DAILY;UNTIL=20260503"
    )


def test_all_day_multi_day_event_spans_its_days():
    schedule = Schedule.all_day_event(date(2026, 5, 16), date(2026, 5, 17))
    (only,) = materialise(schedule)
    assert (only.first_day, only.last_day) == (date(2026, 5, 16), date(2026, 5, 17))
    assert only.end == datetime(2026, 5, 18, tzinfo=TOKYO)


def test_single_event_is_its_own_only_occurrence():
    schedule = timed(date(2026, 5, 16))
    assert check(schedule) == 1
    assert starts(materialise(schedule)) == [date(2026, 5, 16)]


# --- windows -------------------------------------------------------------------


def test_window_finds_a_multi_day_event_that_started_before_it():
    schedule = Schedule.timed(date(2026, 4, 28), time(9), date(2026, 5, 6), time(17))
    found = occurrences_between(schedule, *day_window(date(2026, 5, 1), date(2026, 5, 31)))
    assert starts(found) == [date(2026, 4, 28)]


def test_event_ending_at_midnight_is_not_on_the_next_day():
    schedule = Schedule.timed(date(2026, 5, 15), time(22), date(2026, 5, 16), time(0))
    assert occurrences_between(schedule, *day_window(date(2026, 5, 16), date(2026, 5, 16))) == []
    assert len(occurrences_between(schedule, *day_window(date(2026, 5, 15), date(2026, 5, 15)))) == 1


def test_event_without_end_time_at_window_start_is_found():
    schedule = Schedule.timed(date(2026, 6, 1), time(0))
    assert len(occurrences_between(schedule, *day_window(date(2026, 6, 1), date(2026, 6, 1)))) == 1
    assert occurrences_between(schedule, *day_window(date(2026, 5, 31), date(2026, 5, 31))) == []


def test_month_window_uses_japan_time_not_utc():
    # 00:30 on 1 June in Tokyo is still 31 May in UTC: it belongs to June.
    schedule = Schedule.timed(date(2026, 6, 1), time(0, 30), end=time(1, 30))
    june = day_window(*calendar_month(2026, 6))
    may = day_window(*calendar_month(2026, 5))
    assert len(occurrences_between(schedule, *june)) == 1
    assert occurrences_between(schedule, *may) == []
    assert schedule.start.astimezone(UTC).month == 5


def test_window_given_in_utc_is_the_same_instant():
    schedule = timed(date(2026, 5, 9), "FREQ=WEEKLY;COUNT=10")
    start, end = day_window(date(2026, 5, 10), date(2026, 5, 31))
    assert occurrences_between(schedule, start.astimezone(UTC), end.astimezone(UTC)) == occurrences_between(
        schedule, start, end
    )


def test_calendar_month_of_february_in_a_leap_year():
    assert calendar_month(2028, 2) == (date(2028, 2, 1), date(2028, 2, 29))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 5, 13), (date(2026, 5, 16), date(2026, 5, 17))),  # Wednesday
        (date(2026, 5, 16), (date(2026, 5, 16), date(2026, 5, 17))),  # Saturday
        (date(2026, 5, 17), (date(2026, 5, 17), date(2026, 5, 17))),  # Sunday: what is left of it
        (date(2026, 7, 15), (date(2026, 7, 18), date(2026, 7, 20))),  # 海の日 Monday 20 July
        (date(2026, 5, 1), (date(2026, 5, 2), date(2026, 5, 6))),  # Golden Week: Sat 2 – Wed 6 May
    ],
)
def test_this_weekend_stretches_over_adjoining_holidays(today, expected):
    assert weekend_window(today) == expected


def test_this_month_runs_from_today_to_the_last_day():
    assert month_window(date(2026, 2, 10)) == (date(2026, 2, 10), date(2026, 2, 28))


def test_unknown_named_window_is_refused_by_name():
    with pytest.raises(RecurrenceError, match="yesterday"):
        named_window("yesterday", date(2026, 5, 1))


# --- refusals ------------------------------------------------------------------


def test_rule_that_yields_no_date_is_refused():
    schedule = timed(date(2026, 5, 5), "FREQ=WEEKLY;COUNT=1", exdates=(date(2026, 5, 5),))
    with pytest.raises(RecurrenceError, match="no date") as error:
        check(schedule)
    assert error.value.field == "rrule"


def test_rule_that_yields_thousands_of_dates_is_refused():
    schedule = timed(date(2026, 5, 5), f"FREQ=DAILY;COUNT={MAX_OCCURRENCES + 1}")
    with pytest.raises(RecurrenceError, match=str(MAX_OCCURRENCES)):
        check(schedule)


def test_open_ended_daily_rule_is_refused_but_weekly_is_allowed():
    with pytest.raises(RecurrenceError, match="end date or a count"):
        check(timed(date(2026, 5, 5), "FREQ=DAILY"))
    weekly = timed(date(2026, 5, 5), "FREQ=WEEKLY")
    assert 150 < check(weekly) <= 160  # three years of Tuesdays
    assert materialise(weekly, today=date(2027, 1, 1))[-1].start < at(date(2030, 1, 2))


@pytest.mark.parametrize("text", ["FREQ=SOMETIMES", "FREQ=WEEKLY;BYDAY=XX", "BYDAY=MO", "FREQ=DAILY;COUNT=x"])
def test_rule_that_does_not_parse_is_refused_with_its_text(text):
    with pytest.raises(RecurrenceError) as error:
        normalise_rrule(text, at(date(2026, 5, 5)), all_day=False)
    assert error.value.field == "rrule"
    assert text in error.value.message


def test_until_and_count_together_are_refused():
    with pytest.raises(RecurrenceError, match="not both"):
        normalise_rrule("FREQ=DAILY;COUNT=3;UNTIL=20260601", at(date(2026, 5, 5)), all_day=False)


def test_start_that_the_rule_does_not_produce_is_refused_with_the_first_real_date():
    schedule = timed(date(2026, 5, 10), "FREQ=MONTHLY;BYDAY=2SA;COUNT=3")
    with pytest.raises(RecurrenceError, match="2026-06-13") as error:
        check(schedule)
    assert error.value.field == "start"


def test_end_before_start_is_refused():
    with pytest.raises(RecurrenceError) as error:
        Schedule.timed(date(2026, 5, 10), time(12), end=time(10))
    assert error.value.field == "end"


# --- the editor's choices ------------------------------------------------------


def test_builder_makes_a_second_saturday_rule_from_the_start_date():
    recurrence = build_recurrence(RepeatChoice(MONTHLY_BY_WEEKDAY, count=6), at(date(2026, 5, 9)))
    assert recurrence.rrule == "FREQ=MONTHLY;COUNT=6;BYDAY=2SA"


def test_builder_weekly_on_chosen_weekdays_until_a_date():
    recurrence = build_recurrence(
        RepeatChoice(WEEKLY, weekdays=(3, 1), until=date(2026, 5, 31), excluded=(date(2026, 5, 14),)),
        at(date(2026, 5, 5)),
    )
    assert recurrence.rrule == "FREQ=WEEKLY;UNTIL=20260531T145959Z;BYDAY=TU,TH"
    schedule = Schedule(at(date(2026, 5, 5)), at(date(2026, 5, 5), 11), False, recurrence)
    assert date(2026, 5, 14) not in starts(materialise(schedule))
    assert starts(materialise(schedule))[-1] == date(2026, 5, 28)


@pytest.mark.parametrize(
    ("choice", "rule"),
    [
        (RepeatChoice(DAILY, interval=2, count=5), "FREQ=DAILY;COUNT=5;INTERVAL=2"),
        (RepeatChoice(MONTHLY_BY_DAY, month_day=-1, count=3), "FREQ=MONTHLY;COUNT=3;BYMONTHDAY=-1"),
        (RepeatChoice(MONTHLY_BY_WEEKDAY, week_of_month=-1, weekday=4, count=3), "FREQ=MONTHLY;COUNT=3;BYDAY=-1FR"),
        (RepeatChoice(YEARLY, until=date(2030, 5, 5)), "FREQ=YEARLY;UNTIL=20300505T145959Z"),
        (RepeatChoice(NONE, added=(date(2026, 6, 1),)), ""),
    ],
)
def test_builder_and_reader_are_inverse(choice, rule):
    recurrence = build_recurrence(choice, at(date(2026, 5, 5)))
    assert recurrence.rrule == rule
    assert build_recurrence(choice_from_recurrence(recurrence), at(date(2026, 5, 5))) == recurrence


@pytest.mark.parametrize(
    ("choice", "field"),
    [
        (RepeatChoice(WEEKLY, weekdays=(7,)), "weekdays"),
        (RepeatChoice(MONTHLY_BY_WEEKDAY, week_of_month=6), "week_of_month"),
        (RepeatChoice(MONTHLY_BY_DAY, month_day=32), "month_day"),
        (RepeatChoice(DAILY, interval=0), "interval"),
        (RepeatChoice(DAILY, count=0), "count"),
        (RepeatChoice(DAILY, count=3, until=date(2026, 6, 1)), "count"),
        (RepeatChoice(DAILY, until=date(2026, 5, 1)), "until"),
        (RepeatChoice("fortnightly"), "frequency"),
    ],
)
def test_builder_names_the_field_at_fault(choice, field):
    with pytest.raises(RecurrenceError) as error:
        build_recurrence(choice, at(date(2026, 5, 5)))
    assert error.value.field == field


def test_date_lists_are_stored_as_rfc5545_dates():
    days = (date(2026, 6, 13), date(2026, 5, 9))
    assert format_date_list(days) == "20260509,20260613"
    assert parse_date_list("20260509, 2026-06-13") == (date(2026, 5, 9), date(2026, 6, 13))
    with pytest.raises(RecurrenceError, match="20260230"):
        parse_date_list("20260230")


# --- properties ----------------------------------------------------------------

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))
choices = st.one_of(
    st.builds(RepeatChoice, st.just(DAILY), st.integers(1, 5), count=st.integers(1, 60)),
    st.builds(
        RepeatChoice,
        st.just(WEEKLY),
        st.integers(1, 3),
        st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True).map(tuple),
        count=st.integers(1, 60),
    ),
    st.builds(RepeatChoice, st.just(MONTHLY_BY_WEEKDAY), count=st.integers(1, 30)),
    st.builds(RepeatChoice, st.just(MONTHLY_BY_DAY), count=st.integers(1, 30)),
)


def _schedule(start_day, choice, excluded_offsets=()):
    start = at(start_day, 9, 30)
    excluded = tuple(start_day + timedelta(days=n) for n in excluded_offsets)
    choice = RepeatChoice(**{**choice.__dict__, "excluded": excluded})
    recurrence = build_recurrence(choice, start)
    first_day = start_day
    if choice.frequency == WEEKLY:  # start on the first chosen weekday, as the editor must
        first_day = next(
            start_day + timedelta(days=n) for n in range(7) if (start_day.weekday() + n) % 7 in choice.weekdays
        )
    return Schedule(at(first_day, 9, 30), at(first_day, 11), False, recurrence)


@settings(max_examples=60, deadline=None)
@given(days, choices, st.lists(st.integers(0, 90), max_size=4))
def test_expansion_never_returns_excluded_dates_and_stays_in_order(start_day, choice, excluded_offsets):
    schedule = _schedule(start_day, choice, excluded_offsets)
    occurrences = list(iter_occurrences(schedule))
    found = starts(occurrences)
    assert found == sorted(set(found))
    assert not set(found) & set(schedule.recurrence.exdates)
    assert all(o.end - o.start == timedelta(minutes=90) for o in occurrences)
    assert len(found) <= choice.count


@settings(max_examples=60, deadline=None)
@given(days, choices, days, st.integers(1, 60))
def test_window_returns_exactly_the_occurrences_that_overlap_it(start_day, choice, window_day, length):
    schedule = _schedule(start_day, choice)
    window = day_window(window_day, window_day + timedelta(days=length - 1))
    expected = [o for o in iter_occurrences(schedule) if o.start < window[1] and o.end > window[0]]
    assert occurrences_between(schedule, *window) == expected


@settings(max_examples=40, deadline=None)
@given(days, choices, days, st.integers(1, 40), st.integers(1, 40))
def test_adjacent_windows_split_the_occurrences_without_loss(start_day, choice, window_day, first_len, second_len):
    schedule = _schedule(start_day, choice)
    middle = window_day + timedelta(days=first_len)
    whole = occurrences_between(schedule, *day_window(window_day, middle + timedelta(days=second_len - 1)))
    first = occurrences_between(schedule, *day_window(window_day, middle - timedelta(days=1)))
    second = occurrences_between(schedule, *day_window(middle, middle + timedelta(days=second_len - 1)))
    assert sorted(set(first) | set(second), key=lambda o: o.start) == whole


@settings(max_examples=60, deadline=None)
@given(days, st.integers(1, 5), st.integers(0, 6))
def test_nth_weekday_rule_only_yields_that_weekday_in_that_week(start_day, nth, weekday):
    schedule_start = at(start_day)
    recurrence = build_recurrence(
        RepeatChoice(MONTHLY_BY_WEEKDAY, week_of_month=nth, weekday=weekday, until=start_day + timedelta(days=400)),
        schedule_start,
    )
    rule_days = [o.first_day for o in iter_occurrences(Schedule(schedule_start, schedule_start, False, recurrence))]
    # The start day itself need not match (the editor would be told); every other date must.
    for day in rule_days:
        if day == start_day:
            continue
        assert day.weekday() == weekday
        assert (day.day - 1) // 7 + 1 == nth
