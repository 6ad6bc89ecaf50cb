"""Importing a standard open data file from the admin, per role."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from facilities.models import FacilityPage
from home import groups
from services.garbage.apps import GARBAGE_STAFF

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "facilities"


def upload(client, municipality, name, kind, **extra):
    data = {
        "kind": kind,
        "municipality": municipality.pk,
        "file": SimpleUploadedFile(name, (FIXTURES / name).read_bytes(), content_type="text/csv"),
        **extra,
    }
    return client.post(reverse("facilities_import"), data)


def test_editor_imports_a_file_from_the_admin(client, make_user, site_tree, municipality):
    client.force_login(make_user(groups.EDITORS))
    response = upload(client, municipality, "ichikawa_122033_108_aed.csv", "aed")
    assert response.status_code == 200
    assert "created 30, updated 0, unchanged 0" in response.content.decode()
    assert FacilityPage.objects.filter(kind="aed").count() == 30


def test_a_bad_file_imports_nothing_and_lists_the_rows(client, make_user, site_tree, municipality):
    client.force_login(make_user(groups.EDITORS))
    html = upload(client, municipality, "bad_rows_public_facility.csv", "facilities").content.decode()
    assert "data-import-errors" in html
    assert "bad_rows_public_facility.csv, row 3, column 緯度" in html
    assert FacilityPage.objects.count() == 0
    html = upload(
        client, municipality, "bad_rows_public_facility.csv", "facilities", skip_invalid="on"
    ).content.decode()
    assert "created 2" in html


@pytest.mark.parametrize("group", [GARBAGE_STAFF, groups.TRANSLATORS, groups.EMERGENCY])
def test_other_staff_cannot_import(client, make_user, site_tree, municipality, group):
    client.force_login(make_user(group))
    assert client.get(reverse("facilities_import")).status_code in (302, 403)
    assert upload(client, municipality, "ichikawa_122033_108_aed.csv", "aed").status_code in (302, 403)
    assert FacilityPage.objects.count() == 0
