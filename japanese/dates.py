"""Dates, times and amounts as Japanese municipal files and forms write them; today in Japan.

One parser for every importer and form, so a value one domain reads the others read too:

- dates: ``2024-08-01``, ``2024/8/1``, ``2024.8.1``, ``20240801``, US-style ``8/1/2024`` (Excel
  exports), ``2024年8月1日``, ``2024年8月1日(木)``, eras ``令和6年8月1日``, ``令和元年5月1日``,
  ``R6.8.1``, ``H31/4/30``, ``昭和64年1月7日``; a date cell may carry a time
  (``2024/8/1 10:00``, ``8/2/2020  3:30:00 PM``);
- times: ``10:00``, ``9:30``, ``15:30:00``, ``3:30:00 PM``, ``9時``, ``9時半``, ``午後3時30分``;
- yen: ``1500``, ``1,500円``, ``¥1,500``, ``無料``; counts: ``30``, ``30人``, ``1,000名``.

Full-width digits and punctuation are read (:func:`japanese.text.narrow`). Every parser raises
``ValueError`` with the reason; importers turn it into their own ``RowError`` with the row and
column.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import jpholiday
from django.utils.translation import gettext as _

from japanese.text import narrow

__all__ = [
    "EARLIEST_DAY",
    "LATEST_DAY",
    "ERAS",
    "TOKYO",
    "find_date_in_text",
    "parse_count",
    "parse_date",
    "parse_date_time",
    "parse_time",
    "parse_yen",
    "is_holiday",
    "now_in_japan",
    "today_in_japan",
]

TOKYO = ZoneInfo("Asia/Tokyo")

#: The days a form or an API answers for. Beyond them a window cannot be computed (``date.max``
#: plus a day overflows; the databases store no year 0) and no municipal calendar reaches.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2200, 12, 31)

# Era name or initial → the Western year before its first year (令和元年 = 2019).
ERAS = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988, "昭和": 1925, "S": 1925}

_WEEKDAY = r"(?:\s*\([^)]*\))?"  # (木), (木曜日), (Thu): read and ignored
_TIME_SUFFIX = r"(?:\s*(?:T|\s)\s*(?P<time>.+))?"
_DATE_PATTERNS = (
    (
        "ymd",
        re.compile(
            r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?" + _WEEKDAY + _TIME_SUFFIX
        ),
    ),
    ("mdy", re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})" + _TIME_SUFFIX)),
    ("ymd", re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})")),
    (
        "era",
        re.compile(
            r"(?P<era>令和|平成|昭和|[RHS])\s*(?P<y>\d{1,2}|元)\s*[年./]\s*(?P<m>\d{1,2})\s*[月./]"
            r"\s*(?P<d>\d{1,2})\s*日?" + _WEEKDAY + _TIME_SUFFIX
        ),
    ),
)
_ERA_IN_TEXT = re.compile(r"(令和|平成|昭和)\s*(\d{1,2}|元)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_WESTERN_IN_TEXT = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")

_TIME_PATTERNS = (
    re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?"),
    re.compile(r"(?P<ampm>午前|午後)?\s*(?P<h>\d{1,2})時(?:(?P<m>\d{1,2})分|半)?"),
)


def today_in_japan() -> date:
    """Today's date in Japan, whatever the server's time zone."""
    return datetime.now(TOKYO).date()


def now_in_japan() -> datetime:
    """This moment in Japan (an aware datetime in Asia/Tokyo), whatever the server's time zone."""
    return datetime.now(TOKYO)


def is_holiday(day: date) -> bool:
    """A national holiday (国民の祝日, 振替休日, 国民の休日) from the maintained ``jpholiday`` tables."""
    return jpholiday.is_holiday(day)


def _western_year(era: str, year: str) -> int:
    return ERAS[era] + (1 if year == "元" else int(year))


def parse_date_time(value: str) -> tuple[date, time | None]:
    """A date in any style municipal files use, with the time the cell may carry (or None)."""
    text = narrow(value)
    for kind, pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if not match:
            continue
        year = _western_year(match["era"], match["y"]) if kind == "era" else int(match["y"])
        try:
            day = date(year, int(match["m"]), int(match["d"]))
        except ValueError as exc:
            raise ValueError(_("there is no such date (%(reason)s)") % {"reason": exc}) from None
        moment = match.groupdict().get("time")
        return day, parse_time(moment) if moment else None
    raise ValueError(_("not a date (write it as 2024-08-01, 2024/8/1, 2024年8月1日 or 令和6年8月1日)"))


def parse_date(value: str) -> date:
    """:func:`parse_date_time` for a value that must be a date alone."""
    day, moment = parse_date_time(value)
    if moment is not None:
        raise ValueError(_("a date without a time is expected here"))
    return day


def find_date_in_text(text: str) -> date | None:
    """The first 令和6年8月1日 / 2024年8月1日 style date inside a title such as
    【令和６年８月１日時点】受入可能数, or None."""
    value = narrow(text)
    if match := _ERA_IN_TEXT.search(value):
        era, era_year, month, day = match.groups()
        year = _western_year(era, era_year)
    elif match := _WESTERN_IN_TEXT.search(value):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_time(value: str) -> time:
    """``10:00``, ``9:30``, ``15:30:00``, ``3:30:00 PM``, ``9時半``, ``午後3時30分``; 0:00–23:59 only."""
    text = narrow(value)
    for pattern in _TIME_PATTERNS:
        match = pattern.fullmatch(text)
        if not match:
            continue
        hour = int(match["h"])
        minute = int(match["m"]) if match["m"] else (30 if text.endswith("半") else 0)
        second = int(match.groupdict().get("s") or 0)
        ampm = (match["ampm"] or "").replace(".", "").upper()
        if ampm:
            if not 1 <= hour <= 12:
                raise ValueError(_("hour %(hour)s is not on a 12-hour clock") % {"hour": hour})
            if ampm in ("PM", "午後") and hour != 12:
                hour += 12
            if ampm in ("AM", "午前") and hour == 12:
                hour = 0
        if hour > 23:
            raise ValueError(_("hour %(hour)s is not 0–23") % {"hour": hour})
        if minute > 59 or second > 59:
            raise ValueError(_("minutes and seconds must be 0–59"))
        return time(hour, minute, second)
    raise ValueError(_("not a time (write it as 10:00)"))


def parse_yen(value: str) -> tuple[int | None, str]:
    """An amount in yen: ``1500``, ``1,500円``, ``¥1,500``, ``無料`` → (yen, ""); other text
    → (None, the text, width-folded) for the caller to keep as a note."""
    text = narrow(value)
    if not text:
        return None, ""
    if text in ("無料", "0円", "free", "Free"):
        return 0, ""
    plain = text.replace(",", "").replace("¥", "").removesuffix("円").strip()
    if plain.isdigit():
        return int(plain), ""
    return None, text


def parse_count(value: str) -> int | None:
    """A head count: ``30``, ``30人``, ``1,000名``, ``5組``; empty → None."""
    text = narrow(value).replace(",", "")
    if not text:
        return None
    plain = re.sub(r"(人|名|組)$", "", text).strip()
    if not plain.isdigit():
        raise ValueError(_("not a whole number"))
    return int(plain)
