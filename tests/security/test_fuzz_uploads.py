"""Every upload form answers a hostile file with a clear message and writes nothing: a corrupt
.xlsx, a zip that is not a workbook, binary junk, text in an unexpected encoding.

The files are fixed bytes (no randomness): each is what a staff member really uploads by mistake
(a renamed PDF, a truncated download, an Excel file saved as CSV, a Shift_JIS file with NULs)."""

import io
import zipfile

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from opendata import kinds
from services.garbage.models import CollectionArea, CollectionRule
from services.nurseries.models import VacancyNotice


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


JUNK = bytes(range(256)) * 8
HOSTILE_FILES = {
    "binary junk": JUNK,
    "empty": b"",
    "NUL bytes": b"\x00" * 512,
    "truncated xlsx": _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook>"})[:-40],
    "zip that is no workbook": _zip({"readme.txt": b"hello", "photo.jpg": JUNK}),
    "workbook without sheets": _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
    "PDF": b"%PDF-1.4\n" + JUNK,
    "UTF-16 text": "施設番号,施設名,0歳児\n1,ひまわり保育園,3\n".encode("utf-16"),
    "Shift_JIS with NUL": "地名,燃やすごみ\n番町\x00,月木\n".encode("shift_jis"),
    "lone surrogate text": "名前\n\udcff\n".encode("utf-8", "surrogateescape"),
    "huge line": b"a," * 200_000,
}


def _post(client, url, fields, filename, data):
    return client.post(
        url, {**fields, "file": SimpleUploadedFile(filename, data), "files": SimpleUploadedFile(filename, data)}
    )


def _upload_forms(municipality):
    """(url, form fields, file names to try) of every upload form of the installed domains."""
    forms = []
    if apps.is_installed("services.nurseries"):
        fields = {"municipality": municipality.pk, "as_of": "2024-08-01"}
        forms.append(("/admin/nurseries/upload/", fields, ["vacancies.xlsx", "vacancies.csv"]))
    if apps.is_installed("services.garbage"):
        fields = {"municipality": municipality.pk}
        forms.append(("/admin/garbage/upload-5374/", fields, ["area_days.csv", "0090.csv"]))
    for kind in sorted(kinds.REGISTRY):  # every open data KIND of the installed domains (町丁目 too)
        fields = {"municipality": municipality.pk, "kind": kind}
        forms.append(("/admin/opendata/import/", fields, ["data.csv"]))
    return forms


def _written():
    return (VacancyNotice.objects.count(), CollectionArea.objects.count(), CollectionRule.objects.count())


@pytest.mark.django_db
@pytest.mark.parametrize("label", list(HOSTILE_FILES))
def test_every_upload_form_refuses_a_hostile_file_with_a_message(admin_client, municipality, site_tree, label):
    before = _written()
    for url, fields, names in _upload_forms(municipality):
        for name in names:
            response = _post(admin_client, url, fields, name, HOSTILE_FILES[label])
            if response.status_code == 302:  # the preview at its own address
                response = admin_client.get(response.url)
            assert response.status_code < 500, (url, name)
            assert response.status_code == 200, (url, name, response.status_code)
            html = response.content.decode()
            # The form's error (Django's list or a field's alert), or the preview's table of problems ("問題").
            assert "errorlist" in html or 'class="error-message" role="alert"' in html or "問題" in html, (url, name)
    assert _written() == before
