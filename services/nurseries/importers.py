"""Reading vacancy spreadsheets: the Yokohama per-age layout and the simple CSV, CSV or XLSX.

Pure functions, no database. ``parse_vacancies`` turns a file into a ``VacancySheet`` of
``VacancyRow``s and the ``RowError``s found; ``match_rows`` pairs rows with the nurseries the
portal knows. How every cell is read is documented in docs/nurseries.md and in
``read_places`` below.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from django.utils.translation import gettext as _

from japanese.dates import find_date_in_text, parse_date
from japanese.text import compact, narrow
from opendata.reading import RowError, same_id
from opendata.tables import read_table

from .dates import AGE_CLASSES, end_of_next_month

# --- cells ---------------------------------------------------------------------------------


class Availability(StrEnum):
    PLACES = "places"  # a class of that age with a known number of places (maybe 0)
    FEW = "few"  # 若干 / ○ / △: places are open, the number is not given
    NO_CLASS = "no_class"  # －: the nursery has no class of that age


@dataclass(frozen=True)
class AgeVacancy:
    """Places open in one age class of one nursery."""

    availability: Availability
    places: int | None = None

    @property
    def has_vacancy(self) -> bool:
        return self.availability == Availability.FEW or bool(self.places)

    @property
    def has_class(self) -> bool:
        return self.availability != Availability.NO_CLASS

    def __str__(self) -> str:
        if self.availability == Availability.NO_CLASS:
            return "－"
        if self.availability == Availability.FEW:
            return "若干"
        return str(self.places)


NO_CLASS = AgeVacancy(Availability.NO_CLASS)
FEW = AgeVacancy(Availability.FEW)

# After NFKC (which turns － into -, ０ into 0 and ｘ into x) and stripping spaces.
ZERO_WORDS = {"", "0", "×", "✕", "✖", "x", "X", "満", "満員", "なし", "無"}
FEW_WORDS = {"若干", "若干名", "○", "〇", "◯", "△", "有", "あり"}
NO_CLASS_WORDS = {"-", "−", "‐", "‑", "–", "—", "―", "ー", "/", "対象外", "該当なし"}
_DASHES = "-−‐‑–—―ー"
_NEGATIVE = re.compile(rf"^[{_DASHES}]\s*\d+$")
_COUNT = re.compile(r"^(\d+)\s*[人名]?$")


def read_places(text: str) -> AgeVacancy:
    """One age cell, read the way cities write it (docs/nurseries.md, "How cells are read").

    - a whole number n (full- or half-width, optionally 人/名) → n places; 0 → no places
    - empty, ×, ✕, x, 満, なし, 無 → 0 places: the class exists but is full. Yokohama leaves
      a cell empty for a class that exists (its 合計 counts it as 0, and the enrolment file
      lists children in that class), so empty is *not* "no class"
    - －, -, ―, ー, /, 対象外, 該当なし → no class of that age at this nursery
    - 若干, ○, △, 有, あり → places are open but the number is not given
    - anything else, a negative number or a fraction → ValueError with the reason
    """
    value = compact(text)
    if value in ZERO_WORDS:
        return AgeVacancy(Availability.PLACES, 0)
    if value in NO_CLASS_WORDS:
        return NO_CLASS
    if value in FEW_WORDS:
        return FEW
    if match := _COUNT.match(value):
        return AgeVacancy(Availability.PLACES, int(match.group(1)))
    if _NEGATIVE.match(value):
        raise ValueError(_("a count of places cannot be negative"))
    if re.fullmatch(r"\d+\.\d+", value):
        raise ValueError(_("a count of places must be a whole number"))
    raise ValueError(_("not a count of places: write a whole number, × for none, － for no class of that age, or 若干"))


# --- headers -------------------------------------------------------------------------------


class Column(StrEnum):
    NUMBER = "number"
    NAME = "name"
    WARD = "ward"
    WARD_CODE = "ward_code"
    AS_OF = "as_of"
    UPDATED = "updated"
    TOTAL = "total"
    NOTE = "note"


HEADER_ALIASES = {
    Column.NUMBER: {"施設番号", "施設id", "施設コード", "事業所番号", "id", "nursery_id"},
    Column.NAME: {"施設・事業名", "施設名", "施設名称", "名称", "保育所名", "name"},
    Column.WARD: {"施設所在区", "区", "区名", "地区", "ward"},
    Column.WARD_CODE: {"標準地域コード", "ward_code"},
    Column.AS_OF: {"基準日", "時点", "as_of"},
    Column.UPDATED: {"更新日", "updated"},
    Column.TOTAL: {"合計", "計", "total"},
    Column.NOTE: {"備考", "note"},
}
_ALIAS_TO_COLUMN = {alias: column for column, aliases in HEADER_ALIASES.items() for alias in aliases}
_AGE_HEADER = re.compile(r"^(?:(\d+)歳(?:児)?(?:クラス)?|age_?(\d+))$")
_AGE_LIKE = re.compile(r"歳|^age", re.IGNORECASE)

# Titles of the other two files Yokohama publishes in the same layout.
WRONG_KINDS = {"入所児童数": "enrolled children (入所児童数)", "入所待ち": "waiting applicants (入所待ち人数)"}


def _header_key(text: str) -> str:
    return compact(text).lower()


def age_of_header(text: str) -> int | None:
    """0 for ０歳児 / 0歳 / 0歳児クラス / age_0 …; None for a header that is not an age."""
    match = _AGE_HEADER.match(_header_key(text))
    if not match:
        return None
    return int(match.group(1) or match.group(2))


def _is_header_row(cells: Sequence[str]) -> bool:
    keys = [_header_key(cell) for cell in cells]
    has_age = any(age_of_header(key) is not None for key in keys)
    has_id = any(_ALIAS_TO_COLUMN.get(key) in (Column.NUMBER, Column.NAME) for key in keys)
    return has_age and has_id


# --- rows ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class VacancyRow:
    """One nursery's line in a vacancy file."""

    row: int  # 1-based line in the file, as a spreadsheet shows it
    number: str  # the city's facility number (Yokohama 施設番号), "" when the file has none
    name: str
    ward: str
    by_age: dict[int, AgeVacancy]
    total: int | None = None
    note: str = ""

    @property
    def has_vacancy(self) -> bool:
        return any(cell.has_vacancy for cell in self.by_age.values())

    @property
    def label(self) -> str:
        return " ".join(part for part in (self.number, self.name) if part)


