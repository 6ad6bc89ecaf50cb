"""Importing event files into pages: venues matched to facilities or geocoded, strict, idempotent, exported back."""

import csv
from datetime import date, time
from pathlib import Path

import pytest

from facilities.factories import FacilityIndexPageFactory, FacilityPageFactory
from opendata.reading import ImportFailed
from services.events import imports
from services.events.importers import read_events
from services.events.models import EventOccurrence, EventPage

FIXTURES = Path(__file__).parents[2] / "fixtures" / "events"
TAKAMATSU = FIXTURES / "takamatsu_0081_sample.csv"


@pytest.fixture
def library(site_tree, municipality):
    facilities = FacilityIndexPageFactory(parent=site_tree)
    return FacilityPageFactory(
        parent=facilities,
        title="高松市香川図書館",
        address="香川県高松市香川町川東上1865-13",
        latitude=34.2535,
        longitude=134.0340,
        municipality=municipality,
    )


def by_source(code="372013"):
    return {p.source_id.split(":", 1)[1]: p for p in EventPage.objects.filter(source_id__startswith=f"{code}:")}


def test_takamatsu_events_become_live_pages_with_every_date(site_tree, municipality, library):
    report = imports.import_file(TAKAMATSU, municipality)
    assert (report.created, report.updated, report.skipped) == (14, 0, [])
    pages = by_source()
    tour = pages["0001"]
    assert tour.live and tour.title == "今昔まちあるきツアー"
    assert (tour.start_date, tour.start_time, tour.end_date, tour.end_time) == (
        date(2020, 5, 16),
        time(9, 30),
        date(2020, 5, 23),
        time(12, 0),
    )
    assert "<br/>参加料金：\\1,500" in tour.description
    assert EventOccurrence.objects.filter(page=tour).count() == 1


def test_venue_is_matched_to_the_facility_by_name_and_takes_its_position(site_tree, municipality, library):
    imports.import_file(TAKAMATSU, municipality)
    storytime = by_source()["0005"]  # 高松市香川図書館　2階　おはなしのへや
    assert storytime.venue_id == library.pk
    assert (storytime.lat, storytime.lng) == (34.2535, 134.0340)
    assert storytime.address == library.address


def test_venue_without_facility_is_geocoded_from_its_address(site_tree, municipality, library):
    imports.import_file(TAKAMATSU, municipality)
    aipal = by_source()["0002"]  # アイパル香川, 番町1丁目11-63
    assert aipal.venue_id is None
    assert aipal.lat == pytest.approx(34.343, abs=0.01) and aipal.lng == pytest.approx(134.046, abs=0.01)


def test_venue_that_cannot_be_placed_keeps_no_position(site_tree, municipality, library):
    imports.import_file(TAKAMATSU, municipality)
    tour = by_source()["0001"]  # ことでん瓦町駅～ことでん高松築港駅
    assert (tour.lat, tour.lng) == (None, None)


def test_second_import_changes_nothing(site_tree, municipality, library):
    imports.import_file(TAKAMATSU, municipality)
    before = {p.pk: p.latest_revision_id for p in EventPage.objects.all()}
    report = imports.import_file(TAKAMATSU, municipality)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 14)
    assert {p.pk: p.latest_revision_id for p in EventPage.objects.all()} == before


def test_changed_row_updates_its_page_in_place(tmp_path, site_tree, municipality, library):
    imports.import_file(TAKAMATSU, municipality)
    text = TAKAMATSU.read_bytes().decode("utf-8-sig").replace("第16回小学生英語暗唱大会", "第17回小学生英語暗唱大会")
    changed = tmp_path / "0081.csv"
    changed.write_text(text, encoding="utf-8-sig")
    report = imports.import_file(changed, municipality)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 13)
    assert by_source()["0002"].title == "第17回小学生英語暗唱大会"


def test_bad_row_imports_nothing(site_tree, municipality):
    with pytest.raises(ImportFailed, match="13 行目, 列「終了日」, 値 '11/20/2020'"):
        imports.import_file(FIXTURES / "takamatsu_0081_end_before_start.csv", municipality)
    assert not EventPage.objects.exists()


def test_skip_invalid_imports_the_rest_and_lists_the_bad_row(site_tree, municipality):
    report = imports.import_file(FIXTURES / "takamatsu_0081_end_before_start.csv", municipality, skip_invalid=True)
    assert report.created == 5
    assert [(e.row, e.column) for e in report.skipped] == [(13, "終了日")]
    assert "skipped: takamatsu_0081_end_before_start.csv, 13 行目" in report.summary()


