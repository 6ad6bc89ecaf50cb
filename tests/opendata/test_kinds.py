"""The KIND registry: each domain's kinds, with their permissions, behind import_opendata/export_opendata."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from opendata import kinds


@pytest.mark.parametrize(
    ("kind", "label", "permission"),
    [
        ("facilities", "公共施設一覧", "facilities.add_facilitypage"),
        ("childcare", "子育て施設一覧", "facilities.add_facilitypage"),
        ("aed", "AED設置箇所一覧", "facilities.add_facilitypage"),
        ("evacuation", "指定緊急避難場所一覧", "facilities.add_facilitypage"),
        ("events", "イベント一覧", "events.add_eventpage"),
    ],
)
def test_each_domain_registers_its_kinds_with_its_permission(kind, label, permission):
    entry = kinds.get(kind)
    assert entry.label == label
    assert permission in entry.permissions
    assert callable(entry.import_file) and callable(entry.export_file) and callable(entry.parse)


@pytest.mark.parametrize("command", ["import_opendata", "export_opendata"])
def test_an_unknown_kind_lists_the_registered_ones(command):
    args = ["--municipality", "372013"] if command == "import_opendata" else []
    with pytest.raises(CommandError) as failure:
        call_command(command, "toilets", "toilets.csv", *args, stdout=StringIO())
    assert (
        str(failure.value)
        == "Unknown KIND 'toilets': use one of aed, childcare, evacuation, events, facilities, garbage-towns."
    )
