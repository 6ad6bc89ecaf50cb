"""The やさしい日本語 check on fixed texts: each finding names the rule and the sentence that trips it."""

from translation.easy_japanese import (
    check_easy_japanese,
    kanji_share,
    split_sentences,
)
from translation.plain_words import PLAIN_WORDS

# From a real municipal notice style (保育所入所案内), and its やさしい日本語 rewrite.
HARD = "保育所の入所申請は、所定の様式に必要事項を記入の上、窓口へ提出してください。"
EASY = "保育所に 入りたい 人は、もうしこみの かみに 書いて、しやくしょに 出して ください。"


def test_sentences_split_after_japanese_full_stops_and_line_breaks():
    assert split_sentences("ごみは朝に出してください。分かりましたか？\nはい") == [
        "ごみは朝に出してください。",
        "分かりましたか？",
        "はい",
    ]


def test_kanji_share_counts_letters_not_punctuation():
    assert kanji_share("日本語。") == 1.0
    assert kanji_share("ごみ、ごみ。") == 0.0
    assert abs(kanji_share("月曜日に出す") - 4 / 6) < 1e-9


def test_plain_rewrite_passes_the_check():
    assert check_easy_japanese(EASY) == []


def test_official_style_sentence_trips_kanji_share_and_names_the_sentence():
    findings = [f for f in check_easy_japanese(HARD) if f.rule == "kanji_share"]
    assert len(findings) == 1
    assert findings[0].sentence == HARD
    assert findings[0].sentence_index == 0
    assert "30%" in findings[0].message


def test_hard_words_are_named_with_a_plain_rewrite_where_known():
    findings = {f.word: f for f in check_easy_japanese(HARD) if f.rule == "hard_word"}
    assert {"申請", "記入", "提出", "所定", "様式"} <= set(findings)
    assert findings["申請"].suggestion == "申し込み(もうしこみ)"
    assert findings["提出"].suggestion == "出す(だす)"
    assert findings["様式"].suggestion == ""
    # 保育所 and 窓口 are on the plain list: residents meet them on every notice.
    assert "保育所" not in findings and "窓口" not in findings
    assert all(f.sentence == HARD for f in findings.values())


def test_long_sentence_is_reported_once_with_its_length():
    text = (
        "ごみは あさ 8じ までに だして ください。"
        + "この まちの ごみの 日は、かみに かいて あります、" * 3
        + "みて ください。"
    )
    findings = check_easy_japanese(text)
    long = [f for f in findings if f.rule == "sentence_length"]
    assert len(long) == 1
    assert long[0].sentence_index == 1
    assert long[0].sentence.startswith("この まちの")
    assert long[0].sentence.endswith("みて ください。")


def test_limits_are_parameters():
    assert [f.rule for f in check_easy_japanese("ごみを出す日。", max_sentence_chars=3)] == ["sentence_length"]
    assert check_easy_japanese("保育所の日曜日。", max_kanji_share=1.0) == []


def test_word_in_listed_reading_counts_as_plain_whatever_the_script():
    # ひなんじょ (kana) and 避難所 (kanji) are both listed; ヒナンジョ folds to the listed reading.
    assert "避難所" in PLAIN_WORDS
    assert [f for f in check_easy_japanese("ヒナンジョに にげて ください。") if f.rule == "hard_word"] == []


def test_proper_nouns_and_numbers_are_not_checked():
    assert [f for f in check_easy_japanese("高松市の 2025年 4月 1日。") if f.rule == "hard_word"] == []