@dataclass
class VacancySheet:
    """What a vacancy file says, before it is matched to nurseries."""

    file: str
    layout: str  # "yokohama" (title row, 施設番号, ward columns) or "simple"
    as_of: date | None
    title: str = ""
    rows: list[VacancyRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def parse_vacancies(
    path: str | Path,
    *,
    as_of: date | None = None,
    today: date | None = None,
    name: str | None = None,
) -> VacancySheet:
    """Read a vacancy file in either layout; every problem becomes a ``RowError``.

    *as_of* is the date the staff give (``--as-of``); the file's own date (the Yokohama title
    row, or an as-of column) must agree with it, and either must not lie beyond the end of
    the month after *today*. *name* is the file name to report (uploads live in temp files).
    """
    file = name or Path(path).name
    try:
        table = read_table(path)
    except (ValueError, OSError) as error:
        return VacancySheet(file, "unknown", as_of, errors=[RowError(file, None, None, None, str(error))])
    return parse_vacancy_table(table, file=file, as_of=as_of, today=today)


def parse_vacancy_table(
    table: Sequence[Sequence[str]],
    *,
    file: str,
    as_of: date | None = None,
    today: date | None = None,
) -> VacancySheet:
    """``parse_vacancies`` on rows already read (a list of lists of cell text)."""
    today = today or date.today()
    errors: list[RowError] = []

    def error(row: int | None, column: str | None, value: str | None, message: str) -> None:
        errors.append(RowError(file, row, column, value, message))

    header_index = next((i for i, cells in enumerate(table[:20]) if _is_header_row(cells)), None)
    if header_index is None:
        sheet = VacancySheet(file, "unknown", as_of)
        error(
            None,
            None,
            None,
            "no header row: a vacancy file needs a 施設番号 or 施設名 column and one column per age (0歳 … 5歳)",
        )
        sheet.errors = errors
        return sheet

    header = [str(cell) for cell in table[header_index]]
    header_row = header_index + 1
    title_lines = [" ".join(c.strip() for c in cells if c and c.strip()) for cells in table[:header_index]]
    title = " ".join(line for line in title_lines if line)

    # The title row says which file this is and as of when.
    for word, meaning in WRONG_KINDS.items():
        if word in title:
            error(1, None, title, _("this file holds %(meaning)s, not open places (受入可能数)") % {"meaning": meaning})
    stated = find_date_in_text(title) if title else None
    if stated and as_of and stated != as_of:
        error(
            1,
            None,
            title,
            _("the file is as of %(file)s but the notice is as of %(notice)s")
            % {"file": stated.isoformat(), "notice": as_of.isoformat()},
        )
    as_of = as_of or stated

    # Map the header onto what we know.
    columns: dict[Column, int] = {}
    ages: dict[int, int] = {}
    ignored: list[str] = []
    blank_columns: list[int] = []
    for index, text in enumerate(header):
        key = _header_key(text)
        if not key:
            blank_columns.append(index)
            continue
        age = age_of_header(key)
        column = _ALIAS_TO_COLUMN.get(key)
        if age is not None:
            if age not in AGE_CLASSES:
                error(header_row, text, text, _("unknown age column: nurseries take 0歳児 to 5歳児"))
            elif age in ages:
                error(header_row, text, text, _("a second column for %(age)s歳") % {"age": age})
            else:
                ages[age] = index
        elif column is not None:
            if column in columns:
                error(header_row, text, text, _("a second %(column)s column") % {"column": column.value})
            else:
                columns[column] = index
        elif _AGE_LIKE.search(key):
            error(header_row, text, text, _("unknown age column: write 0歳 … 5歳 (or ０歳児 … ５歳児)"))
        else:
            ignored.append(text)
    for age in AGE_CLASSES:
        if age not in ages:
            error(
                header_row,
                f"{age}歳",
                None,
                f"no column for {age}歳: give one column per age, － where there is no class",
            )

    layout = "yokohama" if Column.NUMBER in columns and Column.WARD_CODE in columns else "simple"
    sheet = VacancySheet(file, layout, as_of, title=title, ignored_columns=ignored)

    if as_of is None and Column.AS_OF not in columns:
        error(None, None, None, _("no as-of date: give --as-of YYYY-MM-DD or an as_of column"))
    if as_of and as_of > end_of_next_month(today):
        error(
            None, "as_of", as_of.isoformat(), f"a notice cannot be dated after {end_of_next_month(today).isoformat()}"
        )
    if errors:
        sheet.errors = errors
        return sheet

    def cell(cells: Sequence[str], index: int | None) -> str:
        if index is None or index >= len(cells):
            return ""
        return str(cells[index] if cells[index] is not None else "").strip()

    seen_numbers: dict[str, int] = {}
    seen_names: dict[tuple[str, str], int] = {}
    row_dates: dict[date, int] = {}
    for offset, cells in enumerate(table[header_index + 1 :]):
        row = header_row + 1 + offset
        if not any(str(c or "").strip() for c in cells):
            continue
        first = cell(cells, 0)
        if first.startswith(("※", "#", "注")) and not any(cell(cells, i).strip() for i in range(1, len(cells))):
            continue  # a footnote under the table
        row_errors = len(errors)
        for index in blank_columns:
            if cell(cells, index):
                error(row, f"column {index + 1}", cell(cells, index), _("a value in a column without a header"))
        if len(cells) > len(header) and any(str(c or "").strip() for c in cells[len(header) :]):
            error(
                row, f"column {len(header) + 1}", cell(cells, len(header)), _("more cells than the header has columns")
            )
        number = narrow(cell(cells, columns.get(Column.NUMBER)))
        nursery_name = cell(cells, columns.get(Column.NAME))
        ward = cell(cells, columns.get(Column.WARD))
        if not number and not nursery_name:
            error(
                row, header[columns.get(Column.NUMBER, columns.get(Column.NAME, 0))], "", "no facility number or name"
            )
        if number:
            if re.search(r"\s", number):
                error(row, header[columns[Column.NUMBER]], number, _("a facility number has no spaces"))
            elif number in seen_numbers:
                error(
                    row,
                    header[columns[Column.NUMBER]],
                    number,
                    same_id(seen_numbers[number], row, number),
                )
            else:
                seen_numbers[number] = row
        elif nursery_name:
            key = (normalize_name(nursery_name), ward)
            if key in seen_names:
                error(
                    row,
                    header[columns[Column.NAME]],
                    nursery_name,
                    _("the same nursery is on row %(row)s") % {"row": seen_names[key]},
                )
            else:
                seen_names[key] = row
        by_age: dict[int, AgeVacancy] = {}
        for age, index in sorted(ages.items()):
            text = cell(cells, index)
            try:
                by_age[age] = read_places(text)
            except ValueError as reason:
                error(row, header[index], text, str(reason))
        total = None
        if Column.TOTAL in columns and (text := cell(cells, columns[Column.TOTAL])):
            try:
                total_cell = read_places(text)
            except ValueError as reason:
                error(row, header[columns[Column.TOTAL]], text, str(reason))
            else:
                total = total_cell.places
        for column in (Column.AS_OF, Column.UPDATED):
            if column in columns and (text := cell(cells, columns[column])):
                try:
                    value = parse_date(text)
                except ValueError as reason:
                    error(row, header[columns[column]], text, str(reason))
                    continue
                if column == Column.AS_OF:
                    if as_of and value != as_of:
                        error(
                            row,
                            header[columns[column]],
                            text,
                            _("the notice is as of %(date)s") % {"date": as_of.isoformat()},
                        )
                    elif value > end_of_next_month(today):
                        error(
                            row,
                            header[columns[column]],
                            text,
                            f"a notice cannot be dated after {end_of_next_month(today).isoformat()}",
                        )
                    row_dates.setdefault(value, row)
        if len(errors) > row_errors:
            continue
        vacancy_row = VacancyRow(
            row=row,
            number=number,
            name=nursery_name,
            ward=ward,
            by_age=by_age,
            total=total,
            note=cell(cells, columns.get(Column.NOTE)),
        )
        counted = [c.places for c in by_age.values() if c.availability == Availability.PLACES]
        if (
            total is not None
            and all(c.availability != Availability.FEW for c in by_age.values())
            and sum(counted) != total
        ):
            sheet.warnings.append(
                f"{file}, row {row} ({vacancy_row.label}): 合計 {total} is not the sum of the age columns ({sum(counted)})"
            )
        sheet.rows.append(vacancy_row)
    if as_of is None:
        if len(row_dates) > 1:
            first_date, second_date = sorted(row_dates)[:2]
            error(
                row_dates[second_date],
                header[columns[Column.AS_OF]],
                second_date.isoformat(),
                f"row {row_dates[first_date]} is as of {first_date.isoformat()}: one notice has one date",
            )
        elif row_dates:
            sheet.as_of = next(iter(row_dates))
    if not sheet.rows and not errors:
        error(None, None, None, _("the file has no nursery rows"))
    sheet.errors = errors
    return sheet


# --- matching rows to nurseries ------------------------------------------------------------


def normalize_name(name: str) -> str:
    """A nursery name compared loosely: NFKC width folding, no spaces, no 「」 punctuation."""
    value = narrow(name)
    return re.sub(r"[\s・「」『』]", "", value).lower()


@dataclass(frozen=True)
class KnownNursery:
    """A nursery the portal knows, as the matcher needs it."""

    id: int
    name: str
    number: str = ""
    ward: str = ""  # ward or address, to tell two nurseries of one name apart


class MatchStatus(StrEnum):
    MATCHED = "matched"
    UNMATCHED = "unmatched"
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True)
class RowMatch:
    row: VacancyRow
    status: MatchStatus
    nursery_id: int | None = None
    candidates: tuple[int, ...] = ()
    reason: str = ""


