"""Collection rules and their expansion into dates: pure functions, no database.

A *rule* says when one category is collected in one area: every week on a weekday,
the nth weekday of the month (第2水曜: the second Wednesday, 火5 only in months with
five Tuesdays), every other week from an anchor date (隔週), explicit dates, each
optionally limited to some months and to a validity range (a rule that changes from
April). *Exceptions* then change the computed days: a disposal centre's shutdown
(年末年始: the day is dropped, or with ``week_shift`` moved a week as Kanazawa does),
national holidays (collected or not, per municipality, from ``jpholiday``), one-off
moves (1月2日 → 1月4日), extra days and cancelled days.

The weekly, nth-weekday and shutdown semantics are those of the 5374 app's
``TrashModel.calcMostRect`` (codeforkanazawa-org/5374, ``js/script.js``): each month
is walked week by week from the first occurrence of the weekday; once a candidate
falls inside a shutdown with week-shift on, it and the later candidates of that rule
in that month move one week, and a candidate pushed out of its month is dropped.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

import jpholiday

WEEKDAY_CHARS = "月火水木金土日"  # index = date.weekday() (Monday = 0)
ALL_MONTHS = frozenset(range(1, 13))
ONE_WEEK = timedelta(days=7)


class RuleKind(StrEnum):
    WEEKLY = "weekly"  # 毎週
    NTH = "nth"  # 第n曜日
    BIWEEKLY = "biweekly"  # 隔週, from an anchor date
    DATES = "dates"  # explicit dates (不定期)


@dataclass(frozen=True)
class Rule:
    """One collection pattern of one category in one area."""

    kind: RuleKind
    weekday: int | None = None  # 0 = Monday … 6 = Sunday
    nth: int | None = None  # 1–5 for NTH
    anchor: date | None = None  # first collection day of a BIWEEKLY rule
    dates: tuple[date, ...] = ()
    months: frozenset[int] = ALL_MONTHS
    valid_from: date | None = None
    valid_until: date | None = None

    def __post_init__(self):
        if self.kind is RuleKind.DATES:
            if not self.dates:
                raise ValueError("an explicit-dates rule needs at least one date")
        elif self.weekday is None or not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0–6, not {self.weekday!r}")
        if self.kind is RuleKind.NTH and (self.nth is None or not 1 <= self.nth <= 5):
            raise ValueError(f"the nth weekday must be 1–5, not {self.nth!r}")
        if self.kind is RuleKind.BIWEEKLY:
            if self.anchor is None:
                raise ValueError("an every-other-week rule needs an anchor date")
            if self.anchor.weekday() != self.weekday:
                raise ValueError(f"the anchor {self.anchor} is not a {WEEKDAY_CHARS[self.weekday]}曜日")
        if not self.months or not self.months <= ALL_MONTHS:
            raise ValueError(f"months must be a non-empty subset of 1–12, not {sorted(self.months)}")
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            raise ValueError(f"valid from {self.valid_from} is after valid until {self.valid_until}")

    @property
    def is_regular(self) -> bool:
        return self.kind is not RuleKind.DATES

    def in_validity(self, day: date) -> bool:
        return (self.valid_from is None or day >= self.valid_from) and (
            self.valid_until is None or day <= self.valid_until
        )


def weekly(weekday: int, **kwargs) -> Rule:
    return Rule(RuleKind.WEEKLY, weekday=weekday, **kwargs)


def nth_weekday(weekday: int, nth: int, **kwargs) -> Rule:
    return Rule(RuleKind.NTH, weekday=weekday, nth=nth, **kwargs)


def every_other_week(anchor: date, **kwargs) -> Rule:
    return Rule(RuleKind.BIWEEKLY, weekday=anchor.weekday(), anchor=anchor, **kwargs)


def explicit_dates(dates: Iterable[date], **kwargs) -> Rule:
    return Rule(RuleKind.DATES, dates=tuple(sorted(set(dates))), **kwargs)


@dataclass(frozen=True)
class Shutdown:
    """A disposal centre's shutdown (休止期間), both ends inclusive."""

    start: date
    end: date

    def __post_init__(self):
        if self.start > self.end:
            raise ValueError(f"shutdown starts {self.start} after it ends {self.end}")

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Move:
    """A one-off move of a collection day (1月2日 → 1月4日)."""

    original: date
    replacement: date


