"""The admin import of a registered KIND: upload -> preview (nothing written) -> commit, per permission."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from facilities.models import FacilityPage
from home import groups
from services.garbage.apps import GARBAGE_STAFF

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "facilities"


def upload(client, municipality, name, kind, **extra):
    data = {
        "kind": kind,
        "municipality": municipality.pk,
        "file": SimpleUploadedFile(name, (FIXTURES / name).read_bytes(), content_type="text/csv"),
        **extra,
    }
    return client.post(reverse("opendata_import"), data)


def commit(client, response):
    return client.post(response.context["preview"]["commit_url"], {"commit": "1"})


def test_preview_lists_every_row_then_commit_imports(client, make_user, site_tree, municipality):
    client.force_login(make_user(groups.EDITORS))
    preview = upload(client, municipality, "ichikawa_122033_108_aed.csv", "aed")
    html = preview.content.decode()
    assert "data-import-rows" in html
    assert len(preview.context["preview"]["rows"]) == 30
    assert FacilityPage.objects.count() == 0  # the preview writes nothing

    html = commit(client, preview).content.decode()
    assert "新規: 30 件" in html and "更新: 0 件" in html and "変更なし: 0 件" in html
    assert FacilityPage.objects.filter(kind="aed").count() == 30


def test_a_bad_row_is_shown_with_row_column_value_and_nothing_is_committed(client, make_user, site_tree, municipality):
    client.force_login(make_user(groups.EDITORS))
    preview = upload(client, municipality, "bad_rows_public_facility.csv", "facilities")
    html = preview.content.decode()
    assert "data-import-errors" in html
    assert "<td>3</td><td>緯度</td><td>139.91005</td>" in html
    assert 'name="commit"' not in html  # strict: no way to commit a file with bad rows
    html = commit(client, preview).content.decode()
    assert "bad_rows_public_facility.csv, 3 行目, 列「緯度」, 値 &#x27;139.91005&#x27;" in html
    assert FacilityPage.objects.count() == 0

    preview = upload(client, municipality, "bad_rows_public_facility.csv", "facilities", skip_invalid="on")
    assert 'name="commit"' in preview.content.decode()
    assert "新規: 2 件" in commit(client, preview).content.decode()
    assert FacilityPage.objects.count() == 2


def test_the_old_facilities_address_still_opens_the_import(client, make_user, site_tree):
    client.force_login(make_user(groups.EDITORS))
    response = client.get(reverse("facilities_import"))
    assert response.status_code == 200
    assert "イベント一覧 (events)" in response.content.decode()


def test_garbage_staff_see_only_the_garbage_towns_kind(client, make_user, site_tree, municipality):
    client.force_login(make_user(GARBAGE_STAFF))
    page = client.get(reverse("opendata_import"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "町丁目別ごみ収集地区 (garbage-towns)" in html and "(aed)" not in html
    assert upload(client, municipality, "ichikawa_122033_108_aed.csv", "aed").status_code == 403
    assert FacilityPage.objects.count() == 0


@pytest.mark.parametrize("group", [groups.TRANSLATORS, groups.EMERGENCY])
def test_staff_without_any_kind_permission_get_403(client, make_user, site_tree, municipality, group):
    client.force_login(make_user(group))
    assert client.get(reverse("opendata_import")).status_code == 403
    assert upload(client, municipality, "ichikawa_122033_108_aed.csv", "aed").status_code == 403
    assert FacilityPage.objects.count() == 0


def test_each_kind_needs_its_own_domain_permission(client, make_user, site_tree, municipality):
    user = make_user()
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["wagtailadmin", "facilities"],
            codename__in=["access_admin", "add_facilitypage", "change_facilitypage"],
        )
    )
    client.force_login(user)
    html = client.get(reverse("opendata_import")).content.decode()
    assert "(aed)" in html
    assert "(events)" not in html
    assert upload(client, municipality, "ichikawa_122033_108_aed.csv", "events").status_code == 403


def test_a_city_that_is_not_set_up_is_refused_with_what_to_run(client, site_tree, municipality):
    from django.contrib.auth import get_user_model

    from home.models import Municipality

    ichikawa = Municipality.objects.create(code="122033", name="市川市")  # in the database, no site
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.jp", "x"))
    response = upload(client, ichikawa, "ichikawa_122033_108_aed.csv", "aed")
    assert response.status_code == 200
    assert "run `python manage.py setup_city 122033 --name 市川市` first." in response.content.decode()
    assert "data-import-rows" not in response.content.decode()
    assert FacilityPage.objects.count() == 0
