"""When an event takes place: single or recurring, always in Japan time.

A recurrence is stored as RFC 5545 text — an RRULE value plus EXDATE and RDATE
dates — so that the iCalendar export is exact. It is expanded with
python-dateutil's ``rrule``/``rruleset``; nothing here counts weekdays by hand.

Times are wall-clock times in Asia/Tokyo. A timed event is expanded from an
aware DTSTART in Asia/Tokyo (its RRULE UNTIL is then in UTC, as RFC 5545
requires); an all-day event from a floating midnight (its UNTIL is a DATE).

Every occurrence is a half-open span ``[start, end)`` of aware datetimes. An
all-day event runs from midnight of its first day to midnight after its last
day. A span overlaps a window ``[window_start, window_end)`` when it starts
before the window ends and either ends after the window starts or starts inside
it (so that an event without an end time, ``end == start``, is still found).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import jpholiday
from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrule, rruleset, rrulestr
from icalendar import vRecur

TOKYO = ZoneInfo("Asia/Tokyo")

#: A recurrence yielding more dates than this is refused ("thousands of dates").
MAX_OCCURRENCES = 1000
#: A rule without UNTIL or COUNT is counted, and materialised, this many years ahead.
OPEN_ENDED_YEARS = 3

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class RecurrenceError(ValueError):
    """A schedule that cannot be saved; ``field`` names the editor field at fault."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass(frozen=True)
class Recurrence:
    """RFC 5545 recurrence: an RRULE value (without ``RRULE:``), EXDATE and RDATE dates.

    Excluded and added dates are calendar dates in Japan time; for a timed
    event they are taken at the event's start time.
    """

    rrule: str = ""
    exdates: tuple[date, ...] = ()
    rdates: tuple[date, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.rrule or self.rdates)


@dataclass(frozen=True)
class Occurrence:
    start: datetime
    end: datetime
    all_day: bool = False

    @property
    def first_day(self) -> date:
        return self.start.astimezone(TOKYO).date()

    @property
    def last_day(self) -> date:
        """The last calendar day (Japan time) the occurrence touches."""
        end = self.end.astimezone(TOKYO)
        if end > self.start and end.time() == time(0):
            return end.date() - timedelta(days=1)
        return end.date()


@dataclass(frozen=True)
class Schedule:
    """The first occurrence of an event and how it repeats."""

    start: datetime
    end: datetime
    all_day: bool = False
    recurrence: Recurrence = field(default_factory=Recurrence)

    def __post_init__(self):
        for name in ("start", "end"):
            value = getattr(self, name)
            if not isinstance(value, datetime) or value.tzinfo is None:
                raise RecurrenceError(name, "must be a date and time with a time zone")
        if self.end < self.start:
            raise RecurrenceError("end", "The end is before the start.")

    @classmethod
    def timed(
        cls,
        day: date,
        start: time,
        end_day: date | None = None,
        end: time | None = None,
        recurrence: Recurrence | None = None,
    ) -> Schedule:
        """A timed event in Japan time; without an end time it ends when it starts."""
        first = datetime.combine(day, start, tzinfo=TOKYO)
        last_day = end_day or day
        if end is None:
            last = datetime.combine(last_day, start, tzinfo=TOKYO)
        else:
            last = datetime.combine(last_day, end, tzinfo=TOKYO)
        return cls(first, last, False, recurrence or Recurrence())

    @classmethod
    def all_day_event(
        cls,
        day: date,
        end_day: date | None = None,
        recurrence: Recurrence | None = None,
    ) -> Schedule:
        """An all-day event on *day* .. *end_day* (inclusive)."""
        last_day = end_day or day
        if last_day < day:
            raise RecurrenceError("end", "The end date is before the start date.")
        return cls(
            datetime.combine(day, time(0), tzinfo=TOKYO),
            datetime.combine(last_day + timedelta(days=1), time(0), tzinfo=TOKYO),
            True,
            recurrence or Recurrence(),
        )

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(TOKYO)

    @property
    def is_open_ended(self) -> bool:
        if not self.recurrence.rrule:
            return False
        parts = vRecur.from_ical(self.recurrence.rrule)
        return "UNTIL" not in parts and "COUNT" not in parts


# --- RRULE text -----------------------------------------------------------------


