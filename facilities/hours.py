"""Opening hours: the standard open data's weekly hours plus exceptions, and "open today".

The standard layouts give 利用可能曜日 (``月火水木金``), 開始時間/終了時間 (``9:30``) and a free-text
利用可能日時特記事項. ``parse_hours`` reads the first three strictly (bad values raise
``HoursError`` naming the field) and picks out of the note the exceptions that matter for
"open today": 年末年始 / 12/29～1/3 closures, 祝日 (national holidays, via jpholiday) closed,
毎月末日 closed, and Saturday/Sunday/holiday closing times (``土日祝は17：00まで``).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from japanese.dates import TOKYO, is_holiday
from japanese.text import narrow

WEEKDAYS = "月火水木金土日"
_RANGE_SEP = r"\s*(?:[~〜～\-ー]|から)\s*"
_DAY_RANGE = re.compile(r"([月火水木金土日])[~〜～\-ー－から]+([月火水木金土日])")
_TIME = re.compile(r"^(\d{1,2})[:：時](\d{2})?分?$")
_NEW_YEAR_DEFAULT = ((12, 29), (1, 3))


class HoursError(ValueError):
    def __init__(self, field_name: str, value: str, message: str):
        self.field_name = field_name
        self.value = value
        super().__init__(message)


def parse_days(text: str) -> frozenset[int]:
    """``月火水木金土`` / ``月～金`` / ``平日`` / ``土日祝`` → weekday numbers (Monday = 0).

    ``祝`` in the field is ignored here (holidays are handled by the note). Raises ``HoursError``.
    """
    value = narrow(text)
    if not value:
        return frozenset()
    days: set[int] = set()
    rest = value.replace("曜日", "").replace("曜", "")
    rest = rest.replace("平日", "月火水木金").replace("毎日", "月火水木金土日").replace("全日", "月火水木金土日")
    for start, end in _DAY_RANGE.findall(rest):
        first, last = WEEKDAYS.index(start), WEEKDAYS.index(end)
        days.update(range(first, last + 1) if first <= last else [*range(first, 7), *range(0, last + 1)])
    rest = _DAY_RANGE.sub("", rest)
    for char in rest:
        if char in WEEKDAYS:
            days.add(WEEKDAYS.index(char))
        elif char in "祝・,、 及び及と":
            continue
        else:
            raise HoursError("利用可能曜日", text, f"unknown day {char!r} in {text!r}: use 月火水木金土日")
    return frozenset(days)


def parse_time(text: str, field_name: str = "開始時間") -> time | None:
    """``9:30`` / ``09：30`` / ``9時`` → time; empty → None. Raises ``HoursError``.

    Times past midnight written the Japanese way (``25:00`` for 1 a.m.) are accepted and read as
    23:59, the end of the day they belong to.
    """
    value = narrow(text)
    if not value:
        return None
    match = _TIME.match(value)
    if not match:
        raise HoursError(field_name, text, f"{text!r} is not a time like 9:30")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if minute > 59 or hour > 30:
        raise HoursError(field_name, text, f"{text!r} is not a time of day")
    if hour >= 24:
        return time(23, 59)
    if hour > 23:
        raise HoursError(field_name, text, f"{text!r} is not a time of day")
    return time(hour, minute)


def _md(text: str) -> tuple[int, int]:
    month, day = (int(part) for part in text.split("/"))
    return month, day


LOOK_AHEAD_DAYS = 14


@dataclass(frozen=True)
class OpenStatus:
    """Open or closed at a moment: when an open place closes, when a closed one next opens
    (within two weeks; None past that, e.g. a long closure)."""

    open: bool
    closes_at: datetime | None = None
    opens_at: datetime | None = None


@dataclass(frozen=True)
class OpeningHours:
    days: frozenset[int] = frozenset()
    opens: time | None = None
    closes: time | None = None
    note: str = ""
    closed_on_holidays: bool = False
    closed_periods: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()  # ((m, d), (m, d)), inclusive
    closed_last_day_of_month: bool = False
    weekend_holiday_closes: time | None = None  # 土日祝は17:00まで
    extra_closed_dates: tuple[date, ...] = field(default=())
    # 月が休日の場合は翌日休館: the regular closing day moves to the next day when it is a holiday
    closed_day_after_holiday_on: frozenset[int] = frozenset()

    @property
    def known(self) -> bool:
        return bool(self.days)

    def closure_reason(self, day: date) -> str | None:
        """Why the facility is closed on *day*, or None when it opens."""
        for (m1, d1), (m2, d2) in self.closed_periods:
            start, end, current = (m1, d1), (m2, d2), (day.month, day.day)
            inside = start <= current <= end if start <= end else (current >= start or current <= end)
            if inside:
                return "年末年始" if (m1 == 12 or m2 == 1) and start > end else "休館期間"
        if day in self.extra_closed_dates:
            return "休館日"
        if self.closed_on_holidays and is_holiday(day):
            return "祝日"
        yesterday = day - timedelta(days=1)
        if yesterday.weekday() in self.closed_day_after_holiday_on and is_holiday(yesterday):
            return "休館日"
        if self.closed_last_day_of_month and day.day == calendar.monthrange(day.year, day.month)[1]:
            return "月末"
        if self.days and day.weekday() not in self.days:
            return "定休日"
        return None

    def is_open_on(self, day: date) -> bool | None:
        """True/False, or None when the hours are not known."""
        if not self.known:
            return None
        return self.closure_reason(day) is None

    def hours_on(self, day: date) -> tuple[time | None, time | None] | None:
        """(opens, closes) on *day*, or None when closed or unknown."""
        if not self.is_open_on(day):
            return None
        closes = self.closes
        if self.weekend_holiday_closes and (day.weekday() >= 5 or is_holiday(day)):
            closes = self.weekend_holiday_closes
        return self.opens, closes

    def is_open_at(self, moment: datetime) -> bool | None:
        hours = self.hours_on(moment.date())
        if hours is None:
            return None if not self.known else False
        opens, closes = hours
        if opens is None or closes is None:
            return True
        return opens <= moment.time().replace(tzinfo=None) < closes

    def status_at(self, moment: datetime) -> OpenStatus | None:
        """Open or closed at *moment* (read in Japan time), with when it closes or next opens;
        None when the hours (days and times) are not known."""
        if not self.known or self.opens is None or self.closes is None:
            return None
        local = moment.astimezone(TOKYO).replace(tzinfo=None) if moment.tzinfo else moment
        today, now = local.date(), local.time()
        hours = self.hours_on(today)
        if hours:
            opens, closes = hours
            if opens <= now < closes:
                return OpenStatus(True, closes_at=datetime.combine(today, closes, TOKYO))
            if now < opens:
                return OpenStatus(False, opens_at=datetime.combine(today, opens, TOKYO))
        for ahead in range(1, LOOK_AHEAD_DAYS + 1):
            day = today + timedelta(days=ahead)
            hours = self.hours_on(day)
            if hours:
                return OpenStatus(False, opens_at=datetime.combine(day, hours[0], TOKYO))
        return OpenStatus(False)

    def weekly_text(self) -> str:
        """``月火水木金 9:30–19:00`` in the order of the week."""
        if not self.days:
            return ""
        days = "".join(WEEKDAYS[d] for d in sorted(self.days))
        if self.opens and self.closes:
            return f"{days} {self.opens:%H:%M}–{self.closes:%H:%M}"
        return days


def parse_note(note: str) -> dict:
    """The exceptions in a 利用可能日時特記事項 text that "open today" can use."""
    text = narrow(note)
    found: dict = {"closed_periods": []}
    for first, second in re.findall(
        rf"(\d{{1,2}}/\d{{1,2}}){_RANGE_SEP}(\d{{1,2}}/\d{{1,2}})(?:まで)?\s*(?:は|を)?\s*休", text
    ):
        found["closed_periods"].append((_md(first), _md(second)))
    for first, second in re.findall(
        rf"休[館所園業]日[^。]*?(\d{{1,2}}/\d{{1,2}}){_RANGE_SEP}(\d{{1,2}}/\d{{1,2}})", text
    ):
        period = (_md(first), _md(second))
        if period not in found["closed_periods"]:
            found["closed_periods"].append(period)
    if "年末年始" in text and re.search(r"年末年始[^。]*休", text) and not found["closed_periods"]:
        found["closed_periods"].append(_NEW_YEAR_DEFAULT)
    says_holiday_closed = re.search(r"(祝日|休日|祝)[^。、]*?(休館|休所|休園|休業|休み)", text)
    lists_holidays_as_closed = re.search(r"休[館所園]日[^。]*祝", text)
    # "月が休日の場合は翌日休館" moves the Monday closure; it does not close on holidays
    moves_closure = re.search(r"[月火水木金]が(休日|祝日)の場合", text)
    if lists_holidays_as_closed or (says_holiday_closed and not moves_closure):
        found["closed_on_holidays"] = True
    after = re.findall(r"([月火水木金土日])(?:曜日?)?が(?:休日|祝日)の場合は翌日(?:休館|休み|休所)", text)
    if after:
        found["closed_day_after_holiday_on"] = frozenset(WEEKDAYS.index(day) for day in after)
    if re.search(r"(毎月)?末日[^。]*休", text):
        found["closed_last_day_of_month"] = True
    weekend = re.search(r"土日祝?[^。]*?(\d{1,2}:\d{2})まで", text)
    if weekend:
        found["weekend_holiday_closes"] = parse_time(weekend.group(1), "利用可能日時特記事項")
    return found


def parse_hours(days: str = "", opens: str = "", closes: str = "", note: str = "") -> OpeningHours:
    """Weekly hours from the three standard columns plus the exceptions found in the note."""
    extra = parse_note(note)
    return OpeningHours(
        days=parse_days(days),
        opens=parse_time(opens, "開始時間"),
        closes=parse_time(closes, "終了時間"),
        note=note or "",
        closed_on_holidays=extra.get("closed_on_holidays", False),
        closed_periods=tuple(extra["closed_periods"]),
        closed_last_day_of_month=extra.get("closed_last_day_of_month", False),
        weekend_holiday_closes=extra.get("weekend_holiday_closes"),
        closed_day_after_holiday_on=extra.get("closed_day_after_holiday_on", frozenset()),
    )
