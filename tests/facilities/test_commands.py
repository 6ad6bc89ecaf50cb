"""import_opendata / export_opendata on the real files: atomic, idempotent, round trip, geocoding report."""

import csv
import io
import json
import unicodedata
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from facilities.importers import parse_file
from facilities.models import FacilityPage

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "facilities"
SETONAICHO = next(
    (t["lat"], t["lng"])
    for t in json.loads((ROOT / "data/opendata/gazetteer-geolonia/ja/香川県/高松市.json").read_text(encoding="utf-8"))
    if t["town"] == "瀬戸内町"
)


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def takamatsu(site_tree, municipality):
    return municipality


@pytest.mark.parametrize(
    ("kind", "name", "rows"),
    [
        ("facilities", "ichikawa_122033_101_public_facility.csv", 30),
        ("evacuation", "ichikawa_122033_103_evacuation_space.csv", 20),
        ("childcare", "ichikawa_122033_105_preschool.csv", 20),
        ("aed", "ichikawa_122033_108_aed.csv", 30),
        ("childcare", "kawaguchi_112038_preschool.csv", 20),
        ("aed", "takamatsu_0002_aed.csv", 30),
        ("facilities", "takamatsu_0035_libraries.csv", 5),
        ("evacuation", "takamatsu_0060_evacuation.csv", 30),
        ("facilities", "layout2021_public_facility_takamatsu.csv", 5),
        ("aed", "layout2021_aed_takamatsu_cp932.csv", 15),
    ],
)
def test_import_each_real_file_then_again_changes_nothing(takamatsu, kind, name, rows):
    output = run("import_opendata", kind, str(FIXTURES / name), "--municipality", "372013")
    assert f"created {rows}, updated 0, unchanged 0" in output
    assert FacilityPage.objects.filter(kind=kind).count() == rows
    again = run("import_opendata", kind, str(FIXTURES / name), "--municipality", "372013")
    assert f"created 0, updated 0, unchanged {rows}" in again
    assert FacilityPage.objects.filter(kind=kind).count() == rows


def test_imported_pages_carry_the_files_facts(takamatsu):
    run("import_opendata", "evacuation", str(FIXTURES / "takamatsu_0060_evacuation.csv"), "--municipality", "372013")
    run("import_opendata", "facilities", str(FIXTURES / "takamatsu_0035_libraries.csv"), "--municipality", "372013")
    site = FacilityPage.objects.get(title="日新小学校跡施設")
    assert (site.category.code, site.capacity, site.latitude, site.longitude) == (
        "evacuation",
        238,
        34.34753333,
        134.03003917,
    )
    assert site.hazard_labels() == ["洪水", "土砂災害", "地震", "大規模な火事", "内水氾濫"]
    library = FacilityPage.objects.get(title="高松市中央図書館")
    assert library.category.code == "library"
    assert library.live and library.get_parent().specific_class.__name__ == "FacilityIndexPage"


def test_a_bad_row_imports_nothing_and_names_file_row_column_value(takamatsu):
    with pytest.raises(CommandError) as caught:
        run("import_opendata", "facilities", str(FIXTURES / "bad_rows_public_facility.csv"), "--municipality", "372013")
    message = str(caught.value)
    assert "Nothing was imported" in message
    assert "bad_rows_public_facility.csv, 3 行目, 列「緯度」, 値 '139.91005'" in message
    assert "4 行目, 列「名称」" in message
    assert "5 行目, 列「開始時間」, 値 '朝9時半'" in message
    assert FacilityPage.objects.count() == 0


def test_skip_invalid_imports_the_good_rows_and_lists_the_rest(takamatsu):
    output = run(
        "import_opendata",
        "facilities",
        str(FIXTURES / "bad_rows_public_facility.csv"),
        "--municipality",
        "372013",
        "--skip-invalid",
    )
    assert "created 2" in output
    assert output.count("skipped: ") == 3
    assert FacilityPage.objects.count() == 2


def test_rows_without_coordinates_are_geocoded_and_reported(takamatsu, tmp_path):
    text = (FIXTURES / "takamatsu_0004_community_centres.csv").read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    rows = list(csv.reader(lines[9:12]))
    for cells in rows:
        cells[-1] = ","  # Takamatsu's way of saying "no position"
    rows[2][2] = "綾歌郡綾川町萱原822-1"  # outside the gazetteer
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path = tmp_path / "community.csv"
    path.write_text("\n".join(lines[:9]) + "\n" + out.getvalue() + "\n".join(lines[12:]) + "\n", encoding="utf-8-sig")
    output = run("import_opendata", "facilities", str(path), "--municipality", "372013")
    assert "geocoded 3 row(s) without coordinates from their address: not found 1, town 2" in output
    first = FacilityPage.objects.get(title="高松市日新コミュニティセンター")  # 高松市瀬戸内町22-9
    assert (first.latitude, first.longitude) == SETONAICHO
    assert FacilityPage.objects.get(title=rows[2][1]).latitude is None


