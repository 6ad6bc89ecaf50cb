"""ふりがな on dates, weekdays, counters and numbers: a set of real strings from the portal's pages
(``furigana_readings.txt``) with the readings a resident should see; at least 98 % must be right."""

import re
from html import escape
from pathlib import Path

import pytest

from japanese.furigana import furigana_html
from japanese.numbers import count_reading, special_readings

SET = Path(__file__).with_name("furigana_readings.txt")
_MARK = re.compile(r"\{([^|{}]+)\|([^{}]+)\}")


def _cases() -> list[tuple[str, list[tuple[str, str]]]]:
    lines = [line for line in SET.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [(_MARK.sub(r"\1", line), _MARK.findall(line)) for line in lines]


def _right(text: str, expected: list[tuple[str, str]]) -> bool:
    html = furigana_html(text)
    return all(f"<ruby>{escape(base)}<rp>(</rp><rt>{reading}</rt>" in html for base, reading in expected)


def test_the_set_has_at_least_a_hundred_strings_with_readings():
    cases = _cases()
    assert len(cases) >= 100
    assert sum(1 for _text, expected in cases if expected) >= 100


def test_at_least_98_percent_of_the_strings_are_read_right():
    cases = _cases()
    wrong = [text for text, expected in cases if not _right(text, expected)]
    share = 1 - len(wrong) / len(cases)
    assert share >= 0.98, f"{share:.1%} right; wrong: {wrong}"


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("（月）", ["げつ"]),
        ("10日", ["とおか"]),
        ("14日", ["じゅうよっか"]),
        ("4月1日", ["しがつ", "ついたち"]),
        ("1日2回", ["いちにち", "にかい"]),  # a day, not the first of the month
        ("30分", ["さんじゅっぷん"]),
    ],
)
def test_figures_and_weekdays_the_dictionary_misread(text, readings):
    assert [reading for _start, _end, reading in special_readings(text)] == readings


def test_words_with_weekday_letters_are_left_to_the_dictionary():
    assert special_readings("生年月日") == []
    assert special_readings("第3月曜日") == []


def test_counters_change_their_sound_after_some_numbers():
    assert count_reading(1, "人") == "ひとり"
    assert count_reading(8, "歳") == "はっさい"
    assert count_reading(600, "円") == "ろっぴゃくえん"
    assert count_reading(2026, "年") == "にせんにじゅうろくねん"
    assert count_reading(3, "日間") == "みっかかん"
