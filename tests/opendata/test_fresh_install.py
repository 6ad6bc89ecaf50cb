"""A fresh install: every import refuses a city that is not set up; after setup_city, each lands in that city.

The session tree holds 高松市 (tests/conftest.py); the cities here (市川市, 金沢市, 横浜市) are not
set up until a test runs ``setup_city``, as a city's IT staff would after ``migrate``. The files
are the real ones that ship in tests/fixtures and data/opendata.
"""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from home.models import Municipality
from home.sites import CityNotSetUp, city_pages_q, city_section

ROOT = Path(__file__).resolve().parents[2]
FACILITIES = ROOT / "tests" / "fixtures" / "facilities"
EVENTS = ROOT / "tests" / "fixtures" / "events"
NURSERIES = ROOT / "tests" / "fixtures" / "nurseries"
OPENDATA = ROOT / "data" / "opendata"

ICHIKAWA = ("122033", "市川市", "ichikawa.example.jp")
KANAZAWA = ("172014", "金沢市", "kanazawa.example.jp")
YOKOHAMA = ("141003", "横浜市", "yokohama.example.jp")

FACILITY_FILES = {
    "facilities": "ichikawa_122033_101_public_facility.csv",
    "evacuation": "ichikawa_122033_103_evacuation_space.csv",
    "childcare": "ichikawa_122033_105_preschool.csv",
    "aed": "ichikawa_122033_108_aed.csv",
}


def run(*args) -> str:
    out = io.StringIO()
    call_command(*map(str, args), stdout=out)
    return out.getvalue()


def events_file(tmp_path) -> Path:
    """Takamatsu's real events in the standard layout, given as 市川市's (its code in the code column)."""
    with (EVENTS / "standard_events_takamatsu.csv").open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.reader(source))
    for row in rows[1:]:
        row[0], row[3] = ICHIKAWA[0], ICHIKAWA[1]
    path = tmp_path / "122033_events.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


def import_commands(tmp_path):
    """(city, arguments) of every import command, one per kind."""
    code, name, _host = ICHIKAWA
    commands = [
        (ICHIKAWA, ["import_opendata", kind, FACILITIES / file, "--municipality", code])
        for kind, file in FACILITY_FILES.items()
    ]
    commands.append((ICHIKAWA, ["import_opendata", "events", events_file(tmp_path), "--municipality", code]))
    commands.append((KANAZAWA, ["import_5374", OPENDATA / "5374-kanazawa", "--municipality", KANAZAWA[0]]))
    vacancies = NURSERIES / "yokohama_202408_kanou_sample.csv"
    commands.append((YOKOHAMA, ["import_vacancies", vacancies, "--as-of", "2024-08-01", "--municipality", YOKOHAMA[0]]))
    return commands


def counts() -> dict:
    from wagtail.models import Page

    from facilities.models import FacilityPage
    from services.events.models import EventPage
    from services.garbage.models import CollectionArea, SortingItem
    from services.nurseries.models import VacancyNotice

    models = [Municipality, Page, FacilityPage, EventPage, CollectionArea, SortingItem, VacancyNotice]
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.parametrize("with_name", [True, False])
def test_every_import_into_a_city_not_set_up_says_what_to_run_in_one_line_and_writes_nothing(
    site_tree, tmp_path, with_name
):
    before = counts()
    commands = import_commands(tmp_path)
    assert len(commands) == 7
    for (code, name, _host), args in commands:
        if with_name:
            args = [*args, "--municipality-name", name]
        with pytest.raises(CommandError) as raised:
            run(*args)
        message = str(raised.value)
        assert message == str(CityNotSetUp(code, name if with_name else "")), args
        assert "\n" not in message
        if with_name:
            assert f"run `python manage.py setup_city {code} --name {name}` first." in message
        assert not Municipality.objects.filter(code=code).exists(), args
    assert counts() == before


def test_a_city_in_the_database_but_without_a_site_is_named_from_the_database(site_tree, tmp_path):
    Municipality.objects.create(code=ICHIKAWA[0], name=ICHIKAWA[1])
    with pytest.raises(CommandError) as raised:
        run("import_opendata", "aed", FACILITIES / FACILITY_FILES["aed"], "--municipality", ICHIKAWA[0])
    assert str(raised.value) == (
        "市川市 (122033) is not set up on this portal yet: run `python manage.py setup_city 122033 --name 市川市` first."
    )


