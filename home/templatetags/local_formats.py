"""Dates, weekdays and times in the page's language (CLDR, through :mod:`home.formats`).

``{% load local_formats %}`` then ``{{ day|local_date }}``, ``{{ day|local_date:"long" }}``,
``{{ opens|local_time }}``, ``{% time_range opens closes %}``; and proper nouns in roman letters
for readers of en, vi and pt: ``{% proper_name page.title english=page.name_en reading=page.name_kana %}``.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from home import formats
from japanese.romaji import romanised_name
from japanese.text import has_japanese

register = template.Library()


@register.filter
def local_date(day, style: str = "medium") -> str:
    """``{{ day|local_date:"short" }}`` → ``2026/12/3``, ``03/12/2026``; empty for None."""
    return formats.local_date(day, style) if day else ""


@register.filter
def local_time(value) -> str:
    """``{{ opens|local_time }}`` → ``9:00`` (ja), ``09:00`` (en); empty for None."""
    return formats.local_time(value) if value else ""


@register.simple_tag
def time_range(start, end) -> str:
    """``{% time_range opens closes %}`` → ``9:00～17:00``; empty unless both are set."""
    return formats.local_time_range(start, end) if start and end else ""


# Languages written in Latin letters, whose readers get a Japanese name in roman letters.
ROMANISED_LANGUAGES = {"en", "vi", "pt"}


@register.simple_tag(takes_context=True)
def proper_name(context, name: str, english: str = "", reading: str = "") -> str:
    """A facility's, area's or event's name as a reader of the page's language can say it.

    In en, vi and pt a name still in Japanese shows the open data's English name (名称_英字)
    where there is one, else a Hepburn romanisation of its reading, with the Japanese beside it
    (``lang="ja"``); in other languages, or once translated, the name as it is.
    """
    language = (get_language() or "ja").split("-")[0]
    if language not in ROMANISED_LANGUAGES or not has_japanese(name or ""):
        return name
    latin = english.strip() if english and not has_japanese(english) else romanised_name(name, reading)
    if not latin:
        return format_html('<span lang="ja">{}</span>', name)
    return format_html('{} <span class="name-original" lang="ja">{}</span>', latin, name)
