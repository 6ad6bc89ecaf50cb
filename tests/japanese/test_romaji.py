"""Hepburn romanisation of readings, for Japanese names read in English, Vietnamese, Portuguese."""

import pytest

from japanese.romaji import hepburn, romanised_name


@pytest.mark.parametrize(
    ("reading", "roman"),
    [
        ("たかまつ", "takamatsu"),
        ("とうきょう", "tokyo"),  # long vowels not written, as on road signs
        ("しんばし", "shimbashi"),  # ん before b, m, p
        ("きっちょう", "kitcho"),  # っ before ch
        ("がっこう", "gakko"),
        ("かんい", "kan'i"),
        ("リツリン", "ritsurin"),  # katakana
    ],
)
def test_hepburn(reading, roman):
    assert hepburn(reading) == roman


def test_a_name_is_romanised_word_by_word_from_its_reading():
    assert romanised_name("香川県立図書館", "かがわけんりつとしょかん") == "Kagawa Kenritsu Toshokan"
    assert romanised_name("屋島小学校", "ヤシマショウガッコウ") == "Yashima Shogakko"
