"""Parsing the standard open data layouts (2021, 2024, Takamatsu), encodings, strict row errors, export."""

from pathlib import Path

import pytest

from facilities.importers import EXPORT_COLUMNS, LAYOUT_2021, LAYOUT_2024, LAYOUT_TAKAMATSU, parse_file, write_csv

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "facilities"


@pytest.mark.parametrize(
    ("kind", "name", "layout", "rows", "first_name", "first_address"),
    [
        (
            "facilities",
            "ichikawa_122033_101_public_facility.csv",
            LAYOUT_2024,
            30,
            "市川小学校",
            "千葉県市川市市川2丁目32-5",
        ),
        (
            "evacuation",
            "ichikawa_122033_103_evacuation_space.csv",
            LAYOUT_2024,
            20,
            "県立国分高校",
            "千葉県市川市稲越2丁目2-1",
        ),
        (
            "childcare",
            "ichikawa_122033_105_preschool.csv",
            LAYOUT_2024,
            20,
            "アンデルセン幼稚園",
            "千葉県市川市堀之内1丁目9-17",
        ),
        (
            "aed",
            "ichikawa_122033_108_aed.csv",
            LAYOUT_2024,
            30,
            "いちかわ観光・物産インフォメーション（旧八幡市民談話室）",
            "千葉県市川市八幡2丁目4-8",
        ),
        (
            "childcare",
            "kawaguchi_112038_preschool.csv",
            LAYOUT_2024,
            20,
            "川口市立栄町保育所",
            "埼玉県川口市栄町1-2-19",
        ),
        ("aed", "takamatsu_0002_aed.csv", LAYOUT_TAKAMATSU, 30, "健康増進施設サラマンダー", "高松市番町１丁目10-16"),
        (
            "facilities",
            "takamatsu_0004_community_centres.csv",
            LAYOUT_TAKAMATSU,
            52,
            "高松市日新コミュニティセンター",
            "高松市瀬戸内町22-9",
        ),
        (
            "facilities",
            "takamatsu_0012_kindergartens.csv",
            LAYOUT_TAKAMATSU,
            18,
            "高松市立前田幼稚園",
            "高松市前田東町788-1",
        ),
        (
            "childcare",
            "takamatsu_0013_nurseries.csv",
            LAYOUT_TAKAMATSU,
            18,
            "高松市立瀬戸内保育所",
            "高松市瀬戸内町23-7",
        ),
        (
            "facilities",
            "takamatsu_0035_libraries.csv",
            LAYOUT_TAKAMATSU,
            5,
            "高松市中央図書館",
            "高松市昭和町一丁目2-20",
        ),
        ("evacuation", "takamatsu_0060_evacuation.csv", LAYOUT_TAKAMATSU, 30, "日新小学校跡施設", "高松市瀬戸内町18-2"),
        (
            "facilities",
            "layout2021_public_facility_takamatsu.csv",
            LAYOUT_2021,
            5,
            "高松市中央図書館",
            "高松市昭和町一丁目2-20",
        ),
        (
            "aed",
            "layout2021_aed_takamatsu_cp932.csv",
            LAYOUT_2021,
            15,
            "健康増進施設サラマンダー",
            "高松市番町１丁目10-16",
        ),
        (
            "evacuation",
            "layout2021_evacuation_ichikawa.csv",
            LAYOUT_2021,
            10,
            "県立国分高校",
            "千葉県市川市稲越2丁目2-1",
        ),
    ],
)
def test_each_real_file_and_layout_parses(kind, name, layout, rows, first_name, first_address):
    result = parse_file(kind, FIXTURES / name)
    assert result.errors == []
    assert result.layout == layout
    assert len(result.records) == rows
    first = result.records[0]
    assert (first.name, first.address) == (first_name, first_address)
    assert first.has_position


def test_fields_of_each_kind():
    aed = parse_file("aed", FIXTURES / "ichikawa_122033_108_aed.csv").records[1]
    assert (aed.name, aed.aed_location, aed.phone) == ("塩浜市民体育館", "1階ﾛﾋﾞ-", "(047)398-2311")
    assert (aed.latitude, aed.longitude) == (35.66089245, 139.9141429)

    nursery = parse_file("childcare", FIXTURES / "kawaguchi_112038_preschool.csv").records[0]
    assert nursery.source_id == "k130000001"
    assert (nursery.facility_type, nursery.capacity, nursery.accepted_age) == ("認可公立保育所", 70, "1歳から5歳")
    assert (nursery.available_days, nursery.opening_time, nursery.closing_time) == ("月火水木金土", "7:00", "19:00")
    assert nursery.temporary_care is False

    site = parse_file("evacuation", FIXTURES / "ichikawa_122033_103_evacuation_space.csv").records[0]
    assert site.hazards == ["flood", "landslide", "storm_surge", "earthquake", "tsunami", "inland_flood"]
    assert site.is_shelter is True
    assert site.name_kana == "ｹﾝﾘﾂｺｸﾌﾞﾝｺｳｺｳ"


def test_takamatsu_hazard_marks():
    site = parse_file("evacuation", FIXTURES / "takamatsu_0060_evacuation.csv").records[0]
    # ○ flood_L1, △ flood_L2, ○ inundation, ○ sediment, △ storm surge, △ tsunami, ○ fire, ○ earthquake
    assert site.hazards == ["flood", "landslide", "earthquake", "fire", "inland_flood"]
    assert "高潮・津波" in site.note
    assert (site.capacity, site.elevation, site.residents_associations) == (238, 1.7, "日新地区コミュニティ協議会")


