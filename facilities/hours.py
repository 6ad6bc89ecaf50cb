"""Opening hours: the standard open data's weekly hours plus exceptions, and "open today".

The standard layouts give 利用可能曜日 (``月火水木金``), 開始時間/終了時間 (``9:30``) and a free-text
利用可能日時特記事項. ``parse_hours`` reads the first three strictly (bad values raise
``HoursError`` naming the field) and picks out of the note the exceptions that matter for
"open today": 年末年始 / 12/29～1/3 / 12月29日～1月3日 closures, one-day closures (``11/30臨時休館``,
``2026年11月30日は休館``), the nth weekday of the month (``毎月第3月曜日休館``, ``第2・第4火曜日は利用不可``,
``毎月最終月曜日``), 祝日 (national holidays, via jpholiday) closed, 毎月末日 closed, one day's own
hours (``12/28 9:30～17:00``, ``1/4 正午～17:00``) and Saturday/Sunday/holiday closing times
(``土日祝は17：00まで``, ``土日祝18時まで``). A date in the note that cannot be (``2/30休館``) is an
``HoursError``, so the importer refuses the row and names the value.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils.translation import gettext as _

from home.formats import cldr_locale, local_time_range, weekday_name
from japanese.dates import TOKYO, is_holiday
from japanese.text import narrow

WEEKDAYS = "月火水木金土日"
_RANGE_SEP = r"\s*(?:[~〜～\-ー]|から)\s*"
_DAY_RANGE = re.compile(r"([月火水木金土日])[~〜～\-ー－から]+([月火水木金土日])")
_TIME = re.compile(r"^(\d{1,2})[:：時](\d{2})?分?$")
_NEW_YEAR_DEFAULT = ((12, 29), (1, 3))
NOTE_FIELD = "利用可能日時特記事項"
# The words a note closes a day with: 休館, 休所, 臨時休館, 閉室, 利用不可, お休み, …
CLOSED_WORDS = r"(?:休[館所園業室場]|閉[館室所園]|休み|利用不可|利用できません|除く)"
_DATE = r"(?:(\d{4})/)?(\d{1,2})/(\d{1,2})(?:\([月火水木金土日]\))?"
_DATE_RANGE = re.compile(rf"{_DATE}{_RANGE_SEP}{_DATE}")
_NTH_WEEKDAY = re.compile(r"第(\d)((?:\s*[・、,及びと]+\s*第?\d)*)\s*([月火水木金土日])曜?日?")
_LAST_WEEKDAY = re.compile(r"(?:最終|最後の)([月火水木金土日])曜?日?")


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
            raise HoursError(
                "利用可能曜日",
                text,
                _("unknown day %(char)s in %(text)s: use 月火水木金土日") % {"char": repr(char), "text": repr(text)},
            )
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
        raise HoursError(field_name, text, _("%(text)s is not a time like 9:30") % {"text": repr(text)})
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if minute > 59 or hour > 30:
        raise HoursError(field_name, text, _("%(text)s is not a time of day") % {"text": repr(text)})
    if hour >= 24:
        return time(23, 59)
    if hour > 23:
        raise HoursError(field_name, text, _("%(text)s is not a time of day") % {"text": repr(text)})
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
    # 毎月第3月曜日休館 → (0, 3); 毎月最終月曜日 → (0, -1)
    closed_nth_weekdays: frozenset[tuple[int, int]] = frozenset()
    # one day's own hours, every year: 12/28 9:30～17:00 → ((12, 28), 9:30, 17:00)
    special_hours: tuple[tuple[tuple[int, int], time, time], ...] = ()

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
        if self.closed_nth_weekdays:
            weekday, nth = day.weekday(), (day.day - 1) // 7 + 1
            last = day.day + 7 > calendar.monthrange(day.year, day.month)[1]
            if (weekday, nth) in self.closed_nth_weekdays or (last and (weekday, -1) in self.closed_nth_weekdays):
                return "休館日"
        if self.closed_on_holidays and is_holiday(day):
            return "祝日"
        yesterday = day - timedelta(days=1)
        if yesterday.weekday() in self.closed_day_after_holiday_on and is_holiday(yesterday):
            return "休館日"
        if self.closed_last_day_of_month and day.day == calendar.monthrange(day.year, day.month)[1]:
            return "月末"
        if self.days and day.weekday() not in self.days and self._special(day) is None:
            return "定休日"
        return None

    def _special(self, day: date) -> tuple[time, time] | None:
        return next(((opens, closes) for md, opens, closes in self.special_hours if md == (day.month, day.day)), None)

    def is_open_on(self, day: date) -> bool | None:
        """True/False, or None when the hours are not known."""
        if not self.known:
            return None
        return self.closure_reason(day) is None

    def hours_on(self, day: date) -> tuple[time | None, time | None] | None:
        """(opens, closes) on *day*, or None when closed or unknown."""
        if not self.is_open_on(day):
            return None
        special = self._special(day)
        if special is not None:
            return special
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
        """``月火水木金 9:30～19:00``, ``Mon, Tue, Wed, Thu, Fri 09:30–19:00``: the open weekdays in
        the order of the week and the hours, in the active language."""
        if not self.days:
            return ""
        names = [weekday_name(d) for d in sorted(self.days)]
        language = cldr_locale().language
        days = "".join(names) if language == "ja" else ("、" if language == "zh" else ", ").join(names)
        if self.opens and self.closes:
            return f"{days} {local_time_range(self.opens, self.closes)}"
        return days


def _month_day(month: str, day: str, note: str, year: str | None = None) -> tuple[int, int]:
    """(month, day) of a date written in a note; HoursError when no calendar has it (2/30)."""
    try:
        date(int(year or 2024), int(month), int(day))  # 2024: a leap year, so 2/29 stays
    except ValueError:
        raise HoursError(
            NOTE_FIELD, note, _("%(date)s in %(text)s is not a date") % {"date": f"{month}/{day}", "text": repr(note)}
        ) from None
    return int(month), int(day)


def _closure_subjects(text: str) -> list[str]:
    """The parts of each sentence that a closure word applies to: what comes before 休館 /
    利用不可 (``毎月第3月曜日休館``), or the list after 休館日は (``休所日は日曜日及び祝日、12/29から1/3まで``)."""
    subjects = []
    # (5/5こどもの日は開館し翌日休み): a day it opens, not one it closes
    text = re.sub(r"\([^()]*開[館所園室][^()]*\)", "", text)
    for sentence in re.split(r"[。\n]", text):
        listed = re.search(r"休[館所園業室]日\s*(?:は|:|：)?", sentence)
        if listed:
            subjects.append(sentence[listed.end() :])
            sentence = sentence[: listed.start()]
        closing = list(re.finditer(CLOSED_WORDS, sentence))
        if closing:
            subjects.append(sentence[: closing[-1].start()])
    return subjects


def parse_note(note: str) -> dict:
    """The exceptions in a 利用可能日時特記事項 text that "open today" can use. Raises
    ``HoursError`` for a date that does not exist."""
    text = narrow(note).replace("正午", "12:00")
    # 12月29日 → 12/29, 2026年11月30日 → 2026/11/30: one form for the patterns below
    text = re.sub(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日", lambda m: "/".join(filter(None, m.groups())), text)
    found: dict = {"closed_periods": [], "extra_closed_dates": [], "special_hours": []}
    nth_weekdays: set[tuple[int, int]] = set()

    # One day's own hours: 12/28 9:30～17:00
    for match in re.finditer(rf"{_DATE}\s*(\d{{1,2}}:\d{{2}}){_RANGE_SEP}(\d{{1,2}}:\d{{2}})", text):
        _year, month, day, opens, closes = match.groups()
        found["special_hours"].append(
            (_month_day(month, day, note), parse_time(opens, NOTE_FIELD), parse_time(closes, NOTE_FIELD))
        )
    text = re.sub(rf"{_DATE}\s*\d{{1,2}}:\d{{2}}{_RANGE_SEP}\d{{1,2}}:\d{{2}}", "", text)

    for subject in _closure_subjects(text):
        for y1, m1, d1, y2, m2, d2 in _DATE_RANGE.findall(subject):
            if y1 and y2:
                first, last = date(int(y1), *_month_day(m1, d1, note, y1)), date(int(y2), *_month_day(m2, d2, note, y2))
                found["extra_closed_dates"].extend(first + timedelta(days=n) for n in range((last - first).days + 1))
                continue
            period = (_month_day(m1, d1, note), _month_day(m2, d2, note))
            if period not in found["closed_periods"]:
                found["closed_periods"].append(period)
        for year, month, day in re.findall(_DATE, _DATE_RANGE.sub("", subject)):
            if year:
                found["extra_closed_dates"].append(date(int(year), *_month_day(month, day, note, year)))
            else:
                one_day = _month_day(month, day, note)
                if (one_day, one_day) not in found["closed_periods"]:
                    found["closed_periods"].append((one_day, one_day))
        for first, more, weekday in _NTH_WEEKDAY.findall(subject):
            for nth in [first, *re.findall(r"\d", more)]:
                if not 1 <= int(nth) <= 5:
                    raise HoursError(
                        NOTE_FIELD,
                        note,
                        _("%(week)s in %(text)s is not a week of a month")
                        % {"week": f"第{nth}{weekday}曜日", "text": repr(note)},
                    )
                nth_weekdays.add((WEEKDAYS.index(weekday), int(nth)))
        for weekday in _LAST_WEEKDAY.findall(subject):
            nth_weekdays.add((WEEKDAYS.index(weekday), -1))
        if "年末年始" in subject and not any(m1 == 12 for (m1, _d1), _end in found["closed_periods"]):
            found["closed_periods"].append(_NEW_YEAR_DEFAULT)
    if nth_weekdays:
        found["closed_nth_weekdays"] = frozenset(nth_weekdays)

    # "月が休日の場合は翌日休館" and "(祝日の場合は翌日)" move the weekly closure; they do not close on holidays
    moves_closure = re.search(r"[月火水木金]曜?日?が(休日|祝日)の場合", text)
    plain = re.sub(r"(祝日|休日)の場合[^。)]*", "", text)
    says_holiday_closed = re.search(rf"(祝日|休日|祝)[^。、]*?{CLOSED_WORDS}", plain)
    lists_holidays_as_closed = re.search(r"休[館所園室]日[^。]*祝", plain)
    if lists_holidays_as_closed or (says_holiday_closed and not moves_closure):
        found["closed_on_holidays"] = True
    after = re.findall(r"([月火水木金土日])(?:曜日?)?が(?:休日|祝日)の場合は翌日(?:休館|休み|休所)", text)
    if after:
        found["closed_day_after_holiday_on"] = frozenset(WEEKDAYS.index(day) for day in after)
    if re.search(r"(毎月)?末日[^。]*休", text):
        found["closed_last_day_of_month"] = True
    weekend = re.search(r"土日祝?[^。]*?(\d{1,2}(?::\d{2}|時(?:\d{1,2}分)?))まで", text)
    if weekend:
        found["weekend_holiday_closes"] = parse_time(weekend.group(1), NOTE_FIELD)
    return found


def hours_notes(hours_note: str, note: str = "") -> str:
    """The texts "open today" reads exceptions from: the hours note, then the general 備考."""
    return "\n".join(text for text in (hours_note, note) if text)


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
        closed_nth_weekdays=extra.get("closed_nth_weekdays", frozenset()),
        extra_closed_dates=tuple(extra["extra_closed_dates"]),
        special_hours=tuple(extra["special_hours"]),
    )
