"""One page per place: 高松市's library, AED and evacuation-site lists (the real files in
data/opendata) merge into one page per building, re-import changes nothing, a wrong merge splits."""

from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Locale

from facilities.loading import export_opendata_file, import_opendata_file, role_key, split_role
from facilities.models import FacilityPage
from facilities.places import Place, same_place
from home.models import Municipality
from tests.rows import module_rows

pytestmark = pytest.mark.django_db

DATA = Path(settings.BASE_DIR) / "data" / "opendata" / "takamatsu-opendata"
FILES = [("facilities", "0035.csv", "library"), ("facilities", "0004.csv", "community_centre"),
         ("aed", "0002.csv", None), ("evacuation", "0060.csv", None)]  # fmt: skip
CITY = ("高松市",)


def test_same_building_by_name_and_address_written_differently():
    library = Place("高松市中央図書館", "高松市昭和町一丁目2-20", 34.34397, 134.03447778)
    aed = Place("中央図書館", "高松市昭和町１丁目2番20号", None, None)
    assert same_place(library, aed, CITY)


def test_same_building_by_name_and_position_when_addresses_differ():
    centre = Place("高松市四番丁コミュニティセンター", "高松市番町二丁目3-5", 34.34355, 134.04488)
    site = Place("四番丁コミュニティセンター", "香川県高松市番町2-3-5 別館", 34.34360, 134.04490)
    assert same_place(centre, site, CITY)


def test_a_name_alone_or_a_position_alone_is_not_the_same_place():
    library = Place("高松市中央図書館", "高松市昭和町一丁目2-20", 34.34397, 134.03447778)
    assert not same_place(library, Place("中央図書館", "高松市牟礼町牟礼130-2", 34.3414, 134.1427), CITY)
    assert not same_place(library, Place("昭和町郵便局", "高松市昭和町一丁目2-20", 34.34397, 134.03447), CITY)
    assert not same_place(library, Place("中央", "高松市昭和町一丁目2-20"), CITY)  # too short to tell


def _import_takamatsu():
    municipality = Municipality.objects.get(code="372013")
    reports = [
        import_opendata_file(kind, DATA / name, municipality, skip_invalid=True, category_code=category)
        for kind, name, category in FILES
    ]
    return [note for report in reports for note in report.notes]


takamatsu_rows = module_rows(_import_takamatsu)


@pytest.fixture
def notes(site_tree, municipality, takamatsu_rows):
    return takamatsu_rows


def page(title):
    return FacilityPage.objects.get(title=title, locale=Locale.get_default())


def test_the_library_carries_its_aed_and_the_aed_page_is_gone(notes):
    library = page("高松市中央図書館")
    assert library.role_codes == ["library", "aed"]
    assert library.aed["aed_location"] == "１階中央カウンター"
    assert not FacilityPage.objects.filter(title="中央図書館").exists()


def test_a_community_centre_carries_its_aed_and_its_evacuation_site(notes):
    centre = page("高松市四番丁コミュニティセンター")
    assert set(centre.role_codes) == {"community_centre", "aed", "evacuation"}
    assert centre.evacuation["capacity"] and centre.evacuation["hazard_labels"]
    assert FacilityPage.objects.filter(title__contains="四番丁コミュニティセンター").count() == 1


def test_the_import_report_lists_each_merge(notes):
    assert "merged: AED設置箇所一覧 “中央図書館” (高松市昭和町一丁目2-20) → “高松市中央図書館”" in notes
    merges = [note for note in notes if note.startswith("merged: ")]
    assert len(merges) > 100
    assert sum(len(p.roles) for p in FacilityPage.objects.exclude(roles=[]).filter(locale__language_code="ja")) == len(
        merges
    )


def test_a_second_import_changes_nothing(notes, municipality):
    before = FacilityPage.objects.count()
    report = import_opendata_file("aed", DATA / "0002.csv", municipality, skip_invalid=True)
    assert (report.created, report.updated) == (0, 0)
    assert report.unchanged == 514
    assert not [note for note in report.notes if note.startswith("merged")]
    assert FacilityPage.objects.count() == before


def test_merged_rows_are_still_exported_as_rows(notes, municipality, tmp_path):
    assert export_opendata_file("aed", tmp_path / "aed.csv", municipality) == 514


def test_a_wrong_merge_splits_off_and_stays_apart_on_the_next_import(notes, municipality):
    library = page("高松市中央図書館")
    key = library.roles[0]["key"]
    assert key == role_key("", ("中央図書館", "高松市昭和町一丁目2-20", 1))
    aed = split_role(library, key)
    assert aed.title == "中央図書館" and aed.kind == "aed" and aed.keep_separate and aed.live
    assert page("高松市中央図書館").role_codes == ["library"]

    report = import_opendata_file("aed", DATA / "0002.csv", municipality, skip_invalid=True)
    assert report.created == 0
    assert page("高松市中央図書館").role_codes == ["library"]
    assert FacilityPage.objects.filter(title="中央図書館", keep_separate=True).count() == 1


def test_the_admin_lists_the_roles_and_splits_one(notes, admin_client):
    library = page("高松市中央図書館")
    url = f"/admin/facilities/{library.pk}/roles/"
    html = admin_client.get(url).content.decode()
    assert "１階中央カウンター" in html and "中央図書館" in html
    response = admin_client.post(url, {"key": library.roles[0]["key"]})
    assert response.status_code == 302
    assert page("高松市中央図書館").roles == []
    assert FacilityPage.objects.filter(title="中央図書館", kind="aed").exists()
