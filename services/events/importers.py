"""Reading and writing event lists: the standard イベント一覧 (2021) layout and Takamatsu's 0081.

Both are parsed into :class:`EventRecord` by plain functions, row by row. A row
that is wrong — a date that does not exist (2020/02/30), a time like 25:00, an
end before the start, a latitude off the globe — becomes a :class:`RowError`
naming file, row, column and value; everything a real file legitimately contains
is read: US-style ``8/2/2020`` (Excel exports), ``2020/10/4``, ``2020.10/5``,
``2020-10-04``, ``2020年10月4日``, ``令和2年10月4日``, and a date cell that carries
a time (``8/2/2020  3:30:00 PM``).

Row numbers are CSV record numbers counting the header (and Takamatsu's
``#`` metadata lines) as a spreadsheet would show them.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.utils.translation import gettext as _

from japanese.dates import parse_count, parse_date_time, parse_time, parse_yen
from japanese.text import narrow
from opendata.cells import csv_writer, unescape_row
from opendata.reading import ImportFailed, RowError, drop_duplicate_ids, read_text
from opendata.tables import is_property_table, read_property_table

from .recurrence import TOKYO, RecurrenceError, Schedule

# Column order of the 2021 推奨データセット イベント一覧 (tablelinker template xxxxxx_event.csv).
STANDARD_COLUMNS = (
    "都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名",
    "イベント名", "イベント名_カナ", "イベント名_英語",
    "開始日", "終了日", "開始時間", "終了時間", "開始日時特記事項", "説明",
    "料金(基本)", "料金(詳細)", "連絡先名称", "連絡先電話番号", "連絡先内線番号", "主催者",
    "場所名称", "住所", "方書", "緯度", "経度", "アクセス方法", "駐車場情報", "定員",
    "参加申込終了日", "参加申込終了時間", "参加申込方法", "URL", "備考",
)  # fmt: skip

# Standard column -> EventRecord attribute.
STANDARD_FIELDS = {
    "都道府県コード又は市区町村コード": "municipality_code",
    "NO": "no",
    "都道府県名": "prefecture",
    "市区町村名": "city",
    "イベント名": "title",
    "イベント名_カナ": "title_kana",
    "イベント名_英語": "title_en",
    "開始日": "start_date",
    "終了日": "end_date",
    "開始時間": "start_time",
    "終了時間": "end_time",
    "開始日時特記事項": "date_note",
    "説明": "description",
    "料金(基本)": "fee",
    "料金(詳細)": "fee_detail",
    "連絡先名称": "contact_name",
    "連絡先電話番号": "contact_phone",
    "連絡先内線番号": "contact_extension",
    "主催者": "organiser",
    "場所名称": "venue_name",
    "住所": "address",
    "方書": "building",
    "緯度": "lat",
    "経度": "lng",
    "アクセス方法": "access",
    "駐車場情報": "parking",
    "定員": "capacity",
    "参加申込終了日": "apply_until_date",
    "参加申込終了時間": "apply_until_time",
    "参加申込方法": "apply_method",
    "URL": "url",
    "備考": "note",
}
# Header spellings seen in the wild for the same columns.
COLUMN_ALIASES = {
    "市区町村コード": "都道府県コード又は市区町村コード",
    "全国地方公共団体コード": "都道府県コード又は市区町村コード",
    "料金（基本）": "料金(基本)",
    "料金（詳細）": "料金(詳細)",
    "No": "NO",
    "no": "NO",
}

# Takamatsu 0081 ("#property" header, IMI-style English names) -> standard column.
TAKAMATSU_COLUMNS = {
    "prefCode": "都道府県コード又は市区町村コード",
    "no": "NO",
    "pref": "都道府県名",
    "cityName": "市区町村名",
    "venue": "場所名称",
    "buildingName": "方書",
    "eventName": "イベント名",
    "overview": "説明",
    "organizer": "主催者",
    "startDate": "開始日",
    "startTime": "開始時間",
    "endDate": "終了日",
    "endTime": "終了時間",
}

REQUIRED_COLUMNS = ("イベント名", "開始日")
MIDNIGHT = time(0)
PLACEHOLDERS = {"-", "ー", "－", "―", "‐", "なし"}


@dataclass
class EventRecord:
    """One event as a file describes it (dates and times in Japan time)."""

    row: int
    title: str
    start_date: date
    end_date: date
    start_time: time | None = None
    end_time: time | None = None
    municipality_code: str = ""
    no: str = ""
    prefecture: str = ""
    city: str = ""
    title_kana: str = ""
    title_en: str = ""
    date_note: str = ""
    description: str = ""
    fee: int | None = None
    fee_detail: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_extension: str = ""
    organiser: str = ""
    venue_name: str = ""
    address: str = ""
    building: str = ""
    lat: float | None = None
    lng: float | None = None
    access: str = ""
    parking: str = ""
    capacity: int | None = None
    apply_until_date: date | None = None
    apply_until_time: time | None = None
    apply_method: str = ""
    url: str = ""
    note: str = ""
    source: str = field(default="standard")

    @property
    def all_day(self) -> bool:
        return self.start_time is None

    @property
    def full_address(self) -> str:
        """Prefecture and city prepended when the address lacks them (for geocoding)."""
        address = self.address
        if self.city and not address.startswith((self.prefecture or "\0", self.city)):
            address = self.city + address
        if self.prefecture and not address.startswith(self.prefecture):
            address = self.prefecture + address
        return address

    def schedule(self) -> Schedule:
        """The event's time span: timed when it has a start time, else all-day.

        Without an end time a one-day event ends when it starts and a longer one
        at the end of its last day.
        """
        if self.all_day:
            return Schedule.all_day_event(self.start_date, self.end_date)
        start = datetime.combine(self.start_date, self.start_time, tzinfo=TOKYO)
        if self.end_time is not None:
            end = datetime.combine(self.end_date, self.end_time, tzinfo=TOKYO)
        elif self.end_date > self.start_date:
            end = datetime.combine(self.end_date + timedelta(days=1), time(0), tzinfo=TOKYO)
        else:
            end = start
        return Schedule(start, end, False)


@dataclass
class ParseResult:
    records: list[EventRecord]
    errors: list[RowError]
    layout: str


# --- values ----------------------------------------------------------------------


def parse_coordinate(value: str, kind: str) -> float | None:
    text = narrow(value)
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise ValueError(_("not a decimal number")) from None
    limit = 90 if kind == "lat" else 180
    if not -limit <= number <= limit:
        raise ValueError(_("out of range (±%(limit)s)") % {"limit": limit})
    return number


def check_url(value: str) -> str:
    text = narrow(value)
    if text and not re.match(r"https?://[^\s]+$", text):
        raise ValueError(_("not an http(s) address"))
    return text


# --- rows ------------------------------------------------------------------------


class _Row:
    """Field access for one CSV record that records errors by column name."""

    def __init__(self, file: str, number: int, values: dict[str, str]):
        self.file, self.number, self.values = file, number, values
        self.errors: list[RowError] = []

    def text(self, column: str) -> str:
        """Prose as written (no width folding); a lone dash means "none"."""
        value = (self.values.get(column) or "").replace("\r\n", "\n").strip()
        return "" if value in PLACEHOLDERS else value

    def error(self, column: str, message: str, value: str | None = None) -> None:
        raw = self.values.get(column, "") if value is None else value
        self.errors.append(RowError(self.file, self.number, column, raw, message))

    def convert(self, column: str, function, *args):
        raw = self.values.get(column, "")
        if not narrow(raw):
            return None
        try:
            return function(raw, *args)
        except ValueError as exc:
            self.error(column, str(exc))
            return None


def _record_from_row(row: _Row, source: str) -> EventRecord | None:
    title = row.text("イベント名")
    if not title:
        row.error("イベント名", _("an event needs a name"))
    start = row.convert("開始日", parse_date_time)
    if start is None and not row.text("開始日"):
        row.error("開始日", _("an event needs a start date"))
    end = row.convert("終了日", parse_date_time)
    start_time = row.convert("開始時間", parse_time)
    end_time = row.convert("終了時間", parse_time)
    if row.errors:
        return None
    start_day, start_clock = start
    end_day, end_clock = end if end else (start_day, None)
    # A date cell may carry the time too (Excel: "8/2/2020  3:30:00 PM"); it must agree.
    for column, cell_clock, given in (
        ("開始時間", start_clock, start_time),
        ("終了時間", end_clock, end_time),
    ):
        if cell_clock is not None and given is not None and cell_clock != given:
            row.error(
                column, _("disagrees with the time %(time)s in the date column") % {"time": f"{cell_clock:%H:%M}"}
            )
    if row.errors:
        return None
    start_time = start_time if start_time is not None else start_clock
    end_time = end_time if end_time is not None else end_clock
    # Excel writes an empty time as 0:00: midnight to midnight (or to nothing) is all day.
    if start_time == MIDNIGHT and end_time in (None, MIDNIGHT):
        start_time = end_time = None
    if start_time is None:
        end_time = None  # an all-day event has no end time to keep
    if end_day < start_day:
        row.error(
            "終了日", _("the event ends (%(end)s) before it starts (%(start)s)") % {"end": end_day, "start": start_day}
        )
        return None
    if start_time and end_time and end_day == start_day and end_time < start_time:
        row.error(
            "終了時間",
            _("the event ends (%(end)s) before it starts (%(start)s)")
            % {"end": f"{end_time:%H:%M}", "start": f"{start_time:%H:%M}"},
        )
        return None

    fee, fee_text = parse_yen(row.values.get("料金(基本)", ""))
    fee_detail = row.text("料金(詳細)")
    if fee_text:  # free text in the numeric column: keep it, readable, as detail
        fee_detail = f"{fee_text}\n{fee_detail}".strip()
    apply_until = row.convert("参加申込終了日", parse_date_time)
    record = EventRecord(
        row=row.number,
        title=title,
        start_date=start_day,
        end_date=end_day,
        start_time=start_time,
        end_time=end_time,
        fee=fee,
        fee_detail=fee_detail,
        lat=row.convert("緯度", parse_coordinate, "lat"),
        lng=row.convert("経度", parse_coordinate, "lng"),
        capacity=row.convert("定員", parse_count),
        apply_until_date=apply_until[0] if apply_until else None,
        apply_until_time=row.convert("参加申込終了時間", parse_time),
        url=row.convert("URL", check_url) or "",
        source=source,
    )
    structured = {
        "title", "start_date", "end_date", "start_time", "end_time", "fee", "fee_detail",
        "lat", "lng", "capacity", "apply_until_date", "apply_until_time", "url",
    }  # fmt: skip
    for column, attribute in STANDARD_FIELDS.items():
        if attribute not in structured:
            setattr(record, attribute, row.text(column))
    if not row.errors and (record.lat is None) != (record.lng is None):
        row.error("経度" if record.lng is None else "緯度", _("latitude and longitude come together"))
    if row.errors:
        return None
    return record


# --- files -----------------------------------------------------------------------


def detect_layout(text: str) -> str:
    return "takamatsu" if is_property_table(text) else "standard"


def parse_events(path: str | Path, text: str | None = None) -> ParseResult:
    """Read an event list in either layout; every bad row is reported, none raises."""
    path = Path(path)
    if text is None:
        text = read_text(path)
    layout = detect_layout(text)
    header: list[str] | None = None
    if layout == "takamatsu":
        table = read_property_table(text)
        header = ["_running_number", *(TAKAMATSU_COLUMNS.get(name, name) for name in table.properties)]
        rows = table.rows
    else:
        rows = enumerate(map(unescape_row, csv.reader(io.StringIO(text, newline=""))), start=1)
    records, errors = [], []
    for number, cells in rows:
        if header is None:
            header = [COLUMN_ALIASES.get(narrow(name), narrow(name)) for name in cells]
            missing = [c for c in REQUIRED_COLUMNS if c not in header]
            if missing:
                raise ImportFailed(
                    [RowError(str(path), 1, column, None, _("required column is missing")) for column in missing]
                )
            continue
        if not any(narrow(cell) for cell in cells):
            continue  # the template's empty comma rows
        values = dict(zip(header, cells, strict=False))
        if layout == "takamatsu":
            values["住所"] = (values.get("townName", "") + values.get("address", "")).strip()
        row = _Row(str(path), number, values)
        record = _record_from_row(row, layout)
        if record is None:
            errors.extend(row.errors)
        else:
            records.append(record)
    if header is None:
        raise ImportFailed([RowError(str(path), None, None, None, _("the file has no header row"))])
    records, errors = drop_duplicate_ids(records, errors, str(path), "NO", lambda record: record.no)
    return ParseResult(records, errors, layout)


def read_events(path: str | Path, skip_invalid: bool = False) -> ParseResult:
    """Parse strictly: raise ImportFailed naming every bad row unless *skip_invalid*."""
    result = parse_events(path)
    if result.errors and not skip_invalid:
        raise ImportFailed(result.errors)
    return result


# --- writing the standard layout -----------------------------------------------


def _format_date(value: date | None) -> str:
    return value.isoformat() if value else ""


def _format_time(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def record_to_row(record: EventRecord) -> list[str]:
    values = {}
    for column, attribute in STANDARD_FIELDS.items():
        value = getattr(record, attribute)
        if isinstance(value, date):
            value = _format_date(value)
        elif isinstance(value, time):
            value = _format_time(value)
        elif value is None:
            value = ""
        values[column] = str(value)
    values["住所"] = record.full_address
    return [values[column] for column in STANDARD_COLUMNS]


def write_events(records: Iterable[EventRecord], stream: io.TextIOBase) -> int:
    """Write the 2021 standard イベント一覧 layout (the caller opens UTF-8 with BOM, CRLF)."""
    writer = csv_writer(stream, lineterminator="\r\n")  # formula-like cells neutralised
    writer.writerow(STANDARD_COLUMNS)
    count = 0
    for record in records:
        writer.writerow(record_to_row(record))
        count += 1
    return count


__all__ = [
    "EventRecord",
    "ImportFailed",
    "ParseResult",
    "RecurrenceError",
    "RowError",
    "STANDARD_COLUMNS",
    "detect_layout",
    "parse_events",
    "read_events",
    "write_events",
]
