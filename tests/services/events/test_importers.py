"""Reading Takamatsu's event list and the standard イベント一覧 layout: every real style, strict errors."""

import csv
import io
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from opendata.reading import ImportFailed
from services.events.importers import (
    STANDARD_COLUMNS,
    parse_events,
    read_events,
    write_events,
)
from services.events.recurrence import TOKYO

FIXTURES = Path(__file__).parents[2] / "fixtures" / "events"
TAKAMATSU = FIXTURES / "takamatsu_0081_sample.csv"
STANDARD = FIXTURES / "standard_events_takamatsu.csv"


def by_no(result):
    return {record.no: record for record in result.records}


@pytest.fixture(scope="module")
def takamatsu():
    return by_no(read_events(TAKAMATSU))


# --- Takamatsu 0081 -------------------------------------------------------------


def test_takamatsu_sample_reads_every_row(takamatsu):
    result = read_events(TAKAMATSU)
    assert result.layout == "takamatsu"
    assert result.errors == []
    assert len(result.records) == 14
    assert [r.row for r in result.records][:2] == [10, 11]  # after 9 metadata lines


def test_us_style_dates_with_times(takamatsu):
    tour = takamatsu["0001"]
    assert tour.title == "今昔まちあるきツアー"
    assert (tour.start_date, tour.start_time, tour.end_date, tour.end_time) == (
        date(2020, 5, 16),
        time(9, 30),
        date(2020, 5, 23),
        time(12, 0),
    )
    assert tour.organiser == "(公財)高松観光コンベンション・ビューロー"
    assert tour.description.startswith("設定日：5/16(土)、23(土)\n参加料金：")


def test_date_cell_with_a_pm_time_agrees_with_the_time_column(takamatsu):
    record = takamatsu["0223"]  # endDate "8/2/2020  3:30:00 PM", endTime "15:30"
    assert (record.end_date, record.end_time) == (date(2020, 8, 2), time(15, 30))


def test_time_only_in_the_date_cell_is_dropped_for_an_all_day_event(takamatsu):
    record = takamatsu["0307"]  # startTime empty, endDate "8/27/2020  2:00:00 PM"
    assert record.all_day
    assert (record.start_date, record.end_date) == (date(2020, 8, 4), date(2020, 8, 27))


def test_year_first_dates_with_slashes_and_dots(takamatsu):
    assert (takamatsu["0420"].start_date, takamatsu["0420"].start_time) == (date(2020, 10, 4), time(13, 30))
    assert takamatsu["0468"].start_date == date(2020, 10, 5)  # "2020.10/5"
    assert (takamatsu["0469"].start_date, takamatsu["0469"].end_date) == (date(2020, 10, 15), date(2020, 11, 23))


def test_event_without_end_time_ends_when_it_starts(takamatsu):
    schedule = takamatsu["0468"].schedule()
    assert schedule.start == schedule.end == datetime(2020, 10, 5, 10, 0, tzinfo=TOKYO)


def test_empty_end_date_means_the_same_day(takamatsu):
    record = takamatsu["0875"]
    assert (record.start_date, record.end_date, record.all_day) == (date(2021, 3, 14), date(2021, 3, 14), True)


def test_midnight_to_midnight_is_an_all_day_span(takamatsu):
    record = takamatsu["0006"]  # 4/23/2020 00:00 – 5/12/2020 00:00 (Excel's empty time)
    assert record.all_day
    schedule = record.schedule()
    assert schedule.end - schedule.start == timedelta(days=20)


def test_venue_and_address_from_town_and_block(takamatsu):
    record = takamatsu["0002"]
    assert record.venue_name == "アイパル香川"
    assert record.full_address == "香川県高松市番町1丁目11-63"
    assert record.municipality_code == "372013"


def test_a_lone_dash_as_venue_means_no_venue(takamatsu):
    assert takamatsu["0469"].venue_name == ""


def test_end_before_start_refuses_the_file_naming_row_column_and_value():
    with pytest.raises(ImportFailed) as error:
        read_events(FIXTURES / "takamatsu_0081_end_before_start.csv")
    (problem,) = error.value.errors
    assert (problem.row, problem.column, problem.value) == (13, "終了日", "11/20/2020")
    message = str(error.value)
    assert "takamatsu_0081_end_before_start.csv, 13 行目, 列「終了日」, 値 '11/20/2020'" in message
    assert "より前です" in message


def test_skip_invalid_keeps_the_good_rows_and_lists_the_bad_one():
    result = read_events(FIXTURES / "takamatsu_0081_end_before_start.csv", skip_invalid=True)
    assert [r.no for r in result.records] == ["0001", "0002", "0003", "0005", "0006"]
    assert [e.row for e in result.errors] == [13]


def test_whole_takamatsu_file_refuses_only_rows_that_end_before_they_start():
    path = Path(__file__).parents[3] / "data" / "opendata" / "takamatsu-opendata" / "0081.csv"
    if not path.exists():
        pytest.skip("the shipped open data is not in this checkout")
    result = parse_events(path)
    assert len(result.records) + len(result.errors) == 943
    assert {e.column for e in result.errors} == {"終了日"}
    assert all("より前です" in e.message for e in result.errors)


# --- the standard layout ----------------------------------------------------------


