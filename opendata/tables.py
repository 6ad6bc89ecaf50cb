"""Table readers: the rows of a CSV (any encoding ``decode_bytes`` detects) or XLSX file, and
Takamatsu's IMI-style ``#property`` CSV.

Pure functions, no database: cells are text, rows are numbered as the file's records (1 = the
first), so an error can name its row.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from opendata.cells import unescape_cell, unescape_row
from opendata.reading import decode_bytes

PROPERTY = "#property"


def read_table(path: str | Path) -> list[list[str]]:
    """All rows of a CSV (UTF-8, BOM, Shift_JIS or EUC-JP) or of the first sheet of an XLSX, as text."""
    data = Path(path).read_bytes()
    if data[:4] == b"PK\x03\x04":
        return xlsx_rows(data)
    return csv_rows(decode_bytes(data))


def csv_rows(text: str) -> list[list[str]]:
    return [unescape_row(row) for row in csv.reader(io.StringIO(text, newline=""))]


def xlsx_rows(data: bytes) -> list[list[str]]:
    """The first sheet of an XLSX workbook, every cell as text."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        return [unescape_row(_xlsx_text(value) for value in row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):  # datetime is a date too
        return value.strftime("%Y-%m-%d")
    return str(value)


@dataclass
class PropertyTable:
    """A Takamatsu IMI-style CSV: ``#`` metadata rows, ``#property,<name>,…`` naming the columns,
    then data rows whose first cell is a running number.

    ``properties`` are the column names after ``#property`` (the running number has none);
    ``rows`` are ``(row number, cells)`` with the running number first and every cell stripped.
    Rows with nothing after the running number (blank spreadsheet rows) are left out.
    """

    properties: list[str]
    rows: list[tuple[int, list[str]]]

    def records(self) -> list[tuple[int, dict[str, str]]]:
        """Each row as {property: cell}, the running number left out."""
        return [(number, dict(zip(self.properties, cells[1:], strict=False))) for number, cells in self.rows]


def is_property_table(text: str) -> bool:
    """True when a ``#property`` header row comes within the first lines (after the metadata)."""
    return any(line.startswith(PROPERTY + ",") for line in text.splitlines()[:20])


def read_property_table(text: str) -> PropertyTable:
    """The ``#property`` table of *text*; ``properties`` is empty when there is no such row."""
    properties: list[str] = []
    rows = []
    for number, cells in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        cells = [unescape_cell(cell.strip()) for cell in cells]
        if not cells or cells[0].startswith("#"):
            if cells and cells[0] == PROPERTY:
                properties = cells[1:]
            continue
        if not any(cells[1:]):
            continue
        rows.append((number, cells))
    return PropertyTable(properties, rows)
