"""The 町丁目 → collection area table: ``import_opendata garbage-towns FILE --municipality CODE``.

A CSV (UTF-8 with or without BOM, Shift_JIS, EUC-JP, or an XLSX) with a header row and the
columns ``町丁目`` and ``地区コード`` (the area's code, e.g. ``372013-001``) or ``地区名`` (its
name as the 5374 import made it), or both. One row per town and area: a town split between
two areas (by 番地) is listed once for each, and an address in it answers both. Each area named
in the file gets exactly the towns the file lists for it, in file order; areas the file does not
name keep theirs.

Town names are compared in ``geo.gazetteer.normalize_address`` form (width, spaces, 一丁目 ≡
1丁目 ≡ １丁目), so the same town written two ways is one town; they are stored as written
(width folded). The export writes the same CSV, UTF-8 with BOM.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from geo.gazetteer import normalize_address
from japanese.text import compact
from opendata.reading import ImportFailed, ImportReport, RowError
from opendata.tables import read_table

TOWN = "町丁目"
AREA_CODE = "地区コード"
AREA_NAME = "地区名"
COLUMNS = [TOWN, AREA_CODE, AREA_NAME]
# Other headers cities use for the same columns.
ALIASES = {
    "町名": TOWN,
    "町丁名": TOWN,
    "町丁目名": TOWN,
    "town": TOWN,
    "収集地区コード": AREA_CODE,
    "area_code": AREA_CODE,
    "収集地区": AREA_NAME,
    "収集地区名": AREA_NAME,
    "地区": AREA_NAME,
    "area": AREA_NAME,
}
PERMISSIONS = ("garbage.change_collectionarea",)


@dataclass
class TownRow:
    row: int
    town: str
    area_code: str = ""
    area_name: str = ""


@dataclass
class TownTable:
    file: str
    rows: list[TownRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def town_key(town: str) -> str:
    """The comparable form of a town name: 番町一丁目, 番町1丁目 and 番町１丁目 are one town."""
    return normalize_address(town)


def parse(path) -> TownTable:
    """Read the table; every problem a ``RowError``. Writes nothing."""
    name = Path(path).name
    table = TownTable(file=name)
    try:
        rows = read_table(path)
    except (ValueError, OSError) as error:
        table.errors.append(RowError(name, None, None, None, f"cannot read the file: {error}"))
        return table
    while rows and not any(cell.strip() for cell in rows[0]):
        rows.pop(0)
    if not rows:
        table.errors.append(RowError(name, None, None, None, "the file is empty"))
        return table
    header = [ALIASES.get(compact(cell), compact(cell)) for cell in rows[0]]
    if TOWN not in header or not ({AREA_CODE, AREA_NAME} & set(header)):
        table.errors.append(
            RowError(
                name,
                1,
                None,
                ",".join(rows[0]),
                f"the header needs the columns {TOWN} and {AREA_CODE} or {AREA_NAME}",
            )
        )
        return table
    where = {column: header.index(column) for column in COLUMNS if column in header}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue

        def cell(column, cells=cells):
            index = where.get(column)
            return compact(cells[index]) if index is not None and index < len(cells) else ""

        row = TownRow(number, cell(TOWN), cell(AREA_CODE), cell(AREA_NAME))
        if not row.town:
            table.errors.append(RowError(name, number, TOWN, "", "no town name"))
        elif not (row.area_code or row.area_name):
            column = AREA_CODE if AREA_CODE in where else AREA_NAME
            table.errors.append(RowError(name, number, column, "", "no collection area"))
        else:
            table.rows.append(row)
    return table


def resolve(table: TownTable, municipality) -> tuple[dict[int, list[TownRow]], list[RowError]]:
    """The rows of each area (by primary key) of *municipality*, and the rows that name no area of it."""
    from .models import CollectionArea

    areas = list(CollectionArea.objects.filter(municipality=municipality))
    by_code = {area.code: area for area in areas}
    by_name = {compact(area.name): area for area in areas}
    assigned: dict[int, list[TownRow]] = {}
    seen: set[tuple[int, str]] = set()
    errors: list[RowError] = []
    for row in table.rows:
        if row.area_code:
            area = by_code.get(row.area_code)
            if area is None:
                errors.append(RowError(table.file, row.row, AREA_CODE, row.area_code, _unknown(municipality)))
                continue
            if row.area_name and compact(area.name) != row.area_name:
                errors.append(
                    RowError(table.file, row.row, AREA_NAME, row.area_name, f"area {area.code} is named {area.name}")
                )
                continue
        else:
            area = by_name.get(row.area_name)
            if area is None:
                errors.append(RowError(table.file, row.row, AREA_NAME, row.area_name, _unknown(municipality)))
                continue
        key = (area.pk, town_key(row.town))
        if key in seen:
            continue  # the same town twice for one area counts once
        seen.add(key)
        assigned.setdefault(area.pk, []).append(row)
    return assigned, errors


def _unknown(municipality) -> str:
    return f"no collection area of {municipality.name} ({municipality.code}) has this code or name"


def import_file(path, municipality, *, skip_invalid: bool = False, stdout=None, **options) -> ImportReport:
    """Set the towns of each area the file names; atomic, strict unless *skip_invalid*."""
    from .models import CollectionArea

    table = parse(path)
    with transaction.atomic():
        assigned, unresolved = resolve(table, municipality)
        errors = table.errors + unresolved
        if errors and not skip_invalid:
            raise ImportFailed(errors)
        if not assigned:
            raise ImportFailed(errors + [RowError(table.file, None, None, None, "no row names a town and its area")])
        report = ImportReport(skipped=errors)
        for area in CollectionArea.objects.filter(pk__in=assigned).order_by("sort_order", "pk"):
            towns = "\n".join(row.town for row in assigned[area.pk])
            if area.towns == towns:
                report.unchanged += 1
            else:
                area.towns = towns
                area.save()  # the search key follows (CollectionArea.save)
                report.updated += 1
        count = sum(len(rows) for rows in assigned.values())
        report.notes.append(f"{table.file}: {count} towns in {len(assigned)} collection areas of {municipality.name}")
    return report


def export_rows(municipality=None) -> list[list[str]]:
    """The header and one row per town of every area (of *municipality*, or all)."""
    from .models import CollectionArea

    areas = CollectionArea.objects.order_by("municipality__code", "sort_order", "pk")
    if municipality is not None:
        areas = areas.filter(municipality=municipality)
    rows = [COLUMNS]
    for area in areas:
        for town in area.towns.splitlines():
            if town.strip():
                rows.append([town.strip(), area.code, area.name])
    return rows


def export_text(municipality=None) -> str:
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\r\n").writerows(export_rows(municipality))
    return stream.getvalue()


def export_file(path, municipality=None) -> int:
    """Write the table as CSV, UTF-8 with BOM; returns the towns written."""
    rows = export_rows(municipality)
    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream, lineterminator="\r\n").writerows(rows)
    return len(rows) - 1


def preview(path) -> tuple[list[dict], list[RowError]]:
    """The admin preview: the rows as read, and the file's own problems (areas are checked on commit)."""
    table = parse(path)
    return [
        {"行": r.row, TOWN: r.town, AREA_CODE: r.area_code, AREA_NAME: r.area_name} for r in table.rows
    ], table.errors
