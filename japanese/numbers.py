"""Readings the dictionary gets wrong in a municipal page: numbers with counters, and weekdays.

SudachiPy reads 日 after a digit as か or にち whatever the number (10日 → にち, 14日 → か), 月 in
a weekday header as つき and（月）as がつ. These functions give the reading of the whole figure
(``14日`` → じゅうよっか, ``1日`` → ついたち, ``3分`` → さんぷん, ``1人`` → ひとり) and of weekday
letters (``（月）`` → げつ, ``月火水木金`` → げつ か すい もく きん), for :mod:`japanese.furigana`.

:func:`special_readings` finds them in a text: ``(start, end, reading)`` spans; the rest of the
text is left to the dictionary. Pure functions.
"""

from __future__ import annotations

import re

from japanese.text import KANJI, narrow

_DIGITS = ("ぜろ", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう")
# (value, reading, reading after 3 / 6 / 8 where the sound changes)
_UNITS = (
    (10_000, "まん", {}),
    (1000, "せん", {3: "さんぜん", 8: "はっせん"}),
    (100, "ひゃく", {3: "さんびゃく", 6: "ろっぴゃく", 8: "はっぴゃく"}),
    (10, "じゅう", {}),
)


def number_words(n: int) -> list[str]:
    """The spoken parts of a whole number: 2026 → [にせん, にじゅう, ろく]; 30 → [さんじゅう]."""
    if n == 0:
        return ["ぜろ"]
    if n >= 100_000_000:
        raise ValueError(f"{n} is too large to read")
    words: list[str] = []
    for value, name, changed in _UNITS:
        count, n = divmod(n, value)
        if not count:
            continue
        if value == 10_000:
            words.extend([*number_words(count)[:-1], number_words(count)[-1] + name])
        elif count in changed:
            words.append(changed[count])
        else:
            words.append(name if count == 1 else _DIGITS[count] + name)
    if n:
        words.append(_DIGITS[n])
    return words


# The date of the month: 1日 ついたち … 10日 とおか, 14日 じゅうよっか, 20日 はつか, 24日 にじゅうよっか.
_DAYS_OF_MONTH = {
    1: "ついたち", 2: "ふつか", 3: "みっか", 4: "よっか", 5: "いつか", 6: "むいか", 7: "なのか",
    8: "ようか", 9: "ここのか", 10: "とおか", 14: "じゅうよっか", 20: "はつか", 24: "にじゅうよっか",
}  # fmt: skip
_MONTHS = {4: "しがつ", 7: "しちがつ", 9: "くがつ"}

# counter → (its reading, {last spoken word: (that word changed, counter reading changed)})
_SMALL_TSU = {"いち": "いっ", "ろく": "ろっ", "はち": "はっ", "じゅう": "じゅっ", "ひゃく": "ひゃっ"}


def _tsu(counter: str, *words: str) -> dict[str, tuple[str, str]]:
    return {word: (_SMALL_TSU[word], counter) for word in words}


_K_SOUND = _tsu("", "いち", "ろく", "はち", "じゅう", "ひゃく")  # 1回 いっかい, 6個 ろっこ
_COUNTERS: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {
    "か月": ("かげつ", _K_SOUND),
    "ヶ月": ("かげつ", _K_SOUND),
    "カ月": ("かげつ", _K_SOUND),
    "か所": ("かしょ", _K_SOUND),
    "ヶ所": ("かしょ", _K_SOUND),
    "週間": ("しゅうかん", _tsu("", "いち", "はち", "じゅう")),
    "時間": ("じかん", {"よん": ("よ", ""), "なな": ("しち", ""), "きゅう": ("く", "")}),
    "日間": ("", {}),  # read from 日: see count_reading
    "年間": ("ねんかん", {"よん": ("よ", ""), "なな": ("しち", "")}),
    "年度": ("ねんど", {"よん": ("よ", ""), "なな": ("しち", "")}),
    "歳児": ("さいじ", _tsu("", "いち", "はち", "じゅう")),
    "丁目": ("ちょうめ", _tsu("", "いち", "はち", "じゅう")),
    "年": ("ねん", {"よん": ("よ", ""), "なな": ("しち", "")}),
    "時": ("じ", {"よん": ("よ", ""), "なな": ("しち", ""), "きゅう": ("く", "")}),
    "分": (
        "ふん",
        {
            **_tsu("ぷん", "いち", "ろく", "はち", "じゅう", "ひゃく"),
            "さん": ("さん", "ぷん"),
            "よん": ("よん", "ぷん"),
        },
    ),  # fmt: skip
    "人": ("にん", {"よん": ("よ", "")}),
    "名": ("めい", {}),
    "歳": ("さい", _tsu("", "いち", "はち", "じゅう")),
    "回": ("かい", _K_SOUND),
    "階": ("かい", {**_K_SOUND, "さん": ("さん", "がい")}),
    "週": ("しゅう", _tsu("", "いち", "はち", "じゅう")),
    "円": ("えん", {"よん": ("よ", ""), "きゅう": ("きゅう", "")}),
    "件": ("けん", _K_SOUND),
    "個": ("こ", _K_SOUND),
    "番": ("ばん", {}),
    "号": ("ごう", {}),
    "台": ("だい", {}),
    "枚": ("まい", {}),
    "歩": ("ほ", {**_tsu("ぽ", "いち", "ろく", "はち", "じゅう", "ひゃく"), "さん": ("さん", "ぽ")}),
    "割": ("わり", {}),
    "倍": ("ばい", {}),
    "区": ("く", _K_SOUND),
}
_SMALL_PEOPLE = {1: "ひとり", 2: "ふたり"}


def count_reading(number: int, counter: str, *, date: bool = False) -> str:
    """``count_reading(14, "日")`` → じゅうよっか; ``(3, "分")`` → さんぷん; ``(1, "日", date=True)``
    → ついたち (the first of a month; without *date*, いちにち: one day)."""
    if counter == "日間":
        return count_reading(number, "日") + "かん"  # 3日間 みっかかん, 1日間 いちにちかん
    if counter == "日":
        if number in _DAYS_OF_MONTH and (number != 1 or date):
            return _DAYS_OF_MONTH[number]
        words = number_words(number)
        if words[-1] == "よん":
            return "".join(words[:-1]) + "よっか"  # 34日 さんじゅうよっか
        return "".join(words[:-1]) + {"なな": "しち", "きゅう": "く"}.get(words[-1], words[-1]) + "にち"
    if counter == "月":
        return _MONTHS.get(number) or "".join(number_words(number)) + "がつ"
    if counter == "人" and number in _SMALL_PEOPLE:
        return _SMALL_PEOPLE[number]
    reading, changes = _COUNTERS[counter]
    words = number_words(number)
    last = words[-1]
    for ending in sorted(changes, key=len, reverse=True):  # さんじゅう ends in じゅう: 30分 さんじゅっぷん
        if last.endswith(ending):
            changed_word, changed_counter = changes[ending]
            return "".join(words[:-1]) + last[: -len(ending)] + changed_word + (changed_counter or reading)
    return "".join(words) + reading


WEEKDAY_READINGS = {
    "日": "にち",
    "月": "げつ",
    "火": "か",
    "水": "すい",
    "木": "もく",
    "金": "きん",
    "土": "ど",
    "祝": "しゅく",
}

_NUMBER = r"[0-9０-９](?:[0-9０-９]|[,，](?=[0-9０-９]{3}))*"
_COUNTER = "|".join(sorted((*_COUNTERS, "日", "月"), key=len, reverse=True))
_COUNTED = re.compile(f"(?P<number>{_NUMBER})(?P<counter>{_COUNTER})(?!曜)")  # not 第3月曜日
_WEEKDAY_LETTERS = "日月火水木金土祝"
# (木) （月・祝）: a weekday in brackets after a date or in a timetable.
_BRACKETED = re.compile(f"(?<=[(（])[{_WEEKDAY_LETTERS}](?:[・、][{_WEEKDAY_LETTERS}])*(?=[)）])")
# 月火水木金, 土日祝, 月・水・金, 毎週土日: two or more weekday letters alone (not part of another kanji word).
_RUN = re.compile(f"(?:(?<![{KANJI}])|(?<=毎週))[{_WEEKDAY_LETTERS}](?:[・、～~]?[{_WEEKDAY_LETTERS}])+(?![{KANJI}曜])")
_ALONE = re.compile(f"^\\s*[{_WEEKDAY_LETTERS}]\\s*$")  # a calendar's header cell: 日, 月 …


def special_readings(text: str) -> list[tuple[int, int, str]]:
    """Spans of *text* the dictionary misreads, with their readings, in order, not overlapping.

    Counted figures (``2026年``, ``12月``, ``3日``, ``30分``, ``2か月``) are read whole, their
    digits with them; weekday letters are read one by one (``月`` → げつ).
    """
    spans: list[tuple[int, int, str]] = []
    for match in _COUNTED.finditer(text):
        number = int(narrow(match.group("number")).replace(",", ""))
        counter = match.group("counter")
        if counter == "月" and not 1 <= number <= 12:
            continue
        before, after = text[: match.start()], text[match.end() :]
        date = counter == "日" and (bool(re.search(r"(月|毎月)\s*$", before)) or bool(re.match(r"\s*[(（]", after)))
        try:
            spans.append((match.start(), match.end(), count_reading(number, counter, date=date)))
        except ValueError:
            continue
    if _ALONE.match(text):
        start = len(text) - len(text.lstrip())
        spans.append((start, start + 1, WEEKDAY_READINGS[text.strip()]))
    for pattern in (_BRACKETED, _RUN):
        for match in pattern.finditer(text):
            for offset, letter in enumerate(match.group(0)):
                if letter in WEEKDAY_READINGS:
                    position = match.start() + offset
                    spans.append((position, position + 1, WEEKDAY_READINGS[letter]))
    spans.sort()
    kept: list[tuple[int, int, str]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept
