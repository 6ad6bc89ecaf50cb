"""set_imported / remember_imported: an editor's change to an imported field is kept and reported."""

import pytest

from home.models import Municipality
from opendata.models import ImportedValues
from opendata.reading import ImportReport
from opendata.saving import last_imported, remember_imported, set_imported

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported():
    town = Municipality.objects.create(code="999997", name="高松市", prefecture="香川県")
    remember_imported(town, {"name": "高松市", "prefecture": "香川県"})
    return town


def test_a_field_nobody_touched_follows_the_file(imported):
    report = ImportReport()
    changed = set_imported(
        imported, {"name": "高松市", "prefecture": "香川"}, last_imported([imported])[imported.pk], report
    )
    assert changed == ["prefecture"] and report.conflicts == []


def test_an_edited_field_is_kept_and_reported_with_both_values(imported):
    imported.name = "高松"
    report = ImportReport()
    changed = set_imported(imported, {"name": "高松市"}, last_imported([imported])[imported.pk], report, row=7)
    assert changed == [] and imported.name == "高松"
    ((conflict),) = report.conflicts
    assert (conflict.row, conflict.field, conflict.editor_value, conflict.file_value) == (7, "name", "高松", "高松市")


def test_overwrite_edits_takes_the_files_value(imported):
    imported.name = "高松"
    report = ImportReport()
    last = last_imported([imported])[imported.pk]
    assert set_imported(imported, {"name": "高松市"}, last, report, overwrite_edits=True) == ["name"]
    assert imported.name == "高松市" and report.conflicts == []


def test_an_object_never_remembered_follows_the_file():
    town = Municipality.objects.create(code="999997", name="高松", prefecture="香川県")
    report = ImportReport()
    assert set_imported(town, {"name": "高松市"}, last_imported([town]).get(town.pk), report) == ["name"]


def test_remembering_the_same_values_writes_nothing(imported):
    before = ImportedValues.objects.get().imported_at
    remember_imported(imported, {"name": "高松市", "prefecture": "香川県"}, last_imported([imported])[imported.pk])
    assert ImportedValues.objects.get().imported_at == before
