"""Japanese text analysis shared by indexing and querying.

One pipeline for both sides, so that what a resident types meets what an editor wrote:

1. NFKC (full/half width: ＰＥＴ → PET, ﾍﾟｯﾄ → ペット, ０ → 0), 新字体 and lower-casing
   (:func:`japanese.text.clean`);
2. word segmentation with SudachiPy in fine mode (mode A, dictionary ``sudachidict_core``),
   punctuation dropped;
3. katakana → hiragana folding per word, after segmentation (folding first would change
   how Sudachi segments the text);
4. English words stemmed (Snowball), so "shelter" finds "shelters";
5. character bigrams of every kana/kanji run, searched as an alternative to the words
   (catches what segmentation splits differently, e.g. ぺっとぼとる vs ペットボトル);
6. readings (hiragana) of words written in kanji, so としょかん finds 図書館;
7. synonyms, applied on the query side only (see :func:`analyse_query`).

The indexed text is three token streams one after the other: the words in text order
(so a phrase of words can be matched), the bigrams run by run (a phrase of bigrams is a
substring match), then the readings. Every token consists of word characters only, so no
search-engine syntax (quotes, ``*``, ``NEAR(``, ``OR``) can come out of this module.

Besides search, other domains use :func:`reading_key` (same pronunciation: 電池 = でんち);
spelling-variant matching is :func:`japanese.text.normalise`, ruby text :mod:`japanese.furigana`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from japanese.text import KANA, KANJI, clean, fold_kana, has_kanji, is_kana, normalise

__all__ = [
    "AnalysedQuery",
    "QueryAlternative",
    "QueryTerm",
    "Word",
    "analyse_for_autocomplete",
    "analyse_for_index",
    "analyse_query",
    "autocomplete_terms",
    "bigrams",
    "highlight_needles",
    "only_function_words",
    "query_matches",
    "reading_key",
    "synonym_map",
    "words",
]

# Sudachi refuses inputs above ~49 KB; analyse long texts in pieces well below that.
_MAX_CHUNK_CHARS = 4000
# A query longer than this is cut: nobody types more, and it bounds the work per request.
MAX_QUERY_CHARS = 200

_CJK_RUN_RE = re.compile(f"[{KANJI}{KANA}]+")
_LATIN_WORD_RE = re.compile(r"[a-z]+")
_NON_WORD_RE = re.compile(r"[\W_]+")
# Query parts are separated by spaces and punctuation (brackets, ・, quotes, FTS syntax).
_QUERY_SPLIT_RE = re.compile(r"[\W_]+")

# Parts of speech that never make a search term on their own.
_SKIPPED_POS = {"補助記号", "空白"}
# Morphemes bound to their neighbour: a query must find them next to it (避難 + 所 is 避難所,
# not 避難経路 … 事務所), so they form one phrase with the word before (or after, for prefixes).
_BOUND_TO_PREVIOUS = {"接尾辞", "助動詞"}
_BOUND_TO_NEXT = {"接頭辞"}
# Words that say nothing of a topic: particles, auxiliaries, conjunctions (の, は, を, です, で).
_FUNCTION_POS = {"助詞", "助動詞", "接続詞", "補助記号", "記号", "空白"}


# --- the Sudachi dictionary: loaded once per process, lazily; a tokenizer per thread -------

_dictionary = None
_dictionary_lock = threading.Lock()
_local = threading.local()


def _get_dictionary():
    global _dictionary
    if _dictionary is None:
        with _dictionary_lock:
            if _dictionary is None:
                from sudachipy import Dictionary

                _dictionary = Dictionary(dict="core")
    return _dictionary


def _tokenizers():
    """Sudachi tokenizers are not safe to share between threads: keep one pair per thread."""
    pair = getattr(_local, "tokenizers", None)
    if pair is None:
        from sudachipy import SplitMode

        dictionary = _get_dictionary()
        pair = (
            dictionary.tokenizer(mode=SplitMode.A),
            dictionary.tokenizer(mode=SplitMode.C),
        )
        _local.tokenizers = pair
    return pair


def sudachi_morphemes(text: str, *, coarse: bool = False) -> Iterator:
    """Sudachi's morphemes of ``text``: split mode A, or C (compounds whole) when ``coarse``.

    One dictionary per process and one tokenizer pair per thread, shared by every caller; a
    long text goes in pieces Sudachi accepts, nothing dropped.
    """
    fine, whole = _tokenizers()
    tokenizer = whole if coarse else fine
    for piece in _pieces_keeping_all(text):
        yield from tokenizer.tokenize(piece)


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


# --- character level ---------------------------------------------------------------------


def bigrams(run: str) -> list[str]:
    """Overlapping character bigrams of *run* (a single character gives itself)."""
    if len(run) < 2:
        return [run] if run else []
    return [run[i : i + 2] for i in range(len(run) - 1)]


# --- word level --------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """A morpheme of the fine (mode A) segmentation."""

    surface: str  # as written, after NFKC and lower-casing
    token: str  # the search term: kana folded, English stemmed, only word characters
    reading: str  # hiragana reading ("" when Sudachi has none)
    pos: str  # first part-of-speech level (名詞, 動詞, 接尾辞, …)


def _pieces(text: str) -> Iterator[str]:
    """*text* cut at line ends (or hard limits) into pieces Sudachi accepts."""
    for line in text.splitlines():
        while len(line) > _MAX_CHUNK_CHARS:
            cut = max(line.rfind("。", 0, _MAX_CHUNK_CHARS), line.rfind(" ", 0, _MAX_CHUNK_CHARS))
            cut = cut + 1 if cut > 0 else _MAX_CHUNK_CHARS
            yield line[:cut]
            line = line[cut:]
        if line.strip():
            yield line


#: Latin words this short are kept as written: they are mostly acronyms (AED, PCB, NHK), which the
#: English stemmer would cut to another word (AED -> "a", a stop word on PostgreSQL).
MAX_UNSTEMMED_CHARS = 3


def _term(surface: str) -> str:
    token = _NON_WORD_RE.sub("", fold_kana(surface))
    if len(token) > MAX_UNSTEMMED_CHARS and _LATIN_WORD_RE.fullmatch(token):
        token = _stemmer().stemWord(token)
    return token


@lru_cache(maxsize=2048)
def _tokenize(piece: str, coarse: bool) -> tuple[tuple[str, str, str], ...]:
    """(surface, reading in hiragana or "", pos) of every morpheme of one piece, punctuation
    included; cached, as indexing analyses the same field for each column it fills."""
    fine, compound = _tokenizers()
    morphemes = []
    for morpheme in (compound if coarse else fine).tokenize(piece):
        reading = fold_kana(morpheme.reading_form())
        morphemes.append((morpheme.surface(), reading if is_kana(reading) else "", morpheme.part_of_speech()[0]))
    return tuple(morphemes)


def _morphemes(text: str, coarse: bool = False) -> Iterator[tuple[str, str, str]]:
    """(surface, reading in hiragana, pos) of each morpheme of already cleaned *text*."""
    for piece in _pieces(text):
        for surface, reading, pos in _tokenize(piece, coarse):
            if pos in _SKIPPED_POS or not surface.strip():
                continue
            yield surface, reading, pos


def words(text: str) -> list[Word]:
    """The words (Sudachi mode A) of *text* that can be search terms, in text order."""
    if not text:
        return []
    result = []
    for surface, reading, pos in _morphemes(clean(text)):
        token = _term(surface)
        if token:
            result.append(Word(surface, token, reading, pos))
    return result


def _readings(text: str) -> list[str]:
    """Hiragana readings of the kanji words of cleaned *text*, fine and compound (図書, 図書館)."""
    seen: dict[str, None] = {}
    for coarse in (False, True):
        for surface, reading, _pos in _morphemes(text, coarse=coarse):
            if reading and has_kanji(surface):
                seen.setdefault(reading, None)
    return list(seen)


def _reading_bigrams(text: str) -> list[str]:
    """Bigrams of the reading of each kana/kanji run that contains kanji, so a query typed in
    kana finds text written in kanji even mid-word (みやくぼ → 宮久保)."""
    tokens: list[str] = []
    for piece in _pieces(text):
        run: list[str] = []
        run_has_kanji = False
        for surface, reading, _pos in [*_tokenize(piece, True), ("", "", "")]:
            folded = fold_kana(surface)
            if surface and _CJK_RUN_RE.fullmatch(folded):
                if has_kanji(surface) and reading:
                    run.append(reading)
                    run_has_kanji = True
                else:
                    run.append(folded)
                continue
            if run_has_kanji and run:
                tokens.extend(bigrams("".join(run)))
            run, run_has_kanji = [], False
    return tokens


def _bigram_stream(text: str) -> list[str]:
    tokens: list[str] = []
    for run in _CJK_RUN_RE.findall(fold_kana(text)):
        if len(run) >= 2:
            tokens.extend(bigrams(run))
    return tokens


@lru_cache(maxsize=512)
def analyse_for_index(text: str) -> str:
    """The text to put in the search index for *text*: words, then bigrams, then readings
    (whole words, then bigrams of the reading of each run written with kanji)."""
    if not text:
        return ""
    cleaned = clean(str(text))
    if not cleaned.strip():
        return ""
    word_tokens = [word.token for word in words(cleaned)]
    return " ".join(word_tokens + _bigram_stream(cleaned) + _readings(cleaned) + _reading_bigrams(cleaned))


@lru_cache(maxsize=512)
def analyse_for_autocomplete(text: str) -> str:
    """Index text for prefix search: fine words, compound words and their readings.

    Prefixes match the start of a token, so the compound 図書館 and its reading としょかん
    are indexed whole: 図書 and としょ (and としょか) then both complete to 図書館.
    """
    if not text:
        return ""
    cleaned = clean(str(text))
    tokens: dict[str, None] = {}
    for word in words(cleaned):
        tokens.setdefault(word.token, None)
    for surface, _reading, _pos in _morphemes(cleaned, coarse=True):
        token = _term(surface)
        if token:
            tokens.setdefault(token, None)
    for reading in _readings(cleaned):
        tokens.setdefault(reading, None)
    return " ".join(tokens)


def reading_key(text: str) -> str:
    """The hiragana reading of *text*, to compare words by pronunciation.

    電池 and でんち, ペットボトル, ﾍﾟｯﾄﾎﾞﾄﾙ, ぺっとぼとる and PETボトル each give the same key.
    Kana is kept as written (folded to hiragana); kanji and dictionary words spelt in Latin
    letters are replaced by Sudachi's reading; spaces and punctuation are dropped.
    """
    if not text:
        return ""
    parts = []
    for surface, reading, _pos in _morphemes(clean(text)):
        folded = fold_kana(surface)
        if is_kana(folded) or not reading:
            parts.append(_NON_WORD_RE.sub("", folded))
        else:
            parts.append(reading)
    return "".join(parts)


# --- queries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryAlternative:
    """One way of matching a query term; a document matches if any of its parts does.

    - ``groups``: word groups that must all occur; a group of several tokens is a phrase
      (a word with its suffixes: 避難 所);
    - ``bigram_phrases``: for a term written in kana/kanji only, the bigrams of each run as
      phrases (a substring match), tried instead of the words;
    - ``kana_token``: a term written in kana only, as one token (matches a reading, e.g.
      としょかん, or a word written in katakana, ぺっとぼとる).
    """

    text: str
    groups: tuple[tuple[str, ...], ...]
    bigram_phrases: tuple[tuple[str, ...], ...] = ()
    kana_token: str = ""
    variant: bool = False  # another spelling of what was typed (reading, romaji), not a synonym

    @property
    def is_empty(self) -> bool:
        return not (self.groups or self.bigram_phrases or self.kana_token)


@dataclass(frozen=True)
class QueryTerm:
    """A space-separated part of the query; its alternatives are ORed (the first is as typed,
    the others its synonyms)."""

    text: str
    alternatives: tuple[QueryAlternative, ...]

    @property
    def synonyms(self) -> tuple[str, ...]:
        return tuple(alternative.text for alternative in self.alternatives[1:] if not alternative.variant)


@dataclass(frozen=True)
class AnalysedQuery:
    """A query as the search backends need it: all ``terms`` must match (AND)."""

    text: str
    terms: tuple[QueryTerm, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return not self.terms

    @property
    def synonyms_tried(self) -> tuple[str, ...]:
        return tuple(synonym for term in self.terms for synonym in term.synonyms)


def _alternative(text: str) -> QueryAlternative:
    cleaned = clean(text)
    groups: list[list[str]] = []
    bind_next = False
    for word in words(cleaned):
        if groups and (word.pos in _BOUND_TO_PREVIOUS or bind_next):
            groups[-1].append(word.token)
        else:
            groups.append([word.token])
        bind_next = word.pos in _BOUND_TO_NEXT
    folded = fold_kana(cleaned).strip()
    bigram_phrases: tuple[tuple[str, ...], ...] = ()
    kana_token = ""
    if _CJK_RUN_RE.fullmatch(folded):
        if len(folded) >= 2:
            bigram_phrases = (tuple(bigrams(folded)),)
        if is_kana(folded):
            kana_token = folded
    return QueryAlternative(
        text=text,
        groups=tuple(tuple(group) for group in groups),
        bigram_phrases=bigram_phrases,
        kana_token=kana_token,
    )


_ROMAJI = {
    **{v: k for k, v in zip("あいうえお", "aiueo", strict=True)},
    **{
        syllable: kana
        for row, consonant in (
            ("かきくけこ", "k"), ("さしすせそ", "s"), ("たちつてと", "t"), ("なにぬねの", "n"), ("はひふへほ", "h"),
            ("まみむめも", "m"), ("らりるれろ", "r"), ("がぎぐげご", "g"), ("ざじずぜぞ", "z"), ("だぢづでど", "d"),
            ("ばびぶべぼ", "b"), ("ぱぴぷぺぽ", "p"),
        )
        for syllable, kana in zip((consonant + vowel for vowel in "aiueo"), row, strict=True)
    },
    "ya": "や", "yu": "ゆ", "yo": "よ", "wa": "わ", "wo": "を", "shi": "し", "chi": "ち", "tsu": "つ",
    "fu": "ふ", "ji": "じ", "sha": "しゃ", "shu": "しゅ", "sho": "しょ", "cha": "ちゃ", "chu": "ちゅ",
    "cho": "ちょ", "ja": "じゃ", "ju": "じゅ", "jo": "じょ", "nn": "ん", "n'": "ん",
    **{
        consonant + "y" + vowel: kana + small
        for consonant, kana in (("k", "き"), ("g", "ぎ"), ("n", "に"), ("h", "ひ"), ("b", "び"), ("p", "ぴ"),
                                ("m", "み"), ("r", "り"))
        for vowel, small in (("a", "ゃ"), ("u", "ゅ"), ("o", "ょ"))
    },
}  # fmt: skip


def romaji_to_kana(text: str) -> str:
    """Hepburn romaji typed by a resident (toshokan, hinanjo) as hiragana; "" when it is not romaji."""
    text = text.lower()
    out, i = [], 0
    while i < len(text):
        for size in (3, 2, 1):
            piece = text[i : i + size]
            if piece in _ROMAJI:
                out.append(_ROMAJI[piece])
                i += size
                break
        else:
            char = text[i]
            if char == "n":  # ん before a consonant or at the end
                out.append("ん")
            elif i + 1 < len(text) and text[i + 1] == char and char not in "aiueo":
                out.append("っ")  # doubled consonant: kitte
            else:
                return ""
            i += 1
    return "".join(out)


_UNVOICED = {voiced: plain for plain, voiced in zip("かきくけこさしすせそたちつてとはひふへほ",
                                                     "がぎぐげござじずぜぞだぢづでどばびぶべぼ", strict=True)}  # fmt: skip


def spelling_variants(part: str) -> list[str]:
    """Other spellings of one query part that reach the same content through readings:

    - romaji as kana (toshokan → としょかん, hinanjo → ひなんじょ);
    - kana with one voiced sound unvoiced past the first character, since dictionary readings
      ignore rendaku (ひなんじょ → ひなんしょ, the reading of 避難所);
    - a part written with kanji as its reading (布団 → ふとん), at least three kana long.
    """
    cleaned = clean(part).strip()
    variants: list[str] = []
    if re.fullmatch(r"[a-z]{3,}", cleaned):
        kana = romaji_to_kana(cleaned)
        if kana:
            variants.append(kana)
    for kana in [fold_kana(cleaned), *variants]:
        if is_kana(kana) and len(kana) >= 3:
            for position, char in enumerate(kana[1:], start=1):
                if char in _UNVOICED and len(variants) < 4:
                    variants.append(kana[:position] + _UNVOICED[char] + kana[position + 1 :])
    if has_kanji(cleaned):
        reading = reading_key(cleaned)
        if is_kana(reading) and len(reading) >= 3:
            variants.append(reading)
    return list(dict.fromkeys(variant for variant in variants if variant != fold_kana(cleaned)))


def analyse_query(text: str, synonyms: Mapping[str, Sequence[str]] | None = None) -> AnalysedQuery:
    """Analyse what a resident typed, exactly as :func:`analyse_for_index` analyses pages.

    Space-separated parts are ANDed. *synonyms* maps a :func:`normalise`-d term to the other
    terms of its group (see :func:`synonym_map`); each is tried as an alternative.
    """
    text = clean(text or "")[:MAX_QUERY_CHARS]
    terms = []
    for part in _QUERY_SPLIT_RE.split(text):
        if not part:
            continue
        alternative = _alternative(part)
        if alternative.is_empty:
            continue
        alternatives = [alternative]
        for spelling in spelling_variants(part):
            extra = replace(_alternative(spelling), text=spelling, variant=True)
            if not extra.is_empty and extra not in alternatives:
                alternatives.append(extra)
        for synonym in (synonyms or {}).get(normalise(part), ()):
            extra = _alternative(synonym)
            if not extra.is_empty and extra not in alternatives:
                alternatives.append(extra)
        terms.append(QueryTerm(part, tuple(alternatives)))
    return AnalysedQuery(text=" ".join(text.split()), terms=tuple(terms))


def only_function_words(text: str) -> bool:
    """True when *text* is only particles, auxiliaries and single kana (の, は を, です, あ):
    such a query matches nearly every Japanese text, so searching it scans the whole index for
    nothing a resident can use. The search asks for a word with a meaning instead."""
    found = words(clean(text or "")[:MAX_QUERY_CHARS])
    return bool(found) and all(
        word.pos in _FUNCTION_POS or (len(word.token) == 1 and is_kana(word.token)) for word in found
    )


def autocomplete_terms(text: str) -> list[str]:
    """Tokens for a prefix search: the whole of each typed part, folded (the last is the prefix).

    としょ → ["としょ"], matching the reading としょかん; 図書 → ["図書"], matching 図書館.
    """
    text = clean(text or "")[:MAX_QUERY_CHARS]
    return [token for token in (_term(part) for part in text.split()) if token]


def synonym_map(groups: Iterable[Iterable[str]]) -> dict[str, list[str]]:
    """{normalised term: the other terms of its group} for groups such as (保育園, 保育所).

    The reading of a member written with kanji is a key too, standing for the whole group, so
    a resident who types もえるごみ gets 燃えるごみ and its synonyms (可燃ごみ, …) as typed.
    """
    mapping: dict[str, list[str]] = {}

    def add(key: str, members: list[str]) -> None:
        others = mapping.setdefault(key, [])
        for other in members:
            if normalise(other) != key and other not in others:
                others.append(other)

    for group in groups:
        members = [member.strip() for member in group if member and member.strip()]
        for member in members:
            add(normalise(member), members)
            if has_kanji(member):
                add(reading_key(member), members)
    return mapping


def _contains(tokens: Sequence[str], phrase: Sequence[str]) -> bool:
    size = len(phrase)
    first = phrase[0]
    return any(
        tokens[i] == first and tuple(tokens[i : i + size]) == tuple(phrase) for i in range(len(tokens) - size + 1)
    )


def query_matches(analysed: AnalysedQuery, text: str) -> bool:
    """Whether *text* matches *analysed* by the rules the backends apply (used to rank title
    matches first across kinds, and in tests as the reference)."""
    if analysed.is_empty:
        return False
    tokens = analyse_for_index(text).split()
    for term in analysed.terms:
        if not any(
            (alt.groups and all(_contains(tokens, group) for group in alt.groups))
            or (alt.bigram_phrases and all(_contains(tokens, run) for run in alt.bigram_phrases))
            or (alt.kana_token and alt.kana_token in tokens)
            for alt in term.alternatives
        ):
            return False
    return True


def highlight_needles(analysed: AnalysedQuery) -> list[str]:
    """Normalised strings to mark in a snippet: each term, its synonyms and its word groups."""
    needles: dict[str, None] = {}
    for term in analysed.terms:
        for alt in term.alternatives:
            needles.setdefault(normalise(alt.text).replace(" ", ""), None)
            for group in alt.groups:
                needles.setdefault("".join(group), None)
    return sorted((needle for needle in needles if needle), key=len, reverse=True)


def _pieces_keeping_all(line: str) -> Iterator[str]:
    for start in range(0, len(line), _MAX_CHUNK_CHARS):
        yield line[start : start + _MAX_CHUNK_CHARS]


def reading_spans(text: str, readings: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) spans of *text* whose reading is one of *readings* (hiragana), from one
    word boundary to another: もやすごみ marks 燃やすごみ, としょかん marks 図書館."""
    wanted = [reading for reading in readings if reading and is_kana(reading)]
    if not text or not wanted:
        return []
    fine, _compound = _tokenizers()
    spans: list[tuple[int, int]] = []
    offset = 0
    for piece in _pieces_keeping_all(text):
        starts: list[tuple[int, int]] = []  # (position in reading, position in text)
        reading = ""
        for morpheme in fine.tokenize(piece):
            starts.append((len(reading), offset + morpheme.begin()))
            surface = morpheme.surface()
            folded = fold_kana(clean(surface))
            form = fold_kana(morpheme.reading_form())
            reading += form if has_kanji(surface) and is_kana(form) else folded
        starts.append((len(reading), offset + len(piece)))
        boundaries = dict(starts)
        for needle in wanted:
            position = reading.find(needle)
            while position != -1:
                end = position + len(needle)
                if position in boundaries and end in boundaries:
                    spans.append((boundaries[position], boundaries[end]))
                position = reading.find(needle, position + 1)
        offset += len(piece)
    return spans
