"""The やさしい日本語 (Easy Japanese) check an editor sees while writing Japanese.

Three rules, each reported against the sentence that trips it:

- ``sentence_length``: a sentence longer than ``max_sentence_chars`` characters (spaces not
  counted). The ガイドライン (在留支援のためのやさしい日本語ガイドライン, 2020) asks for short
  sentences with one point each; 50 characters is the default limit here.
- ``kanji_share``: a sentence in which kanji make up more than ``max_kanji_share`` of the
  letters (kana, kanji, Latin, digits; punctuation and spaces not counted). Plain texts keep
  kanji to about 20–30 %; the default limit is 30 %. Short sentences (under 10 letters) are not
  measured, one kanji word would swing them.
- ``hard_word``: a content word (noun, verb, adjective, adverb) whose dictionary form and reading
  are both outside the plain-word list (``translation.plain_words``, source stated there). Proper
  nouns, numbers and words written in hiragana only are not checked (hiragana is the form
  plain text is written in, and the dictionary splits long kana runs unreliably). Where the list knows a plainer way to say it, the finding
  carries it as ``suggestion``.

Words come from SudachiPy (the dictionary the search uses), in split mode C so that compounds
such as 保育所 are one word. Pure functions: no database, no Django.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from japanese.analysis import sudachi_morphemes
from japanese.text import fold_kana
from translation.plain_words import HARD_WORD_REWRITES, PLAIN_WORDS

MAX_SENTENCE_CHARS = 50
MAX_KANJI_SHARE = 0.30
MIN_LETTERS_FOR_SHARE = 10

_SENTENCE_END = re.compile(r"(?<=[。！？!?])|\n+")
_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]")
_HIRAGANA_ONLY = re.compile(r"[\u3041-\u309fー]+")
_CHECKED_POS = {"名詞", "動詞", "形容詞", "形状詞", "副詞"}
_SKIPPED_SUBPOS = {"固有名詞", "数詞"}


@dataclass(frozen=True)
class Word:
    """One word of a sentence as the dictionary sees it."""

    surface: str
    dictionary_form: str
    reading: str  # hiragana
    pos: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """One thing to make plainer, with the sentence it was found in."""

    rule: str  # "sentence_length" | "kanji_share" | "hard_word"
    sentence: str
    sentence_index: int  # 0-based position of the sentence in the text
    message: str
    word: str = ""
    suggestion: str = ""


def split_sentences(text: str) -> list[str]:
    """Split Japanese text after 。！？ (and at line breaks); blank pieces are dropped."""
    return [piece.strip() for piece in _SENTENCE_END.split(text or "") if piece and piece.strip()]


def _is_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in {"L", "N"}


def letter_count(sentence: str) -> int:
    """Characters that are letters or digits (kana, kanji, Latin), without punctuation or spaces."""
    return sum(1 for char in sentence if _is_letter(char))


def kanji_share(sentence: str) -> float:
    """Share of the letters in ``sentence`` that are kanji (0.0 for a sentence with no letters)."""
    letters = letter_count(sentence)
    if not letters:
        return 0.0
    return len(_KANJI.findall(sentence)) / letters


def words(sentence: str) -> list[Word]:
    """The words of ``sentence`` (SudachiPy, split mode C)."""
    return [
        Word(
            surface=morpheme.surface(),
            dictionary_form=morpheme.dictionary_form(),
            reading=fold_kana(morpheme.reading_form()),
            pos=tuple(morpheme.part_of_speech()),
        )
        for morpheme in sudachi_morphemes(sentence, coarse=True)
    ]


def is_plain(word: Word, plain_words: Iterable[str] = PLAIN_WORDS) -> bool:
    """Whether a word is plain enough: not a checked part of speech, or listed by form or reading."""
    if word.pos[0] not in _CHECKED_POS or (len(word.pos) > 1 and word.pos[1] in _SKIPPED_SUBPOS):
        return True
    if not any(_is_letter(char) for char in word.surface) or word.surface.isascii():
        return True
    if _HIRAGANA_ONLY.fullmatch(word.surface):
        return True
    candidates = {word.surface, word.dictionary_form, word.reading, fold_kana(word.dictionary_form)}
    return bool(candidates & set(plain_words))


def check_easy_japanese(
    text: str,
    *,
    max_sentence_chars: int = MAX_SENTENCE_CHARS,
    max_kanji_share: float = MAX_KANJI_SHARE,
    plain_words: frozenset[str] = PLAIN_WORDS,
    rewrites: dict[str, str] = HARD_WORD_REWRITES,
) -> list[Finding]:
    """Every place ``text`` is harder than やさしい日本語 should be, in reading order."""
    findings: list[Finding] = []
    for index, sentence in enumerate(split_sentences(text)):
        length = sum(1 for char in sentence if not char.isspace())
        if length > max_sentence_chars:
            findings.append(
                Finding(
                    rule="sentence_length",
                    sentence=sentence,
                    sentence_index=index,
                    message=f"{length}文字の文です。{max_sentence_chars}文字以内に分けてください。",
                )
            )
        share = kanji_share(sentence)
        if letter_count(sentence) >= MIN_LETTERS_FOR_SHARE and share > max_kanji_share:
            findings.append(
                Finding(
                    rule="kanji_share",
                    sentence=sentence,
                    sentence_index=index,
                    message=f"漢字が{share:.0%}です。{max_kanji_share:.0%}以下にしてください。",
                )
            )
        seen: set[str] = set()
        for word in words(sentence):
            if is_plain(word, plain_words) or word.dictionary_form in seen:
                continue
            seen.add(word.dictionary_form)
            suggestion = rewrites.get(word.dictionary_form) or rewrites.get(word.surface, "")
            findings.append(
                Finding(
                    rule="hard_word",
                    sentence=sentence,
                    sentence_index=index,
                    message=f"「{word.surface}」はやさしいことばのリストにありません。"
                    + (f"「{suggestion}」と言いかえられます。" if suggestion else ""),
                    word=word.surface,
                    suggestion=suggestion,
                )
            )
    return findings


@dataclass(frozen=True)
class Readability:
    """A text's figures for the editor's checks panel: how long its sentences run, how much of it
    is kanji, which words are outside the plain-word list."""

    sentences: int
    average_chars: int
    longest_chars: int
    long_sentences: int
    kanji_share: float
    hard_words: tuple[str, ...]

    @property
    def kanji_percent(self) -> int:
        return round(self.kanji_share * 100)


def readability(text: str, *, max_sentence_chars: int = MAX_SENTENCE_CHARS) -> Readability:
    """The figures of ``text`` (see ``Readability``); sentences are counted without spaces."""
    sentences = split_sentences(text)
    lengths = [sum(1 for char in sentence if not char.isspace()) for sentence in sentences]
    letters = sum(letter_count(sentence) for sentence in sentences)
    kanji = sum(len(_KANJI.findall(sentence)) for sentence in sentences)
    hard = dict.fromkeys(
        finding.word
        for finding in check_easy_japanese(text, max_sentence_chars=max_sentence_chars)
        if finding.rule == "hard_word"
    )
    return Readability(
        sentences=len(sentences),
        average_chars=round(sum(lengths) / len(lengths)) if lengths else 0,
        longest_chars=max(lengths, default=0),
        long_sentences=sum(1 for length in lengths if length > max_sentence_chars),
        kanji_share=kanji / letters if letters else 0.0,
        hard_words=tuple(hard),
    )
