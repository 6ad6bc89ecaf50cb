"""The 町丁目 → collection area table: ``import_opendata garbage-towns FILE --municipality CODE``.

A CSV (UTF-8 with or without BOM, Shift_JIS, EUC-JP, or an XLSX) with a header row and the
columns ``町丁目`` and ``地区コード`` (the area's code, e.g. ``372013-001``) or ``地区名`` (its
name as the 5374 import made it), or both. One row per town and area: a town split between
two areas (by 番地) is listed once for each, and an address in it answers both. Each area named
in the file gets exactly the towns the file lists for it, in file order; areas the file does not
name keep theirs.

Town names are compared in ``geo.gazetteer.normalize_address`` form (width, spaces, 一丁目 ≡
1丁目 ≡ １丁目, a leading 大字/字), so the same town written two ways is one town; they are stored
as written (width folded). A line naming a town without its 丁目 (番町) covers all its 丁目.
The export writes the same CSV, UTF-8 with BOM.

Where area names list their towns (目黒区's 青葉台一丁目から四丁目, 生駒市's 西松ヶ丘),
``derive_towns`` reads them on import, in the gazetteer's spelling. ``locate_address`` and
``locate_point`` answer a resident: address or position → gazetteer town → the area(s) listing it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from geo.gazetteer import LEVEL_TOWN, designated_city, gazetteer, match_address, nearest_town, normalize_address
from japanese.text import compact, narrow
from opendata.cells import csv_writer
from opendata.reading import ImportFailed, ImportReport, RowError
from opendata.saving import last_imported, remember_imported, set_imported
from opendata.tables import read_table

TOWN = "町丁目"
AREA_CODE = "地区コード"
AREA_NAME = "地区名"
LOTS = "番地"  # optional: the 番地 of a town split between areas (函館市's 柏木町 1，7～10，16～25)
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
    "町内範囲": LOTS,
    "町内範囲(番地)": LOTS,
    "lots": LOTS,
}
PERMISSIONS = ("garbage.change_collectionarea",)


@dataclass
class TownRow:
    row: int
    town: str
    area_code: str = ""
    area_name: str = ""
    lots: str = ""  # e.g. 1,7~10,16~25 (width folded); '' for the whole town

    @property
    def line(self) -> str:
        """The line stored in ``CollectionArea.towns``: the town, and its 番地 after a space."""
        return f"{self.town} {self.lots}" if self.lots else self.town


@dataclass
class TownTable:
    file: str
    rows: list[TownRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def town_key(town: str) -> str:
    """The comparable form of a town name: 番町一丁目, 番町1丁目, 番町１丁目 (and 大字番町…) are one town."""
    return re.sub(r"^(?:大字|字)", "", normalize_address(town))


_CHOME = re.compile(r"^(.*?)(\d+)丁目$")
_LOT_RANGE = re.compile(r"^(\d+)(?:[~〜-](\d+))?$")


def parse_lots(text: str) -> list[tuple[int, int]]:
    """番地 ranges: ``1，7～10，16～25`` → [(1, 1), (7, 10), (16, 25)]; [] for 全町 or anything
    that is not a list of numbers (川汲町's 川汲川から尾札部側: the whole town, both areas)."""
    ranges = []
    for part in re.split(r"[,、\s]+", compact(text)):
        if not part:
            continue
        m = _LOT_RANGE.match(part)
        if not m:
            return []
        ranges.append((int(m.group(1)), int(m.group(2) or m.group(1))))
    return ranges


def split_line(line: str) -> tuple[str, list[tuple[int, int]]]:
    """A line of ``CollectionArea.towns`` or a 町丁目 cell: (town, 番地 ranges) — ``柏木町 1,7~10``
    → (柏木町, [(1, 1), (7, 10)]); ``番町`` or ``番町 一丁目`` (no numbers after the space) → the whole
    line as the town, spaces removed."""
    line = narrow(line).strip()
    town, _, lots = line.partition(" ")
    ranges = parse_lots(lots) if lots.strip() else []
    return (compact(town), ranges) if ranges else (compact(line), [])


def format_lots(ranges: list[tuple[int, int]]) -> str:
    return ",".join(str(low) if low == high else f"{low}~{high}" for low, high in ranges)


_CHOME_RANGE = re.compile(r"^(.*?)(\d+)丁目(?:から|~|〜|-)(?:(.*?))?(\d+)丁目$")


def _gazetteer_city(municipality):
    """The gazetteer's city of *municipality* (its prefecture may be unset: the name decides)."""
    cities = gazetteer().cities_named(normalize_address(municipality.name), municipality.prefecture or None)
    return next((city for city in cities if city.has_towns), None)


def _city_key(municipality) -> tuple[str, str]:
    """(prefecture, city) as the gazetteer writes them; a designated city by its own name (横浜市),
    so that its towns are looked up in every ward."""
    city = _gazetteer_city(municipality)
    if city is None:
        return (municipality.prefecture, municipality.name)
    return (city.prefecture, designated_city(city.name) or city.name)


def _same_city(match, city: tuple[str, str]) -> bool:
    return match.prefecture == city[0] and city[1] in (match.city, designated_city(match.city))


def _chome_towns(city, base: str) -> list[str]:
    """Every 丁目 of *base* in the gazetteer, in number order (番町 → 番町一丁目 … 番町五丁目)."""
    found = []
    for key, entry in city.towns.items():
        m = _CHOME.match(key)
        if m and m.group(1) == base:
            found.append((int(m.group(2)), entry["town"]))
    return [town for _number, town in sorted(found)]


def derive_towns(area_name: str, municipality, *, family: bool = False, claimed=frozenset()) -> list[str]:
    """The gazetteer towns an area's name lists, in the gazetteer's spelling.

    青葉台一丁目から四丁目 → 青葉台一丁目 … 青葉台四丁目; 大岡山一丁目・二丁目 → both (the second
    takes the first's town); 東生駒 (a town with 丁目) → all its 丁目; 西松ヶ丘 → 西松ケ丘 as the
    gazetteer writes it. Parts that are no town of the city (school districts: 高松第一, 浅野川)
    give nothing: the area stays findable by its name. With *family*, a bare name also stands for
    the towns named after it (``town_family``: 金沢市's 校下 田上 → 田上町, 田上本町 …) except
    those in *claimed* (towns another area of the city names itself).
    """
    city = _gazetteer_city(municipality)
    if city is None:
        return []
    towns: list[str] = []
    base = ""
    for part in re.split(r"[・、,，（）()\s]+", normalize_address(area_name)):
        if not part:
            continue
        part = re.sub(r"^(?:大字|字)", "", part)
        ranged = _CHOME_RANGE.match(part)
        single = _CHOME.match(part)
        if ranged:
            base = ranged.group(1) or base
            numbers = range(int(ranged.group(2)), int(ranged.group(4)) + 1)
            keys = [f"{base}{n}丁目" for n in numbers]
        elif single:
            base = single.group(1) or base
            keys = [f"{base}{int(single.group(2))}丁目"]
        else:
            base = part
            named = _whole_towns(city, part)
            if family:
                base_name = re.sub(r"(?<=..)町$", "", part)
                named += [t for t in town_family(city, base_name) if t not in claimed and t not in named]
            for name in named:
                if name not in towns:
                    towns.append(name)
            continue
        for key in keys:
            if key in city.towns and city.towns[key]["town"] not in towns:
                towns.append(city.towns[key]["town"])
    return towns


def _whole_towns(city, part: str) -> list[str]:
    """The towns a bare name in an area name stands for: the town itself and its 丁目 (萩の台,
    萩の台一丁目 …); failing that, the town named with 町 (a 校下 named after its town: 十一屋 →
    十一屋町), or its north/south/east/west parts (鹿ノ台 → 鹿ノ台北, 鹿ノ台南 …)."""
    for candidates in ([part], [f"{part}町"], [f"{part}{side}" for side in "北南東西中"]):
        found = []
        for name in candidates:
            if name in city.towns:
                found.append(city.towns[name]["town"])
            if name in city.chome_bases:
                found.extend(_chome_towns(city, name))
        if found:
            return found
    return []


# What may follow a 校下's name in the name of a town it is named after: 町, 本町, 新町, 出町, a
# direction, 台, and their 丁目 (田上 → 田上町, 田上本町, 田上新町; 金石 → 金石西一丁目 …); what may
# precede it: 上/下 or a direction (安原 → 上安原町, 下安原町; 森本 → 北森本町, 南森本町).
_FAMILY_BEFORE = "[上下北南東西]?"
_FAMILY_AFTER = "(?:町|本町|新町|出町|[北南東西中]|台|新)?(?:町)?(?:\\d+丁目)?"


def town_family(city, base: str) -> list[str]:
    """The towns named after *base* (a 校下 or 地区 name of two or more characters), in the
    gazetteer's order: *base* with 町/本町/新町/出町/北南東西中/台 and a 丁目 after it, or 上/下/a
    direction before it. 金沢市 names its collection areas after 校下, which are named after the
    town the school stands in; the neighbours carrying the same name are in the same 校下."""
    if len(base) < 2:
        return []
    family = re.compile(f"^{_FAMILY_BEFORE}{re.escape(base)}{_FAMILY_AFTER}$")
    return [entry["town"] for key, entry in city.towns.items() if family.match(key)]


def derive_all(area_names, municipality) -> dict[str, list[str]]:
    """The towns of each of a city's areas read from their names (``derive_towns``): first what
    each name lists itself, then the families of bare names (校下) among the towns no area lists."""
    exact = {name: derive_towns(name, municipality) for name in area_names}
    claimed = frozenset(town for towns in exact.values() for town in towns)
    return {name: derive_towns(name, municipality, family=True, claimed=claimed) for name in area_names}


@dataclass
class Located:
    """What a resident's address or position resolved to: the gazetteer town and its areas."""

    town: str = ""  # as the gazetteer writes it, '' when no town of the city matched
    matched: str = ""  # the whole match, e.g. 香川県高松市番町一丁目
    areas: list = field(default_factory=list)
    other_city: str = ""  # the address names another city (金沢市広坂… on 高松市's site)


def areas_for_town(municipality, town: str, lot: int | None = None) -> list:
    """The areas of *municipality* whose towns list *town* (or its town without 丁目); where a
    line gives 番地 (a town split by 番地) and *lot* is known, only the areas holding *lot* (in
    their ranges, or having the whole town). A lot no area holds answers every area of the town
    (the resident then chooses)."""
    from .models import CollectionArea

    key = town_key(town)
    chome = _CHOME.match(key)
    base = chome.group(1) if chome else None
    found, in_lots = [], []
    for area in CollectionArea.objects.filter(municipality=municipality).select_related("municipality"):
        lines = [split_line(line) for line in area.towns.splitlines() if line.strip()]
        matching = [lots for name, lots in lines if town_key(name) in (key, base)]
        if not matching:
            continue
        found.append(area)
        if lot is not None and any(not lots or any(low <= lot <= high for low, high in lots) for lots in matching):
            in_lots.append(area)  # the lot is in its ranges, or it has the whole town
    return in_lots or found


def _lot(rest: str) -> int | None:
    """The 番地 of what follows the town in an address (1-1, 25番地3, -25-3 after 本通1): its first number."""
    m = re.match(r"^[-\s]*(\d+)", rest or "")
    return int(m.group(1)) if m else None


def locate_address(municipality, address: str) -> Located | None:
    """The town an address is in (the site's city assumed when left out) and its areas; None
    when no town of any city matches."""
    address = (address or "").strip()
    if not address:
        return None
    city = _city_key(municipality)
    match = match_address(gazetteer(), address, city)
    if match is None or match.level != LEVEL_TOWN:
        return None
    if not _same_city(match, city):
        return Located(town=match.town, matched=match.matched, other_city=match.city)
    areas = areas_for_town(municipality, match.town, _lot(match.rest))
    return Located(town=match.town, matched=match.matched, areas=areas)


def locate_point(municipality, lat: float, lng: float) -> Located | None:
    """The town of *municipality* nearest to a position and its areas; None without towns."""
    town = nearest_town(municipality, lat, lng)
    if town is None:
        return None
    matched = "".join(_city_key(municipality)) + town
    return Located(town=town, matched=matched, areas=areas_for_town(municipality, town))


def parse(path) -> TownTable:
    """Read the table; every problem a ``RowError``. Writes nothing."""
    name = Path(path).name
    table = TownTable(file=name)
    try:
        rows = read_table(path)
    except (ValueError, OSError) as error:
        table.errors.append(RowError(name, None, None, None, _("cannot read the file: %(reason)s") % {"reason": error}))
        return table
    while rows and not any(cell.strip() for cell in rows[0]):
        rows.pop(0)
    if not rows:
        table.errors.append(RowError(name, None, None, None, _("the file is empty")))
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
    where = {column: header.index(column) for column in [*COLUMNS, LOTS] if column in header}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue

        def cell(column, cells=cells):
            index = where.get(column)
            return compact(cells[index]) if index is not None and index < len(cells) else ""

        # 町丁目 may carry its 番地 after a space (as the export writes it), or in a 番地 column.
        index = where[TOWN]
        town, ranges = split_line(cells[index] if index < len(cells) else "")
        ranges = parse_lots(cell(LOTS)) or ranges
        row = TownRow(number, town, cell(AREA_CODE), cell(AREA_NAME), format_lots(ranges))
        if not row.town:
            table.errors.append(RowError(name, number, TOWN, "", _("no town name")))
        elif not (row.area_code or row.area_name):
            column = AREA_CODE if AREA_CODE in where else AREA_NAME
            table.errors.append(RowError(name, number, column, "", _("no collection area")))
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
                    RowError(
                        table.file,
                        row.row,
                        AREA_NAME,
                        row.area_name,
                        _("area %(code)s is named %(name)s") % {"code": area.code, "name": area.name},
                    )
                )
                continue
        else:
            area = by_name.get(row.area_name)
            if area is None:
                errors.append(RowError(table.file, row.row, AREA_NAME, row.area_name, _unknown(municipality)))
                continue
        key = (area.pk, town_key(row.town), row.lots)
        if key in seen:
            continue  # the same town twice for one area counts once
        seen.add(key)
        assigned.setdefault(area.pk, []).append(row)
    return assigned, errors


