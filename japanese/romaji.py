"""Hepburn romanisation of a reading, for the names a resident reading English, Vietnamese or
Portuguese meets (facility, area and event names) when the open data has no English name.

:func:`hepburn` turns kana into Hepburn as road signs and station names write it, without macrons
(東京 → Tokyo, 高松 → Takamatsu): ん before b/m/p stays n, っ doubles the next consonant (っち →
tch), a long vowel written う or ー is dropped after o and u. :func:`romanised_name` splits a
name into words with the dictionary and romanises each from the open data's own reading where the
two agree. Pure functions.
"""

from __future__ import annotations

import re

from japanese.analysis import sudachi_morphemes
from japanese.text import fold_kana, is_kana, narrow

_DIGRAPHS = {
    "きゃ": "kya", "きゅ": "kyu", "きょ": "kyo", "しゃ": "sha", "しゅ": "shu", "しょ": "sho",
    "ちゃ": "cha", "ちゅ": "chu", "ちょ": "cho", "にゃ": "nya", "にゅ": "nyu", "にょ": "nyo",
    "ひゃ": "hya", "ひゅ": "hyu", "ひょ": "hyo", "みゃ": "mya", "みゅ": "myu", "みょ": "myo",
    "りゃ": "rya", "りゅ": "ryu", "りょ": "ryo", "ぎゃ": "gya", "ぎゅ": "gyu", "ぎょ": "gyo",
    "じゃ": "ja", "じゅ": "ju", "じょ": "jo", "びゃ": "bya", "びゅ": "byu", "びょ": "byo",
    "ぴゃ": "pya", "ぴゅ": "pyu", "ぴょ": "pyo", "ぢゃ": "ja", "ぢゅ": "ju", "ぢょ": "jo",
    "てぃ": "ti", "でぃ": "di", "ふぁ": "fa", "ふぃ": "fi", "ふぇ": "fe", "ふぉ": "fo", "うぃ": "wi",
    "うぇ": "we", "しぇ": "she", "ちぇ": "che", "じぇ": "je", "ゔぁ": "va",
}  # fmt: skip
_KANA = dict(
    zip(
        "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわゐゑをん"
        "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽゔぁぃぅぇぉゃゅょゎ",
        [
            "a",
            "i",
            "u",
            "e",
            "o",
            "ka",
            "ki",
            "ku",
            "ke",
            "ko",
            "sa",
            "shi",
            "su",
            "se",
            "so",
            "ta",
            "chi",
            "tsu",
            "te",
            "to",
            "na",
            "ni",
            "nu",
            "ne",
            "no",
            "ha",
            "hi",
            "fu",
            "he",
            "ho",
            "ma",
            "mi",
            "mu",
            "me",
            "mo",
            "ya",
            "yu",
            "yo",
            "ra",
            "ri",
            "ru",
            "re",
            "ro",
            "wa",
            "i",
            "e",
            "o",
            "n",
            "ga",
            "gi",
            "gu",
            "ge",
            "go",
            "za",
            "ji",
            "zu",
            "ze",
            "zo",
            "da",
            "ji",
            "zu",
            "de",
            "do",
            "ba",
            "bi",
            "bu",
            "be",
            "bo",
            "pa",
            "pi",
            "pu",
            "pe",
            "po",
            "vu",
            "a",
            "i",
            "u",
            "e",
            "o",
            "ya",
            "yu",
            "yo",
            "wa",
        ],
        strict=True,
    )
)


def hepburn(reading: str) -> str:
    """``たかまつ`` → ``takamatsu``; ``とうきょう`` → ``tokyo``; ``しんばし`` → ``shimbashi``.

    Katakana and half-width kana are read too; anything that is not kana is kept as it is.
    """
    text = fold_kana(narrow(reading))
    out: list[str] = []
    index = 0
    double = False
    while index < len(text):
        pair, char = text[index : index + 2], text[index]
        if pair in _DIGRAPHS:
            syllable, index = _DIGRAPHS[pair], index + 2
        elif char in _KANA:
            syllable, index = _KANA[char], index + 1
        elif char == "っ":
            double, index = True, index + 1
            continue
        elif char == "ー":
            index += 1
            continue  # a long vowel: not written (ボール → boru)
        else:
            syllable, index = char, index + 1
        if double:
            syllable = (
                ("t" if syllable.startswith("ch") else syllable[0]) + syllable if syllable[0].isalpha() else syllable
            )
            double = False
        if out and out[-1] == "n" and syllable[0] in "aiueoy":
            out[-1] = "n'"  # かんい → kan'i
        out.append(syllable)
    text = "".join(out)
    text = re.sub(r"n(?=[bmp])", "m", text)
    text = re.sub(r"ou|oo(?![aiueo])", "o", text)  # とうきょう → tokyo, おおさか → osaka
    return re.sub(r"uu", "u", text)


def romanised_name(name: str, reading: str = "") -> str:
    """A name in roman letters, word by word: 高松市中央図書館 → ``Takamatsu Shi Chuo Toshokan``.

    The words are the dictionary's; their readings come from *reading* (the open data's kana)
    when the dictionary's readings, put together, are that reading, else from the dictionary.
    """
    words = [(m.surface(), fold_kana(narrow(m.reading_form()))) for m in sudachi_morphemes(narrow(name), coarse=True)]
    given = fold_kana(narrow(reading)).replace(" ", "").replace("\u3000", "")
    if given and is_kana(given) and "".join(r for _s, r in words) != given:
        return hepburn(given).capitalize()
    parts: list[str] = []
    for surface, word_reading in words:
        if not surface.strip():
            continue
        if surface.isascii():
            parts.append(surface)
        elif is_kana(word_reading):
            parts.append(hepburn(word_reading).capitalize())
    return " ".join(parts)
