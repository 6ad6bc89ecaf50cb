"""How an event's date and time read in each language, always in Japan time.

Japanese: ``2026年5月16日（土）10:00〜12:00``. Other locales use their own
conventions (day names, order, dash). The time zone is never converted: an event
in Takamatsu at 10:00 is at 10:00 for every reader, and the page says so once.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from .recurrence import TOKYO, Occurrence

_WEEKDAYS = {
    "ja": ("月", "火", "水", "木", "金", "土", "日"),
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
    "ko": ("월", "화", "수", "목", "금", "토", "일"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "vi": ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"),
    "pt": ("seg.", "ter.", "qua.", "qui.", "sex.", "sáb.", "dom."),
}
_MONTHS_EN = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


def language(locale: str | None) -> str:
    """The formatting family of a locale code (``zh-hans`` → ``zh``; unknown → ``en``).

    Easy Japanese (やさしい日本語) uses the Japanese style.
    """
    code = (locale or "ja").lower().replace("_", "-")
    family = code.split("-")[0]
    return family if family in _WEEKDAYS else "en"


def format_date(day: date, locale: str = "ja", with_year: bool = True) -> str:
    """One calendar day: ``2026年5月16日（土）``, ``Sat 16 May 2026`` …"""
    lang = language(locale)
    weekday = _WEEKDAYS[lang][day.weekday()]
    if lang == "ja":
        year = f"{day.year}年" if with_year else ""
        return f"{year}{day.month}月{day.day}日（{weekday}）"
    if lang == "zh":
        year = f"{day.year}年" if with_year else ""
        return f"{year}{day.month}月{day.day}日（{weekday}）"
    if lang == "ko":
        year = f"{day.year}년 " if with_year else ""
        return f"{year}{day.month}월 {day.day}일 ({weekday})"
    if lang == "vi":
        year = f"/{day.year}" if with_year else ""
        return f"{weekday}, {day.day:02d}/{day.month:02d}{year}"
    if lang == "pt":
        year = f"/{day.year}" if with_year else ""
        return f"{weekday}, {day.day:02d}/{day.month:02d}{year}"
    year = f" {day.year}" if with_year else ""
    return f"{weekday} {day.day} {_MONTHS_EN[day.month - 1]}{year}"


def format_time(value: time) -> str:
    """24-hour ``10:00`` in every locale (as Japanese public notices and most of Asia write it)."""
    return f"{value.hour}:{value.minute:02d}"


def _dash(lang: str) -> str:
    return {"ja": "〜", "ko": "~"}.get(lang, "–")


def _sep(lang: str) -> str:
    """Between a date and a time."""
    return "" if lang in ("ja", "zh") else (" " if lang == "ko" else ", ")


def format_span(
    start: datetime,
    end: datetime | None,
    all_day: bool = False,
    locale: str = "ja",
    with_year: bool = True,
) -> str:
    """A start–end span in Japan time, e.g. ``2026年5月16日（土）10:00〜12:00``.

    All-day spans take their end as exclusive midnight, as everywhere in this app.
    A second date is written only when the span crosses midnight, and its year
    only when it differs from the first.
    """
    lang = language(locale)
    start = start.astimezone(TOKYO)
    end = end.astimezone(TOKYO) if end is not None else None
    dash, sep = _dash(lang), _sep(lang)
    first = format_date(start.date(), locale, with_year)
    if all_day:
        last_day = start.date()
        if end is not None and end > start:
            last_day = (end - timedelta(days=1)).date() if end.time() == time(0) else end.date()
        if last_day == start.date():
            return first
        return f"{first}{dash}{format_date(last_day, locale, last_day.year != start.year)}"
    text = f"{first}{sep}{format_time(start.time())}"
    if end is None or end == start:
        return text
    if end.date() == start.date():
        return f"{text}{dash}{format_time(end.time())}"
    last = format_date(end.date(), locale, with_year and end.year != start.year)
    return f"{text}{dash}{last}{sep}{format_time(end.time())}"


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
