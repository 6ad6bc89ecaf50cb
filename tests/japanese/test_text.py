"""Normalisation without a dictionary: width, kana, iteration marks, 旧字体."""

import pytest

from japanese.text import compact, expand_iteration_marks, fold_kana, narrow, normalise, to_shinjitai


def test_narrow_folds_width_and_trims_but_keeps_case_and_inner_spaces():
    assert narrow("　１，５００円 ") == "1,500円"
    assert narrow("ﾍﾟｯﾄ ﾎﾞﾄﾙ") == "ペット ボトル"
    assert narrow("ＰＥＴ") == "PET"
    assert narrow(None) == ""


def test_compact_drops_every_space():
    assert compact(" １ ５００\u3000円\n") == "1500円"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("いすゞ", "いすず"),
        ("こゝろ", "こころ"),
        ("バヽ", "ババ"),
        ("ハヾ", "ハバ"),
        ("佐々木", "佐佐木"),
        ("ゝで始まる", "ゝで始まる"),
    ],
)
def test_iteration_marks_are_spelt_out(text, expected):
    assert expand_iteration_marks(text) == expected


def test_old_character_forms_become_new_ones():
    assert to_shinjitai("髙松市中央圖書舘") == "高松市中央図書館"
    assert to_shinjitai("渡邊・齋藤・山﨑") == "渡辺・斎藤・山崎"


def test_normalise_matches_the_spelling_variants_of_one_word():
    assert normalise("ペットボトル") == normalise("ぺっとぼとる") == normalise("ﾍﾟｯﾄﾎﾞﾄﾙ") == "ぺっとぼとる"
    assert normalise("髙松  図書舘") == normalise("高松 図書館")
    assert normalise("いすゞ") == normalise("イスズ") == "いすず"
    assert normalise("佐々木") == normalise("佐佐木")
    assert normalise("") == ""


def test_fold_kana_leaves_everything_but_katakana():
    assert fold_kana("ゴミ袋ABC") == "ごみ袋ABC"
