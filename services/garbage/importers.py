"""Reading and writing garbage open data: the 5374 CSV set and Takamatsu's 0090/0074 files.

Pure functions, no database. Readers return a dataset and a list of ``RowError`` (file,
row, column, value, message); the import command decides whether any error stops the
import (strict, the default) or only drops the bad rows (``--skip-invalid``).

5374 format (codeforkanazawa-org/5374 LOCALIZE.md and js/script.js), one schedule cell
per area × category, tokens separated by spaces:

=====================  =====================================================
``火``                 every Tuesday (毎週)
``水2``                the 2nd Wednesday of the month (第2水曜)
``隔水20250108``        every other Wednesday from 2025-01-08 (隔週)
``20250108``           an explicit date; a cell with dates is irregular (不定期)
``*1``                 show remarks.csv row 1 for this cell
``… : 4 6 8``          the tokens before the colon apply only in these months
=====================  =====================================================

Quirks handled: UTF-8 with or without BOM, CRLF or LF, no trailing newline, blank lines,
the older ``label`` header of target.csv, and Hakodate's explicit dates written *after*
the month list (``火 金:4 5 … 3 20191203 20191206``), read here as extra dates (upstream
5374 ignores them).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.utils.translation import gettext as _

from japanese.text import narrow
from opendata.cells import csv_writer, unescape_cell
from opendata.reading import RowError, decode_bytes, same_id
from opendata.tables import read_property_table

from .rules import ALL_MONTHS, WEEKDAY_CHARS, Rule, RuleKind, explicit_dates

FILES_5374 = ("area_days.csv", "center.csv", "description.csv", "remarks.csv", "target.csv")
FISCAL_MONTH_ORDER = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)
COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
DATE_TOKEN = re.compile(r"^\d{8}$")


class CellError(ValueError):
    """A schedule cell that cannot be read; ``value`` is the offending token or cell."""

    def __init__(self, value: str, message: str):
        self.value = value
        super().__init__(message)


@dataclass(frozen=True)
class CellSchedule:
    rules: tuple[Rule, ...] = ()
    remark_ids: tuple[str, ...] = ()


def parse_yyyymmdd(token: str) -> date:
    if not DATE_TOKEN.match(token):
        raise CellError(token, _("a date must be 8 digits YYYYMMDD"))
    try:
        return date(int(token[:4]), int(token[4:6]), int(token[6:]))
    except ValueError:
        raise CellError(token, _("not a real calendar date")) from None


def _weekday(char: str, token: str) -> int:
    index = WEEKDAY_CHARS.find(char)
    if index < 0 or len(char) != 1:
        raise CellError(
            token,
            _("%(char)r is not a weekday (one of %(weekdays)s)") % {"char": char, "weekdays": " ".join(WEEKDAY_CHARS)},
        )
    return index


def parse_cell(cell: str) -> CellSchedule:
    """The rules of one 5374 schedule cell. Raises ``CellError`` naming the bad token."""
    cell = narrow(cell)
    if not cell:
        return CellSchedule()
    before, colon, after = cell.partition(":")
    months = ALL_MONTHS
    extra_dates: list[date] = []
    if colon:
        month_list = set()
        for token in after.split():
            if DATE_TOKEN.match(token) or (token.isdigit() and len(token) > 2):
                extra_dates.append(parse_yyyymmdd(token))
            elif token.isdigit() and 1 <= int(token) <= 12:
                month_list.add(int(token))
            else:
                raise CellError(token, _("after the colon only months 1–12 (and dates YYYYMMDD) may follow"))
        if not month_list:
            raise CellError(cell, _("the colon must be followed by the months of collection"))
        months = frozenset(month_list)
    rules: list[Rule] = []
    dates: list[date] = []
    remarks: list[str] = []
    for token in before.split():
        if token.startswith("*"):
            if not token[1:].isdigit():
                raise CellError(token, _("a remark reference is * followed by the remarks.csv ID"))
            remarks.append(token[1:])
        elif len(token) == 1:
            rules.append(Rule(RuleKind.WEEKLY, weekday=_weekday(token, token), months=months))
        elif len(token) == 2 and token[1].isdigit():
            nth = int(token[1])
            if not 1 <= nth <= 5:
                raise CellError(token, _("the week of the month must be 1–5"))
            rules.append(Rule(RuleKind.NTH, weekday=_weekday(token[0], token), nth=nth, months=months))
        elif token.startswith("隔") and len(token) == 10:
            weekday = _weekday(token[1], token)
            anchor = parse_yyyymmdd(token[2:])
            if anchor.weekday() != weekday:
                raise CellError(token, _("%(date)s is not a %(weekday)s曜日") % {"date": anchor, "weekday": token[1]})
            rules.append(Rule(RuleKind.BIWEEKLY, weekday=weekday, anchor=anchor, months=months))
        elif token[:1].isdigit():
            dates.append(parse_yyyymmdd(token))
        else:
            raise CellError(token, _("unknown token: use a weekday (月), weekday+week (水2), 隔水YYYYMMDD or YYYYMMDD"))
    if dates and rules:
        raise CellError(cell, _("mixes weekdays with explicit dates; 5374 would ignore the weekdays"))
    if dates or extra_dates:
        rules.append(explicit_dates(dates + extra_dates))
    return CellSchedule(tuple(rules), tuple(remarks))


class NotRepresentable(ValueError):
    """Rules that a 5374 cell cannot express (validity ranges, mixed month lists)."""


def format_months(months: Iterable[int]) -> str:
    months = set(months)
    return " ".join(str(month) for month in FISCAL_MONTH_ORDER if month in months)


def format_cell(rules: Iterable[Rule], remark_ids: Iterable[str] = ()) -> str:
    """The 5374 cell for these rules; raises ``NotRepresentable`` when 5374 cannot say it."""
    rules = list(rules)
    regular = [rule for rule in rules if rule.is_regular]
    dated = [day for rule in rules if not rule.is_regular for day in rule.dates]
    if any(rule.valid_from or rule.valid_until for rule in rules):
        raise NotRepresentable("5374 has no validity ranges")
    month_sets = {rule.months for rule in regular}
    if len(month_sets) > 1:
        raise NotRepresentable("5374 allows one month list per cell")
    tokens = []
    for rule in _sorted_rules(regular):
        char = WEEKDAY_CHARS[rule.weekday]
        if rule.kind is RuleKind.WEEKLY:
            tokens.append(char)
        elif rule.kind is RuleKind.NTH:
            tokens.append(f"{char}{rule.nth}")
        else:
            tokens.append(f"隔{char}{rule.anchor:%Y%m%d}")
    date_tokens = [f"{day:%Y%m%d}" for day in sorted(set(dated))]
    tokens += [f"*{remark}" for remark in remark_ids]
    months = next(iter(month_sets)) if month_sets else ALL_MONTHS
    if regular and (months != ALL_MONTHS or date_tokens):
        # Hakodate's form: dates after the month list, kept apart from the weekdays.
        return " ".join(tokens) + ":" + " ".join([format_months(months), *date_tokens])
    return " ".join(date_tokens + tokens)


def _sorted_rules(rules: Iterable[Rule]) -> list[Rule]:
    order = {RuleKind.WEEKLY: 0, RuleKind.NTH: 1, RuleKind.BIWEEKLY: 2}
    return sorted(rules, key=lambda rule: (order[rule.kind], rule.weekday, rule.nth or 0, rule.anchor or date.min))


# --- the 5374 file set ---------------------------------------------------------------


@dataclass
class Category5374:
    label: str
    sublabel: str = ""
    description: str = ""
    styles: str = ""
    bgcolor: str = ""


@dataclass
class Area5374:
    name: str
    centre: str = ""
    cells: dict[str, CellSchedule] = field(default_factory=dict)  # category label → schedule


@dataclass(frozen=True)
class Centre5374:
    name: str
    start: date
    end: date


@dataclass(frozen=True)
class Target5374:
    category: str
    name: str
    notice: str = ""
    furigana: str = ""


@dataclass
class Dataset5374:
    categories: list[Category5374] = field(default_factory=list)
    areas: list[Area5374] = field(default_factory=list)
    centres: list[Centre5374] = field(default_factory=list)
    remarks: dict[str, str] = field(default_factory=dict)
    targets: list[Target5374] = field(default_factory=list)
    area_header: str = "地名"
    centre_header: str = "センター"
    target_type_header: str = "type"

    @property
    def scheduled_labels(self) -> list[str]:
        seen: dict[str, None] = {}
        for area in self.areas:
            seen.update(dict.fromkeys(area.cells))
        return list(seen)


def csv_rows(text: str) -> list[tuple[int, list[str]]]:
    """(row number, cells) of a CSV text; blank lines are skipped but still counted."""
    rows = []
    for number, row in enumerate(csv.reader(io.StringIO(text.replace("\r\n", "\n"))), start=1):
        if not row or all(not cell.strip() for cell in row):
            continue
        rows.append((number, [unescape_cell(cell.strip()) for cell in row]))
    return rows


def parse_center_date(value: str) -> date:
    match = re.fullmatch(r"(\d{4})/(\d{1,2})/(\d{1,2})", value.strip())
    if not match:
        raise ValueError(_("a date must be YYYY/MM/DD or YYYY/M/D"))
    return date(*(int(part) for part in match.groups()))


def read_5374_texts(texts: Mapping[str, str]) -> tuple[Dataset5374, list[RowError]]:
    """Read a 5374 file set given as {file name: text}. area_days.csv and description.csv are required."""
    errors: list[RowError] = []
    dataset = Dataset5374()
    for required in ("area_days.csv", "description.csv"):
        if required not in texts:
            errors.append(RowError(required, None, None, None, _("the file is missing")))
    if errors:
        return dataset, errors

    def error(file, row, column, value, message):
        errors.append(RowError(file, row, column, value, message))

    def doubled(file, first_rows: dict, number, column, key) -> bool:
        """Whether an earlier row of *file* has *key* already (an error naming both rows)."""
        if key in first_rows:
            error(file, number, column, key, same_id(first_rows[key], number, key))
            return True
        first_rows[key] = number
        return False

    # description.csv
    seen_labels = set()
    label_rows: dict[str, int] = {}
    for number, row in csv_rows(texts["description.csv"])[1:]:
        row = (row + [""] * 5)[:5]
        label, sublabel, description, styles, bgcolor = row
        if not label:
            error("description.csv", number, "label", label, _("a category needs a label"))
            continue
        if doubled("description.csv", label_rows, number, "label", label):
            continue
        if bgcolor and not COLOUR.match(bgcolor):
            error("description.csv", number, "bgcolor", bgcolor, _("a colour must be #RGB or #RRGGBB"))
            continue
        seen_labels.add(label)
        dataset.categories.append(Category5374(label, sublabel, description, styles, bgcolor))

    # center.csv
    centre_names = set()
    centre_rows: dict[str, int] = {}
    for number, row in csv_rows(texts.get("center.csv", ""))[1:]:
        row = (row + ["", "", ""])[:3]
        name = row[0]
        if name and doubled("center.csv", centre_rows, number, "名称", name):
            continue
        try:
            start, end = parse_center_date(row[1]), None
        except ValueError as problem:
            error("center.csv", number, "休止開始日", row[1], str(problem))
            continue
        try:
            end = parse_center_date(row[2])
        except ValueError as problem:
            error("center.csv", number, "休止終了日", row[2], str(problem))
            continue
        if not name:
            error("center.csv", number, "名称", name, _("a centre needs a name"))
        elif start > end:
            error(
                "center.csv",
                number,
                "休止終了日",
                row[2],
                _("the shutdown ends before it starts (%(start)s)") % {"start": row[1]},
            )
        else:
            centre_names.add(name)
            dataset.centres.append(Centre5374(name, start, end))

    # remarks.csv
    remark_rows: dict[str, int] = {}
    for number, row in csv_rows(texts.get("remarks.csv", ""))[1:]:
        row = (row + ["", ""])[:2]
        if not row[0]:
            error("remarks.csv", number, "ID", row[0], _("a remark needs an ID"))
            continue
        if doubled("remarks.csv", remark_rows, number, "ID", row[0]):
            continue
        dataset.remarks[row[0]] = row[1]

    # area_days.csv
    rows = csv_rows(texts["area_days.csv"])
    if not rows:
        error("area_days.csv", 1, None, None, _("the file has no header row"))
        return dataset, errors
    header_number, header = rows[0]
    if len(header) < 3:
        error(
            "area_days.csv", header_number, None, ",".join(header), _("needs 地名, センター and at least one category")
        )
        return dataset, errors
    dataset.area_header, dataset.centre_header = header[0], header[1]
    labels = header[2:]
    for label in labels:
        if label not in seen_labels:
            error("area_days.csv", header_number, label, label, _("this category column has no row in description.csv"))
    area_rows: dict[str, int] = {}
    for number, row in rows[1:]:
        if len(row) != len(header):
            error(
                "area_days.csv", number, None, ",".join(row), f"{len(row)} columns where the header has {len(header)}"
            )
            continue
        name, centre = row[0], row[1]
        if not name:
            error("area_days.csv", number, header[0], name, _("an area needs a name"))
            continue
        if doubled("area_days.csv", area_rows, number, header[0], name):
            continue
        if centre and centre not in centre_names:
            error("area_days.csv", number, header[1], centre, _("no centre of that name in center.csv"))
            continue
        area = Area5374(name, centre)
        bad = False
        for label, cell in zip(labels, row[2:], strict=True):
            try:
                schedule = parse_cell(cell)
            except CellError as problem:
                error("area_days.csv", number, label, problem.value, str(problem))
                bad = True
                continue
            for remark in schedule.remark_ids:
                if remark not in dataset.remarks:
                    error("area_days.csv", number, label, f"*{remark}", _("no remark with that ID in remarks.csv"))
                    bad = True
            area.cells[label] = schedule
        if not bad:
            dataset.areas.append(area)

    # target.csv (the sorting dictionary)
    target_rows = csv_rows(texts.get("target.csv", ""))
    if target_rows:
        dataset.target_type_header = target_rows[0][1][0] if target_rows[0][1] else "type"
    for number, row in target_rows[1:]:
        row = (row + ["", "", "", ""])[:4]
        category, name, notice, furigana = row
        if not category:
            error("target.csv", number, dataset.target_type_header, category, _("an item needs a category"))
        elif not name:
            error("target.csv", number, "name", name, _("an item needs a name"))
        else:
            dataset.targets.append(Target5374(category, name, notice, furigana))
    return dataset, errors


def read_5374_dir(directory: str | Path) -> tuple[Dataset5374, list[RowError]]:
    directory = Path(directory)
    texts = {}
    for name in FILES_5374:
        path = directory / name
        if path.exists():
            texts[name] = decode_bytes(path.read_bytes())
    return read_5374_texts(texts)


def _csv_text(rows: Iterable[Iterable[str]]) -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\n")  # formula-like cells neutralised
    writer.writerows(rows)
    return buffer.getvalue()


def write_5374_texts(dataset: Dataset5374) -> dict[str, str]:
    """The five 5374 files (UTF-8, LF) of a dataset; raises ``NotRepresentable`` for cells 5374 cannot say."""
    labels = [category.label for category in dataset.categories if category.label in set(dataset.scheduled_labels)]
    labels += [label for label in dataset.scheduled_labels if label not in labels]
    area_rows = [[dataset.area_header, dataset.centre_header, *labels]]
    for area in dataset.areas:
        cells = []
        for label in labels:
            schedule = area.cells.get(label, CellSchedule())
            cells.append(format_cell(schedule.rules, schedule.remark_ids))
        area_rows.append([area.name, area.centre, *cells])
    return {
        "area_days.csv": _csv_text(area_rows),
        "center.csv": _csv_text(
            [["名称", "休止開始日", "休止終了日"]]
            + [[c.name, f"{c.start:%Y/%m/%d}", f"{c.end:%Y/%m/%d}"] for c in dataset.centres]
        ),
        "description.csv": _csv_text(
            [["label", "sublabel", "description", "styles", "bgcolor"]]
            + [[c.label, c.sublabel, c.description, c.styles, c.bgcolor] for c in dataset.categories]
        ),
        "remarks.csv": _csv_text([["ID", "注意事項"]] + [[key, text] for key, text in dataset.remarks.items()]),
        "target.csv": _csv_text(
            [[dataset.target_type_header, "name", "notice", "furigana"]]
            + [[t.category, t.name, t.notice, t.furigana] for t in dataset.targets]
        ),
    }


def write_5374_dir(dataset: Dataset5374, directory: str | Path) -> list[Path]:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in write_5374_texts(dataset).items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


# --- Takamatsu (香川県高松市) open data: 0090 collection days, 0074 sorting list -----------

# 0090's English property names and the category labels the city uses in 0074.
TAKAMATSU_CATEGORIES = {
    "burnableGarbage": ("燃やせるごみ", "#ea3b13"),
    "crushableGarbage": ("破砕ごみ", "#733b96"),
    "cansGlassPlastic": ("缶・びん・ペットボトル", "#2dc7aa"),
    "paperAndCloth": ("紙・布", "#77ae1f"),
    "plasticContainers": ("プラスチック容器包装", "#1f6fb2"),
}
# Spelling slips in the real 0074 file, mapped to the category the city means.
TAKAMATSU_CLASSIFICATION_ALIASES = {"紙布": "紙・布", "破砕、臨時・粗大": "破砕ごみ"}


def _imi_table(text: str, file: str, errors: list[RowError]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Takamatsu's IMI-style CSV: '#' metadata rows, '#property,…' is the header, then data rows."""
    table = read_property_table(text)
    if not table.properties:
        errors.append(RowError(file, None, None, None, _("no '#property' header row")))
    return table.properties, table.rows