def match_rows(rows: Iterable[VacancyRow], nurseries: Iterable[KnownNursery]) -> list[RowMatch]:
    """Pair every row with at most one nursery.

    By facility number first. A row without a number, or whose number the portal does not
    know, is matched by name when exactly one nursery of that name (in that ward, when the
    row names one) has no other number. Two rows that land on one nursery are both ambiguous.
    """
    nurseries = list(nurseries)
    by_number = {n.number: n for n in nurseries if n.number}
    by_name: dict[str, list[KnownNursery]] = defaultdict(list)
    for nursery in nurseries:
        by_name[normalize_name(nursery.name)].append(nursery)

    matches: list[RowMatch] = []
    for row in rows:
        if row.number and row.number in by_number:
            matches.append(RowMatch(row, MatchStatus.MATCHED, by_number[row.number].id, reason="facility number"))
            continue
        candidates = by_name.get(normalize_name(row.name), []) if row.name else []
        if row.ward and len(candidates) > 1:
            in_ward = [n for n in candidates if row.ward in n.ward]
            candidates = in_ward or candidates
        if row.number:
            free = [n for n in candidates if not n.number]
            if not free and candidates:
                matches.append(
                    RowMatch(
                        row,
                        MatchStatus.UNMATCHED,
                        candidates=tuple(n.id for n in candidates),
                        reason=f"no nursery has facility number {row.number}; {row.name} has another number",
                    )
                )
                continue
            candidates = free
        if len(candidates) == 1:
            matches.append(RowMatch(row, MatchStatus.MATCHED, candidates[0].id, reason="name"))
        elif candidates:
            matches.append(
                RowMatch(
                    row,
                    MatchStatus.AMBIGUOUS,
                    candidates=tuple(n.id for n in candidates),
                    reason=f"{len(candidates)} nurseries are called {row.name}",
                )
            )
        else:
            what = f"facility number {row.number} or name {row.name}" if row.number else f"name {row.name}"
            matches.append(RowMatch(row, MatchStatus.UNMATCHED, reason=f"no nursery with {what}"))

    taken = Counter(m.nursery_id for m in matches if m.status == MatchStatus.MATCHED)
    result = []
    for match in matches:
        if match.status == MatchStatus.MATCHED and taken[match.nursery_id] > 1:
            others = [m.row.row for m in matches if m.nursery_id == match.nursery_id and m is not match]
            match = RowMatch(
                match.row,
                MatchStatus.AMBIGUOUS,
                candidates=(match.nursery_id,),
                reason=f"row {', '.join(map(str, others))} is the same nursery",
            )
        result.append(match)
    return result