@dataclass(frozen=True)
class Exceptions:
    """Everything that changes the dates the rules give, for one area and category."""

    shutdowns: tuple[Shutdown, ...] = ()
    week_shift: bool = False  # True: a day in a shutdown moves a week (Kanazawa); False: it is dropped
    holidays_collected: bool = True
    moves: tuple[Move, ...] = ()
    extra: frozenset[date] = field(default_factory=frozenset)
    cancelled: frozenset[date] = field(default_factory=frozenset)


NO_EXCEPTIONS = Exceptions()


def months_between(start: date, end: date) -> Iterator[tuple[int, int]]:
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _in_shutdown(day: date, shutdowns: Iterable[Shutdown]) -> bool:
    return any(day in shutdown for shutdown in shutdowns)


def month_dates(rule: Rule, year: int, month: int, shutdowns=(), week_shift: bool = False) -> list[date]:
    """The dates a regular rule gives in one month, the 5374 way (see the module docstring)."""
    if month not in rule.months:
        return []
    first = date(year, month, 1)
    first_occurrence = first + timedelta(days=(rule.weekday - first.weekday()) % 7)
    shifted = False
    found = []
    for week in range(5):
        day = first_occurrence + week * ONE_WEEK
        if _in_shutdown(day, shutdowns):
            if not week_shift:
                continue
            shifted = True
        if shifted:
            day += ONE_WEEK
        if day.month != month:
            continue
        if rule.kind is RuleKind.NTH and week != rule.nth - 1:
            continue
        if rule.kind is RuleKind.BIWEEKLY:
            original = first_occurrence + week * ONE_WEEK
            if original < rule.anchor or (original - rule.anchor).days % 14:
                continue
        found.append(day)
    return found


def rule_dates(rule: Rule, start: date, end: date, shutdowns=(), week_shift: bool = False) -> set[date]:
    """The dates one rule gives in [start, end], shutdowns applied, before the other exceptions."""
    if rule.kind is RuleKind.DATES:
        days = {day for day in rule.dates if start <= day <= end}
    else:
        days = set()
        for year, month in months_between(start, end):
            days.update(day for day in month_dates(rule, year, month, shutdowns, week_shift) if start <= day <= end)
    return {day for day in days if rule.in_validity(day)}


def is_holiday(day: date) -> bool:
    """A national holiday (国民の祝日, 振替休日, 国民の休日) from the maintained ``jpholiday`` tables."""
    return jpholiday.is_holiday(day)


def collection_dates(
    rules: Iterable[Rule], start: date, end: date, exceptions: Exceptions = NO_EXCEPTIONS
) -> list[date]:
    """Sorted collection days of one category in one area within [start, end], inclusive.

    Order: rules (with centre shutdowns), holidays, cancelled days, moves, extra days.
    A move whose original day lies outside the range still lands inside it.
    """
    if start > end:
        raise ValueError(f"the range starts {start} after it ends {end}")
    rules = list(rules)
    # Moves may bring a day in from outside the range: widen by the farthest move.
    reach = max((abs((move.replacement - move.original).days) for move in exceptions.moves), default=0)
    wide_start, wide_end = start - timedelta(days=reach), end + timedelta(days=reach)
    days: set[date] = set()
    for rule in rules:
        days |= rule_dates(rule, wide_start, wide_end, exceptions.shutdowns, exceptions.week_shift)
    if not exceptions.holidays_collected:
        days = {day for day in days if not is_holiday(day)}
    days -= exceptions.cancelled
    for move in exceptions.moves:
        if move.original in days:
            days.discard(move.original)
            days.add(move.replacement)
    days |= exceptions.extra
    return sorted(day for day in days if start <= day <= end)


def last_day_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
