"""Dates, weekdays and times in the reader's language, from CLDR (Babel).

The one place the portal decides how a day or a figure reads: every domain's views and templates
(through the ``local_formats`` template library) call these (distances: ``geo.formatting``), with the active language by default.
Each locale's own CLDR pattern is used, never a hand-written one, except two choices made for a
Japanese city's residents:

- English is CLDR's international English (``en_001``: ``Thu, 3 Dec 2026``, ``03/12/2026``), not
  the US default (``12/3/26``);
- times are on the 24-hour clock in every language (the locale's ``Hm`` pattern: ``9:05``,
  ``09:05``), as the city's notices, timetables and opening hours are written.

やさしい日本語 (``ja-x-easy``) reads dates as Japanese does.
"""

from __future__ import annotations

from datetime import date, time
from functools import lru_cache

from babel import Locale
from babel.dates import format_skeleton, get_day_names
from django.conf import settings
from django.utils.translation import get_language

# Django language code → CLDR locale, where they differ.
_CLDR = {"en": "en_001", "zh-hans": "zh_Hans", "ja-x-easy": "ja"}

# Skeletons (CLDR's locale-neutral field lists; each locale orders and punctuates them itself).
DATE_STYLES = {
    "long": "yMMMEd",  # 2026年12月3日(木) / Thu, 3 Dec 2026
    "medium": "yMMMd",  # 2026年12月3日 / 3 Dec 2026
    "short": "yMd",  # 2026/12/3 / 03/12/2026
    "day": "MMMEd",  # 12月3日(木) / Thu, 3 Dec: a day of the coming weeks
    "month": "yMMMM",  # 2026年12月 / December 2026
}


def cldr_locale(language: str | None = None) -> Locale:
    """The CLDR locale for a Django language code (the active language when ``None``)."""
    return _cldr_locale((language or get_language() or "ja").lower().replace("_", "-"))


@lru_cache(maxsize=32)
def _cldr_locale(code: str) -> Locale:
    if code in _CLDR:
        return Locale.parse(_CLDR[code])
    if code.startswith("ja"):
        return Locale.parse("ja")
    if code.split("-")[0] not in {language.split("-")[0] for language, _name in settings.LANGUAGES}:
        return Locale.parse(_CLDR["en"])  # a language the portal is not offered in reads as English
    return Locale.parse(code, sep="-")


def local_date(day: date, style: str = "medium", language: str | None = None) -> str:
    """A day in one of :data:`DATE_STYLES`: ``local_date(d, "long")`` → ``Thu, 3 Dec 2026``."""
    return format_skeleton(DATE_STYLES[style], day, locale=cldr_locale(language))


def weekday_name(day: date | int, width: str = "abbreviated", language: str | None = None) -> str:
    """The weekday of *day* (or of Python's weekday number, Monday = 0): ``木``, ``Thu``, ``목``."""
    number = day if isinstance(day, int) else day.weekday()
    return get_day_names(width, context="format", locale=cldr_locale(language))[number]


def weekday_names(first: int = 6, width: str = "abbreviated", language: str | None = None) -> list[str]:
    """The seven weekday names for a calendar's header, starting on *first* (Sunday = 6)."""
    return [weekday_name((first + n) % 7, width, language) for n in range(7)]


def local_time(value: time, language: str | None = None) -> str:
    """A time of day on the 24-hour clock: ``9:05`` (ja), ``09:05`` (en, ko, pt…)."""
    return format_skeleton("Hm", value, locale=cldr_locale(language))


def range_text(first: str, last: str, language: str | None = None) -> str:
    """Two formatted values joined as the locale joins a range: ``9:00～17:00``, ``09:00 – 17:00``."""
    pattern = cldr_locale(language).interval_formats.get(None) or "{0}–{1}"
    return pattern.replace("{0}", first).replace("{1}", last)


def local_time_range(start: time, end: time, language: str | None = None) -> str:
    """Opening hours: ``9:00～17:00`` (ja), ``09:00 – 17:00`` (en)."""
    return range_text(local_time(start, language), local_time(end, language), language)
