"""How an event's date and time read in each language, always in Japan time.

Japanese: ``2026年5月16日(土) 10:00～12:00``. Other locales use their own CLDR
conventions (day names, order, dash) through :mod:`home.formats`. The time zone is never converted: an event
in Takamatsu at 10:00 is at 10:00 for every reader, and the page says so once.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from home.formats import local_date, local_time, range_text

from .recurrence import TOKYO, Occurrence


def language(locale: str | None) -> str:
    """The formatting family of a locale code (``zh-hans`` → ``zh``; unknown → ``en``).

    Easy Japanese (やさしい日本語) uses the Japanese style.
    """
    code = (locale or "ja").lower().replace("_", "-")
    family = code.split("-")[0]
    return family if family in ("ja", "zh", "ko", "en", "vi", "pt") else "en"


def format_date(day: date, locale: str = "ja", with_year: bool = True) -> str:
    """One calendar day in the locale's CLDR style: ``2026年5月16日(土)``, ``Sat, 16 May 2026`` …"""
    return local_date(day, "long" if with_year else "day", locale)


def format_time(value: time, locale: str = "ja") -> str:
    """24-hour ``10:00`` in every locale (as Japanese public notices and most of Asia write it)."""
    return local_time(value, locale)


def _sep(lang: str) -> str:
    """Between a date and a time."""
    return " " if lang in ("ja", "zh", "ko") else ", "


def format_span(
    start: datetime,
    end: datetime | None,
    all_day: bool = False,
    locale: str = "ja",
    with_year: bool = True,
) -> str:
    """A start–end span in Japan time, e.g. ``2026年5月16日(土) 10:00～12:00``.

    All-day spans take their end as exclusive midnight, as everywhere in this app.
    A second date is written only when the span crosses midnight, and its year
    only when it differs from the first.
    """
    lang = language(locale)
    start = start.astimezone(TOKYO)
    end = end.astimezone(TOKYO) if end is not None else None
    sep = _sep(lang)
    first = format_date(start.date(), locale, with_year)
    if all_day:
        last_day = start.date()
        if end is not None and end > start:
            last_day = (end - timedelta(days=1)).date() if end.time() == time(0) else end.date()
        if last_day == start.date():
            return first
        return range_text(first, format_date(last_day, locale, last_day.year != start.year), locale)
    text = f"{first}{sep}{format_time(start.time(), locale)}"
    if end is None or end == start:
        return text
    if end.date() == start.date():
        return range_text(text, format_time(end.time(), locale), locale)
    last = format_date(end.date(), locale, with_year and end.year != start.year)
    return range_text(text, f"{last}{sep}{format_time(end.time(), locale)}", locale)


def format_occurrence(occurrence: Occurrence, locale: str = "ja", with_year: bool = True) -> str:
    return format_span(occurrence.start, occurrence.end, occurrence.all_day, locale, with_year)


def format_yen(amount: int | None, locale: str = "ja") -> str:
    """``1,500円`` / ``¥1,500``; 0 is free (``無料`` / ``Free``)."""
    lang = language(locale)
    if amount is None:
        return ""
    if amount == 0:
        return {
            "ja": "無料", "zh": "免费", "ko": "무료", "vi": "Miễn phí", "pt": "Gratuito",
        }.get(lang, "Free")  # fmt: skip
    if lang == "ja":
        return f"{amount:,}円"
    return f"¥{amount:,}"
