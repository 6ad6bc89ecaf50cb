"""Read and write the standard open data files of facilities (自治体標準オープンデータセット).

Kinds: ``facilities`` (公共施設一覧), ``childcare`` (子育て施設一覧), ``aed`` (AED設置箇所一覧),
``evacuation`` (指定緊急避難場所一覧). Layouts: the 2021 推奨データセット columns (住所, 方書 …),
the 2024 Digital Agency columns (所在地_連結表記 …) and Takamatsu's IMI-style files
(``#property`` header, one ``location`` column "lat,lng"). Encodings: UTF-8, UTF-8 with BOM,
Shift_JIS/CP932, EUC-JP (``opendata.reading.decode_bytes``).

``parse_file`` is pure: it returns ``FacilityRecord``s and ``RowError``s (file, row, column,
value). ``write_csv`` writes the 2024 layout in UTF-8 with BOM. ``facilities.loading`` registers
the four kinds in ``opendata.kinds`` for import_opendata/export_opendata and the admin import.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from facilities.hours import HoursError, parse_days, parse_note, parse_time
from geo.points import check_in_japan
from japanese.text import compact, narrow
from opendata.cells import SafeDictWriter, unescape_row
from opendata.reading import RowError, decode_bytes, drop_duplicate_ids
from opendata.tables import read_property_table

KINDS = ("facilities", "childcare", "aed", "evacuation")
KIND_LABELS = {
    "facilities": "公共施設一覧",
    "childcare": "子育て施設一覧",
    "aed": "AED設置箇所一覧",
    "evacuation": "指定緊急避難場所一覧",
}
LAYOUT_2021, LAYOUT_2024, LAYOUT_TAKAMATSU = "2021", "2024", "takamatsu"

# Hazard code -> the standard column suffix (災害種別_…) and the Japanese word shown to residents.
HAZARDS = {
    "flood": ("洪水", "洪水"),
    "landslide": ("崖崩れ、土石流及び地滑り", "土砂災害"),
    "storm_surge": ("高潮", "高潮"),
    "earthquake": ("地震", "地震"),
    "tsunami": ("津波", "津波"),
    "fire": ("大規模な火事", "大規模な火事"),
    "inland_flood": ("内水氾濫", "内水氾濫"),
    "volcano": ("火山現象", "火山現象"),
}
# Takamatsu 0060 columns -> hazard code
TAKAMATSU_HAZARDS = {
    "flood_L1": "flood",
    "flood_L2": "flood",
    "inundation": "inland_flood",
    "sedimentDisaster": "landslide",
    "stormSurge": "storm_surge",
    "tunami": "tsunami",
    "fire": "fire",
    "earthquake": "earthquake",
}
ACCESSIBILITY_COLUMNS = [
    "車椅子可",
    "車椅子貸出",
    "ツエ貸出",
    "バリアフリートイレ",
    "スロープ、エレベータ、エスカレータ",
    "点字ブロック等の移動支援",
    "点字や読上による支援",
    "盲導犬・介助犬、聴導犬同伴",
    "字幕",
    "筆談対応",
    "優先駐車場",
    "オストメイト対応トイレ",
    "授乳室",
    "おむつ替えコーナー",
    "飲食可否",
    "ベビーカー貸出",
    "ベビーカー利用",
]

# canonical field -> column names in the 2024, 2021 and Takamatsu layouts (first found wins)
COLUMNS: dict[str, list[str]] = {
    "municipality_code": ["全国地方公共団体コード", "都道府県コード又は市区町村コード", "市区町村コード", "prefCode"],
    "source_id": ["ID"],
    "name": ["名称", "name"],
    "name_kana": ["名称_カナ"],
    "name_en": ["名称_英字"],
    "facility_type": ["種別", "certifiedType"],
    "address": ["所在地_連結表記", "住所", "address"],
    "building": ["建物名等(方書)", "方書"],
    "postal_code": ["郵便番号"],
    "latitude": ["緯度"],
    "longitude": ["経度"],
    "elevation": ["標高", "高度の値", "elevation"],
    "phone": ["電話番号", "telephoneNumber"],
    "extension": ["内線番号"],
    "fax": ["FAX番号"],
    "email": ["連絡先メールアドレス"],
    "url": ["URL", "referenceObject"],
    "available_days": ["利用可能曜日", "availableDate"],
    "opening_time": ["開始時間", "startTime"],
    "closing_time": ["終了時間", "endTime"],
    "hours_note": ["利用可能日時特記事項", "利用可能時間特記事項", "availableDateNote"],
    "description": ["説明"],
    "access": ["アクセス方法", "access"],
    "parking": ["駐車場情報", "parkingInformation"],
    "capacity": ["収容定員", "想定収容人数", "capacity"],
    "accepted_age": ["受入年齢", "acceptedAge"],
    "temporary_care": ["一時預かりの有無", "temporaryKeeping"],
    "aed_location": ["設置位置", "installationPosition"],
    "aed_child_pads": ["小児対応設備の有無", "equipmentForChildren"],
    "is_shelter": ["指定避難所との重複", "evacuationSpace"],
    "residents_associations": ["対象となる町会・自治会", "residentsAssociation"],
    "note": ["備考", "note"],
}
# The longest text the portal keeps per field (the page model's max_length).
FIELD_LIMITS = {
    "name": 255,
    "name_kana": 255,
    "name_en": 255,
    "facility_type": 100,
    "address": 255,
    "building": 255,
    "postal_code": 10,
    "phone": 50,
    "extension": 20,
    "fax": 50,
    "url": 500,
    "available_days": 30,
    "opening_time": 10,
    "closing_time": 10,
    "accepted_age": 100,
    "aed_location": 255,
    "source_id": 100,
}
_TRUE = {"1", "有", "有り", "あり", "○", "◯", "〇", "可", "true", "yes", "y", "はい", "対応"}
_FALSE = {"0", "無", "無し", "なし", "×", "✕", "-", "ー", "不可", "false", "no", "n", "いいえ", "非対応", ""}


@dataclass
class FacilityRecord:
    """One facility as the standard files describe it, independent of layout."""

    kind: str
    row: int = 0
    source_id: str = ""
    municipality_code: str = ""
    name: str = ""
    name_kana: str = ""
    name_en: str = ""
    facility_type: str = ""
    address: str = ""
    building: str = ""
    postal_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    elevation: float | None = None
    phone: str = ""
    extension: str = ""
    fax: str = ""
    email: str = ""
    url: str = ""
    available_days: str = ""
    opening_time: str = ""
    closing_time: str = ""
    hours_note: str = ""
    description: str = ""
    access: str = ""
    parking: str = ""
    accessibility: list[str] = field(default_factory=list)
    capacity: int | None = None
    accepted_age: str = ""
    temporary_care: bool | None = None
    aed_location: str = ""
    aed_child_pads: bool | None = None
    hazards: list[str] = field(default_factory=list)  # codes of HAZARDS
    is_shelter: bool | None = None
    residents_associations: str = ""
    note: str = ""

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def match_key(self) -> tuple[str, str]:
        """Name + address, the identity of a row without an ID."""
        return (_squash(self.name), _squash(self.address))


def _squash(text: str) -> str:
    return compact(text)


@dataclass
class ParseResult:
    kind: str
    layout: str
    records: list[FacilityRecord]
    errors: list[RowError]
    rows_seen: int = 0


def detect_kind(header: list[str]) -> str:
    """The kind a header row belongs to, from the columns only that kind has."""
    names = set(header)
    if any(name.startswith("災害種別_") for name in names) or "flood_L1" in names:
        return "evacuation"
    if names & {"設置位置", "installationPosition"}:
        return "aed"
    if names & {"収容定員", "受入年齢", "一時預かりの有無", "certifiedType"}:
        return "childcare"
    return "facilities"


def _read_rows(text: str) -> tuple[str, list[str], list[tuple[int, list[str]]]]:
    """(layout, header, [(line number, cells)]) of a standard or Takamatsu file."""
    if text.startswith("#"):
        # Takamatsu: metadata rows starting with "#"; "#property" holds the header.
        table = read_property_table(text)
        header = ["no", *table.properties] if table.properties else []
        return LAYOUT_TAKAMATSU, header, table.rows
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip() for cell in next(reader, [])]
    rows = [(reader.line_num, unescape_row(row)) for row in reader]
    layout = LAYOUT_2024 if "所在地_連結表記" in header else LAYOUT_2021
    return layout, header, rows


def _boolean(value: str) -> bool | None:
    text = narrow(value).lower()
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def _number(value: str) -> float:
    return float(narrow(value).replace(",", "").strip())


class _RowErrors(Exception):
    pass


def parse_file(kind: str, path: str | Path, data: bytes | None = None) -> ParseResult:
    """Every row of a standard open data file of *kind*, with every problem found."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    name = str(path)
    try:
        text = decode_bytes(data if data is not None else Path(path).read_bytes())
    except ValueError as error:
        return ParseResult(kind, "", [], [RowError(name, None, None, None, str(error))])
    try:
        layout, header, rows = _read_rows(text)
    except csv.Error as error:  # binary or broken quoting: not a CSV file
        message = _("the file cannot be read as CSV: %(error)s") % {"error": error}
        return ParseResult(kind, "", [], [RowError(name, None, None, None, message)])
    if not header or not any(column in header for column in COLUMNS["name"]):
        return ParseResult(
            kind,
            layout,
            [],
            [RowError(name, 1, "名称", None, _("no 名称 (name) column: not a standard open data file"))],
        )
    detected = detect_kind(header)
    # A city may publish its kindergartens or nurseries in the facilities layout (Takamatsu 0012):
    # they import as childcare, with the childcare-only columns (定員, 受入年齢, …) left empty.
    if detected != kind and not (kind == "childcare" and detected == "facilities"):
        message = _("the columns are those of a %(detected)s file (%(label)s), not %(kind)s") % {
            "detected": detected,
            "label": KIND_LABELS[detected],
            "kind": kind,
        }
        return ParseResult(kind, layout, [], [RowError(name, 1, None, None, message)])

    columns = {canonical: next((c for c in names if c in header), None) for canonical, names in COLUMNS.items()}
    records, errors = [], []
    seen = 0
    for line, cells in rows:
        content = cells[1:] if layout == LAYOUT_TAKAMATSU else cells  # Takamatsu: a running number first
        if not any(cell.strip() not in ("", ",") for cell in content):
            continue  # blank rows (Takamatsu 0012/0013 have some, with an empty "," location)
        seen += 1
        values = dict(zip(header, (cell.strip() for cell in cells), strict=False))
        row_errors: list[RowError] = []

        def fail(column, value, message, _errors=row_errors, _line=line):
            _errors.append(RowError(name, _line, column, value, message))

        record = _record(kind, layout, header, values, columns, line, fail)
        if row_errors:
            errors.extend(row_errors)
        else:
            records.append(record)
    id_column = columns["source_id"] or "ID"
    records, errors = drop_duplicate_ids(records, errors, name, id_column, lambda record: record.source_id)
    return ParseResult(kind, layout, records, errors, seen)