def set_up(city):
    code, name, host = city
    run("setup_city", code, "--name", name, "--hostname", host)
    return Municipality.objects.get(code=code)


def test_setup_city_then_the_standard_facility_files_land_in_ichikawas_own_directory(client, site_tree):
    from facilities.models import FacilityIndexPage, FacilityPage

    ichikawa = set_up(ICHIKAWA)
    host = ICHIKAWA[2]
    directory = city_section(ichikawa, FacilityIndexPage)
    for kind, file in FACILITY_FILES.items():
        output = run("import_opendata", kind, FACILITIES / file, "--municipality", ICHIKAWA[0])
        assert "created " in output, kind
        pages = FacilityPage.objects.filter(municipality=ichikawa, kind=kind)
        assert pages.exists(), kind
        # under 市川市's own 施設案内, not 高松市's
        assert not pages.exclude(path__startswith=directory.path).exists(), kind
        assert not pages.filter(city_pages_q(site_tree)).exists(), kind

    school = FacilityPage.objects.filter(municipality=ichikawa, kind="facilities").order_by("path").first()
    # (its evacuation-site row is merged into its page: one page for the school, found by name)
    response = client.get(directory.get_url(), {"q": school.title}, HTTP_HOST=host)
    assert response.status_code == 200
    assert school.title in response.content.decode()
    assert "evacuation" in school.role_kinds
    response = client.get(school.get_url(), HTTP_HOST=host)
    assert response.status_code == 200 and school.title in response.content.decode()
    # 高松市's site does not list them
    assert school.title not in client.get("/api/v1/facilities", {"q": school.title}).content.decode()


def test_setup_city_then_the_standard_events_file_lands_in_ichikawas_own_events(client, site_tree, tmp_path):
    from services.events.models import EventIndexPage, EventPage

    ichikawa = set_up(ICHIKAWA)
    run("import_opendata", "events", events_file(tmp_path), "--municipality", ICHIKAWA[0])
    mine = EventPage.objects.filter(municipality=ichikawa)
    assert mine.count() == 8  # every row of the file
    index = city_section(ichikawa, EventIndexPage)
    assert not mine.exclude(path__startswith=index.path).exists()  # under 市川市's イベント, not 高松市's
    assert not mine.filter(city_pages_q(site_tree)).exists()
    event = mine.order_by("path").first()
    response = client.get(event.get_url(), HTTP_HOST=ICHIKAWA[2])
    assert response.status_code == 200 and event.title in response.content.decode()


def test_setup_city_then_5374_garbage_lands_on_kanazawas_site(client, site_tree):
    from services.garbage.models import CollectionArea, GarbageCalendarPage

    kanazawa = set_up(KANAZAWA)
    run("import_5374", OPENDATA / "5374-kanazawa", "--municipality", KANAZAWA[0], "--week-shift")
    assert CollectionArea.objects.filter(municipality=kanazawa).count() == 71
    section = city_section(kanazawa, GarbageCalendarPage)
    assert section.municipality_id == kanazawa.pk
    response = client.get(section.get_url(), HTTP_HOST=KANAZAWA[2])
    assert response.status_code == 200
    assert "浅野川" in response.content.decode()


def test_setup_city_then_yokohama_vacancies_land_on_yokohamas_site(client, site_tree):
    from services.nurseries.demo import ensure_yokohama_nurseries
    from services.nurseries.models import NurseryIndexPage, VacancyNotice

    yokohama = set_up(YOKOHAMA)
    ensure_yokohama_nurseries(
        yokohama, NURSERIES / "yokohama_202408_kanou_sample.csv", NURSERIES / "yokohama_202408_location_sample.csv"
    )
    vacancies = NURSERIES / "yokohama_202408_kanou_sample.csv"
    output = run("import_vacancies", vacancies, "--as-of", "2024-08-01", "--municipality", YOKOHAMA[0])
    assert "published" in output
    notice = VacancyNotice.objects.get(municipality=yokohama)
    assert notice.live and notice.nursery_count == 24
    section = city_section(yokohama, NurseryIndexPage)
    response = client.get(section.get_url(), HTTP_HOST=YOKOHAMA[2])
    assert response.status_code == 200
    assert "2024年8月1日" in response.content.decode()