def _unknown(municipality) -> str:
    return _("no collection area of %(name)s (%(code)s) has this code or name") % {
        "name": municipality.name,
        "code": municipality.code,
    }


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
            raise ImportFailed(errors + [RowError(table.file, None, None, None, _("no row names a town and its area"))])
        report = ImportReport(skipped=errors)
        areas = list(CollectionArea.objects.filter(pk__in=assigned).order_by("sort_order", "pk"))
        imported = last_imported(areas)
        for area in areas:
            values = {"towns": "\n".join(row.line for row in assigned[area.pk])}
            last = imported.get(area.pk)
            row = assigned[area.pk][0].row
            overwrite = options.get("overwrite_edits", False)
            if set_imported(area, values, last, report, row=row, overwrite_edits=overwrite):
                area.save()  # the search key follows (CollectionArea.save)
                report.updated += 1
            else:
                report.unchanged += 1
            remember_imported(area, values, last, source=area.code)
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
    csv_writer(stream, lineterminator="\r\n").writerows(export_rows(municipality))
    return stream.getvalue()


def export_file(path, municipality=None) -> int:
    """Write the table as CSV, UTF-8 with BOM; returns the towns written."""
    rows = export_rows(municipality)
    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        csv_writer(stream, lineterminator="\r\n").writerows(rows)
    return len(rows) - 1


def preview(path) -> tuple[list[dict], list[RowError]]:
    """The admin preview: the rows as read, and the file's own problems (areas are checked on commit)."""
    table = parse(path)
    return [
        {"行": r.row, TOWN: r.line, AREA_CODE: r.area_code, AREA_NAME: r.area_name} for r in table.rows
    ], table.errors
