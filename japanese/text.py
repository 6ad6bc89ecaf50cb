"""Japanese text normalisation: one function per purpose, no dictionary, no Django.

- :func:`narrow` — what an importer does to a cell before reading a number, a date or a code:
  NFKC (full-width digits, letters and colons to ASCII, half-width katakana to full width),
  trimmed. Prose keeps its case and inner spacing.
- :func:`compact` — :func:`narrow` with every space removed (codes, numbers such as ``1 500``).
- :func:`normalise` — the spelling-insensitive form for matching variants of the same word:
  width, case, katakana → hiragana, iteration marks spelt out, 旧字体 → 新字体,
  whitespace collapsed.
- :func:`clean` — NFKC and lower case for the analyser (search/Sudachi), control characters and
  lone surrogates removed; :func:`clean_query` makes what a resident typed safe to store and show.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "ITERATION_MARKS",
    "KANA",
    "KANJI",
    "clean",
    "clean_query",
    "compact",
    "expand_iteration_marks",
    "fold_kana",
    "has_japanese",
    "has_kanji",
    "is_kana",
    "narrow",
    "normalise",
    "to_shinjitai",
]

# Character classes (for regular expressions): kanji with 々〆〇, kana with ゝゞヽヾ and ー.
KANJI = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006\u3007"
KANA = r"\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe"

_KANJI_RE = re.compile(f"[{KANJI}]")
_JAPANESE_RE = re.compile(f"[{KANJI}{KANA}]")
_ONLY_KANA_RE = re.compile(f"[{KANA}]+")
_SURROGATES_RE = re.compile(r"[\ud800-\udfff]")
_SPACES_RE = re.compile(r"\s+")

_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
_KATAKANA_TO_HIRAGANA.update({0x30FD: 0x309D, 0x30FE: 0x309E})  # ヽヾ → ゝゞ

# 旧字体 (and the common 異体字) that municipal names still carry, to their 新字体. NFKC already
# maps the CJK compatibility ideographs; these are unified ideographs it leaves alone.
_SHINJITAI = str.maketrans(
    {
        "國": "国",
        "學": "学",
        "會": "会",
        "舘": "館",
        "圖": "図",
        "廣": "広",
        "濱": "浜",
        "澤": "沢",
        "邊": "辺",
        "邉": "辺",
        "櫻": "桜",
        "驛": "駅",
        "縣": "県",
        "區": "区",
        "髙": "高",
        "﨑": "崎",
        "嵜": "崎",
        "齋": "斎",
        "齊": "斉",
        "藝": "芸",
        "體": "体",
        "壽": "寿",
        "德": "徳",
        "龍": "竜",
        "條": "条",
        "來": "来",
        "與": "与",
        "氣": "気",
        "實": "実",
        "惠": "恵",
    }
)

# A voiced iteration mark (ゞ) repeats the previous kana with dakuten: いすゞ → いすず.
_VOICED = dict(zip("かきくけこさしすせそたちつてとはひふへほ", "がぎぐげござじずぜぞだぢづでどばびぶべぼ", strict=True))


def fold_kana(text: str) -> str:
    """Katakana → hiragana (ペットボトル → ぺっとぼとる); everything else unchanged."""
    return text.translate(_KATAKANA_TO_HIRAGANA)


def has_japanese(text: str) -> bool:
    """Whether *text* has a kana or a kanji: a name still in Japanese."""
    return _JAPANESE_RE.search(text) is not None


def has_kanji(text: str) -> bool:
    return _KANJI_RE.search(text) is not None


def is_kana(text: str) -> bool:
    return _ONLY_KANA_RE.fullmatch(text) is not None


def narrow(text: str | None) -> str:
    """NFKC width folding, trimmed: ``１，５００円`` → ``1,500円``, ``ﾍﾟｯﾄ`` → ``ペット``."""
    return unicodedata.normalize("NFKC", text or "").strip()


def compact(text: str | None) -> str:
    """:func:`narrow` with every space removed: ``１ ５００`` → ``1500``."""
    return _SPACES_RE.sub("", unicodedata.normalize("NFKC", text or ""))


def to_shinjitai(text: str) -> str:
    """旧字体 → 新字体 for the characters in a small table: 髙松 → 高松, 図書舘 → 図書館."""
    return text.translate(_SHINJITAI)


ITERATION_MARKS = "ゝゞヽヾ々"


def expand_iteration_marks(text: str) -> str:
    """Iteration marks spelt out: いすゞ → いすず, こゝろ → こころ, 佐々木 → 佐佐木; a mark with
    nothing before it is kept."""
    out: list[str] = []
    for char in text:
        previous = out[-1] if out else ""
        if char not in ITERATION_MARKS or not previous:
            out.append(char)
        elif char in "ゞヾ":
            voiced = _VOICED.get(fold_kana(previous), previous)
            out.append(chr(ord(voiced) + 0x60) if previous != fold_kana(previous) and voiced != previous else voiced)
        else:
            out.append(previous)
    return "".join(out)


def clean(text: str) -> str:
    """NFKC, 新字体 and lower case, control characters and lone surrogates removed (the analyser's input)."""
    text = _SURROGATES_RE.sub("", text)
    text = to_shinjitai(unicodedata.normalize("NFKC", text)).lower()
    return "".join(char if unicodedata.category(char)[0] != "C" else " " for char in text)


def clean_query(text: str) -> str:
    """What a resident typed, made safe to store and show: lone surrogates and control
    characters removed, whitespace collapsed (otherwise as typed)."""
    text = _SURROGATES_RE.sub("", text or "")
    text = "".join(char if unicodedata.category(char)[0] != "C" else " " for char in text)
    return " ".join(text.split())


def normalise(text: str) -> str:
    """The spelling-insensitive form of *text*, for matching variants of the same word.

    NFKC (width), 新字体, lower case, katakana folded to hiragana, iteration marks spelt
    out, whitespace collapsed: ペットボトル, ぺっとぼとる and ﾍﾟｯﾄﾎﾞﾄﾙ all give ``ぺっとぼとる``.
    It does not read kanji or Latin letters: for 電池 = でんち or PETボトル = ペットボトル use
    :func:`japanese.analysis.reading_key`. Cheap (no dictionary), so it suits matching inside
    loops and database keys.
    """
    if not text:
        return ""
    return " ".join(expand_iteration_marks(fold_kana(clean(text))).split())
