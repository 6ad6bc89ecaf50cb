"""Decoding municipal CSV files: UTF-8, UTF-8 with BOM, CP932 and EUC-JP, told apart."""

from pathlib import Path

import pytest

from opendata.reading import RowError, decode_bytes, read_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# A row of takamatsu_0035_libraries.csv (the 中央図書館), encoded here in each encoding.
LIBRARY_ROW = "1,高松市中央図書館,たかまつしちゅうおうとしょかん,香川県高松市昭和町一丁目2番20号,087-861-4501\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "euc_jp"])
def test_each_encoding_decodes_to_the_same_text(encoding):
    assert decode_bytes(LIBRARY_ROW.encode(encoding)) == LIBRARY_ROW


def test_euc_jp_kana_is_not_read_as_half_width_katakana():
    # あいうえお in EUC-JP is valid CP932 too (｢､､､ｦ…): the Japanese reading must win.
    data = "名称,ふりがな\nあいうえお,カタカナ\n".encode("euc_jp")
    assert data.decode("cp932")  # the trap: CP932 decodes it without an error
    assert decode_bytes(data) == "名称,ふりがな\nあいうえお,カタカナ\n"


def test_cp932_with_half_width_katakana_stays_cp932():
    text = "名称,カナ\n中央図書館,ﾁｭｳｵｳﾄｼｮｶﾝ\n"
    assert decode_bytes(text.encode("cp932")) == text


def test_a_real_cp932_file_still_decodes():
    text = read_text(FIXTURES / "facilities" / "layout2021_aed_takamatsu_cp932.csv")
    assert "名称" in text.splitlines()[0]


def test_a_row_error_names_file_row_column_and_value():
    error = RowError("uploads/0035.csv", 3, "緯度", "abc", "not a number")
    assert str(error) == "0035.csv, 3 行目, 列「緯度」, 値 'abc': not a number"


def test_duplicate_ids_name_both_rows_and_ignore_empty_ids():
    from django.utils import translation

    from opendata.reading import duplicate_ids

    with translation.override("ja"):
        errors = duplicate_ids([(2, "123"), (3, ""), (4, ""), (12, "9"), (40, "123")], "f.csv")
    assert [(error.row, error.column, error.value) for error in errors] == [(40, "ID", "123")]
    assert errors[0].message == "行 2 と 行 40 の ID が同じです: 123"
