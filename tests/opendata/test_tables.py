"""Table readers on the real files: Takamatsu's '#property' CSVs (facilities, events, garbage), CSV and XLSX."""

from pathlib import Path

from openpyxl import Workbook

from opendata.reading import read_text
from opendata.tables import is_property_table, read_property_table, read_table

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def test_libraries_0035_rows_are_numbered_as_in_the_file():
    table = read_property_table(read_text(FIXTURES / "facilities" / "takamatsu_0035_libraries.csv"))
    assert table.properties[:3] == ["name", "address", "telephoneNumber"]
    number, record = table.records()[0]
    assert number == 10  # 9 '#' metadata rows first
    assert record["name"] == "高松市中央図書館"
    assert record["location"] == "34.34397,134.03447778"
    assert table.rows[0][1][0] == "1"  # the running number stays first in the cells


def test_events_0081_sample_has_its_14_records():
    text = read_text(FIXTURES / "events" / "takamatsu_0081_sample.csv")
    assert is_property_table(text)
    table = read_property_table(text)
    assert [cells[0] for _, cells in table.rows] == [
        "1", "2", "3", "5", "6", "36", "100", "223", "307", "420", "421", "468", "469", "875"
    ]  # fmt: skip


def test_garbage_0090_areas_and_blank_rows_left_out():
    table = read_property_table(read_text(ROOT / "data" / "opendata" / "takamatsu-opendata" / "0090.csv"))
    assert table.properties == [
        "name", "burnableGarbage", "crushableGarbage", "cansGlassPlastic", "paperAndCloth", "plasticContainers"
    ]  # fmt: skip
    assert table.records()[0][1]["burnableGarbage"] == "毎週火・金曜日"
    assert all(any(cells[1:]) for _, cells in table.rows)


def test_a_standard_csv_is_not_a_property_table():
    text = read_text(FIXTURES / "facilities" / "kawaguchi_112038_preschool.csv")
    assert not is_property_table(text)
    assert read_property_table(text).properties == []


def test_xlsx_and_euc_jp_csv_read_to_the_same_rows(tmp_path):
    rows = [["施設番号", "施設名", "0歳"], ["1001", "みなと保育園", "3"]]
    workbook = Workbook()
    for row in rows:
        workbook.active.append([int(cell) if cell.isdigit() else cell for cell in row])
    workbook.save(tmp_path / "vacancies.xlsx")
    (tmp_path / "vacancies.csv").write_bytes("\n".join(",".join(row) for row in rows).encode("euc_jp"))
    assert read_table(tmp_path / "vacancies.xlsx") == rows
    assert read_table(tmp_path / "vacancies.csv") == rows
