"""5374 and Takamatsu files: parsing, strict errors, the upstream app's dates, round trips."""

from datetime import date
from pathlib import Path

import pytest

from services.garbage.importers import (
    CellError,
    NotRepresentable,
    format_cell,
    parse_cell,
    read_5374_dir,
    read_5374_texts,
    read_takamatsu,
    write_5374_texts,
)
from services.garbage.rules import (
    Exceptions,
    RuleKind,
    Shutdown,
    collection_dates,
    last_day_of_month,
    months_between,
    nth_weekday,
    weekly,
)
from tests.services.garbage.upstream_5374 import trash_model_dates

ROOT = Path(__file__).resolve().parents[3]
OPENDATA = ROOT / "data" / "opendata"
FIXTURES = ROOT / "tests" / "fixtures" / "garbage"
DATASETS = {
    "kanazawa": (date(2022, 4, 1), date(2023, 3, 31)),
    "meguro": (date(2015, 4, 1), date(2016, 3, 31)),
    "hakodate": (date(2019, 4, 1), date(2020, 3, 31)),
    "ikoma": (date(2025, 4, 1), date(2026, 3, 31)),
}


def test_cell_tokens():
    schedule = parse_cell("火1 火3 火5")
    assert [(rule.kind, rule.weekday, rule.nth) for rule in schedule.rules] == [
        (RuleKind.NTH, 1, 1),
        (RuleKind.NTH, 1, 3),
        (RuleKind.NTH, 1, 5),
    ]
    assert parse_cell("").rules == ()
    assert parse_cell("火2 金4:4 6 8 10 12 2").rules[0].months == frozenset({2, 4, 6, 8, 10, 12})
    assert parse_cell("隔水20250108").rules[0].anchor == date(2025, 1, 8)
    assert parse_cell("月 木 *1").remark_ids == ("1",)


def test_hakodate_dates_after_the_month_list_are_read_as_extra_dates():
    schedule = parse_cell("火 金:4 5 6 7 8 9 10 11 2 3 20191203 20191206")
    kinds = [rule.kind for rule in schedule.rules]
    assert kinds == [RuleKind.WEEKLY, RuleKind.WEEKLY, RuleKind.DATES]
    december = collection_dates(schedule.rules, date(2019, 12, 1), date(2019, 12, 31))
    assert december == [date(2019, 12, 3), date(2019, 12, 6)]


@pytest.mark.parametrize(
    ("cell", "bad"),
    [
        ("月 X", "X"),
        ("水6", "水6"),
        ("20191340", "20191340"),
        ("2020024", "2020024"),
        ("火:13", "13"),
        ("月 20250101", "月 20250101"),
        ("隔水20250107", "隔水20250107"),
    ],
)
def test_bad_cells_name_the_bad_token(cell, bad):
    with pytest.raises(CellError) as raised:
        parse_cell(cell)
    assert raised.value.value == bad


def test_format_cell_round_trips_and_refuses_validity_ranges():
    for cell in ["月 木", "火1 火3 火5", "火2 金4:4 6 8 10 12 2", "20250401 20250415", "隔水20250108", "火 *1"]:
        schedule = parse_cell(cell)
        assert parse_cell(format_cell(schedule.rules, schedule.remark_ids)) == schedule
    with pytest.raises(NotRepresentable):
        format_cell([weekly(0, valid_from=date(2025, 4, 1))])
    with pytest.raises(NotRepresentable):
        format_cell([weekly(0), nth_weekday(1, 2, months=frozenset({4}))])


def test_kanazawa_trimmed_reads_every_file():
    dataset, errors = read_5374_dir(FIXTURES / "kanazawa-trimmed")
    assert errors == []
    assert [a.name for a in dataset.areas] == ["浅野川", "浅野町", "朝日", "粟崎", "医王山"]
    assert dataset.areas[0].centre == "東部管理センター"
    assert {c.label for c in dataset.categories} == {"燃やすごみ", "燃やさないごみ", "資源", "あきびん"}
    assert dataset.centres[0].start == date(2022, 12, 30)
    assert dataset.targets[0].name == "IHクッキングヒーター(金属)"
    assert dataset.areas[0].cells["資源"] == parse_cell("火1 火3 火5")


