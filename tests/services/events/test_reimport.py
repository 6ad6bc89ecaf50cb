"""Re-importing an event file keeps an editor's work: edited fields, unpublished (cancelled) events."""

import csv
from pathlib import Path

import pytest
from django.utils import translation

from opendata.reading import ImportFailed
from services.events import imports
from services.events.models import EventPage

FIXTURES = Path(__file__).parents[2] / "fixtures" / "events"


def rows():
    with FIXTURES.joinpath("standard_events_takamatsu.csv").open(encoding="utf-8-sig") as stream:
        return list(csv.reader(stream))


def write(path, table):
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream).writerows(table)
    return path


@pytest.fixture
def three(tmp_path):
    """The first three events of the standard-layout sample, and a way to change a cell."""
    table = rows()[:4]
    header = table[0]

    def file(changes=None, name="events.csv"):
        changed = [list(row) for row in table]
        for (number, column), value in (changes or {}).items():
            changed[number][header.index(column)] = value
        return write(tmp_path / name, changed)

    file.header = header
    file.table = table
    return file


def page(no):
    return EventPage.objects.get(source_id__endswith=f":{no}")


def test_a_title_an_editor_corrected_survives_the_same_file_and_is_reported(site_tree, municipality, three):
    imports.import_file(three(), municipality)
    first_no = three.table[1][three.header.index("NO")]
    file_title = three.table[1][three.header.index("イベント名")]
    edited = page(first_no)
    edited.title = "【中止】" + file_title
    edited.save()

    report = imports.import_file(three(), municipality)

    assert page(first_no).title == "【中止】" + file_title
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    ((conflict),) = report.conflicts
    assert (conflict.row, conflict.field, conflict.editor_value, conflict.file_value) == (
        2,
        "title",
        "【中止】" + file_title,
        file_title,
    )
    with translation.override("ja"):
        assert "編集者が変更" in report.summary() and "【中止】" in report.summary()


def test_fields_the_editor_did_not_touch_still_follow_the_file(site_tree, municipality, three):
    imports.import_file(three(), municipality)
    first_no = three.table[1][three.header.index("NO")]
    edited = page(first_no)
    edited.title = "編集者のタイトル"
    edited.save()

    report = imports.import_file(three({(1, "料金(詳細)"): "大人 500円"}), municipality)

    again = page(first_no)
    assert again.title == "編集者のタイトル"
    assert again.fee_detail == "大人 500円"
    assert report.updated == 1 and [c.field for c in report.conflicts] == ["title"]


def test_overwrite_edits_takes_the_files_value(site_tree, municipality, three):
    imports.import_file(three(), municipality)
    first_no = three.table[1][three.header.index("NO")]
    edited = page(first_no)
    edited.title = "編集者のタイトル"
    edited.save()

    report = imports.import_file(three(), municipality, overwrite_edits=True)

    assert page(first_no).title == three.table[1][three.header.index("イベント名")]
    assert report.updated == 1 and report.conflicts == []
    assert imports.import_file(three(), municipality).conflicts == []  # the file's value is the imported one again


def test_an_unpublished_event_stays_unpublished_even_when_the_file_changes(site_tree, municipality, three):
    imports.import_file(three(), municipality)
    first_no = three.table[1][three.header.index("NO")]
    page(first_no).unpublish()

    assert imports.import_file(three(), municipality).unchanged == 3
    assert not page(first_no).live
    imports.import_file(three({(1, "料金(詳細)"): "無料"}), municipality)
    assert not page(first_no).live and page(first_no).fee_detail == "無料"


def test_two_rows_with_one_no_are_an_error_naming_both_and_nothing_is_imported(site_tree, municipality, three):
    first_no = three.table[1][three.header.index("NO")]
    path = three({(3, "NO"): first_no})
    with translation.override("ja"), pytest.raises(ImportFailed) as failure:
        imports.import_file(path, municipality)
    assert f"行 2 と 行 4 の ID が同じです: {first_no}" in str(failure.value)
    assert not EventPage.objects.exists()

    report = imports.import_file(path, municipality, skip_invalid=True)
    assert report.created == 2 and [error.row for error in report.skipped] == [4]


def test_the_same_file_twice_with_an_edit_changes_nothing_the_second_time(site_tree, municipality, three):
    imports.import_file(three(), municipality)
    edited = page(three.table[2][three.header.index("NO")])
    edited.title = "編集済み"
    edited.save()
    imports.import_file(three(), municipality)
    before = {p.pk: (p.title, p.live, p.last_published_at) for p in EventPage.objects.all()}
    report = imports.import_file(three(), municipality)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert {p.pk: (p.title, p.live, p.last_published_at) for p in EventPage.objects.all()} == before
