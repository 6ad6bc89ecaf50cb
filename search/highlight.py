"""Result snippets: a window of the text around the first match, with the matches marked."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from japanese.analysis import reading_spans
from japanese.text import ITERATION_MARKS, normalise

# Reading matches are looked for in the first part of a text only (bounded work per result).
READING_SCAN_CHARS = 2000


def _normalised_with_positions(text: str) -> tuple[str, list[int]]:
    """The text normalised character by character (an iteration mark with the character before
    it), and for each output character its source index."""
    out: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            continue
        folded = normalise(text[index - 1 : index + 1])[-1:] if char in ITERATION_MARKS and index else normalise(char)
        for piece in folded:
            out.append(piece)
            positions.append(index)
    return "".join(out), positions


def find_matches(text: str, needles: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of *text* where a normalised needle occurs, as written
    or (for a needle in kana) as the reading of words written in kanji; longest first."""
    normalised, positions = _normalised_with_positions(text)
    candidates = list(reading_spans(text[:READING_SCAN_CHARS], needles))
    for needle in needles:
        start = normalised.find(needle)
        while start != -1:
            end = start + len(needle)
            candidates.append((positions[start], positions[end - 1] + 1))
            start = normalised.find(needle, end)
    spans: list[tuple[int, int]] = []
    for span in sorted(set(candidates), key=lambda span: (span[0] - span[1], span[0])):
        if not any(span[0] < end and start < span[1] for start, end in spans):
            spans.append(span)
    return sorted(spans)


def make_snippet(text: str, needles: list[str], width: int = 120) -> tuple[str, SafeString]:
    """(plain snippet, HTML snippet with <mark>) of about *width* characters around the first match."""
    text = " ".join(text.split())
    if not text:
        return "", mark_safe("")
    spans = find_matches(text, needles)
    start = 0
    if spans:
        start = max(0, spans[0][0] - width // 4)
    end = min(len(text), start + width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    html = [escape(prefix)]
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        html.append(escape(text[cursor:span_start]))
        html.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    html.append(escape(text[cursor:end]))
    html.append(escape(suffix))
    return prefix + text[start:end] + suffix, mark_safe("".join(html))  # noqa: S308 - every piece is escaped
