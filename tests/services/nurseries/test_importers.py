"""Reading vacancy files: both layouts, CSV and XLSX, cell semantics and strict errors.

Runs on real files: tests/fixtures/nurseries (trimmed Yokohama 2024-08-01 data, see its
README) and the full snapshot shipped in data/opendata/nursery-vacancy-yokohama.
"""

import csv
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from opendata.tables import read_table
from services.nurseries.importers import (
    FEW,
    NO_CLASS,
    AgeVacancy,
    Availability,
    age_of_header,
    parse_vacancies,
    read_places,
)

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "nurseries"
YOKOHAMA = FIXTURES / "yokohama_202408_kanou_sample.csv"
SIMPLE = FIXTURES / "simple_202408.csv"
FULL_SNAPSHOT = ROOT / "data" / "opendata" / "nursery-vacancy-yokohama" / "202408-kanou.csv"
TODAY = date(2024, 8, 5)
AS_OF = date(2024, 8, 1)


def places(n):
    return AgeVacancy(Availability.PLACES, n)


def write_rows(path, rows, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)
    return path


def edited(tmp_path, source, row, column, value, name=None):
    """A copy of a real fixture with one cell changed (row and column 1-based)."""
    rows = read_table(source)
    rows[row - 1][column - 1] = value
    return write_rows(tmp_path / (name or source.name), rows)


# --- cells ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", places(3)),
        ("３", places(3)),
        ("12人", places(12)),
        ("0", places(0)),
        ("×", places(0)),
        ("✕", places(0)),
        ("満", places(0)),
        ("", places(0)),
        (" ", places(0)),
        ("-", NO_CLASS),
        ("－", NO_CLASS),
        ("―", NO_CLASS),
        ("ー", NO_CLASS),
        ("対象外", NO_CLASS),
        ("若干", FEW),
        ("若干名", FEW),
        ("○", FEW),
        ("△", FEW),
    ],
)
def test_read_places_reads_each_way_cities_write_a_cell(text, expected):
    assert read_places(text) == expected


def test_zero_places_and_no_class_stay_different():
    zero, none = read_places("0"), read_places("－")
    assert zero != none
    assert zero.has_class and not zero.has_vacancy
    assert not none.has_class and not none.has_vacancy
    assert read_places("若干").has_vacancy and read_places("若干").places is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-1", "負の数"),
        ("－２", "負の数"),
        ("1.5", "整数"),
        ("abc", "空き人数として読めません"),
        ("多数", "空き人数として読めません"),
    ],
)
def test_read_places_refuses_what_is_not_a_count(text, reason):
    with pytest.raises(ValueError, match=reason):
        read_places(text)


@pytest.mark.parametrize(
    ("header", "age"),
    [("０歳児", 0), ("1歳", 1), ("２歳児クラス", 2), ("age_3", 3), ("AGE4", 4), ("施設名", None), ("合計", None)],
)
def test_age_of_header(header, age):
    assert age_of_header(header) == age


# --- the Yokohama per-age layout -----------------------------------------------------------


def test_yokohama_layout_reads_title_date_ages_and_classes():
    sheet = parse_vacancies(YOKOHAMA, today=TODAY)

    assert sheet.errors == []
    assert sheet.layout == "yokohama"
    assert sheet.as_of == AS_OF  # from 【令和６年８月１日時点】
    assert len(sheet.rows) == 24
    first = sheet.rows[0]
    assert (first.row, first.number, first.name, first.ward) == (3, "1410051018778", "横浜市馬場保育園", "鶴見区")
    assert first.by_age == {0: NO_CLASS, 1: places(1), 2: places(0), 3: places(0), 4: places(0), 5: places(3)}
    assert first.total == 4


def test_yokohama_empty_cell_is_zero_places_in_a_class_that_exists():
    sheet = parse_vacancies(YOKOHAMA, today=TODAY)
    row = next(r for r in sheet.rows if r.name == "三色えのぐの保育園")

    assert row.by_age[1] == places(0) and row.by_age[1].has_class
    assert row.by_age[3] == NO_CLASS
    assert row.total == 8


def test_yokohama_total_that_is_not_the_sum_is_a_warning_not_an_error():
    sheet = parse_vacancies(YOKOHAMA, today=TODAY)

    assert sheet.errors == []
    assert len(sheet.warnings) == 1
    assert "row 19" in sheet.warnings[0] and "ミアヘルサ保育園ひびき羽沢横浜国大" in sheet.warnings[0]
    assert "合計 54" in sheet.warnings[0] and "(49)" in sheet.warnings[0]