def _record(kind, layout, header, values, columns, line, fail) -> FacilityRecord:
    def get(canonical: str) -> str:
        column = columns.get(canonical)
        return values.get(column, "") if column else ""

    record = FacilityRecord(kind=kind, row=line)
    for canonical in (
        "source_id",
        "municipality_code",
        "name",
        "name_kana",
        "name_en",
        "facility_type",
        "address",
        "building",
        "postal_code",
        "phone",
        "extension",
        "fax",
        "email",
        "url",
        "available_days",
        "opening_time",
        "closing_time",
        "hours_note",
        "description",
        "access",
        "parking",
        "accepted_age",
        "aed_location",
        "residents_associations",
        "note",
    ):
        setattr(record, canonical, get(canonical))

    if re.match(r"^www\.[^\s/]+\.[a-z]", record.url):
        record.url = f"http://{record.url}"  # Ichikawa 101 row 124 writes www.city… without a scheme
    if record.url and not re.match(r"^https?://[^\s]+$", record.url):
        fail(columns["url"], record.url, _("the URL must start with http:// or https:// and have no spaces"))
    if record.email and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", record.email):
        fail(columns["email"], record.email, _("not an email address"))
    for canonical, limit in FIELD_LIMITS.items():
        if len(getattr(record, canonical)) > limit:
            fail(
                columns[canonical],
                getattr(record, canonical)[:40] + "…",
                _("longer than %(limit)s characters") % {"limit": limit},
            )
    if layout == LAYOUT_TAKAMATSU and kind in ("facilities", "childcare") and not record.facility_type:
        record.facility_type = record.note if len(record.note) <= 30 else ""  # 0012: 市立幼稚園 in note
    if not record.name:
        fail(columns["name"] or "名称", "", _("the name (名称) is missing"))

    # Position: 緯度/経度 columns, or Takamatsu's "lat,lng" location column.
    lat_text, lng_text = get("latitude"), get("longitude")
    lat_column, lng_column = columns["latitude"] or "緯度", columns["longitude"] or "経度"
    if "location" in header:
        parts = [part.strip() for part in values.get("location", "").split(",")]
        lat_text, lng_text = (parts + ["", ""])[:2]
        lat_column = lng_column = "location"
    if lat_text or lng_text:
        try:
            lat = _number(lat_text)
        except ValueError:
            fail(lat_column, lat_text, _("latitude (緯度) is not a number"))
            lat = None
        try:
            lng = _number(lng_text)
        except ValueError:
            fail(lng_column, lng_text, _("longitude (経度) is not a number"))
            lng = None
        if lat is not None and lng is not None:
            try:
                check_in_japan(lat, lng)
            except ValueError as error:
                fail(lat_column, lat_text, str(error))
            else:
                record.latitude, record.longitude = lat, lng
    if not record.address and not (lat_text and lng_text):
        fail(columns["address"] or "住所", "", _("neither an address (住所) nor coordinates"))

    # Hours: strict, so a wrong time is caught at import rather than shown wrongly.
    try:
        parse_days(record.available_days)
    except HoursError as error:
        fail(columns["available_days"], error.value, str(error))
    for canonical in ("opening_time", "closing_time"):
        try:
            parse_time(getattr(record, canonical), columns[canonical] or canonical)
        except HoursError as error:
            fail(columns[canonical], error.value, str(error))
    # Open-now reads closures out of the notes (11/30臨時休館, 毎月第3月曜日休館): a date that
    # cannot be is refused here rather than read as something else.
    for canonical in ("hours_note", "note"):
        try:
            parse_note(getattr(record, canonical))
        except HoursError as error:
            fail(columns[canonical] or canonical, error.value, str(error))

    for canonical in ("elevation", "capacity"):
        text = get(canonical)
        if not text or text in {"-", "－", "―"}:
            continue
        parts = re.findall(r"号認定\s*(\d+)", narrow(text))
        if canonical == "capacity" and parts:
            # Takamatsu 0013: "1号認定 40、2・3号認定 105" - the total, with the split kept in the note
            record.capacity = sum(int(part) for part in parts)
            record.note = f"{record.note}\n定員: {text}".strip()
            continue
        try:
            number = _number(re.sub(r"(人|名|m)$", "", text))
        except ValueError:
            fail(columns[canonical], text, _("%(column)s is not a number") % {"column": columns[canonical]})
            continue
        setattr(record, canonical, int(number) if canonical == "capacity" else number)

    record.temporary_care = _boolean(get("temporary_care"))
    record.aed_child_pads = _boolean(get("aed_child_pads"))
    record.is_shelter = _boolean(get("is_shelter"))
    if kind == "evacuation":
        if layout == LAYOUT_TAKAMATSU:
            # ○ designated; △ designated with conditions (kept in the note, not counted)
            codes = {code for column, code in TAKAMATSU_HAZARDS.items() if _boolean(values.get(column, ""))}
            conditional = {TAKAMATSU_HAZARDS[c] for c in TAKAMATSU_HAZARDS if values.get(c, "") == "△"} - codes
            if conditional:
                words = "・".join(HAZARDS[code][1] for code in HAZARDS if code in conditional)
                record.note = f"{record.note}\n条件付きで指定（△）: {words}".strip()
        else:
            codes = {code for code, (suffix, _) in HAZARDS.items() if _boolean(values.get(f"災害種別_{suffix}", ""))}
        record.hazards = [code for code in HAZARDS if code in codes]
    if "バリアフリー情報" in header:
        record.accessibility = [item.strip() for item in re.split(r"[;；]", values["バリアフリー情報"]) if item.strip()]
    else:
        record.accessibility = [column for column in ACCESSIBILITY_COLUMNS if _boolean(values.get(column, ""))]
    return record