def test_text_from_a_file_is_escaped(tmp_path, site_tree, municipality):
    rows = list(csv.reader(FIXTURES.joinpath("standard_events_takamatsu.csv").open(encoding="utf-8-sig")))
    header = rows[0]
    rows[1][header.index("説明")] = '<script>alert("x")</script>\n2行目'
    path = tmp_path / "events.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream).writerows(rows[:2])
    imports.import_file(path, municipality)
    (page,) = EventPage.objects.all()
    assert page.description == "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br/>2行目</p>"


def test_export_writes_the_standard_layout_that_imports_back(tmp_path, site_tree, municipality, library):
    imports.import_file(TAKAMATSU, municipality)
    out = tmp_path / "export.csv"
    assert imports.export_file(out, municipality) == 14
    back = {r.no: r for r in read_events(out).records}
    original = {r.no: r for r in read_events(TAKAMATSU).records}
    for no, record in original.items():
        again = back[no]
        assert (again.title, again.start_date, again.end_date, again.start_time, again.end_time) == (
            record.title,
            record.start_date,
            record.end_date,
            record.start_time,
            record.end_time,
        ), no
        assert again.venue_name == record.venue_name
    assert back["0005"].lat == 34.2535


def test_exported_file_reimports_without_changes(tmp_path, site_tree, municipality, library):
    imports.import_file(TAKAMATSU, municipality)
    out = tmp_path / "export.csv"
    imports.export_file(out, municipality)
    report = imports.import_file(out, municipality)
    assert report.created == 0


@pytest.mark.parametrize(
    ("venue", "expected"),
    [
        ("高松市中央図書館　１階児童コーナー　おはなしのへや", 1),
        ("中央図書館　１階児童コーナー", 1),
        ("高松市生涯学習センター３階　市民ギャラリー", 2),
        ("サンポートホール高松", None),
        ("公園", None),
    ],
)
def test_venue_names_match_the_longest_facility_name_they_start_with(venue, expected):
    facilities = {
        imports.venue_key("高松市中央図書館", "高松市"): 1,
        imports.venue_key("高松市生涯学習センター", "高松市"): 2,
        imports.venue_key("公園", "高松市"): 3,
    }
    assert imports.match_venue(venue, facilities, "高松市") == expected


def test_shifting_years_keeps_the_weekday_of_short_events_and_the_dates_of_long_ones():
    shift = imports.shift_years(6)
    saturday = date(2020, 5, 16)
    start, end = shift(saturday, saturday)
    assert start.weekday() == 5 and abs((start - date(2026, 5, 16)).days) <= 3
    assert shift(date(2020, 4, 1), date(2021, 3, 31)) == (date(2026, 4, 1), date(2027, 3, 31))


# --- the commands -------------------------------------------------------------------


def test_import_opendata_events_command_refuses_a_bad_file_naming_the_row(site_tree, municipality):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError) as error:
        call_command(
            "import_opendata", "events", str(FIXTURES / "takamatsu_0081_end_before_start.csv"), municipality="372013"
        )
    assert "13 行目, 列「終了日」, 値 '11/20/2020'" in str(error.value)
    assert not EventPage.objects.exists()


def test_import_and_export_commands_round_trip(tmp_path, site_tree, municipality):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command(
        "import_opendata",
        "events",
        str(FIXTURES / "takamatsu_0081_end_before_start.csv"),
        municipality="372013",
        skip_invalid=True,
        stdout=out,
    )
    assert "created 5" in out.getvalue() and "13 行目" in out.getvalue()
    target = tmp_path / "events.csv"
    call_command("export_opendata", "events", str(target), municipality="372013", stdout=StringIO())
    assert [r.no for r in read_events(target).records] == ["0006", "0003", "0005", "0001", "0002"]  # by start date


def test_import_for_a_city_without_a_site_says_to_run_setup_city_and_writes_nothing(site_tree):
    from home.models import Municipality
    from home.sites import CityNotSetUp

    ichikawa = Municipality.objects.create(code="122033", name="市川市")
    with pytest.raises(CityNotSetUp, match="setup_city 122033 --name 市川市"):
        imports.import_file(TAKAMATSU, ichikawa)
    assert not EventPage.objects.exists()


def test_import_goes_to_the_citys_own_events_and_venues_are_its_own_facilities(site_tree, municipality, library):
    from home.cities import setup_city
    from home.sites import city_section
    from services.events.models import EventIndexPage

    ichikawa = setup_city("122033", "市川市", hostname="ichikawa.example.jp").municipality
    report = imports.import_file(TAKAMATSU, ichikawa)
    pages = EventPage.objects.filter(municipality=ichikawa)
    assert report.created == pages.count() > 0
    assert {page.get_parent().pk for page in pages} == {city_section(ichikawa, EventIndexPage).pk}
    # 高松市香川図書館 is 高松市's facility: never the venue of an event imported for 市川市.
    assert not pages.filter(venue=library).exists()
    assert not EventPage.objects.child_of(city_section(municipality, EventIndexPage)).exists()
