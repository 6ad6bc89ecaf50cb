"""import_opendata / export_opendata garbage-towns: the 町丁目 → collection area table of a city."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from opendata import kinds
from services.garbage.apps import GARBAGE_STAFF
from services.garbage.models import CollectionArea
from services.garbage.towns import parse_lots, town_key
from tests.services.garbage.test_importers import FIXTURES

SAMPLE = FIXTURES / "takamatsu_garbage_towns.csv"


def run(*args) -> str:
    out = io.StringIO()
    call_command(*map(str, args), stdout=out)
    return out.getvalue()


def write(tmp_path, rows, name="towns.csv", encoding="utf-8"):
    path = tmp_path / name
    with path.open("w", encoding=encoding, newline="") as out:
        csv.writer(out).writerows(rows)
    return path


def towns(code):
    return CollectionArea.objects.get(code=code).towns.splitlines()


def test_the_sample_sets_the_towns_of_the_areas_it_names_and_leaves_the_others(takamatsu):
    untouched = {a.code: a.towns for a in CollectionArea.objects.filter(municipality=takamatsu)}
    output = run("import_opendata", "garbage-towns", SAMPLE, "--municipality", "372013")
    assert "created 0, updated 5, unchanged 0, skipped 0" in output
    assert "14 towns in 5 collection areas of 高松市" in output
    # width folded, as written otherwise (一丁目 stays 一丁目), in file order
    assert towns("372013-001") == ["松島町一丁目", "松島町2丁目", "松島町三丁目", "築地町", "花園町1丁目"]
    assert towns("372013-002") == ["番町一丁目", "番町二丁目", "庵治町"]
    assert towns("372013-005") == ["香西北町", "香西本町"]
    for code in ("372013-006", "372013-007", "372013-008"):
        assert CollectionArea.objects.get(code=code).towns == untouched[code]
    # and a second run changes nothing
    assert "created 0, updated 0, unchanged 5" in run(
        "import_opendata", "garbage-towns", SAMPLE, "--municipality", "372013"
    )


def test_town_names_compare_in_the_gazetteers_form():
    assert town_key("番町一丁目") == town_key("番町1丁目") == town_key("番町１丁目") == town_key("番町 １丁目")
    assert town_key("番町一丁目") != town_key("番町二丁目")


def test_the_same_town_written_two_ways_for_one_area_counts_once(takamatsu, tmp_path):
    path = write(tmp_path, [["町丁目", "地区コード"], ["番町一丁目", "372013-002"], ["番町1丁目", "372013-002"]])
    run("import_opendata", "garbage-towns", path, "--municipality", "372013")
    assert towns("372013-002") == ["番町一丁目"]


def test_a_town_split_between_two_areas_is_in_both(takamatsu, tmp_path):
    path = write(tmp_path, [["町丁目", "地区コード"], ["木太町", "372013-004"], ["木太町", "372013-008"]])
    run("import_opendata", "garbage-towns", path, "--municipality", "372013")
    assert towns("372013-004") == ["木太町"] and towns("372013-008") == ["木太町"]


def test_a_town_split_by_lot_keeps_its_lots_and_the_lot_decides(takamatsu, tmp_path):
    """A 番地 column (or 番地 after a space in 町丁目, as the export writes it) splits a town by lot."""
    from services.garbage.towns import locate_address

    path = write(
        tmp_path,
        [
            ["町丁目", "地区コード", "番地"],
            ["木太町", "372013-004", "1～2000，３０００"],
            ["木太町 2001～2999", "372013-008", ""],
        ],
    )
    run("import_opendata", "garbage-towns", path, "--municipality", "372013")
    assert towns("372013-004") == ["木太町 1~2000,3000"]
    assert towns("372013-008") == ["木太町 2001~2999"]

    def areas(address):
        return [area.code for area in locate_address(takamatsu, address).areas]

    assert areas("木太町3901-1") == ["372013-004", "372013-008"]  # in no range: choose
    assert areas("高松市木太町２６０４番地５") == ["372013-008"]
    assert areas("木太町3000") == ["372013-004"]
    assert areas("木太町") == ["372013-004", "372013-008"]
    out = tmp_path / "out.csv"
    run("export_opendata", "garbage-towns", out, "--municipality", "372013")
    assert "updated 0" in run("import_opendata", "garbage-towns", out, "--municipality", "372013")
    assert parse_lots("全町") == [] and parse_lots("川汲川から尾札部側") == []  # the whole town
    assert parse_lots("1，7～10，16～25") == [(1, 1), (7, 10), (16, 25)]


@pytest.mark.parametrize(
    "rows, expected",
    [
        ([["町丁目", "地区コード"], ["番町一丁目", "372013-002"], ["番町二丁目", "372013-099"]], "3 行目, 列「地区コード」, 値 '372013-099'"),
        ([["町丁目", "地区名"], ["番町一丁目", "栗林"], ["番町二丁目", "新番丁"]], "2 行目, 列「地区名」, 値 '栗林'"),
        ([["町丁目", "地区コード"], ["番町一丁目", "372013-002"], ["", "372013-002"]], "3 行目, 列「町丁目」, 値 '': 町丁目名がありません"),
        ([["町丁目", "地区コード"], ["番町一丁目", ""]], "2 行目, 列「地区コード」, 値 '': 収集地区がありません"),
        ([["町丁目", "地区コード", "地区名"], ["番町一丁目", "372013-002", "屋島"]], "2 行目, 列「地区名」, 値 '屋島': 収集地区 372013-002 の名前は"),
        ([["町名のみ"], ["番町一丁目"]], "1 行目, 値 '町名のみ': the header needs the columns 町丁目 and 地区コード or 地区名"),
        # another city's area code is unknown here
        ([["町丁目", "地区コード"], ["広坂一丁目", "172014-001"]], "2 行目, 列「地区コード」, 値 '172014-001'"),
    ],
)  # fmt: skip
def test_a_bad_row_names_row_and_column_and_imports_nothing(takamatsu, tmp_path, rows, expected):
    before = sorted(CollectionArea.objects.values_list("code", "towns"))
    path = write(tmp_path, rows)
    with pytest.raises(CommandError) as raised:
        run("import_opendata", "garbage-towns", path, "--municipality", "372013")
    assert "Nothing was imported" in str(raised.value)
    assert expected in str(raised.value)
    assert sorted(CollectionArea.objects.values_list("code", "towns")) == before


def test_skip_invalid_imports_the_good_rows_and_lists_the_bad(takamatsu, tmp_path):
    path = write(
        tmp_path, [["町丁目", "地区コード"], ["番町一丁目", "372013-002"], ["", "372013-002"], ["八幡", "372013-099"]]
    )
    output = run("import_opendata", "garbage-towns", path, "--municipality", "372013", "--skip-invalid")
    assert "skipped: towns.csv, 3 行目, 列「町丁目」" in output
    assert "skipped: towns.csv, 4 行目, 列「地区コード」, 値 '372013-099'" in output
    assert towns("372013-002") == ["番町一丁目"]


def test_shift_jis_and_header_aliases_are_read(takamatsu, tmp_path):
    path = write(tmp_path, [["町名", "収集地区コード"], ["番町一丁目", "372013-002"]], encoding="cp932")
    run("import_opendata", "garbage-towns", path, "--municipality", "372013")
    assert towns("372013-002") == ["番町一丁目"]


def test_export_writes_the_same_csv_and_round_trips(takamatsu, tmp_path):
    run("import_opendata", "garbage-towns", SAMPLE, "--municipality", "372013")
    out = tmp_path / "out.csv"
    assert "Wrote " in run("export_opendata", "garbage-towns", out, "--municipality", "372013")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["町丁目", "地区コード", "地区名"]
    assert ["松島町2丁目", "372013-001", CollectionArea.objects.get(code="372013-001").name] in rows
    assert {row[1][:6] for row in rows[1:]} == {"372013"}
    output = run("import_opendata", "garbage-towns", out, "--municipality", "372013")
    assert "updated 0, unchanged 8" in output


def test_the_kind_is_registered_for_the_garbage_staff_only(db, make_user):
    entry = kinds.get("garbage-towns")
    assert entry.label == "町丁目別ごみ収集地区"
    assert entry.can_import(make_user(GARBAGE_STAFF))
    assert not entry.can_import(make_user("保育課"))


def test_kanazawas_mapped_school_districts_take_the_towns_inside_their_lines(kanazawa):
    from services.garbage import demo
    from services.garbage.towns import locate_address

    def area_names(address):
        return [area.name for area in locate_address(kanazawa, address).areas]

    before = CollectionArea.objects.get(municipality=kanazawa, name="鞍月").towns.splitlines()
    assert "戸水町" not in before and area_names("戸水町1") == []

    report = run(
        "import_opendata", "garbage-towns", demo.TOWN_TABLES_5374[kanazawa.code], "--municipality", kanazawa.code
    )
    assert "in 10 collection areas of 金沢市" in report  # the ten 校下 drawn on Code for Kanazawa's map

    # 鞍月 keeps the towns its name gives and gains the towns inside its polygon.
    assert area_names("金沢市鞍月2丁目") == ["鞍月"]
    assert area_names("戸水町1") == ["鞍月"]
    # 浅野川 names a river, no town: before the map it had none, now the towns on its side.
    assert area_names("石川県金沢市大河端町西1") == ["浅野川"]
    assert area_names("蚊爪町") == ["浅野川"]
    # A 校下 not on the map keeps the towns its name gives (田上 → 田上本町).
    assert area_names("田上本町1丁目") == ["田上"]
