"""ふりがな: kanji get ``<ruby>`` readings, computed from the dictionary the search uses.

``search.analysis.furigana(text) -> list[(surface, reading)]`` splits text into words with their
readings (SudachiPy, the same dictionary the search index uses). This module turns those pairs
into HTML: a word with kanji becomes ``<ruby>燃<rp>(</rp><rt>も</rt><rp>)</rp></ruby>やす`` (the
kana already written, okurigana, stay outside the ruby), everything else is plain text. Every
piece of text is HTML-escaped; the only markup produced is ruby/rt/rp.

``ruby_html_fragment`` does the same inside an HTML fragment (a rendered rich-text field): text
nodes get readings, tags are kept as they are, and text already inside ``<ruby>``, ``<script>``,
``<style>``, ``<code>``, ``<pre>``, ``<textarea>`` or a ``<select>`` is left alone.

Pure functions: the analyser is a parameter (defaulting to ``search.analysis.furigana``); the
cached, per-request part lives in ``home.templatetags.i18n_extras``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from html import escape
from html.parser import HTMLParser

Analyser = Callable[[str], Iterable[tuple[str, str | None]]]

_KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ"
_HAS_KANJI = re.compile(f"[{_KANJI}]")
_KANJI_RUNS = re.compile(f"([{_KANJI}]+)")
_SKIP_TAGS = {
    "ruby",
    "rt",
    "rp",
    "script",
    "style",
    "code",
    "pre",
    "textarea",
    "title",
    "select",
    "option",
    "optgroup",
    "datalist",
}

# Municipal words the dictionary splits and misreads (避難/所 → ひなんしょ); read as a whole.
READING_OVERRIDES: dict[str, str] = {
    "避難所": "ひなんじょ",
    "案内所": "あんないじょ",
    "収集日": "しゅうしゅうび",
    "休館日": "きゅうかんび",
    "開庁日": "かいちょうび",
}
_OVERRIDE_RE = re.compile("|".join(sorted(map(re.escape, READING_OVERRIDES), key=len, reverse=True)))


def default_analyser(text: str) -> list[tuple[str, str | None]]:
    from search.analysis import furigana

    return list(furigana(text))


def to_hiragana(text: str) -> str:
    return "".join(chr(ord(char) - 0x60) if "ァ" <= char <= "ヶ" else char for char in text)


def _ruby(base: str, reading: str) -> str:
    return f"<ruby>{escape(base)}<rp>(</rp><rt>{escape(reading)}</rt><rp>)</rp></ruby>"


def split_okurigana(surface: str, reading: str) -> list[tuple[str, str | None]]:
    """Align a word's reading to its kanji runs: 申し込み/もうしこみ → 申=もう, し, 込=こ, み.

    Returns (text, reading) pieces; kana pieces have reading ``None``. When the kana in the
    surface cannot be found in the reading, the whole word gets the whole reading.
    """
    reading = to_hiragana(reading)
    parts = [part for part in _KANJI_RUNS.split(surface) if part]
    pattern = "".join("(.+?)" if _HAS_KANJI.match(part) else re.escape(to_hiragana(part)) for part in parts)
    match = re.fullmatch(pattern, reading)
    if match is None:
        return [(surface, reading)]
    readings = iter(match.groups())
    return [(part, next(readings)) if _HAS_KANJI.match(part) else (part, None) for part in parts]


def ruby_html(pairs: Iterable[tuple[str, str | None]]) -> str:
    """HTML for (surface, reading) pairs: ruby on kanji, everything escaped."""
    out: list[str] = []
    for surface, reading in pairs:
        if not reading or not _HAS_KANJI.search(surface) or to_hiragana(reading) == to_hiragana(surface):
            out.append(escape(surface))
            continue
        for text, piece_reading in split_okurigana(surface, reading):
            out.append(_ruby(text, piece_reading) if piece_reading else escape(text))
    return "".join(out)


def furigana_html(text: str, analyse: Analyser | None = None) -> str:
    """Plain text → escaped HTML with ``<ruby>`` readings on every word written with kanji."""
    if not text:
        return ""
    if not _HAS_KANJI.search(text):
        return escape(text)
    analyse = analyse or default_analyser
    pairs: list[tuple[str, str | None]] = []
    position = 0
    for match in _OVERRIDE_RE.finditer(text):
        if match.start() > position:
            pairs.extend(analyse(text[position : match.start()]))
        pairs.append((match.group(0), READING_OVERRIDES[match.group(0)]))
        position = match.end()
    if position < len(text):
        pairs.extend(analyse(text[position:]))
    return ruby_html(pairs)


class _RubyInserter(HTMLParser):
    def __init__(self, analyse: Analyser):
        super().__init__(convert_charrefs=True)
        self.analyse = analyse
        self.out: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or "")
        if tag in _SKIP_TAGS:
            self.skip_depth += 1

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in _SKIP_TAGS and self.skip_depth:
            self.skip_depth -= 1

    def handle_data(self, data):
        if self.skip_depth:
            self.out.append(escape(data, quote=False))
        else:
            self.out.append(furigana_html(data, self.analyse))

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")


def ruby_html_fragment(fragment: str, analyse: Analyser | None = None) -> str:
    """Add ``<ruby>`` readings to the text nodes of an HTML fragment, keeping its tags."""
    parser = _RubyInserter(analyse or default_analyser)
    parser.feed(fragment or "")
    parser.close()
    return "".join(parser.out)
