"""Spreadsheet-safe cells: every CSV the portal writes goes through here, and every table it reads.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula
by Excel, LibreOffice and Google Sheets (``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0``, ``@SUM(…)``):
opening a downloaded file would run what someone typed into a facility's name or an event's
description. ``safe_cell`` writes such a cell with a leading apostrophe (``'=HYPERLINK(…)``),
which spreadsheets show as text; ``unescape_cell`` takes it off again when the portal reads a
table (``opendata.tables``, the importers), so our own exports import back to the same values.

Real values stay values: a number (``-3``, ``+1.5``, ``1,200``) and a date (``2024-08-01``) are
written as they are. Everything else that starts with one of the characters gets the apostrophe,
including a lone ``-`` (no value) and a phone number written ``+81 87-839-2111``: both read back
unchanged. A value that itself starts with an apostrophe followed by one of the characters reads
back without it (rare in municipal data; docs/security.md says so).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][+-]?\d+)?")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would read *text* as a formula (and it is not a plain number)."""
    return text.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(text)


def safe_cell(value: object) -> object:
    """*value* as a spreadsheet reads it as text: ``'`` before a formula-like string; other values
    (numbers, dates, None) unchanged."""
    if isinstance(value, str) and is_formula_like(value):
        return ESCAPE + value
    return value


def safe_row(row: Iterable) -> list:
    return [safe_cell(value) for value in row]


def unescape_cell(text: str) -> str:
    """The value ``safe_cell`` wrote: the apostrophe before a formula character taken off."""
    if isinstance(text, str) and text.startswith(ESCAPE) and text[1:2] and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def unescape_row(row: Iterable[str]) -> list[str]:
    return [unescape_cell(cell) for cell in row]


def _one_line_ending(value: object) -> object:
    r"""A line break inside a cell as ``\n``: the csv module quotes a cell only for the characters of
    its own line terminator, so with ``lineterminator="\n"`` a bare CR went out unquoted and a
    reader split the cell there (``'\r=1+1`` read back as ``'`` and a formula ``=1+1``)."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


class SafeWriter:
    """``csv.writer`` whose rows go through ``safe_row``: use it for every CSV export."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)
        self._cr_quoted = "\r" in self._writer.dialect.lineterminator

    def writerow(self, row: Iterable):
        row = safe_row(row)
        if not self._cr_quoted:
            row = [_one_line_ending(value) for value in row]
        return self._writer.writerow(row)

    def writerows(self, rows: Iterable[Iterable]):
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):
    """``csv.DictWriter`` whose values go through ``safe_cell`` (the header is ours: left alone)."""

    def _dict_to_list(self, rowdict):
        return safe_row(super()._dict_to_list(rowdict))


def csv_writer(stream, **options) -> SafeWriter:
    return SafeWriter(stream, **options)