def test_hakodate_malformed_date_is_reported_with_file_row_column_value():
    dataset, errors = read_5374_dir(FIXTURES / "hakodate-malformed")
    assert len(errors) == 1
    error = errors[0]
    assert (error.file, error.row, error.column, error.value) == (
        "area_days.csv",
        3,
        "缶・びん・ペットボトル",
        "2020024",
    )
    assert "area_days.csv, 3 行目, 列「缶・びん・ペットボトル」, 値 '2020024'" in str(error)
    assert [a.name for a in dataset.areas] == ["カレンダー(1)"]


def test_category_column_without_description_is_an_error():
    texts = {
        "area_days.csv": "地名,センター,燃やすごみ,謎のごみ\n本町,,月 木,水2\n",
        "description.csv": "label,sublabel,description,styles,bgcolor\n燃やすごみ,,,,#ea3b13\n",
    }
    _dataset, errors = read_5374_texts(texts)
    assert [(e.file, e.row, e.column, e.value) for e in errors] == [("area_days.csv", 1, "謎のごみ", "謎のごみ")]


def test_a_label_area_centre_or_remark_on_two_rows_is_an_error_naming_both_rows():
    from django.utils import translation

    texts = {
        "description.csv": "label,sublabel,description,styles,bgcolor\n燃やすごみ,,,,\n資源,,,,\n燃やすごみ,,,,\n",
        "center.csv": "名称,休止開始日,休止終了日\n東部,2022/12/30,2023/01/03\n東部,2022/12/31,2023/01/02\n",
        "remarks.csv": "ID,注意事項\n1,年末は休み\n1,祝日も収集\n",
        "area_days.csv": "地名,センター,燃やすごみ\n本町,東部,月 木 *1\n元町,東部,火\n本町,東部,水\n",
    }
    with translation.override("ja"):
        dataset, errors = read_5374_texts(texts)
    assert [(e.file, e.row, e.column, e.value, e.message) for e in errors] == [
        ("description.csv", 4, "label", "燃やすごみ", "行 2 と 行 4 の ID が同じです: 燃やすごみ"),
        ("center.csv", 3, "名称", "東部", "行 2 と 行 3 の ID が同じです: 東部"),
        ("remarks.csv", 3, "ID", "1", "行 2 と 行 3 の ID が同じです: 1"),
        ("area_days.csv", 4, "地名", "本町", "行 2 と 行 4 の ID が同じです: 本町"),
    ]
    assert dataset.remarks == {"1": "年末は休み"}  # the first row's, not silently the last


def test_takamatsu_area_on_two_rows_is_an_error_naming_both_rows():
    from django.utils import translation

    collection = (OPENDATA / "takamatsu-opendata" / "0090.csv").read_bytes().decode("utf-8-sig")
    lines = collection.splitlines()
    first = next(number for number, line in enumerate(lines, start=1) if line and not line.startswith("#"))
    doubled = "\n".join([*lines, lines[first - 1]]) + "\n"
    with translation.override("ja"):
        _dataset, errors = read_takamatsu(doubled)
    name = lines[first - 1].split(",")[1]
    assert [(e.file, e.row, e.column, e.value) for e in errors] == [("0090.csv", len(lines) + 1, "name", name)]
    assert errors[0].message == f"行 {first} と 行 {len(lines) + 1} の ID が同じです: {name}"


def test_crlf_bom_and_blank_lines_are_read_like_plain_lf():
    plain = {
        "area_days.csv": "地名,センター,燃やすごみ\n本町,,月 木\n",
        "description.csv": "label,sublabel,description,styles,bgcolor\n燃やすごみ,,,,#ea3b13\n",
    }
    crlf = {name: "\ufeff" + text.replace("\n", "\r\n") + "\r\n" for name, text in plain.items()}
    from opendata.reading import decode_bytes

    crlf = {name: decode_bytes(text.encode("utf-8")) for name, text in crlf.items()}
    assert read_5374_texts(plain) == read_5374_texts(crlf)


