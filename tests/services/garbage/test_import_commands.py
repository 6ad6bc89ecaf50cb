"""import_5374 / export_5374 on the real files: counts, idempotence, strict errors, round trips."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from home.cities import setup_city
from home.models import Municipality
from services.garbage.calendar import AreaSchedule
from services.garbage.importers import read_5374_dir
from services.garbage.models import CollectionArea, CollectionRule, DisposalCentre, GarbageCategory, SortingItem
from services.garbage.rules import Exceptions, Shutdown, collection_dates
from tests.services.garbage.test_importers import FIXTURES, OPENDATA

# Round trips go to a municipality of their own: this module shares 金沢市's import between its tests.
ROUND_TRIP = "999997"


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_kanazawa_import_creates_everything(kanazawa):
    assert CollectionArea.objects.filter(municipality=kanazawa).count() == 71
    assert GarbageCategory.objects.filter(municipality=kanazawa, scheduled=True).count() == 4
    assert SortingItem.objects.filter(municipality=kanazawa).count() == 1251
    assert DisposalCentre.objects.get(municipality=kanazawa, name="東部管理センター").week_shift is True
    area = CollectionArea.objects.get(municipality=kanazawa, name="浅野川")
    assert area.centre.name == "東部管理センター"
    assert {r.category.name for r in CollectionRule.objects.filter(area=area)} == {
        "燃やすごみ",
        "燃やさないごみ",
        "資源",
        "あきびん",
    }


def test_reimporting_the_same_files_changes_nothing(kanazawa):
    before = list(CollectionRule.objects.order_by("pk").values_list("pk", flat=True))
    output = run("import_5374", str(OPENDATA / "5374-kanazawa"), "--municipality", "172014", "--week-shift")
    assert output.startswith("created 0, updated 0, unchanged ")
    assert list(CollectionRule.objects.order_by("pk").values_list("pk", flat=True)) == before


def test_database_calendar_equals_the_files_with_week_shift(kanazawa):
    dataset, _ = read_5374_dir(OPENDATA / "5374-kanazawa")
    centres = {c.name: Shutdown(c.start, c.end) for c in dataset.centres}
    areas = {
        a.name: a for a in CollectionArea.objects.filter(municipality=kanazawa).select_related("centre", "municipality")
    }
    for source in dataset.areas[:10]:
        schedule = AreaSchedule.load(areas[source.name])
        for category_id, category in schedule.categories.items():
            expected = collection_dates(
                source.cells[category.name].rules,
                date(2022, 12, 1),
                date(2023, 2, 28),
                Exceptions(shutdowns=(centres[source.centre],), week_shift=True),
            )
            assert [d for d, _note in schedule.dates(category_id, date(2022, 12, 1), date(2023, 2, 28))] == expected


@pytest.mark.parametrize("name", ["kanazawa", "meguro", "ikoma"])
def test_export_after_import_gives_equal_files(db, tmp_path, name):
    setup_city(ROUND_TRIP, "テスト市")
    run("import_5374", str(OPENDATA / f"5374-{name}"), "--municipality", ROUND_TRIP, "--municipality-name", "テスト市")
    run("export_5374", str(tmp_path), "--municipality", ROUND_TRIP)
    original, _ = read_5374_dir(OPENDATA / f"5374-{name}")
    exported, errors = read_5374_dir(tmp_path)
    assert errors == []
    assert [(a.name, a.centre, a.cells) for a in exported.areas] == [
        (a.name, a.centre, a.cells) for a in original.areas
    ]
    assert [(t.category, t.name, t.notice, t.furigana) for t in exported.targets] == [
        (t.category, t.name, t.notice, t.furigana) for t in original.targets
    ]
    assert exported.centres == original.centres
    # and importing the export again changes nothing
    output = run("import_5374", str(tmp_path), "--municipality", ROUND_TRIP)
    assert output.startswith("created 0, updated 0, unchanged ")


def test_hakodate_strict_import_fails_naming_file_row_column_value_and_imports_nothing(db):
    setup_city("012025", "函館市")
    with pytest.raises(CommandError) as raised:
        run("import_5374", str(OPENDATA / "5374-hakodate"), "--municipality", "012025", "--municipality-name", "函館市")
    message = str(raised.value)
    assert "Nothing was imported: 1 problem(s)." in message
    assert "area_days.csv, 15 行目, 列「缶・びん・ペットボトル」, 値 '2020024'" in message
    assert not CollectionArea.objects.filter(municipality__code="012025").exists()
    assert not GarbageCategory.objects.filter(municipality__code="012025").exists()


def test_hakodate_skip_invalid_imports_the_rest_and_lists_the_skipped_row(db):
    setup_city("012025", "函館市")
    output = run(
        "import_5374", str(OPENDATA / "5374-hakodate"), "--municipality", "012025", "--municipality-name", "函館市",
        "--skip-invalid",
    )  # fmt: skip
    assert "skipped: area_days.csv, 15 行目, 列「缶・びん・ペットボトル」, 値 '2020024'" in output
    assert CollectionArea.objects.filter(municipality__code="012025").count() == 15
    assert not CollectionArea.objects.filter(name="カレンダー(14)").exists()


def test_takamatsu_files_import_through_the_same_command(db, tmp_path):
    for name in ("0090.csv", "0074.csv"):
        (tmp_path / name).write_bytes((OPENDATA / "takamatsu-opendata" / name).read_bytes())
    run("import_5374", str(tmp_path), "--municipality", "372013", "--municipality-name", "高松市")
    town = Municipality.objects.get(code="372013")
    assert CollectionArea.objects.filter(municipality=town).count() == 8
    assert SortingItem.objects.filter(municipality=town).count() == 606
    first = CollectionArea.objects.get(municipality=town, name__startswith="高松第一")
    # the towns its name lists (松島 → 松島町一丁目 …), as the gazetteer writes them; 校区 names are no towns
    assert "松島町一丁目" in first.towns.splitlines() and "高松第一" not in first.towns.splitlines()


def test_bad_municipality_code_is_refused(db):
    with pytest.raises(CommandError, match="172019"):
        run("import_5374", str(FIXTURES / "kanazawa-trimmed"), "--municipality", "172019", "--municipality-name", "x")


def test_imported_dictionary_is_searchable_at_once_without_reindexing(client, kanazawa):
    from home.cities import setup_city

    setup_city(kanazawa.code, kanazawa.name, hostname="kanazawa.localhost")  # its dictionary is found on its site
    response = client.get("/api/v1/search", {"q": "あいろん", "type": "garbage"}, HTTP_HOST="kanazawa.localhost")
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert any("アイロン" in title for title in titles), titles


def test_garbage_page_is_found_by_the_category_names_an_import_brings(site_tree):
    """A resident who types a category name (燃やさないごみ) lands on the calendar page, even when
    the page was published before the city's data was imported."""
    from home.sites import city_section
    from search.searching import site_search
    from services.garbage.models import GarbageCalendarPage

    city = setup_city(ROUND_TRIP, "テスト市", prefecture="石川県").municipality
    page = city_section(city, GarbageCalendarPage)  # the city's own ごみ section, as setup_city made it
    page.title = "ごみの出し方"
    page.save_revision().publish()

    from django.test import RequestFactory

    request = RequestFactory().get("/", HTTP_HOST=f"{ROUND_TRIP}.localhost")  # the city's own site

    def found(query):  # other cities' garbage pages (金沢市's, shared by this module) may match too
        hits = site_search(query, kind="pages", request=request).hits
        return [hit.title for hit in hits if hit.obj.pk == page.pk]

    assert found("燃やさないごみ") == []

    run("import_5374", str(OPENDATA / "5374-kanazawa"), "--municipality", ROUND_TRIP, "--week-shift")

    for query in ["燃やさないごみ", "あきびん"]:
        assert found(query) == ["ごみの出し方"], query