def test_full_yokohama_snapshot_reads_all_1221_nurseries():
    sheet = parse_vacancies(FULL_SNAPSHOT, as_of=AS_OF, today=TODAY)

    assert sheet.errors == []
    assert len(sheet.rows) == 1221
    assert len({row.number for row in sheet.rows}) == 1221
    no_class_cells = sum(1 for row in sheet.rows for cell in row.by_age.values() if cell == NO_CLASS)
    assert no_class_cells == 1146  # every "-" in the file
    age1_open = [row for row in sheet.rows if row.by_age[1].has_vacancy]
    assert 0 < len(age1_open) < 1221


def test_yokohama_enrolment_file_is_refused():
    sheet = parse_vacancies(FIXTURES / "yokohama_202408_jidou_sample.csv", today=TODAY)

    assert len(sheet.errors) == 1
    error = sheet.errors[0]
    assert error.row == 1 and "入所児童数" in error.value
    assert "受入可能数ではなく" in error.message


def test_yokohama_layout_in_shift_jis(tmp_path):
    path = write_rows(tmp_path / "kanou_sjis.csv", read_table(YOKOHAMA), encoding="cp932")
    sheet = parse_vacancies(path, today=TODAY)

    assert sheet.errors == []
    assert [row.name for row in sheet.rows] == [row.name for row in parse_vacancies(YOKOHAMA, today=TODAY).rows]