def _upstream_equals_portal(name, week_shift):
    dataset, errors = read_5374_dir(OPENDATA / f"5374-{name}")
    bad_rows = {e.row for e in errors}
    start, end = DATASETS[name]
    window = list(months_between(start, end))
    centres = {c.name: (c.start, c.end) for c in dataset.centres}
    raw = (OPENDATA / f"5374-{name}" / "area_days.csv").read_text(encoding="utf-8-sig").splitlines()
    header = raw[0].split(",")
    compared = 0
    for line in raw[1:]:
        row = line.split(",")
        area = next((a for a in dataset.areas if a.name == row[0]), None)
        if area is None:
            continue
        centre = centres.get(row[1])
        exceptions = Exceptions(shutdowns=(Shutdown(*centre),) if centre else (), week_shift=week_shift)
        for label, cell in zip(header[2:], row[2:], strict=True):
            for year, month in window:
                expected = trash_model_dates(cell, [(year, month)], centre, week_shift)
                got = collection_dates(
                    area.cells[label].rules, date(year, month, 1), last_day_of_month(year, month), exceptions
                )
                expected_in_month = sorted({d for d in expected if (d.year, d.month) == (year, month)})
                assert got == expected_in_month, (name, area.name, label, year, month)
                compared += 1
    return compared, bad_rows


@pytest.mark.parametrize("name", list(DATASETS))
def test_dates_equal_the_5374_app_for_every_area_and_category(name):
    compared, bad_rows = _upstream_equals_portal(name, week_shift=False)
    assert compared > 12 * 10
    assert bad_rows == ({15} if name == "hakodate" else set())  # カレンダー(14)'s 2020024


def test_kanazawa_with_week_shift_equals_the_5374_app():
    compared, _ = _upstream_equals_portal("kanazawa", week_shift=True)
    assert compared == 71 * 4 * 12


@pytest.mark.parametrize("name", list(DATASETS))
def test_export_after_import_gives_the_same_calendars_and_dictionary(name):
    original, _ = read_5374_dir(OPENDATA / f"5374-{name}")
    again, errors = read_5374_texts(write_5374_texts(original))
    assert errors == []
    assert again == original
    assert write_5374_texts(again) == write_5374_texts(original)


def test_takamatsu_0090_and_0074():
    collection = (OPENDATA / "takamatsu-opendata" / "0090.csv").read_bytes().decode("utf-8-sig")
    sorting = (OPENDATA / "takamatsu-opendata" / "0074.csv").read_bytes().decode("utf-8-sig")
    dataset, errors = read_takamatsu(collection, sorting)
    # Rows holding only a running number (the spreadsheet's blank rows) are not items.
    assert errors == []
    assert len(dataset.areas) == 8
    first = dataset.areas[0]
    assert first.name.startswith("高松第一")
    burnable = collection_dates(first.cells["燃やせるごみ"].rules, date(2025, 1, 1), date(2025, 1, 10))
    assert burnable == [date(2025, 1, 3), date(2025, 1, 7), date(2025, 1, 10)]  # 毎週火・金曜日
    crushable = collection_dates(first.cells["破砕ごみ"].rules, date(2025, 1, 1), date(2025, 1, 31))
    assert crushable == [date(2025, 1, 13), date(2025, 1, 27)]  # 第２・４月曜日
    assert len(dataset.targets) == 606
    assert {t.category for t in dataset.targets if t.name == "手提げ袋（紙製）"} == {"紙・布"}
    assert len([a for a in write_5374_texts(dataset)["area_days.csv"].splitlines()]) == 9


def test_takamatsu_exports_as_5374_and_reads_back_equal():
    collection = (OPENDATA / "takamatsu-opendata" / "0090.csv").read_bytes().decode("utf-8-sig")
    dataset, _ = read_takamatsu(collection)
    again, errors = read_5374_texts(write_5374_texts(dataset))
    assert errors == []
    assert [a.cells for a in again.areas] == [a.cells for a in dataset.areas]


def test_takamatsu_row_without_item_name_is_reported():
    collection = (OPENDATA / "takamatsu-opendata" / "0090.csv").read_bytes().decode("utf-8-sig")
    sorting = (OPENDATA / "takamatsu-opendata" / "0074.csv").read_bytes().decode("utf-8-sig")
    sorting = sorting.replace("2,アイロン,破砕ごみ,", "2,,破砕ごみ,")
    _dataset, errors = read_takamatsu(collection, sorting)
    assert [(e.file, e.row, e.column, e.value) for e in errors] == [("0074.csv", 11, "name", "")]


def test_takamatsu_unreadable_rule_text_is_reported():
    collection = (OPENDATA / "takamatsu-opendata" / "0090.csv").read_bytes().decode("utf-8-sig")
    collection = collection.replace("第２・４月曜日", "第６月曜日", 1)
    _dataset, errors = read_takamatsu(collection)
    assert [(e.file, e.row, e.column, e.value) for e in errors] == [("0090.csv", 10, "crushableGarbage", "第６月曜日")]
