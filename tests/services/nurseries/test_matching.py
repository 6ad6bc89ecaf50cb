"""Matching vacancy rows to known nurseries (the upload preview) and Yokohama's facility list."""

from dataclasses import replace
from datetime import date
from pathlib import Path

from opendata.tables import read_table
from services.nurseries.importers import (
    KnownNursery,
    MatchStatus,
    blocking,
    match_rows,
    parse_vacancies,
    read_yokohama_locations,
    resolve,
    yokohama_facilities,
    yokohama_kind,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "nurseries"
YOKOHAMA = FIXTURES / "yokohama_202408_kanou_sample.csv"
LOCATIONS = FIXTURES / "yokohama_202408_location_sample.csv"
SIMPLE = FIXTURES / "simple_202408.csv"
TODAY = date(2024, 8, 5)


def known_from_facility_list(numbers=True):
    facilities = yokohama_facilities(read_table(YOKOHAMA), read_yokohama_locations(LOCATIONS))
    return [
        KnownNursery(id=i, name=f.name, number=f.number if numbers else "", ward=f.ward)
        for i, f in enumerate(facilities, start=100)
    ]


def status_by_name(matches):
    return {(m.row.name, m.row.ward): (m.status, m.nursery_id) for m in matches}


def test_every_yokohama_row_matches_its_nursery_by_facility_number():
    nurseries = known_from_facility_list()
    matches = match_rows(parse_vacancies(YOKOHAMA, today=TODAY).rows, nurseries)

    assert len(matches) == 24
    assert blocking(matches) == []
    assert [m.nursery_id for m in matches] == [n.id for n in nurseries]
    assert {m.reason for m in matches} == {"facility number"}


def test_rows_without_a_known_number_match_by_name():
    nurseries = known_from_facility_list(numbers=False)
    sheet = parse_vacancies(SIMPLE, today=TODAY)
    matches = match_rows(sheet.rows, nurseries)
    status = {m.row.row: m for m in matches}

    assert status[5].status == MatchStatus.MATCHED  # 幸いづみ保育園, given by name only
    assert status[5].nursery_id == next(n.id for n in nurseries if n.name == "幸いづみ保育園")
    assert status[5].reason == "name"


def test_two_nurseries_of_one_name_are_ambiguous_and_block_publishing():
    nurseries = known_from_facility_list(numbers=False)
    matches = match_rows(parse_vacancies(SIMPLE, today=TODAY).rows, nurseries)
    meguni = [m for m in matches if m.row.name == "めぐみ保育園"]

    assert [m.status for m in meguni] == [MatchStatus.AMBIGUOUS, MatchStatus.AMBIGUOUS]
    assert len(meguni[0].candidates) == 2
    assert "2 nurseries are called めぐみ保育園" in meguni[0].reason
    assert [m.row.row for m in blocking(matches)] == [9, 10]


def test_a_ward_tells_two_nurseries_of_one_name_apart():
    nurseries = known_from_facility_list(numbers=False)
    rows = parse_vacancies(YOKOHAMA, today=TODAY).rows
    # Nurseries without numbers on record: the Yokohama rows carry a ward, which decides.
    matches = match_rows(rows, nurseries)
    meguni = {m.row.ward: m for m in matches if m.row.name == "めぐみ保育園"}

    assert meguni["港南区"].status == MatchStatus.MATCHED
    assert meguni["港北区"].status == MatchStatus.MATCHED
    assert meguni["港南区"].nursery_id != meguni["港北区"].nursery_id
    assert blocking(matches) == []


def test_unknown_nursery_is_unmatched_and_named():
    nurseries = [n for n in known_from_facility_list() if n.name != "横浜市鶴見保育園"]
    matches = match_rows(parse_vacancies(YOKOHAMA, today=TODAY).rows, nurseries)
    unmatched = blocking(matches)

    assert [(m.row.row, m.status) for m in unmatched] == [(4, MatchStatus.UNMATCHED)]
    assert "1410051020006" in unmatched[0].reason and "横浜市鶴見保育園" in unmatched[0].reason


def test_a_name_that_belongs_to_another_number_does_not_match():
    nurseries = [
        KnownNursery(id=1, name="横浜市鶴見保育園", number="9999999999999", ward="鶴見区"),
    ]
    rows = [r for r in parse_vacancies(YOKOHAMA, today=TODAY).rows if r.name == "横浜市鶴見保育園"]
    (match,) = match_rows(rows, nurseries)

    assert match.status == MatchStatus.UNMATCHED
    assert match.candidates == (1,)


def test_two_rows_landing_on_one_nursery_are_both_ambiguous():
    nurseries = [KnownNursery(id=7, name="めぐみ保育園")]
    rows = [
        replace(r, number="")  # as if the file gave names only
        for r in parse_vacancies(SIMPLE, today=TODAY).rows
        if r.name == "めぐみ保育園"
    ]
    matches = match_rows(rows, nurseries)

    assert [m.status for m in matches] == [MatchStatus.AMBIGUOUS, MatchStatus.AMBIGUOUS]
    assert matches[0].reason == "row 10 is the same nursery"


def test_staff_choices_resolve_or_leave_out_rows():
    nurseries = known_from_facility_list(numbers=False)
    matches = match_rows(parse_vacancies(SIMPLE, today=TODAY).rows, nurseries)
    konan, kohoku = (n.id for n in nurseries if n.name == "めぐみ保育園")

    resolved = resolve(matches, {9: konan, 10: None})

    assert blocking(resolved) == []
    assert len(resolved) == len(matches) - 1
    chosen = next(m for m in resolved if m.row.row == 9)
    assert (chosen.status, chosen.nursery_id, chosen.reason) == (MatchStatus.MATCHED, konan, "chosen by staff")
    assert kohoku not in [m.nursery_id for m in resolved]


def test_yokohama_facility_list_joins_positions_by_name_in_file_order():
    facilities = yokohama_facilities(read_table(YOKOHAMA), read_yokohama_locations(LOCATIONS))

    assert len(facilities) == 24
    assert all(f.lat is not None and f.lng is not None for f in facilities)
    baba = facilities[0]
    assert (baba.number, baba.name, baba.ward, baba.ward_code) == (
        "1410051018778",
        "横浜市馬場保育園",
        "鶴見区",
        "14101",
    )
    assert (baba.lat, baba.lng) == (35.507859, 139.651384)
    assert baba.ages == (1, 2, 3, 4, 5)  # "-" in the 0歳児 column: no class
    meguni = [f for f in facilities if f.name == "めぐみ保育園"]
    assert [f.ward for f in meguni] == ["港南区", "港北区"]
    assert meguni[0].ages == (1, 2)


def test_full_yokohama_facility_list_has_a_position_for_every_nursery():
    root = Path(__file__).resolve().parents[3] / "data" / "opendata" / "nursery-vacancy-yokohama"
    facilities = yokohama_facilities(
        read_table(root / "202408-kanou.csv"), read_yokohama_locations(root / "202408-location.csv")
    )

    assert len(facilities) == 1221
    assert all(35.2 < f.lat < 35.7 and 139.4 < f.lng < 139.8 for f in facilities)
    kinds = {f.kind for f in facilities}
    assert kinds == {"認可保育所", "認定こども園", "小規模保育事業", "家庭的保育"}


def test_yokohama_kind_from_number_and_name():
    assert yokohama_kind("1410051018778", "横浜市馬場保育園") == "認可保育所"
    assert yokohama_kind("1410051018539", "駒岡こども園") == "認定こども園"
    assert yokohama_kind("1410052002821", "家庭的保育室　マリン") == "家庭的保育"
    assert yokohama_kind("1410052003266", "三色えのぐの保育園") == "小規模保育事業"
    assert yokohama_kind("1410099000001", "幸いづみ保育園") == "認可保育所"