# -- export (2024 layout) ---------------------------------------------------------------------

_ADDRESS_BLOCK = [
    "所在地_全国地方公共団体コード",
    "町字ID",
    "所在地_連結表記",
    "所在地_都道府県",
    "所在地_市区町村",
    "所在地_町字",
    "所在地_番地以下",
    "建物名等(方書)",
    "緯度",
    "経度",
]
_CONTACT_BLOCK = [
    "電話番号",
    "内線番号",
    "連絡先メールアドレス",
    "連絡先FormURL",
    "連絡先備考（その他、SNSなど）",
    "郵便番号",
]
_HOURS = ["利用可能曜日", "開始時間", "終了時間"]
EXPORT_COLUMNS: dict[str, list[str]] = {
    "facilities": [
        "全国地方公共団体コード",
        "ID",
        "地方公共団体名",
        "名称",
        "名称_カナ",
        "名称_英字",
        "名称_通称",
        "POIコード",
        "外部識別子",
        "外部識別子の値",
        *_ADDRESS_BLOCK,
        "高度の種別",
        "高度の値",
        *_CONTACT_BLOCK,
        "法人番号",
        "団体名",
        *_HOURS,
        "利用可能時間特記事項",
        "説明",
        *ACCESSIBILITY_COLUMNS,
        "URL",
        "画像",
        "画像_ライセンス",
        "備考",
    ],  # fmt: skip
    "childcare": [
        "全国地方公共団体コード",
        "ID",
        "地方公共団体名",
        "名称",
        "名称_カナ",
        "名称_英字",
        "種別",
        *_ADDRESS_BLOCK,
        "高度の種別",
        "高度の値",
        "アクセス方法",
        "駐車場情報",
        "電話番号",
        "内線番号",
        "FAX番号",
        "連絡先メールアドレス",
        "連絡先FormURL",
        "連絡先備考（その他、SNSなど）",
        "郵便番号",
        "法人番号",
        "団体名",
        "認可等年月日",
        "収容定員",
        "受入年齢",
        *_HOURS,
        "利用可能日時特記事項",
        "一時預かりの有無",
        "URL",
        "画像",
        "画像_ライセンス",
        "備考",
    ],  # fmt: skip
    "aed": [
        "全国地方公共団体コード",
        "ID",
        "地方公共団体名",
        "名称",
        "名称_カナ",
        "名称_英字",
        *_ADDRESS_BLOCK,
        "高度の種別",
        "高度の値",
        "設置位置",
        *_CONTACT_BLOCK,
        "法人番号",
        "団体名",
        *_HOURS,
        "利用可能日時特記事項",
        "小児対応設備の有無",
        "URL",
        "画像1",
        "画像1_ライセンス",
        "画像2",
        "画像2_ライセンス",
        "外部利用不可",
        "備考",
    ],  # fmt: skip
    "evacuation": [
        "全国地方公共団体コード",
        "ID",
        "名称",
        "名称_カナ",
        "名称_英字",
        *_ADDRESS_BLOCK,
        "標高",
        *_CONTACT_BLOCK,
        "市区町村コード",
        "地方公共団体名",
        *(f"災害種別_{suffix}" for suffix, _ in HAZARDS.values()),
        "指定避難所との重複",
        "想定収容人数",
        "対象となる町会・自治会",
        "URL",
        "画像",
        "画像_ライセンス",
        "備考",
    ],  # fmt: skip
}