def read_takamatsu(collection_text: str, sorting_text: str | None = None) -> tuple[Dataset5374, list[RowError]]:
    """Takamatsu's 0090 (collection days in Japanese) and 0074 (sorting list) as a 5374 dataset."""
    from .rule_text import RuleTextError, parse_rule_text

    errors: list[RowError] = []
    dataset = Dataset5374(area_header="name", centre_header="センター")
    for key, (label, colour) in TAKAMATSU_CATEGORIES.items():
        dataset.categories.append(Category5374(label, key, "", "", colour))
    header, rows = _imi_table(collection_text, "0090.csv", errors)
    area_rows: dict[str, int] = {}
    for number, row in rows:
        row = row[1:]  # the running number
        if len(row) != len(header):
            errors.append(RowError("0090.csv", number, None, ",".join(row), _("wrong number of columns")))
            continue
        values = dict(zip(header, row, strict=True))
        name = values.get("name", "")
        if not name:
            errors.append(RowError("0090.csv", number, "name", name, _("an area needs a name")))
            continue
        if name in area_rows:
            errors.append(RowError("0090.csv", number, "name", name, same_id(area_rows[name], number, name)))
            continue
        area_rows[name] = number
        area = Area5374(name)
        bad = False
        for key, (label, _colour) in TAKAMATSU_CATEGORIES.items():
            text = values.get(key, "")
            try:
                area.cells[label] = CellSchedule(tuple(parse_rule_text(text)) if text else ())
            except RuleTextError as problem:
                errors.append(RowError("0090.csv", number, key, text, str(problem)))
                bad = True
        if not bad:
            dataset.areas.append(area)
    if sorting_text is not None:
        header, rows = _imi_table(sorting_text, "0074.csv", errors)
        known = {category.label for category in dataset.categories}
        for number, row in rows:
            values = dict(zip(header, row[1:], strict=False))
            name, classification = values.get("name", ""), values.get("classification", "")
            classification = TAKAMATSU_CLASSIFICATION_ALIASES.get(classification, classification)
            if not name:
                errors.append(RowError("0074.csv", number, "name", name, _("an item needs a name")))
            elif not classification:
                errors.append(
                    RowError("0074.csv", number, "classification", classification, _("an item needs a category"))
                )
            else:
                if classification not in known:
                    known.add(classification)
                    dataset.categories.append(Category5374(classification))
                dataset.targets.append(Target5374(classification, name, values.get("note", "")))
    return dataset, errors


def read_takamatsu_dir(directory: str | Path) -> tuple[Dataset5374, list[RowError]]:
    directory = Path(directory)
    collection = decode_bytes((directory / "0090.csv").read_bytes())
    sorting_path = directory / "0074.csv"
    sorting = decode_bytes(sorting_path.read_bytes()) if sorting_path.exists() else None
    return read_takamatsu(collection, sorting)
