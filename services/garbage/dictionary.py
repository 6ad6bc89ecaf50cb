"""How well a sorting-dictionary entry answers what a resident typed (pure: no database).

A resident who types 布団 means the futon, not the futon cover; たばこ must not find げた箱
just because げたばこ contains the letters. Matches are ranked in tiers:

0. the item itself: the name, or its reading, equals the query once a qualifier (in brackets,
   or a size: ふとん70cm以下) is left out (ふとん（2枚まで） is 布団; "TV (television)" is TV);
1. the name or its reading starts with the query (ふとん → ふとんカバー, テレビ → テレビ台);
2. the query is one or more whole words of the name (座布団 has 布団 → no: 座|布団 is two
   words in Sudachi, so yes; 乾電池 has 電池; "Dry-cell batteries" has "battery");
3. the query is part of a single word (ボール in 段ボール).

A match that only straddles a word boundary (たば|こ in げた|ばこ) is no match at all. Word
boundaries and readings are Sudachi's (``japanese.analysis.words``), the same analysis the
search index uses; English words are compared by their stems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from japanese.analysis import reading_key, words
from japanese.text import normalise

EXACT, PREFIX, WORD, INSIDE_WORD = range(4)

# Where a qualifier starts: a bracket, or a size or count (ふとん（2枚まで）, ふとん70cm以下 in 金沢市's list).
_QUALIFIER_RE = re.compile(r"\s*[（(0-9０-９].*$")
_NON_WORD_RE = re.compile(r"[\W_]+")


def _base(name: str) -> str:
    """The name without its qualifier; the whole name where nothing would be left (2段ベッド)."""
    return _QUALIFIER_RE.sub("", name).strip() or name


def _compact(text: str) -> str:
    return _NON_WORD_RE.sub("", normalise(text))


@dataclass(frozen=True)
class Spelling:
    """The forms of a name or a query that matching compares."""

    base: tuple[str, ...]  # the name without its qualifier: as written (folded) and read
    whole: tuple[str, ...]  # the whole name: as written (folded) and read
    stems: tuple[str, ...]  # the word tokens of the base (English stemmed)
    words: tuple[tuple[str, ...], ...]  # per-word sequences: surfaces, readings, tokens


@lru_cache(maxsize=8192)
def spelling(name: str) -> Spelling:
    base = _base(name)
    analysed = words(name)
    return Spelling(
        base=tuple(form for form in {_compact(base), reading_key(base)} if form),
        whole=tuple(form for form in {_compact(name), reading_key(name)} if form),
        stems=tuple(word.token for word in words(base)),
        words=(
            tuple(_compact(word.surface) for word in analysed),
            tuple(word.reading or _compact(word.surface) for word in analysed),
            tuple(word.token for word in analysed),
        ),
    )


def _is_run_of_words(needle: str, sequence: tuple[str, ...]) -> bool:
    """Whether *needle* is one or more consecutive whole words of *sequence*."""
    for start in range(len(sequence)):
        joined = ""
        for word in sequence[start:]:
            joined += word
            if joined == needle:
                return True
            if len(joined) >= len(needle) or not needle.startswith(joined):
                break
    return False


def match_tier(query: str, name: str) -> int | None:
    """The tier (EXACT … INSIDE_WORD) at which *name* answers *query*, or None."""
    asked, item = spelling(query), spelling(name)
    forms = asked.whole
    if not forms:
        return None
    if any(form in item.base for form in forms) or (asked.stems and asked.stems == item.stems):
        return EXACT
    if any(whole.startswith(form) for whole in item.whole for form in forms):
        return PREFIX
    surfaces, readings, tokens = item.words
    if any(_is_run_of_words(form, sequence) for form in forms for sequence in (surfaces, readings)):
        return WORD
    if asked.stems and any(
        tokens[i : i + len(asked.stems)] == asked.stems for i in range(len(tokens) - len(asked.stems) + 1)
    ):
        return WORD
    if any(form in word for form in forms for word in surfaces + readings):
        return INSIDE_WORD
    return None


def rank_key(query: str, names: list[str], sort_order: int = 0) -> tuple | None:
    """Sort key of an entry known by *names* (its Japanese name and its translation): the best
    tier any name reaches, then the shorter name, then the city's own order; None if no name answers."""
    best = None
    for name in names:
        tier = match_tier(query, name)
        if tier is not None:
            length = len(_base(name))
            if best is None or (tier, length) < best:
                best = (tier, length)
    return None if best is None else (*best, sort_order)