def _flag(value: bool | None, yes: str = "1", no: str = "") -> str:
    return "" if value is None else (yes if value else no)


def export_row(record: FacilityRecord, municipality_name: str = "") -> dict[str, str]:
    """The 2024-layout cells of *record* (columns of ``EXPORT_COLUMNS[record.kind]``)."""
    hours_note_column = "利用可能時間特記事項" if record.kind == "facilities" else "利用可能日時特記事項"
    cells = {
        "全国地方公共団体コード": record.municipality_code,
        "市区町村コード": record.municipality_code,
        "所在地_全国地方公共団体コード": record.municipality_code,
        "ID": record.source_id,
        "地方公共団体名": municipality_name,
        "名称": record.name,
        "名称_カナ": record.name_kana,
        "名称_英字": record.name_en,
        "種別": record.facility_type,
        "所在地_連結表記": record.address,
        "建物名等(方書)": record.building,
        "緯度": "" if record.latitude is None else repr(record.latitude),
        "経度": "" if record.longitude is None else repr(record.longitude),
        "標高": "" if record.elevation is None else f"{record.elevation:g}",
        "高度の値": "" if record.elevation is None or record.kind == "evacuation" else f"{record.elevation:g}",
        "電話番号": record.phone,
        "内線番号": record.extension,
        "FAX番号": record.fax,
        "連絡先メールアドレス": record.email,
        "郵便番号": record.postal_code,
        "URL": record.url,
        "利用可能曜日": record.available_days,
        "開始時間": record.opening_time,
        "終了時間": record.closing_time,
        hours_note_column: record.hours_note,
        "説明": record.description,
        "アクセス方法": record.access,
        "駐車場情報": record.parking,
        "収容定員": "" if record.capacity is None else str(record.capacity),
        "想定収容人数": "" if record.capacity is None else str(record.capacity),
        "受入年齢": record.accepted_age,
        "一時預かりの有無": _flag(record.temporary_care, "有", "無"),
        "設置位置": record.aed_location,
        "小児対応設備の有無": _flag(record.aed_child_pads, "有", "無"),
        "指定避難所との重複": _flag(record.is_shelter, "1", "0"),
        "対象となる町会・自治会": record.residents_associations,
        "備考": record.note,
    }
    for code, (suffix, _label) in HAZARDS.items():
        cells[f"災害種別_{suffix}"] = "1" if code in record.hazards else ""
    for column in ACCESSIBILITY_COLUMNS:
        cells[column] = "1" if column in record.accessibility else ""
    columns = EXPORT_COLUMNS[record.kind]
    return {column: cells.get(column, "") for column in columns}


def write_csv(kind: str, records: list[FacilityRecord], municipality_name: str = "") -> bytes:
    """The 2024 layout, UTF-8 with BOM and CRLF, as the Digital Agency's files are."""
    buffer = io.StringIO()
    writer = SafeDictWriter(buffer, fieldnames=EXPORT_COLUMNS[kind], lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow(export_row(record, municipality_name))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