def resolve(matches: Sequence[RowMatch], choices: dict[int, int | None]) -> list[RowMatch]:
    """Apply staff choices from the preview: {file row: nursery id, or None to leave the row out}.

    Rows left out disappear; a chosen nursery makes the row matched. Rows without a choice
    keep their status.
    """
    result = []
    for match in matches:
        if match.row.row not in choices:
            result.append(match)
        elif (chosen := choices[match.row.row]) is not None:
            result.append(RowMatch(match.row, MatchStatus.MATCHED, chosen, reason="chosen by staff"))
    return result


def blocking(matches: Iterable[RowMatch]) -> list[RowMatch]:
    """The rows that keep a notice from being published: unmatched or ambiguous."""
    return [m for m in matches if m.status != MatchStatus.MATCHED]


# --- Yokohama's facility list --------------------------------------------------------------


@dataclass(frozen=True)
class YokohamaFacility:
    number: str
    name: str
    ward: str
    ward_code: str
    kind: str
    lat: float | None
    lng: float | None
    ages: tuple[int, ...]


def yokohama_kind(number: str, name: str) -> str:
    """The nursery type of a Yokohama facility, inferred from its number and name.

    Yokohama numbers 認可保育所 and 認定こども園 1410051…, 地域型保育 (small-scale, home-based,
    workplace) 1410052…; the name tells the rest. An inference for the demo, not city data.
    """
    text = narrow(name)
    if "こども園" in text and number.startswith("1410051"):
        return "認定こども園"
    if number.startswith("1410052"):
        if "事業所内" in text:
            return "事業所内保育"
        if "家庭" in text:
            return "家庭的保育"
        return "小規模保育事業"
    return "認可保育所"


