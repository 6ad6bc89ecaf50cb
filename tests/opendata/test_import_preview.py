"""The admin preview shows what an import would do before anything is written (created, updated
field by field, unchanged, conflicts), and staff choose per conflict: keep the editor's value or
take the file's. One flow for every kind: the open data KINDs and the 5374 upload."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from facilities.models import FacilityPage
from home import groups
from home.cities import setup_city
from opendata.models import ImportedValues
from services.garbage.apps import GARBAGE_STAFF
from services.garbage.models import CollectionArea, CollectionRule, SortingItem
from tests.services.garbage.test_importers import OPENDATA

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "facilities"
LIBRARIES = FIXTURES / "layout2021_public_facility_takamatsu.csv"  # 5 libraries of 高松市


def upload(client, municipality, path=LIBRARIES, **extra):
    data = {
        "kind": "facilities",
        "municipality": municipality.pk,
        "file": SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv"),
        **extra,
    }
    return client.post(reverse("opendata_import"), data)


def commit(client, preview, **choices):
    return client.post(preview.context["preview"]["commit_url"], {"commit": "1", **choices})


def rename(title, new_title):
    page = FacilityPage.objects.get(title=title)
    page.title = new_title
    page.save()
    return page


@pytest.fixture
def imported(client, make_user, site_tree, municipality):
    """The five libraries imported through the admin, and an editor's rename of two of them."""
    client.force_login(make_user(groups.EDITORS))
    commit(client, upload(client, municipality))
    central = rename("高松市中央図書館", "中央図書館（本館）")
    south = rename("高松市牟礼図書館", "牟礼図書館（分館）")
    return central, south


def test_the_preview_counts_and_lists_conflicts_in_japanese_and_writes_nothing(client, municipality, imported):
    records = list(ImportedValues.objects.order_by("pk").values_list("values", flat=True))

    preview = upload(client, municipality)
    html = preview.content.decode()

    outcome = preview.context["preview"]["outcome"]
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 5)
    assert "取り込むとこうなります" in html and "まだ何も書き込んでいません" in html
    assert "変更なし: 5 件" in html and "編集者が変更した項目: 2 件" in html
    assert "data-import-conflict-choice" in html
    assert "中央図書館（本館）" in html and "高松市中央図書館" in html and "タイトル" in html
    # nothing written: the editor's titles, the remembered values, no new page
    assert FacilityPage.objects.filter(title__in=["中央図書館（本館）", "牟礼図書館（分館）"]).count() == 2
    assert list(ImportedValues.objects.order_by("pk").values_list("values", flat=True)) == records
    assert FacilityPage.objects.count() == 5


def test_staff_take_the_files_value_for_one_conflict_and_keep_the_other(client, municipality, imported):
    central, south = imported
    preview = upload(client, municipality)
    keys = {conflict.target: conflict.key for conflict in preview.context["preview"]["outcome"].conflicts}

    response = commit(
        client,
        preview,
        **{f"conflict:{keys['中央図書館（本館）']}": "file", f"conflict:{keys['牟礼図書館（分館）']}": "keep"},
    )

    assert response.status_code == 200
    central.refresh_from_db()
    south.refresh_from_db()
    assert central.title == "高松市中央図書館"
    assert south.title == "牟礼図書館（分館）"


def test_staff_take_every_files_value_at_once(client, municipality, imported):
    commit(client, upload(client, municipality), **{"conflicts-all": "file"})
    assert set(FacilityPage.objects.values_list("title", flat=True)) >= {"高松市中央図書館", "高松市牟礼図書館"}


def test_keeping_every_editors_value_changes_nothing(client, municipality, imported):
    commit(client, upload(client, municipality), **{"conflicts-all": "keep"})
    assert FacilityPage.objects.filter(title__in=["中央図書館（本館）", "牟礼図書館（分館）"]).count() == 2


def test_a_file_with_a_bad_row_shows_the_row_in_japanese_and_nothing_is_imported(
    client, make_user, site_tree, municipality
):
    client.force_login(make_user(groups.EDITORS))
    preview = upload(client, municipality, FIXTURES / "bad_rows_public_facility.csv")
    html = preview.content.decode()
    assert preview.context["preview"]["outcome"] is None
    assert "3 行目, 列「緯度」" in html and "入れ替わっているようです" in html
    assert 'name="commit"' not in html
    assert FacilityPage.objects.count() == 0


# -- the 5374 upload: areas, their collection days and the dictionary -------------------------


def _uploads(folder, names=("0090.csv", "0074.csv")):
    return [SimpleUploadedFile(name, (folder / name).read_bytes(), content_type="text/csv") for name in names]


@pytest.fixture
def takamatsu_garbage(db, site_tree):
    municipality = setup_city("372013", "高松市").municipality
    call_command("import_5374", str(OPENDATA / "takamatsu-opendata"), "--municipality", "372013", stdout=io.StringIO())
    return municipality


def test_the_5374_upload_previews_an_editors_collection_days_and_dictionary_note_and_lets_staff_choose(
    client, make_user, takamatsu_garbage
):
    area = CollectionArea.objects.filter(municipality=takamatsu_garbage).order_by("sort_order").first()
    rules = CollectionRule.objects.filter(area=area)
    from_file = rules.count()
    rules.order_by("pk").first().delete()  # 環境課 took one collection off
    item = SortingItem.objects.filter(municipality=takamatsu_garbage).order_by("sort_order").first()
    file_notice = item.notice
    item.notice = "キャップを外して出してください"
    item.save()

    client.force_login(make_user(GARBAGE_STAFF))
    preview = client.post(
        "/admin/garbage/upload-5374/",
        {"municipality": takamatsu_garbage.pk, "files": _uploads(OPENDATA / "takamatsu-opendata")},
    )
    html = preview.content.decode()
    conflicts = {conflict.field: conflict for conflict in preview.context["preview"]["outcome"].conflicts}
    assert set(conflicts) == {"rules", "notice"}
    assert "収集日" in html and "キャップを外して出してください" in html
    assert rules.count() == from_file - 1  # the preview wrote nothing
    assert SortingItem.objects.get(pk=item.pk).notice == "キャップを外して出してください"

    commit(
        client, preview, **{f"conflict:{conflicts['rules'].key}": "keep", f"conflict:{conflicts['notice'].key}": "file"}
    )

    item.refresh_from_db()
    assert item.notice == file_notice
    assert rules.count() == from_file - 1
    # and the same files again: nothing changes, the kept collection day is still a conflict
    output = io.StringIO()
    call_command("import_5374", str(OPENDATA / "takamatsu-opendata"), "--municipality", "372013", stdout=output)
    assert output.getvalue().startswith("created 0, updated 0, unchanged ")
    assert rules.count() == from_file - 1


def test_with_overwrite_ticked_the_preview_still_lists_the_conflicts_with_the_files_value_chosen(
    client, municipality, imported
):
    preview = upload(client, municipality, overwrite_edits="on")
    html = preview.content.decode()
    assert len(preview.context["preview"]["outcome"].conflicts) == 2
    assert 'value="file" checked' in html
    commit(client, preview)  # no choice posted: the form's tick decides
    assert FacilityPage.objects.filter(title__in=["高松市中央図書館", "高松市牟礼図書館"]).count() == 2