def test_takamatsu_capacity_split_by_certification_is_totalled():
    records = parse_file(
        "childcare", FIXTURES.parent.parent.parent / "data/opendata/takamatsu-opendata/0013.csv"
    ).records
    kodomoen = next(r for r in records if "1号認定" in r.note)
    assert kodomoen.capacity == sum(int(n) for n in __import__("re").findall(r"号認定\s*(\d+)", kodomoen.note))


def test_accessibility_list_of_the_2021_layout():
    record = parse_file("facilities", FIXTURES / "layout2021_public_facility_takamatsu.csv").records[0]
    assert record.accessibility == ["車椅子可", "バリアフリートイレ"]


def test_bad_rows_are_all_reported_with_file_row_column_and_value():
    result = parse_file("facilities", FIXTURES / "bad_rows_public_facility.csv")
    messages = [str(error) for error in result.errors]
    assert len(result.records) == 2
    assert any(
        m.startswith("bad_rows_public_facility.csv, 3 行目, 列「緯度」, 値 '139.91005'") and "入れ替わっている" in m
        for m in messages
    ), messages
    assert any("4 行目, 列「名称」" in m and "名称がありません" in m for m in messages), messages
    assert any("5 行目, 列「開始時間」, 値 '朝9時半'" in m for m in messages), messages


def test_a_file_of_another_kind_is_refused_as_a_whole():
    result = parse_file("aed", FIXTURES / "ichikawa_122033_103_evacuation_space.csv")
    assert result.records == []
    assert "evacuation" in result.errors[0].message


def test_export_writes_the_2024_layout_in_utf8_with_bom_and_reads_back_the_same():
    for kind, name in [
        ("facilities", "ichikawa_122033_101_public_facility.csv"),
        ("childcare", "kawaguchi_112038_preschool.csv"),
        ("aed", "takamatsu_0002_aed.csv"),
        ("evacuation", "takamatsu_0060_evacuation.csv"),
        ("facilities", "layout2021_public_facility_takamatsu.csv"),
    ]:
        records = parse_file(kind, FIXTURES / name).records
        data = write_csv(kind, records, "市")
        assert data.startswith(b"\xef\xbb\xbf")
        header = data.decode("utf-8-sig").splitlines()[0].split(",")
        assert header == EXPORT_COLUMNS[kind]
        again = parse_file(kind, "export.csv", data=data)
        assert again.errors == []
        assert again.layout == LAYOUT_2024
        for before, after in zip(records, again.records, strict=True):
            before.row = after.row = 0
            assert after == before


def test_the_whole_real_files_parse_and_a_url_without_scheme_is_repaired():
    data = FIXTURES.parent.parent.parent / "data" / "opendata"
    for kind, name, rows in [
        ("facilities", "standard-dataset-ichikawa/122033_101_public_facility.csv", 342),
        ("evacuation", "standard-dataset-ichikawa/122033_103_evacuation_space.csv", 121),
        ("childcare", "standard-dataset-ichikawa/122033_105_preschool.csv", 384),
        ("aed", "standard-dataset-ichikawa/122033_108_aed.csv", 191),
        ("childcare", "standard-dataset-kawaguchi/112038_preschool.csv", 302),
        ("aed", "takamatsu-opendata/0002.csv", 514),
        ("childcare", "takamatsu-opendata/0013.csv", 115),
        ("evacuation", "takamatsu-opendata/0060.csv", 193),
    ]:
        result = parse_file(kind, data / name)
        assert (len(result.records), result.errors) == (rows, []), name
    higashiyama = next(
        r
        for r in parse_file("facilities", data / "standard-dataset-ichikawa/122033_101_public_facility.csv").records
        if r.row == 124
    )
    assert higashiyama.url == "http://www.city.ichikawa.lg.jp/higashiyama/"


def test_a_url_that_is_not_one_is_a_row_error(tmp_path):
    text = (FIXTURES / "layout2021_public_facility_takamatsu.csv").read_text(encoding="utf-8")
    path = tmp_path / "bad_url.csv"
    path.write_text(
        text.replace("http://library.city.takamatsu.kagawa.jp/index.asp", "図書館のページ", 1), encoding="utf-8"
    )
    result = parse_file("facilities", path)
    assert [(e.row, e.column, e.value) for e in result.errors] == [(2, "URL", "図書館のページ")]


def test_a_closure_date_that_cannot_be_is_a_row_error(tmp_path):
    text = (FIXTURES / "layout2021_public_facility_takamatsu.csv").read_text(encoding="utf-8")
    path = tmp_path / "bad_closure.csv"
    path.write_text(text.replace("12/29～1/3休館。", "2/30臨時休館。", 1), encoding="utf-8")
    result = parse_file("facilities", path)
    assert [(e.row, e.column) for e in result.errors] == [(2, "利用可能時間特記事項")]
    assert "2/30" in result.errors[0].message


def test_a_binary_file_with_a_lone_carriage_return_is_refused_with_a_message():
    # A zip (an .xlsx) uploaded as CSV: its bytes may hold a bare "\r" in an unquoted field,
    # which Python's csv module refuses unless the text keeps its newlines as they are.
    result = parse_file("facilities", "book.csv", data=b"PK\x03\x04\x14\x00\r\x00abc\x00def\n")
    assert result.errors and not result.records