def rewrite(tmp_path, edits, source=STANDARD, encoding="utf-8-sig"):
    """A copy of *source* with cells changed: {(data_row_index, column): value}."""
    rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8-sig"), newline="")))
    header = rows[0]
    for (index, column), value in edits.items():
        rows[index + 1][header.index(column)] = value
    out = tmp_path / "events.csv"
    with out.open("w", encoding=encoding, errors="replace", newline="") as stream:  # ☎ is not in CP932
        csv.writer(stream, lineterminator="\r\n").writerows(rows)
    return out


def test_standard_file_reads_like_the_takamatsu_rows_it_was_made_from(takamatsu):
    result = read_events(STANDARD)
    assert result.layout == "standard"
    assert len(result.records) == 8
    first = result.records[0]
    original = takamatsu["0001"]
    assert (first.title, first.start_date, first.start_time, first.venue_name) == (
        original.title,
        original.start_date,
        original.start_time,
        original.venue_name,
    )
    assert first.address == "香川県高松市ことでん瓦町駅～ことでん高松築港駅"


def test_empty_template_reads_as_no_events():
    result = read_events(FIXTURES / "standard_event_template.csv")
    assert (result.records, result.errors) == ([], [])


def test_export_then_import_keeps_every_field(tmp_path, takamatsu):
    out = tmp_path / "out.csv"
    with out.open("w", encoding="utf-8-sig", newline="") as stream:
        assert write_events(takamatsu.values(), stream) == 14
    assert out.read_bytes().startswith(b"\xef\xbb\xbf" + "都道府県コード又は市区町村コード".encode())
    back = by_no(read_events(out))
    for no, record in takamatsu.items():
        again = back[no]
        for name in ("title", "start_date", "end_date", "start_time", "end_time", "description", "organiser"):
            assert getattr(again, name) == getattr(record, name), (no, name)
        assert again.full_address == record.full_address


def test_shift_jis_file_reads_the_same(tmp_path):
    path = rewrite(tmp_path, {}, encoding="cp932")
    assert [r.title for r in read_events(path).records] == [r.title for r in read_events(STANDARD).records]


def test_numbers_coordinates_and_links_are_read(tmp_path):
    path = rewrite(
        tmp_path,
        {
            (1, "料金(基本)"): "１,５００円",
            (1, "緯度"): "34.3401",
            (1, "経度"): "134.0434",
            (1, "定員"): "50名",
            (1, "URL"): "https://www.city.takamatsu.kagawa.jp/",
            (1, "参加申込終了日"): "2020/7/10",
            (2, "料金(基本)"): "無料",
            (3, "料金(基本)"): "大人500円、子ども無料",
        },
    )
    records = read_events(path).records
    assert (records[1].fee, records[1].lat, records[1].lng, records[1].capacity) == (1500, 34.3401, 134.0434, 50)
    assert records[1].apply_until_date == date(2020, 7, 10)
    assert records[2].fee == 0
    assert (records[3].fee, records[3].fee_detail) == (None, "大人500円、子ども無料")


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("開始日", "2020/02/30", "存在しない日付です"),
        ("開始日", "2020/13/01", "存在しない日付です"),
        ("開始日", "来週", "日付の形式が正しくありません"),
        ("開始時間", "25:00", "25 時は"),
        ("終了時間", "12:61", "0〜59"),
        ("緯度", "134.04", "範囲外です"),
        ("経度", "東経134度", "数値（小数）ではありません"),
        ("定員", "多数", "整数ではありません"),
        ("URL", "javascript:alert(1)", "http"),
        ("イベント名", "", "イベント名がありません"),
    ],
)
def test_bad_value_refuses_the_whole_file_naming_file_row_column_and_value(tmp_path, column, value, reason):
    edits = {(4, "緯度"): "34.3", (4, "経度"): "134.0"}  # a good pair, then one bad cell
    edits[(4, column)] = value
    path = rewrite(tmp_path, edits)
    with pytest.raises(ImportFailed) as error:
        read_events(path)
    (problem,) = error.value.errors
    assert (problem.file, problem.row, problem.column, problem.value) == (str(path), 6, column, value)
    assert reason in problem.message


def test_end_time_before_start_time_on_the_same_day_is_refused(tmp_path):
    path = rewrite(tmp_path, {(1, "開始時間"): "16:00", (1, "終了時間"): "13:30"})
    with pytest.raises(ImportFailed, match="3 行目, 列「終了時間」, 値 '13:30'"):
        read_events(path)


def test_every_bad_row_is_listed_not_just_the_first(tmp_path):
    path = rewrite(tmp_path, {(0, "開始日"): "2020/02/30", (5, "開始時間"): "25:00"})
    with pytest.raises(ImportFailed) as error:
        read_events(path)
    assert [(e.row, e.column) for e in error.value.errors] == [(2, "開始日"), (7, "開始時間")]
    assert len(read_events(path, skip_invalid=True).records) == 6


def test_file_without_the_event_columns_is_refused_by_column(tmp_path):
    path = tmp_path / "facilities.csv"
    path.write_text("名称,住所\n市役所,番町一丁目8-15\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as error:
        read_events(path)
    assert {e.column for e in error.value.errors} == {"イベント名", "開始日"}


def test_written_header_is_the_standard_template_header():
    template = (FIXTURES / "standard_event_template.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    stream = io.StringIO()
    write_events([], stream)
    assert stream.getvalue().splitlines()[0] == template == ",".join(STANDARD_COLUMNS)


# --- values -------------------------------------------------------------------------