def test_export_then_import_gives_back_the_same_facilities(takamatsu, tmp_path):
    for kind, name in [
        ("aed", "ichikawa_122033_108_aed.csv"),
        ("evacuation", "takamatsu_0060_evacuation.csv"),
        ("childcare", "kawaguchi_112038_preschool.csv"),
    ]:
        run("import_opendata", kind, str(FIXTURES / name), "--municipality", "372013")
        out = tmp_path / f"{kind}.csv"
        assert f"Wrote {len(parse_file(kind, FIXTURES / name).records)} row(s)" in run(
            "export_opendata", kind, str(out), "--municipality", "372013"
        )
        assert out.read_bytes().startswith(b"\xef\xbb\xbf")
        exported = parse_file(kind, out).records
        original = parse_file(kind, FIXTURES / name).records
        for before, after in zip(original, exported, strict=True):
            before.row = after.row = 0
            before.municipality_code = after.municipality_code = ""
            assert after == before
        again = run("import_opendata", kind, str(out), "--municipality", "372013")
        assert f"created 0, updated 0, unchanged {len(original)}" in again


def test_kindergartens_in_the_facilities_layout_import_and_export_as_childcare(takamatsu, tmp_path):
    """Takamatsu publishes its kindergartens in the 公共施設 layout: they belong in the childcare
    list all the same, and a childcare file is still refused as plain facilities."""
    source = FIXTURES / "takamatsu_0012_kindergartens.csv"
    assert "created 18" in run("import_opendata", "childcare", str(source), "--municipality", "372013")
    kindergarten = FacilityPage.objects.get(title="高松市立前田幼稚園")
    assert (kindergarten.kind, kindergarten.category.code) == ("childcare", "childcare")
    out = tmp_path / "childcare.csv"
    assert "Wrote 18 row(s)" in run("export_opendata", "childcare", str(out), "--municipality", "372013")
    assert "高松市立前田幼稚園" in out.read_text(encoding="utf-8-sig")
    assert "created 0, updated 0, unchanged 18" in run(
        "import_opendata", "childcare", str(source), "--municipality", "372013"
    )
    with pytest.raises(CommandError, match="childcare"):
        run("import_opendata", "facilities", str(FIXTURES / "takamatsu_0013_nurseries.csv"), "--municipality", "372013")


def test_unknown_kind_and_wrong_kind_file(takamatsu):
    with pytest.raises(CommandError, match="Unknown KIND 'toilets'"):
        run("import_opendata", "toilets", str(FIXTURES / "takamatsu_0035_libraries.csv"), "--municipality", "372013")
    with pytest.raises(CommandError, match="evacuation"):
        run("import_opendata", "aed", str(FIXTURES / "takamatsu_0060_evacuation.csv"), "--municipality", "372013")


def test_municipality_code_check_digit_is_validated(takamatsu):
    with pytest.raises(CommandError):
        run("import_opendata", "aed", str(FIXTURES / "ichikawa_122033_108_aed.csv"), "--municipality", "122034")


def test_one_building_listed_twice_gives_two_pages_and_reimport_is_stable(takamatsu, tmp_path):
    """Takamatsu's AED list names some buildings twice (高松駅: concourse and elsewhere)."""
    lines = (ROOT / "data/opendata/takamatsu-opendata/0002.csv").read_text(encoding="utf-8-sig").splitlines()
    names = ("四国旅客鉄道株式会社\u3000高松駅", "東横イン\u3000高松兵庫町", "株式会社\u3000ユーミック")
    squash = lambda text: unicodedata.normalize("NFKC", text).replace(" ", "")  # noqa: E731
    rows = [line for line in lines[9:] if any(f",{squash(name)}," in squash(line) for name in names)]
    assert len(rows) >= 6
    path = tmp_path / "aed.csv"
    path.write_text("\n".join(lines[:9] + rows) + "\n", encoding="utf-8-sig")
    assert f"created {len(rows)}, updated 0" in run("import_opendata", "aed", str(path), "--municipality", "372013")
    station = [p for p in FacilityPage.objects.all() if squash(p.title) == squash(names[0])]
    places = sorted(p.aed_location for p in station)
    assert len(places) >= 2 and len(set(places)) == len(places)
    assert f"created 0, updated 0, unchanged {len(rows)}" in run(
        "import_opendata", "aed", str(path), "--municipality", "372013"
    )
