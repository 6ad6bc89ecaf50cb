"""Row errors of the events, facilities, nurseries and open data importers read in Japanese:
row, column and value, then what is wrong and how to write it."""

from pathlib import Path

import pytest
from django.utils import translation

from facilities.importers import parse_file
from opendata.reading import RowError
from services.events.importers import parse_events
from services.nurseries.importers import parse_vacancies

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def messages(errors):
    with translation.override("ja"):
        return [str(error) for error in errors]


def test_an_event_with_a_bad_start_date_names_the_row_and_how_to_write_it(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("NO,イベント名,開始日\n1,朝市,2026-04-01\n2,夜市,四月一日\n", encoding="utf-8")
    with translation.override("ja"):
        result = parse_events(path)
    (message,) = messages(result.errors)
    assert message.startswith("events.csv, 3 行目, 列「開始日」, 値 '四月一日': 日付の形式が正しくありません")
    assert "（2026-04-01、" in message and "の形式で入力してください）" in message


def test_an_event_ending_before_it_starts_in_japanese(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("NO,イベント名,開始日,終了日\n1,朝市,2026-04-02,2026-04-01\n", encoding="utf-8")
    with translation.override("ja"):
        (message,) = messages(parse_events(path).errors)
    assert "2 行目" in message and "終了（2026-04-01）が開始（2026-04-02）より前です" in message


def test_a_facility_with_a_bad_latitude_in_japanese():
    with translation.override("ja"):
        result = parse_file("facilities", FIXTURES / "facilities" / "bad_rows_public_facility.csv")
    assert any(
        "3 行目, 列「緯度」" in m and "緯度と経度が入れ替わっているようです" in m for m in messages(result.errors)
    )


def test_a_vacancy_count_that_is_not_a_number_in_japanese(tmp_path):
    path = tmp_path / "vacancies.csv"
    path.write_text("施設番号,施設名,0歳,1歳,2歳,3歳,4歳,5歳\n1,あおば保育園,2,たくさん,0,0,0,0\n", encoding="utf-8")
    with translation.override("ja"):
        sheet = parse_vacancies(path, as_of=__import__("datetime").date(2026, 4, 1))
    assert any("2 行目" in m and "空き人数として読めません" in m for m in messages(sheet.errors))


@pytest.mark.parametrize("language, expected", [("ja", "x.csv, 3 行目, 列「ID」"), ("en", "x.csv, row 3, column ID")])
def test_the_place_of_a_row_error_is_in_the_users_language(language, expected):
    with translation.override(language):
        assert str(RowError("x.csv", 3, "ID", "1", "…")).startswith(expected)