def normalise_rrule(text: str, start: datetime, all_day: bool) -> str:
    """Return *text* as a canonical RRULE value for an event starting at *start*.

    Accepts an optional ``RRULE:`` prefix. UNTIL becomes a UTC date-time for a
    timed event (a DATE or floating UNTIL is read as Japan time, the whole day
    included) and a DATE for an all-day one. Raises :class:`RecurrenceError`
    (field ``rrule``) when the text does not parse.
    """
    text = (text or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text:
        return ""
    try:
        parts = vRecur.from_ical(text)
    except (ValueError, TypeError) as exc:
        raise RecurrenceError("rrule", f"The repeat rule {text!r} does not parse: {exc}") from exc
    if "FREQ" not in parts:
        raise RecurrenceError("rrule", f"The repeat rule {text!r} has no FREQ.")
    if "UNTIL" in parts and "COUNT" in parts:
        raise RecurrenceError(
            "rrule",
            "A repeat rule has either an end date (UNTIL) or a count, not both.",
        )
    if "UNTIL" in parts:
        until = parts["UNTIL"][0]
        parts["UNTIL"] = [_until_value(until, all_day)]
    canonical = vRecur(parts).to_ical().decode()
    _dateutil_rule(canonical, start, all_day)  # raises on anything dateutil rejects
    return canonical


def _until_value(until: date | datetime, all_day: bool) -> date | datetime:
    if all_day:
        if isinstance(until, datetime):
            return until.astimezone(TOKYO).date() if until.tzinfo else until.date()
        return until
    if isinstance(until, datetime):
        if until.tzinfo is None:
            until = until.replace(tzinfo=TOKYO)
        return until.astimezone(UTC)
    # A date: the whole day in Japan time.
    return datetime.combine(until, time(23, 59, 59), tzinfo=TOKYO).astimezone(UTC)


def _anchor(start: datetime, all_day: bool) -> datetime:
    local = start.astimezone(TOKYO)
    return local.replace(tzinfo=None) if all_day else local


def _at(day: date, start: datetime, all_day: bool) -> datetime:
    anchor = _anchor(start, all_day)
    return datetime.combine(day, anchor.timetz()) if not all_day else datetime.combine(day, time(0))


def _dateutil_rule(text: str, start: datetime, all_day: bool) -> rrule:
    try:
        rule = rrulestr(text, dtstart=_anchor(start, all_day), forceset=False)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise RecurrenceError("rrule", f"The repeat rule {text!r} does not parse: {exc}") from exc
    if not isinstance(rule, rrule):
        raise RecurrenceError("rrule", f"The repeat rule {text!r} must be a single RRULE.")
    return rule


def _ruleset(schedule: Schedule) -> rruleset:
    recurrence = schedule.recurrence
    anchor = _anchor(schedule.start, schedule.all_day)
    rules = rruleset()
    if recurrence.rrule:
        rules.rrule(_dateutil_rule(recurrence.rrule, schedule.start, schedule.all_day))
    else:
        rules.rdate(anchor)
    for day in recurrence.rdates:
        rules.rdate(_at(day, schedule.start, schedule.all_day))
    for day in recurrence.exdates:
        rules.exdate(_at(day, schedule.start, schedule.all_day))
    return rules


def _to_occurrence(schedule: Schedule, start: datetime) -> Occurrence:
    if start.tzinfo is None:
        start = start.replace(tzinfo=TOKYO)
    # Wall-clock arithmetic in Japan time (no DST, but do it right regardless).
    local = start.astimezone(TOKYO)
    end = (local.replace(tzinfo=None) + schedule.duration).replace(tzinfo=TOKYO)
    return Occurrence(local, end, schedule.all_day)


def _bound(schedule: Schedule, value: datetime) -> datetime:
    local = value.astimezone(TOKYO)
    return local.replace(tzinfo=None) if schedule.all_day else local


# --- expansion ------------------------------------------------------------------


def iter_occurrences(schedule: Schedule) -> Iterator[Occurrence]:
    """Every occurrence in order (possibly endless: slice it)."""
    for start in _ruleset(schedule):
        yield _to_occurrence(schedule, start)


def occurrences_between(schedule: Schedule, window_start: datetime, window_end: datetime) -> list[Occurrence]:
    """Occurrences overlapping the half-open window ``[window_start, window_end)``."""
    if window_end <= window_start:
        return []
    rules = _ruleset(schedule)
    earliest = _bound(schedule, window_start - schedule.duration)
    latest = _bound(schedule, window_end)
    found = []
    for start in rules.between(earliest, latest, inc=True):
        occurrence = _to_occurrence(schedule, start)
        if overlaps(occurrence, window_start, window_end):
            found.append(occurrence)
    return found


def overlaps(occurrence: Occurrence, window_start: datetime, window_end: datetime) -> bool:
    return occurrence.start < window_end and (occurrence.end > window_start or occurrence.start >= window_start)


def horizon_for(schedule: Schedule, today: date | None = None) -> datetime:
    """How far an open-ended rule is expanded: OPEN_ENDED_YEARS past its start or *today*."""
    base = schedule.local_start
    if today is not None:
        base = max(base, datetime.combine(today, time(0), tzinfo=TOKYO))
    return base + relativedelta(years=OPEN_ENDED_YEARS)


def materialise(schedule: Schedule, today: date | None = None) -> list[Occurrence]:
    """All occurrences to store: every one of a bounded rule, or up to the horizon.

    Raises :class:`RecurrenceError` when the schedule yields no date or more than
    :data:`MAX_OCCURRENCES` (counted over OPEN_ENDED_YEARS for an open-ended rule).
    """
    check(schedule)
    if schedule.is_open_ended:
        horizon = horizon_for(schedule, today)
        return list(itertools.takewhile(lambda o: o.start < horizon, iter_occurrences(schedule)))
    return list(iter_occurrences(schedule))


def check(schedule: Schedule) -> int:
    """Refuse a schedule without dates or with thousands; return how many dates it yields."""
    occurrences = iter_occurrences(schedule)
    if schedule.is_open_ended:
        horizon = horizon_for(schedule)
        occurrences = itertools.takewhile(lambda o: o.start < horizon, occurrences)
    count = sum(1 for _ in itertools.islice(occurrences, MAX_OCCURRENCES + 1))
    if count == 0:
        raise RecurrenceError(
            "rrule",
            "This repeat rule yields no date: check its end date and excluded dates.",
        )
    if count > MAX_OCCURRENCES:
        if schedule.is_open_ended:
            raise RecurrenceError(
                "rrule",
                f"This repeat rule yields more than {MAX_OCCURRENCES} dates in "
                f"{OPEN_ENDED_YEARS} years: repeat less often or give an end date or a count.",
            )
        raise RecurrenceError(
            "rrule",
            f"This repeat rule yields more than {MAX_OCCURRENCES} dates: "
            "repeat less often or give an earlier end date or a smaller count.",
        )
    if schedule.recurrence.rrule:
        # RFC 5545 leaves a DTSTART that the rule itself does not produce undefined;
        # dateutil would silently drop it. Ask for a synchronised start instead.
        anchor = _anchor(schedule.start, schedule.all_day)
        rule = _dateutil_rule(schedule.recurrence.rrule, schedule.start, schedule.all_day)
        if anchor not in rule and anchor.date() not in schedule.recurrence.rdates:
            first = rule.after(anchor)
            hint = f"; the first one is {first.date().isoformat()}" if first else ""
            raise RecurrenceError(
                "start",
                f"The start date {anchor.date().isoformat()} is not one of the repeat dates{hint}.",
            )
    return count


# --- building a rule from the editor's choices ---------------------------------

NONE = ""
DAILY = "daily"
WEEKLY = "weekly"
MONTHLY_BY_DAY = "monthly_day"
MONTHLY_BY_WEEKDAY = "monthly_weekday"
YEARLY = "yearly"
FREQUENCIES = (NONE, DAILY, WEEKLY, MONTHLY_BY_DAY, MONTHLY_BY_WEEKDAY, YEARLY)


@dataclass(frozen=True)
class RepeatChoice:
    """What an editor picks: how often, on which days, until when, with which exceptions.

    Weekdays are 0 (Monday) .. 6 (Sunday). ``week_of_month`` is 1..5 or -1 (last);
    ``month_day`` 1..31 or -1 (last day). Missing values are taken from the start date.
    """

    frequency: str = NONE
    interval: int = 1
    weekdays: tuple[int, ...] = ()
    month_day: int | None = None
    week_of_month: int | None = None
    weekday: int | None = None
    until: date | None = None
    count: int | None = None
    excluded: tuple[date, ...] = ()
    added: tuple[date, ...] = ()


def build_recurrence(choice: RepeatChoice, start: datetime, all_day: bool = False) -> Recurrence:
    """Turn the editor's choices into an RFC 5545 recurrence (validated, canonical)."""
    if choice.frequency not in FREQUENCIES:
        raise RecurrenceError("frequency", f"Unknown repeat frequency {choice.frequency!r}.")
    if choice.interval < 1:
        raise RecurrenceError("interval", "The interval must be 1 or more.")
    if choice.until is not None and choice.count is not None:
        raise RecurrenceError("count", "Give an end date or a count, not both.")
    if choice.count is not None and choice.count < 1:
        raise RecurrenceError("count", "The count must be 1 or more.")
    local = start.astimezone(TOKYO)
    if choice.until is not None and choice.until < local.date():
        raise RecurrenceError("until", "The repeat end date is before the start date.")
    excluded = tuple(sorted(set(choice.excluded)))
    added = tuple(sorted(set(choice.added) - set(excluded)))
    if choice.frequency == NONE:
        return Recurrence("", excluded, added)

    parts: dict[str, list] = {}
    if choice.frequency == DAILY:
        parts["FREQ"] = ["DAILY"]
    elif choice.frequency == WEEKLY:
        weekdays = choice.weekdays or (local.weekday(),)
        _check_weekdays(weekdays, "weekdays")
        parts["FREQ"] = ["WEEKLY"]
        parts["BYDAY"] = [WEEKDAY_CODES[d] for d in sorted(set(weekdays))]
    elif choice.frequency == MONTHLY_BY_DAY:
        day = choice.month_day if choice.month_day is not None else local.day
        if not (1 <= day <= 31 or day == -1):
            raise RecurrenceError("month_day", "The day of the month must be 1–31 or -1 (last day).")
        parts["FREQ"] = ["MONTHLY"]
        parts["BYMONTHDAY"] = [day]
    elif choice.frequency == MONTHLY_BY_WEEKDAY:
        nth = choice.week_of_month if choice.week_of_month is not None else (local.day - 1) // 7 + 1
        weekday = choice.weekday if choice.weekday is not None else local.weekday()
        if not (1 <= nth <= 5 or nth == -1):
            raise RecurrenceError("week_of_month", "The week of the month must be 1–5 or -1 (last).")
        _check_weekdays((weekday,), "weekday")
        parts["FREQ"] = ["MONTHLY"]
        parts["BYDAY"] = [f"{nth}{WEEKDAY_CODES[weekday]}"]
    else:
        parts["FREQ"] = ["YEARLY"]
    if choice.interval != 1:
        parts["INTERVAL"] = [choice.interval]
    if choice.until is not None:
        parts["UNTIL"] = [choice.until]
    if choice.count is not None:
        parts["COUNT"] = [choice.count]
    text = normalise_rrule(vRecur(parts).to_ical().decode(), start, all_day)
    return Recurrence(text, excluded, added)


def _check_weekdays(weekdays: Iterable[int], name: str) -> None:
    for day in weekdays:
        if not (isinstance(day, int) and 0 <= day <= 6):
            raise RecurrenceError(name, f"{day!r} is not a weekday (0 = Monday … 6 = Sunday).")


def choice_from_recurrence(recurrence: Recurrence) -> RepeatChoice:
    """The editor's choices for a stored recurrence (the inverse of :func:`build_recurrence`).

    Rules the structured editor cannot show (e.g. BYSETPOS) raise RecurrenceError;
    they can still be edited as raw RRULE text.
    """
    base = {"excluded": recurrence.exdates, "added": recurrence.rdates}
    if not recurrence.rrule:
        return RepeatChoice(**base)
    parts = vRecur.from_ical(recurrence.rrule)
    freq = parts["FREQ"][0]
    known = {"FREQ", "INTERVAL", "UNTIL", "COUNT", "BYDAY", "BYMONTHDAY", "WKST"}
    if set(parts) - known:
        raise RecurrenceError("rrule", "This repeat rule can only be edited as text.")
    extra = dict(base)
    extra["interval"] = int(parts.get("INTERVAL", [1])[0])
    if "UNTIL" in parts:
        until = parts["UNTIL"][0]
        extra["until"] = until.astimezone(TOKYO).date() if isinstance(until, datetime) else until
    if "COUNT" in parts:
        extra["count"] = int(parts["COUNT"][0])
    byday = [str(d) for d in parts.get("BYDAY", [])]
    if freq == "DAILY" and not byday and "BYMONTHDAY" not in parts:
        return RepeatChoice(DAILY, **extra)
    if freq == "WEEKLY" and "BYMONTHDAY" not in parts:
        return RepeatChoice(WEEKLY, weekdays=tuple(WEEKDAY_CODES.index(d) for d in byday), **extra)
    if freq == "MONTHLY" and "BYMONTHDAY" in parts and not byday:
        return RepeatChoice(MONTHLY_BY_DAY, month_day=int(parts["BYMONTHDAY"][0]), **extra)
    if freq == "MONTHLY" and len(byday) == 1 and byday[0][:-2].lstrip("+-").isdigit():
        return RepeatChoice(
            MONTHLY_BY_WEEKDAY,
            week_of_month=int(byday[0][:-2]),
            weekday=WEEKDAY_CODES.index(byday[0][-2:]),
            **extra,
        )
    if freq == "YEARLY" and not byday and "BYMONTHDAY" not in parts:
        return RepeatChoice(YEARLY, **extra)
    raise RecurrenceError("rrule", "This repeat rule can only be edited as text.")


# --- RFC 5545 date lists (EXDATE;VALUE=DATE style) -------------------------------


def format_date_list(days: Iterable[date]) -> str:
    """``20260516,20260613`` — how EXDATE/RDATE dates are stored."""
    return ",".join(d.strftime("%Y%m%d") for d in sorted(set(days)))


def parse_date_list(text: str, field_name: str = "exdates") -> tuple[date, ...]:
    days = []
    for item in (text or "").replace("\n", ",").split(","):
        item = item.strip()
        if not item:
            continue
        try:
            value = date.fromisoformat(item) if "-" in item else datetime.strptime(item[:8], "%Y%m%d").date()
        except ValueError as exc:
            raise RecurrenceError(field_name, f"{item!r} is not a date (YYYYMMDD).") from exc
        days.append(value)
    return tuple(sorted(set(days)))


# --- named date windows (今日, 今週末, 今月) ------------------------------------


def day_window(first: date, last: date) -> tuple[datetime, datetime]:
    """Dates *first*..*last* inclusive as a half-open window of Japan-time datetimes."""
    if last < first:
        raise RecurrenceError("end", "The end date is before the start date.")
    return (
        datetime.combine(first, time(0), tzinfo=TOKYO),
        datetime.combine(last + timedelta(days=1), time(0), tzinfo=TOKYO),
    )


def today_window(today: date) -> tuple[date, date]:
    return today, today


def weekend_window(today: date) -> tuple[date, date]:
    """今週末: the coming (or current) Saturday and Sunday, stretched over adjoining
    national holidays (a 3-day weekend with 海の日 includes the Monday)."""
    saturday = today + timedelta(days=5 - today.weekday())  # yesterday on a Sunday
    first, last = saturday, saturday + timedelta(days=1)
    while jpholiday.is_holiday(first - timedelta(days=1)):
        first -= timedelta(days=1)
    while jpholiday.is_holiday(last + timedelta(days=1)):
        last += timedelta(days=1)
    return max(first, today), last


def month_window(today: date) -> tuple[date, date]:
    """今月: from *today* to the end of the month."""
    first = today.replace(day=1)
    return today, first + relativedelta(months=1) - timedelta(days=1)


def calendar_month(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month."""
    first = date(year, month, 1)
    return first, first + relativedelta(months=1) - timedelta(days=1)


NAMED_WINDOWS = {
    "today": today_window,
    "weekend": weekend_window,
    "month": month_window,
}


def named_window(name: str, today: date) -> tuple[date, date]:
    try:
        return NAMED_WINDOWS[name](today)
    except KeyError:
        raise RecurrenceError("when", f"Unknown period {name!r}; use one of {', '.join(NAMED_WINDOWS)}.") from None
