"""The text analysis shared by indexing and querying (pure: no database)."""

import threading

import pytest

from japanese.analysis import (
    analyse_for_autocomplete,
    analyse_for_index,
    analyse_query,
    autocomplete_terms,
    reading_key,
    synonym_map,
    words,
)
from japanese.text import normalise


def tokens(text):
    return analyse_for_index(text).split()


def contains_phrase(haystack, needle):
    n = len(needle)
    return any(tuple(haystack[i : i + n]) == tuple(needle) for i in range(len(haystack) - n + 1))


def matches(query, text, synonyms=None):
    """Evaluate an analysed query on one text the way the backends do (AND of terms,
    OR of alternatives, phrases of words or bigrams, or the whole kana token)."""
    indexed = tokens(text)
    analysed = analyse_query(query, synonyms)
    if analysed.is_empty:
        return False
    for term in analysed.terms:
        found = False
        for alt in term.alternatives:
            if alt.groups and all(contains_phrase(indexed, g) for g in alt.groups):
                found = True
            if alt.bigram_phrases and all(contains_phrase(indexed, p) for p in alt.bigram_phrases):
                found = True
            if alt.kana_token and alt.kana_token in indexed:
                found = True
        if not found:
            return False
    return True


@pytest.mark.parametrize("variant", ["ペットボトル", "ぺっとぼとる", "ﾍﾟｯﾄﾎﾞﾄﾙ", "ペットボトル"])
def test_normalise_folds_width_and_katakana(variant):
    assert normalise(variant) == "ぺっとぼとる"


def test_normalise_collapses_space_and_case():
    assert normalise("  Ｇａｒｂａｇｅ\u3000Day ") == "garbage day"
    assert normalise("") == ""


@pytest.mark.parametrize("variant", ["ペットボトル", "ぺっとぼとる", "ﾍﾟｯﾄﾎﾞﾄﾙ", "PETボトル", "ＰＥＴボトル"])
def test_reading_key_equates_every_spelling_of_pet_bottle(variant):
    assert reading_key(variant) == "ぺっとぼとる"


def test_reading_key_reads_kanji():
    assert reading_key("電池") == reading_key("でんち") == reading_key("デンチ") == "でんち"
    assert reading_key("乾電池") != reading_key("電池")


def test_burnable_and_non_burnable_garbage_are_told_apart():
    assert matches("燃やすごみ", "燃やすごみは毎週月曜日に出してください。")
    assert not matches("燃やさないごみ", "燃やすごみは毎週月曜日に出してください。")
    assert matches("燃やさないごみ", "燃やさないごみは第2水曜日に収集します。")
    assert not matches("燃やすごみ", "燃やさないごみは第2水曜日に収集します。")


def test_hiragana_query_finds_katakana_word():
    assert matches("ぺっとぼとる", "ペットボトルはキャップを外して資源ごみへ。")


def test_half_width_query_finds_full_width_text():
    assert matches("PETボトル", "ＰＥＴボトル回収ボックスを設置しています。")
    assert matches("ﾍﾟｯﾄﾎﾞﾄﾙ", "ペットボトルの出し方")


def test_short_words_are_found():
    assert matches("空き", "0歳児クラスに空きがあります。")
    assert matches("税", "住民税の納付")
    assert matches("０歳児", "0歳児クラスに空きがあります。")


def test_suffix_must_be_next_to_its_word():
    assert matches("避難所", "最寄りの避難所を確認してください。")
    assert not matches("避難所", "避難経路は市役所の窓口で配布しています。")


def test_space_separated_terms_are_all_required():
    assert matches("図書館 休館日", "図書館の休館日は月曜日です。")
    assert not matches("図書館 休館日", "図書館のおはなし会は土曜日です。")


def test_reading_finds_kanji():
    assert matches("としょかん", "中央図書館")


def test_english_is_stemmed():
    assert matches("shelter", "Evacuation shelters are listed on the map.")
    assert matches("Libraries", "The library opens at nine.")


def test_acronyms_are_not_stemmed_into_other_words():
    """The stemmer cuts AED to "a": every English text would match it, and PostgreSQL drops it."""
    assert analyse_for_index("AED") == "aed"
    assert matches("AED", "AED（自動体外式除細動器）")
    assert not matches("AED", "A map of the area.")


def test_synonyms_are_alternatives():
    synonyms = synonym_map([["保育園", "保育所", "保育施設"]])
    assert not matches("保育園", "保育所の入所申込み")
    assert matches("保育園", "保育所の入所申込み", synonyms)
    assert analyse_query("保育園", synonyms).synonyms_tried == ("保育所", "保育施設")
    assert synonym_map([["ごみ", "ゴミ", "塵"]])["ごみ"] == ["塵"]


def test_the_reading_of_a_synonym_brings_its_group():
    """もえるごみ typed in kana finds what 燃えるごみ's group finds (可燃ごみ on the page)."""
    synonyms = synonym_map([["燃えるごみ", "可燃ごみ"]])
    assert analyse_query("もえるごみ", synonyms).synonyms_tried == ("燃えるごみ", "可燃ごみ")
    assert not matches("もえるごみ", "可燃ごみは火曜日です。")
    assert matches("もえるごみ", "可燃ごみは火曜日です。", synonyms)
    assert not matches("もやさないごみ", "可燃ごみは火曜日です。", synonyms)


@pytest.mark.parametrize("query", ['"', "*", "NEAR(a b)", "a OR b", "😀", "\x00\x1f", "\ud800", "a" * 10_000, "  "])
def test_odd_queries_yield_only_word_tokens(query):
    analysed = analyse_query(query)
    for term in analysed.terms:
        for alt in term.alternatives:
            for token in [t for g in alt.groups for t in g] + [alt.kana_token]:
                assert token == "" or token.isalnum()


def test_long_text_is_indexed_whole():
    text = "図書館の休館日は月曜日です。" * 2000  # 28,000 characters: above Sudachi's input limit
    assert [w.token for w in words(text)].count("休館") == 2000


def test_autocomplete_indexes_compounds_and_readings():
    indexed = analyse_for_autocomplete("図書館の休館日").split()
    assert "図書館" in indexed and "としょかん" in indexed
    assert autocomplete_terms("トショ") == ["としょ"]
    assert any(token.startswith(autocomplete_terms("としょ")[0]) for token in indexed)


def test_words_skip_punctuation_and_keep_parts_of_speech():
    analysed = words("避難所（小学校）。")
    assert [w.token for w in analysed] == ["避難", "所", "小", "学校"]
    assert analysed[1].pos == "接尾辞"


def test_threads_share_the_dictionary_safely():
    results = []

    def work():
        results.append(analyse_for_index("燃やすごみの出し方"))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 1 and len(results) == 4