def read_yokohama_locations(path: str | Path) -> list[tuple[str, float, float]]:
    """202408-location.csv: 施設・事業名, 緯度, 経度 (geocoded by name, so approximate)."""
    table = read_table(path)
    if not table or [_header_key(c) for c in table[0][:3]] != ["施設・事業名", "緯度", "経度"]:
        raise ValueError(f"{Path(path).name}: expected the header 施設・事業名,緯度,経度")
    places = []
    for row_number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        try:
            places.append((cells[0].strip(), float(cells[1]), float(cells[2])))
        except (ValueError, IndexError):
            raise ValueError(f"{Path(path).name}, row {row_number}: not a name, latitude and longitude") from None
    return places


def yokohama_facilities(
    table: Sequence[Sequence[str]], locations: Sequence[tuple[str, float, float]]
) -> list[YokohamaFacility]:
    """Yokohama's nurseries from a per-age file joined with the location list by name.

    Names repeat (two めぐみ保育園); the n-th row of a name takes the n-th location of that
    name, which is how the location file was made (one geocoding per row, in file order).
    """
    header_index = next(i for i, cells in enumerate(table[:20]) if _is_header_row(cells))
    header = [_header_key(c) for c in table[header_index]]
    index = {_ALIAS_TO_COLUMN.get(key): i for i, key in enumerate(header) if key in _ALIAS_TO_COLUMN}
    age_index = {age_of_header(key): i for i, key in enumerate(header) if age_of_header(key) is not None}
    positions: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for name, lat, lng in locations:
        positions[name].append((lat, lng))
    used: Counter[str] = Counter()
    facilities = []
    for cells in table[header_index + 1 :]:
        if not any(cells):
            continue
        name = cells[index[Column.NAME]].strip()
        number = cells[index[Column.NUMBER]].strip()
        places = positions.get(name, [])
        lat, lng = places[used[name]] if used[name] < len(places) else (None, None)
        used[name] += 1
        ages = tuple(age for age, i in sorted(age_index.items()) if read_places(cells[i]).has_class)
        facilities.append(
            YokohamaFacility(
                number=number,
                name=name,
                ward=cells[index[Column.WARD]].strip(),
                ward_code=cells[index[Column.WARD_CODE]].strip(),
                kind=yokohama_kind(number, name),
                lat=lat,
                lng=lng,
                ages=ages,
            )
        )
    return facilities
