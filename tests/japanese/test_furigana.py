"""ふりがな: <ruby> readings on kanji, okurigana outside, everything escaped."""

from japanese.furigana import furigana, furigana_html, ruby_html, ruby_html_fragment, split_okurigana

# Fixed (surface, reading) pairs in the shape a Sudachi analyser returns.
PAIRS = [("燃やす", "モヤス"), ("ごみ", "ゴミ"), ("は", "ハ"), ("月曜日", "ゲツヨウビ"), ("。", "。")]


def test_okurigana_stays_outside_the_ruby():
    assert split_okurigana("燃やす", "もやす") == [("燃", "も"), ("やす", None)]
    assert split_okurigana("申し込み", "モウシコミ") == [("申", "もう"), ("し", None), ("込", "こ"), ("み", None)]


def test_reading_that_does_not_align_covers_the_whole_word():
    assert split_okurigana("今日", "きょう") == [("今日", "きょう")]
    assert split_okurigana("取り", "とる") == [("取り", "とる")]


def test_fixed_text_renders_ruby_on_kanji_only():
    assert ruby_html(PAIRS) == (
        "<ruby>燃<rp>(</rp><rt>も</rt><rp>)</rp></ruby>やすごみは"
        "<ruby>月曜日<rp>(</rp><rt>げつようび</rt><rp>)</rp></ruby>。"
    )


def test_user_text_is_escaped():
    html = ruby_html([("<script>", None), ("申請", "シンセイ"), ('"&', None)])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&quot;&amp;" in html
    assert "<rt>しんせい</rt>" in html


def test_text_without_kanji_skips_the_analyser():
    def analyser_must_not_run(text):
        raise AssertionError("analyser called for kana-only text")

    assert furigana_html("ごみ<b>", analyser_must_not_run) == "ごみ&lt;b&gt;"


def _fixed(text):
    return [(text, "もやす")] if text == "燃やす" else [(text, None)]


def test_fragment_keeps_tags_and_skips_existing_ruby_and_code():
    fragment = '<p class="x">燃やす</p><code>燃やす</code><ruby>燃やす<rt>もやす</rt></ruby>&amp;'
    assert ruby_html_fragment(fragment, _fixed) == (
        '<p class="x"><ruby>燃<rp>(</rp><rt>も</rt><rp>)</rp></ruby>やす</p>'
        "<code>燃やす</code><ruby>燃やす<rt>もやす</rt></ruby>&amp;"
    )


def test_common_municipal_words_read_correctly_with_the_search_dictionary():
    html = furigana_html("燃やすごみ。保育所に申請する。避難所", furigana)
    assert "<ruby>燃<rp>(</rp><rt>も</rt><rp>)</rp></ruby>やす" in html

    assert "<rt>しんせい</rt>" in html
    assert "<ruby>避難所<rp>(</rp><rt>ひなんじょ</rt><rp>)</rp></ruby>" in html
    assert "<ruby>保育所<rp>(</rp><rt>ほいくしょ</rt><rp>)</rp></ruby>" in html


def test_furigana_covers_kanji_only_and_keeps_the_text():
    text = "燃やすごみは月曜日、図書館で申し込み。ＰＥＴ"
    segments = furigana(text)
    assert "".join(surface for surface, _ in segments) == text
    assert ("燃", "も") in segments
    assert ("月曜日", "げつようび") in segments
    assert ("図書館", "としょかん") in segments
    assert ("申", "もう") in segments and ("込", "こ") in segments
    assert all(reading == "" for surface, reading in segments if surface.startswith("やす"))


def test_furigana_of_kana_and_empty_text():
    assert furigana("ごみ") == [("ごみ", "")]
    assert furigana("") == []
