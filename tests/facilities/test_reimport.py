"""Re-importing facility files keeps an editor's work: renames, edited fields, unpublished pages."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from facilities.models import FacilityPage
from home import groups
from opendata.reading import read_text

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "facilities"
NO_ID = FIXTURES / "layout2021_public_facility_takamatsu.csv"  # 5 libraries, NO but no ID column


def run(*args) -> str:
    out = StringIO()
    with translation.override("ja"):
        call_command(*args, stdout=out)
    return out.getvalue()


def with_ids(tmp_path, ids=("F1", "F2", "F3"), name="schools.csv") -> Path:
    """The first schools of Ichikawa's 2024-layout file, with the IDs the city left empty filled in."""
    lines = read_text(FIXTURES / "ichikawa_122033_101_public_facility.csv").splitlines()[: len(ids) + 1]
    rows = [lines[0]] + [
        line.replace("122033,,", f"122033,{id_},", 1) for line, id_ in zip(lines[1:], ids, strict=True)
    ]
    path = tmp_path / name
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def rename(page, title):
    page.title = title
    page.save()


def test_a_facility_an_editor_renamed_gets_no_duplicate_without_an_id_column(site_tree, municipality):
    run("import_opendata", "facilities", str(NO_ID), "--municipality", "372013")
    rename(FacilityPage.objects.get(title="高松市中央図書館"), "中央図書館（本館）")

    output = run("import_opendata", "facilities", str(NO_ID), "--municipality", "372013")

    assert FacilityPage.objects.count() == 5
    assert FacilityPage.objects.filter(title="中央図書館（本館）").exists()
    assert "created 0, updated 0, unchanged 5" in output
    assert "行 2: 「中央図書館（本館）」の タイトル は編集者が変更しています" in output
    assert "ファイルの値は “高松市中央図書館”" in output


def test_a_facility_is_matched_by_its_id_whatever_an_editor_renamed(site_tree, municipality, tmp_path):
    path = with_ids(tmp_path)
    run("import_opendata", "facilities", str(path), "--municipality", "372013")
    page = FacilityPage.objects.get(source_id="F1")
    page.title, page.address = "市川市立市川小学校", "市川市市川2-32-5"
    page.save()

    output = run("import_opendata", "facilities", str(path), "--municipality", "372013")

    assert FacilityPage.objects.count() == 3
    page.refresh_from_db()
    assert (page.title, page.address) == ("市川市立市川小学校", "市川市市川2-32-5")
    assert output.count("conflict:") == 2


def test_overwrite_edits_takes_the_files_values(site_tree, municipality):
    run("import_opendata", "facilities", str(NO_ID), "--municipality", "372013")
    rename(FacilityPage.objects.get(title="高松市中央図書館"), "中央図書館（本館）")

    output = run("import_opendata", "facilities", str(NO_ID), "--municipality", "372013", "--overwrite-edits")

    assert "created 0, updated 1, unchanged 4" in output and "conflict:" not in output
    assert FacilityPage.objects.filter(title="高松市中央図書館").count() == 1
    assert FacilityPage.objects.count() == 5


def test_a_page_an_editor_unpublished_stays_unpublished(site_tree, municipality, tmp_path):
    path = with_ids(tmp_path)
    run("import_opendata", "facilities", str(path), "--municipality", "372013")
    FacilityPage.objects.get(source_id="F2").unpublish()
    text = path.read_text(encoding="utf-8").replace("(047)372-4726", "(047)372-0000")
    path.write_text(text, encoding="utf-8")

    output = run("import_opendata", "facilities", str(path), "--municipality", "372013")

    page = FacilityPage.objects.get(source_id="F2")
    assert "updated 1" in output
    assert page.phone == "(047)372-0000" and not page.live


def test_two_rows_with_one_id_name_both_rows_and_import_nothing(site_tree, municipality, tmp_path):
    path = with_ids(tmp_path, ids=("F1", "F2", "F1"))
    with pytest.raises(CommandError) as refused:
        run("import_opendata", "facilities", str(path), "--municipality", "372013")
    assert "行 2 と 行 4 の ID が同じです: F1" in str(refused.value)
    assert not FacilityPage.objects.exists()

    output = run("import_opendata", "facilities", str(path), "--municipality", "372013", "--skip-invalid")
    assert "created 2" in output and "4 行目, 列「ID」" in output


def upload(client, municipality, path, **extra):
    data = {
        "kind": "facilities",
        "municipality": municipality.pk,
        "file": SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv"),
        **extra,
    }
    return client.post(reverse("opendata_import"), data)


def commit(client, response):
    return client.post(response.context["preview"]["commit_url"], {"commit": "1"})


def test_the_admin_lists_conflicts_in_japanese_and_offers_the_files_values(client, make_user, site_tree, municipality):
    client.force_login(make_user(groups.EDITORS))
    commit(client, upload(client, municipality, NO_ID))
    rename(FacilityPage.objects.get(title="高松市中央図書館"), "中央図書館（本館）")

    html = commit(client, upload(client, municipality, NO_ID)).content.decode()
    assert "data-import-conflicts" in html
    assert "編集者が変更した 1 項目はそのままにしました" in html
    assert "中央図書館（本館）" in html and "高松市中央図書館" in html
    assert "ファイルの値で上書きする" in html
    assert FacilityPage.objects.filter(title="中央図書館（本館）").exists()

    commit(client, upload(client, municipality, NO_ID, overwrite_edits="on"))
    assert FacilityPage.objects.filter(title="高松市中央図書館").count() == 1
    assert FacilityPage.objects.count() == 5
