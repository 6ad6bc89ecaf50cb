"""ふりがな: kanji get ``<ruby>`` readings, computed from the dictionary the search uses.

:func:`furigana` ``(text) -> list[(surface, reading)]`` splits text into words with their
readings (SudachiPy, the same dictionary the search index uses). :func:`furigana_html` turns
those pairs into HTML: a word with kanji becomes ``<ruby>燃<rp>(</rp><rt>も</rt><rp>)</rp></ruby>やす`` (the
kana already written, okurigana, stay outside the ruby), everything else is plain text. Every
piece of text is HTML-escaped; the only markup produced is ruby/rt/rp.

``ruby_html_fragment`` does the same inside an HTML fragment (a rendered rich-text field): text
nodes get readings, tags are kept as they are, and text already inside ``<ruby>``, ``<script>``,
``<style>``, ``<code>``, ``<pre>``, ``<textarea>`` or a ``<select>`` is left alone.

Pure functions: the analyser is a parameter (defaulting to :func:`furigana`); the cached,
per-request part lives in the ``i18n_extras`` template tags.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from html import escape
from html.parser import HTMLParser

from japanese.analysis import sudachi_morphemes
from japanese.numbers import special_readings
from japanese.text import KANJI, fold_kana, has_kanji, is_kana, narrow

Analyser = Callable[[str], Iterable[tuple[str, str | None]]]

# ヶ counts as kanji here: 霞ヶ関 is read as one word.
_HAS_KANJI = re.compile(f"[{KANJI}ヶ]")
_KANJI_RUNS = re.compile(f"([{KANJI}ヶ]+)")
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


def furigana(text: str) -> list[tuple[str, str]]:
    """*text* as (surface, reading) segments for ruby; reading is "" where none is needed.

    The segments joined give back *text* exactly (no normalisation is applied to what is
    shown). Words are read whole (compound mode, so 月曜日 is げつようび), and readings are
    hiragana covering only the kanji: 燃やすごみ → [("燃", "も"), ("やすごみ", "")].
    """
    if not text:
        return []
    segments: list[tuple[str, str]] = []
    for line in re.split(r"(\n)", text):
        if not line:
            continue
        if line == "\n":
            segments.append(("\n", ""))
            continue
        for morpheme in sudachi_morphemes(line, coarse=True):
            surface = morpheme.surface()
            reading = fold_kana(narrow(morpheme.reading_form()))
            if has_kanji(surface) and is_kana(reading):
                segments.extend((part, part_reading or "") for part, part_reading in split_okurigana(surface, reading))
            else:
                segments.append((surface, ""))
    return _merge_plain(segments)


def _merge_plain(segments: list[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for surface, reading in segments:
        if not reading and merged and not merged[-1][1]:
            merged[-1] = (merged[-1][0] + surface, "")
        else:
            merged.append((surface, reading))
    return merged


def _ruby(base: str, reading: str) -> str:
    return f"<ruby>{escape(base)}<rp>(</rp><rt>{escape(reading)}</rt><rp>)</rp></ruby>"


def split_okurigana(surface: str, reading: str) -> list[tuple[str, str | None]]:
    """Align a word's reading to its kanji runs: 申し込み/もうしこみ → 申=もう, し, 込=こ, み.

    Returns (text, reading) pieces; kana pieces have reading ``None``. When the kana in the
    surface cannot be found in the reading, the whole word gets the whole reading.
    """
    reading = fold_kana(reading)
    parts = [part for part in _KANJI_RUNS.split(surface) if part]
    pattern = "".join("(.+?)" if _HAS_KANJI.match(part) else re.escape(fold_kana(part)) for part in parts)
    match = re.fullmatch(pattern, reading)
    if match is None:
        return [(surface, reading)]
    readings = iter(match.groups())
    return [(part, next(readings)) if _HAS_KANJI.match(part) else (part, None) for part in parts]


def ruby_html(pairs: Iterable[tuple[str, str | None]]) -> str:
    """HTML for (surface, reading) pairs: ruby on kanji, everything escaped."""
    out: list[str] = []
    for surface, reading in pairs:
        if not reading or not _HAS_KANJI.search(surface) or fold_kana(reading) == fold_kana(surface):
            out.append(escape(surface))
            continue
        for text, piece_reading in split_okurigana(surface, reading):
            out.append(_ruby(text, piece_reading) if piece_reading else escape(text))
    return "".join(out)


def reading_pairs(text: str, analyse: Analyser | None = None) -> list[tuple[str, str | None]]:
    """*text* as (surface, reading) pairs: the municipal words of :data:`READING_OVERRIDES` and
    the figures and weekdays of :func:`japanese.numbers.special_readings` read as such, the rest
    by the dictionary."""
    analyse = analyse or furigana
    spans = [(m.start(), m.end(), READING_OVERRIDES[m.group(0)]) for m in _OVERRIDE_RE.finditer(text)]
    taken = [range(start, end) for start, end, _reading in spans]
    spans += [span for span in special_readings(text) if not any(span[0] in r or span[1] - 1 in r for r in taken)]
    pairs: list[tuple[str, str | None]] = []
    position = 0
    for start, end, reading in sorted(spans):
        if start > position:
            pairs.extend(analyse(text[position:start]))
        pairs.append((text[start:end], reading))
        position = end
    if position < len(text):
        pairs.extend(analyse(text[position:]))
    return pairs


def furigana_html(text: str, analyse: Analyser | None = None) -> str:
    """Plain text → escaped HTML with ``<ruby>`` readings on every word written with kanji."""
    if not text:
        return ""
    if not _HAS_KANJI.search(text):
        return escape(text)
    return ruby_html(reading_pairs(text, analyse))


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
    parser = _RubyInserter(analyse or furigana)
    parser.feed(fragment or "")
    parser.close()
    return "".join(parser.out)