def test_yokohama_layout_as_xlsx_with_numeric_cells(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    for cells in read_table(YOKOHAMA):
        sheet.append([int(c) if c.isdigit() and len(c) < 6 else c for c in cells])
    path = tmp_path / "kanou.xlsx"
    workbook.save(path)

    from_xlsx = parse_vacancies(path, today=TODAY)
    from_csv = parse_vacancies(YOKOHAMA, today=TODAY)
    assert from_xlsx.errors == []
    assert from_xlsx.as_of == AS_OF
    assert [(r.row, r.number, r.by_age) for r in from_xlsx.rows] == [(r.row, r.number, r.by_age) for r in from_csv.rows]


# --- the simple layout ---------------------------------------------------------------------


def test_simple_layout_reads_ids_names_dates_and_ages():
    sheet = parse_vacancies(SIMPLE, as_of=AS_OF, today=TODAY)

    assert sheet.errors == []
    assert sheet.layout == "simple"
    assert len(sheet.rows) == 9
    by_name = {row.name: row for row in sheet.rows if row.name != "めぐみ保育園"}
    assert by_name["幸いづみ保育園"].number == ""
    assert by_name["横浜市馬場保育園"].by_age[0] == NO_CLASS
    assert by_name["すぎやま家庭保育室"].by_age[1] == places(0)
    assert by_name["ミアヘルサ保育園ひびき羽沢横浜国大"].by_age[1] == places(12)


def test_simple_layout_takes_its_date_from_the_as_of_column():
    sheet = parse_vacancies(SIMPLE, today=TODAY)

    assert sheet.errors == []
    assert sheet.as_of == AS_OF


def test_simple_layout_as_xlsx(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    for i, cells in enumerate(read_table(SIMPLE)):
        if i:
            cells[2] = date(2024, 8, 1)  # Excel stores the as-of column as a date
            cells[3:9] = [int(c) if c.isdigit() else c for c in cells[3:9]]
        sheet.append(cells)
    path = tmp_path / "simple.xlsx"
    workbook.save(path)

    parsed = parse_vacancies(path, as_of=AS_OF, today=TODAY)
    assert parsed.errors == []
    assert [r.by_age for r in parsed.rows] == [r.by_age for r in parse_vacancies(SIMPLE, as_of=AS_OF, today=TODAY).rows]


def test_simple_layout_with_the_cities_symbols(tmp_path):
    path = write_rows(
        tmp_path / "symbols.csv",
        [
            ["施設名", "0歳児", "1歳児", "2歳児", "3歳児", "4歳児", "5歳児"],
            ["横浜市鶴見保育園", "×", "若干", "0", "－", "", "3"],
        ],
    )
    row = parse_vacancies(path, as_of=AS_OF, today=TODAY).rows[0]

    assert row.by_age == {0: places(0), 1: FEW, 2: places(0), 3: NO_CLASS, 4: places(0), 5: places(3)}
    assert row.has_vacancy


# --- strict errors: file, row, column, value -----------------------------------------------


def only_error(sheet):
    assert len(sheet.errors) == 1, sheet.errors
    return sheet.errors[0]


def test_negative_count_names_file_row_column_value(tmp_path):
    path = edited(tmp_path, YOKOHAMA, 5, 6, "-2")  # 横浜市芦穂崎保育園, １歳児
    error = only_error(parse_vacancies(path, today=TODAY))

    assert (error.file, error.row, error.column, error.value) == ("yokohama_202408_kanou_sample.csv", 5, "１歳児", "-2")
    assert "負の数" in error.message
    assert str(error) == "yokohama_202408_kanou_sample.csv, 5 行目, 列「１歳児」, 値 '-2': 空き人数は負の数にできません"


def test_non_number_names_file_row_column_value(tmp_path):
    path = edited(tmp_path, SIMPLE, 4, 6, "多い")
    error = only_error(parse_vacancies(path, as_of=AS_OF, today=TODAY))

    assert (error.row, error.column, error.value) == (4, "2歳", "多い")


def test_a_bad_row_keeps_every_other_row_for_skip_invalid(tmp_path):
    path = edited(tmp_path, SIMPLE, 4, 6, "多い")
    sheet = parse_vacancies(path, as_of=AS_OF, today=TODAY)

    assert len(sheet.rows) == 8
    assert 4 not in [row.row for row in sheet.rows]


def test_unknown_age_column_stops_the_file(tmp_path):
    path = edited(tmp_path, YOKOHAMA, 2, 10, "６歳児")
    sheet = parse_vacancies(path, today=TODAY)

    assert sheet.rows == []
    assert any(
        (e.row, e.column, e.value) == (2, "６歳児", "６歳児") and "年齢の列が読めません" in e.message
        for e in sheet.errors
    )


def test_missing_age_column_stops_the_file(tmp_path):
    rows = [cells[:8] + cells[9:] for cells in read_table(SIMPLE)]  # drop 5歳
    sheet = parse_vacancies(write_rows(tmp_path / "no5.csv", rows), as_of=AS_OF, today=TODAY)

    assert sheet.rows == []
    assert [e.column for e in sheet.errors] == ["5歳"]


def test_date_beyond_next_month_is_refused(tmp_path):
    sheet = parse_vacancies(YOKOHAMA, today=date(2024, 6, 10))

    error = only_error(sheet)
    assert error.value == "2024-08-01" and "2024-07-31" in error.message


def test_row_date_beyond_next_month_is_refused(tmp_path):
    path = edited(tmp_path, SIMPLE, 3, 3, "2024-10-01")
    sheet = parse_vacancies(path, today=TODAY)

    assert any((e.row, e.column, e.value) == (3, "基準日", "2024-10-01") for e in sheet.errors)


def test_title_date_must_agree_with_the_given_as_of():
    error = only_error(parse_vacancies(YOKOHAMA, as_of=date(2024, 9, 1), today=date(2024, 9, 2)))

    assert error.row == 1 and "2024-08-01" in error.message and "2024-09-01" in error.message


def test_row_date_must_agree_with_the_given_as_of(tmp_path):
    path = edited(tmp_path, SIMPLE, 6, 3, "2024-07-01")
    error = only_error(parse_vacancies(path, as_of=AS_OF, today=TODAY))

    assert (error.row, error.column, error.value) == (6, "基準日", "2024-07-01")


def test_rows_of_different_dates_without_as_of_are_refused(tmp_path):
    path = edited(tmp_path, SIMPLE, 6, 3, "2024-07-01")
    sheet = parse_vacancies(path, today=TODAY)

    assert any(e.column == "基準日" and "one notice has one date" in e.message for e in sheet.errors)


def test_no_date_anywhere_is_refused(tmp_path):
    rows = [cells[:2] + cells[3:] for cells in read_table(SIMPLE)]  # drop 基準日
    sheet = parse_vacancies(write_rows(tmp_path / "undated.csv", rows), today=TODAY)

    assert "基準日がありません" in only_error(sheet).message


def test_duplicate_facility_number_is_refused(tmp_path):
    from django.utils import translation

    path = edited(tmp_path, YOKOHAMA, 4, 4, "1410051018778")
    with translation.override("ja"):
        error = only_error(parse_vacancies(path, today=TODAY))

    assert (error.row, error.column, error.value) == (4, "施設番号", "1410051018778")
    assert error.message == "行 3 と 行 4 の ID が同じです: 1410051018778"  # both rows, as every import says it


def test_file_without_a_header_is_refused(tmp_path):
    path = write_rows(tmp_path / "notes.csv", [["保育所の空き状況"], ["お問い合わせは保育課へ"]])
    error = only_error(parse_vacancies(path, as_of=AS_OF, today=TODAY))

    assert error.row is None and "header" in error.message


def test_value_under_the_trailing_empty_column_is_refused(tmp_path):
    path = edited(tmp_path, YOKOHAMA, 7, 13, "7")
    error = only_error(parse_vacancies(path, today=TODAY))

    assert (error.row, error.column, error.value) == (7, "column 13", "7")
