"""Write parsed open data records as facility pages, and read them back for export.

``import_opendata_file`` is what ``import_opendata KIND FILE`` runs for the four facility kinds:
parse (``facilities.importers``), stop on any bad row unless ``skip_invalid``, geocode rows
without coordinates, then create or update pages in one transaction. Rows are matched on the
file's ID column or, without one, on name + address, so a second run changes nothing.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale

from facilities import places
from facilities.importers import KIND_LABELS, KINDS, FacilityRecord, parse_file, write_csv
from facilities.models import FACT_FIELDS, IMPORTED_TEXT_FIELDS, FacilityCategory, FacilityIndexPage, FacilityPage
from geo.geocoding import get_geocoder, location_level
from geo.points import distance_m
from home.sites import city_pages_q, require_city_home
from home.visibility import resident_pages
from opendata import kinds
from opendata.reading import ImportFailed, ImportReport, progress
from opendata.saving import last_imported, remember_imported, set_imported

# code, name (ja), open data kind, sort order
DEFAULT_CATEGORIES = [
    ("library", "図書館", "facilities", 10),
    ("community_centre", "公民館・コミュニティセンター", "facilities", 20),
    ("evacuation", "避難所", "evacuation", 30),
    ("aed", "AED", "aed", 40),
    ("childcare", "保育所・幼稚園", "childcare", 50),
    ("hospital", "病院", "facilities", 60),
    ("park", "公園", "facilities", 70),
    ("ward_office", "区役所・支所", "facilities", 80),
    ("school", "学校", "facilities", 90),
    ("sports", "体育館・スポーツ施設", "facilities", 95),
    ("other", "その他の施設", "facilities", 100),
]
# Words in a facility's name that say its category (first match wins).
NAME_HINTS = [
    ("図書館", "library"),
    ("図書室", "library"),
    ("コミュニティセンター", "community_centre"),
    ("公民館", "community_centre"),
    ("市民センター", "community_centre"),
    ("幼稚園", "childcare"),
    ("保育", "childcare"),
    ("こども園", "childcare"),
    ("病院", "hospital"),
    ("診療所", "hospital"),
    ("クリニック", "hospital"),
    ("公園", "park"),
    ("区役所", "ward_office"),
    ("支所", "ward_office"),
    ("出張所", "ward_office"),
    ("市役所", "ward_office"),
    ("行政サービスセンター", "ward_office"),
    ("小学校", "school"),
    ("中学校", "school"),
    ("高校", "school"),
    ("高等学校", "school"),
    ("学校", "school"),
    ("体育館", "sports"),
    ("運動公園", "park"),
    ("プール", "sports"),
]
KIND_CATEGORY = {"aed": "aed", "evacuation": "evacuation", "childcare": "childcare"}

# record attribute -> page field, where they differ
RENAMED = {"name": "title", "url": "website"}
PAGE_FIELDS = [name for name in (*FACT_FIELDS, *IMPORTED_TEXT_FIELDS) if name not in ("roles", "keep_separate")]


def ensure_categories(locale: Locale | None = None) -> dict[str, FacilityCategory]:
    locale = locale or Locale.get_default()
    categories = {}
    for code, name, kind, order in DEFAULT_CATEGORIES:
        category, _ = FacilityCategory.objects.get_or_create(
            code=code, locale=locale, defaults={"name": name, "kind": kind, "sort_order": order}
        )
        categories[code] = category
    return categories


def guess_category(record: FacilityRecord) -> str:
    if record.kind in KIND_CATEGORY:
        return KIND_CATEGORY[record.kind]
    text = f"{record.name} {record.facility_type}"
    return next((code for word, code in NAME_HINTS if word in text), "other")


def directory_page(municipality, locale: Locale | None = None) -> FacilityIndexPage:
    """The city's 施設案内 (the directory ``setup_city`` made under its home page), created there if
    an editor removed it; ``CityNotSetUp`` when the city has no site yet."""
    from facilities.apps import ensure_section

    home = require_city_home(municipality)
    pages = FacilityIndexPage.objects.filter(city_pages_q(home), locale=locale or home.locale)
    page = pages.filter(default_category__isnull=True).order_by("depth", "path").first()
    return page or ensure_section(home, municipality)


def record_values(record: FacilityRecord) -> dict:
    values = {}
    for field in PAGE_FIELDS:
        source = next((attr for attr, page_field in RENAMED.items() if page_field == field), field)
        value = getattr(record, source)
        values[field] = value
    return values


def page_record(page: FacilityPage) -> FacilityRecord:
    record = FacilityRecord(kind=page.kind, municipality_code=page.municipality.code if page.municipality else "")
    for field in PAGE_FIELDS:
        source = next((attr for attr, page_field in RENAMED.items() if page_field == field), field)
        setattr(record, source, getattr(page, field))
    record.accessibility = list(page.accessibility or [])
    record.hazards = list(page.hazards or [])
    return record


def _role_record(host: FacilityPage, kind: str, values: dict) -> FacilityRecord:
    record = FacilityRecord(kind=kind, municipality_code=host.municipality.code if host.municipality else "")
    for field, value in values.items():
        source = next((attr for attr, page_field in RENAMED.items() if page_field == field), field)
        if hasattr(record, source):
            setattr(record, source, value)
    return record


def _unique_slug(title: str, taken: set[str]) -> str:
    base = slugify(title, allow_unicode=True)[:70] or "facility"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def import_records(
    records: list[FacilityRecord],
    municipality,
    kind: str,
    report: ImportReport,
    category_code: str | None = None,
    overwrite_edits: bool = False,
) -> ImportReport:
    """Create or update one page per record (call inside a transaction).

    A field an editor changed since the last import keeps the editor's value (a conflict in the
    report) unless *overwrite_edits*; a page an editor unpublished stays unpublished."""
    locale = Locale.get_default()
    categories = ensure_categories(locale)
    if category_code and category_code not in categories:
        categories[category_code] = FacilityCategory.objects.get(code=category_code, locale=locale)
    index = directory_page(municipality, locale)
    existing = list(FacilityPage.objects.filter(locale=locale, kind=kind, municipality=municipality).order_by("path"))
    imported = last_imported(existing)
    # The file's ID as the last import wrote it: an editor who changes the ID field does not cut the page loose.
    by_id = {imported.get(page.pk, {}).get("source_id") or page.source_id: page for page in existing}
    by_id.pop("", None)
    # Name + address, numbered by order of appearance: a file may list one building twice
    # (two AEDs in one station); page order (tree path) is the order they were created in.
    by_key = {}
    seen: Counter = Counter()
    for page in existing:
        key = _match_key(page, imported.get(page.pk))
        seen[key] += 1
        by_key[(*key, seen[key])] = page
    occurrences: Counter = Counter()
    taken = set(index.get_children().values_list("slug", flat=True))
    hosts = role_hosts(municipality, kind) if kind in places.GUEST_KINDS else {}
    for record in progress(records, total=len(records), desc=f"{kind} pages"):
        values = record_values(record)
        category = categories[category_code or guess_category(record)]
        occurrences[record.match_key()] += 1
        key = (*record.match_key(), occurrences[record.match_key()])
        page = by_id.get(record.source_id) if record.source_id else None
        page = page or by_key.get(key)
        host = hosts.get(role_key(record.source_id, key)) if page is None else None
        if host is not None:  # merged into its place's page by an earlier import: update the role there
            if update_role(host, role_key(record.source_id, key), _json_values(values)):
                host.save()
                report.updated += 1
            else:
                report.unchanged += 1
            continue
        if page is None:
            page = FacilityPage(
                slug=_unique_slug(record.name, taken), municipality=municipality, category=category, **values
            )
            index.add_child(instance=page)
            remember_imported(page, values, source=role_key(record.source_id, key))
            by_key[key] = page
            report.created += 1
            continue
        last = imported.get(page.pk)
        changed = set_imported(page, values, last, report, row=record.row, overwrite_edits=overwrite_edits)
        if page.category_id != category.pk and not category_code and page.category.code == "other":
            changed.append("category")
            page.category = category
        if changed:
            page.save()
            report.updated += 1
        else:
            report.unchanged += 1
        remember_imported(page, values, last, source=role_key(record.source_id, key))
    return report


def _match_key(page: FacilityPage, last: dict | None) -> tuple[str, str]:
    """Name + address as the last import wrote them (an editor's rename keeps the match), else as now."""
    record = page_record(page)
    if last:
        record.name, record.address = last.get("title", record.name), last.get("address", record.address)
    return record.match_key()


def role_key(source_id: str, key: tuple) -> str:
    """How a merged row is found again on the next import: its ID, else name|address|n."""
    return f"id:{source_id}" if source_id else "|".join(str(part) for part in key)


def _json_values(values: dict) -> dict:
    return {name: (list(value) if isinstance(value, tuple) else value) for name, value in values.items()}


def role_hosts(municipality, kind: str) -> dict[str, FacilityPage]:
    """The pages that carry a merged *kind* row, by the row's role key."""
    pages = FacilityPage.objects.filter(
        locale=Locale.get_default(), municipality=municipality, role_kinds__contains=kind
    )
    return {role["key"]: page for page in pages for role in page.roles if role["kind"] == kind}


def update_role(page: FacilityPage, key: str, values: dict) -> bool:
    for role in page.roles:
        if role["key"] == key:
            if role["values"] == values:
                return False
            role["values"] = values
            return True
    return False


def _place(page: FacilityPage) -> places.Place:
    return places.Place(page.title, page.address, page.latitude, page.longitude)


def merge_places(municipality, report: ImportReport) -> int:
    """Fold the city's AED and evacuation-site pages that are a place already listed (by the rule
    in ``facilities.places``) into that place's page as roles, and delete them; the pages an
    editor split off (``keep_separate``) stay. Each merge is a line of the report. Idempotent."""
    locale = Locale.get_default()
    pages = list(
        FacilityPage.objects.filter(locale=locale, municipality=municipality)
        .select_related("category")
        .order_by("path")
    )
    city_names = tuple(name for name in (municipality.name,) if name)
    rank = {kind: n for n, kind in enumerate(places.HOST_ORDER)}
    merged = 0
    guests = [page for page in pages if page.kind in places.GUEST_KINDS and not page.keep_separate]
    keys = _role_keys(pages)  # before any guest is deleted: the numbers count the pages there are now
    for guest in guests:
        guest_place = _place(guest)
        candidates = [
            page
            for page in pages
            if page.pk != guest.pk
            and rank[page.kind] < rank[guest.kind]
            and places.same_place(_place(page), guest_place, city_names)
        ]
        if not candidates:
            continue
        host = min(candidates, key=lambda page, guest=guest: _host_rank(page, guest, city_names))
        values = _json_values(record_values(page_record(guest)))
        key = keys[guest.pk]
        host.roles = [*host.roles, {"kind": guest.kind, "key": key, "values": values}]
        host.save()
        for translation in guest.get_translations():
            translation.delete()
        guest.delete()
        pages.remove(guest)
        merged += 1
        report.notes.append(f"merged: {KIND_LABELS[guest.kind]} “{guest.title}” ({guest.address}) → “{host.title}”")
    if merged:
        report.notes.append(f"merged {merged} row(s) into the page of the place they belong to")
    return merged


def _host_rank(page: FacilityPage, guest: FacilityPage, city_names: tuple[str, ...]) -> tuple:
    """The host of a merge: the best kind (``places.HOST_ORDER``), then the same name, then the nearest."""
    exact = places.place_name(page.title, city_names) == places.place_name(guest.title, city_names)
    both = page.has_position and guest.has_position
    far = distance_m((page.latitude, page.longitude), (guest.latitude, guest.longitude)) if both else 1e9
    return (places.HOST_ORDER.index(page.kind), not exact, far)


def _role_keys(pages: list[FacilityPage]) -> dict[int, str]:
    """The role key of each AED/evacuation page (*pages* in tree order): its ID, or
    name|address|n numbered as ``import_records`` numbers the rows of a file."""
    seen: Counter = Counter()
    keys = {}
    for page in pages:
        if page.kind not in places.GUEST_KINDS:
            continue
        match_key = page_record(page).match_key()
        seen[(page.kind, match_key)] += 1
        keys[page.pk] = role_key(page.source_id, (*match_key, seen[(page.kind, match_key)]))
    return keys


def split_role(page: FacilityPage, key: str) -> FacilityPage:
    """Undo a wrong merge: the role *key* of *page* becomes its own page again, kept apart from
    later imports (``keep_separate``). Returns the new page."""
    role = next(role for role in page.roles if role["key"] == key)
    categories = ensure_categories(page.locale)
    values = {name: value for name, value in role["values"].items() if name in PAGE_FIELDS}
    taken = set(page.get_parent().get_children().values_list("slug", flat=True))
    new = FacilityPage(
        slug=_unique_slug(values.get("title") or "facility", taken),
        municipality=page.municipality,
        category=categories[KIND_CATEGORY.get(role["kind"], "other")],
        keep_separate=True,
        **values,
    )
    page.get_parent().add_child(instance=new)
    page.roles = [other for other in page.roles if other["key"] != key]
    page.save_revision().publish() if page.live else page.save()
    return new


def geocode_missing(records: list[FacilityRecord], municipality, report: ImportReport) -> None:
    """Give rows without coordinates the position of their address; say how many at which level."""
    missing = [record for record in records if not record.has_position and record.address]
    if not missing:
        return
    default_city = (municipality.prefecture, municipality.name) if municipality.prefecture else None
    try:
        geocoder = get_geocoder(default_city=default_city) if default_city else get_geocoder()
    except TypeError:  # an online geocoder takes no default city
        geocoder = get_geocoder()
    levels: Counter = Counter()
    for record in missing:
        location = geocoder.geocode(record.address)
        if location is None:
            levels["not found"] += 1
            continue
        record.latitude, record.longitude = location.latitude, location.longitude
        levels[location_level(location)] += 1
    detail = ", ".join(f"{level} {count}" for level, count in sorted(levels.items()))
    report.notes.append(f"geocoded {len(missing)} row(s) without coordinates from their address: {detail}")


def import_opendata_file(
    kind: str,
    path: str | Path,
    municipality,
    *,
    skip_invalid: bool = False,
    stdout=None,
    category_code: str | None = None,
    overwrite_edits: bool = False,
) -> ImportReport:
    require_city_home(municipality)  # before anything is written: CityNotSetUp says what to run
    result = parse_file(kind, path)
    report = ImportReport()
    file_level = [error for error in result.errors if error.row in (None, 1) and not result.records]
    if result.errors and (not skip_invalid or file_level):
        raise ImportFailed(result.errors)
    report.skipped = list(result.errors)
    report.notes.append(f"{Path(path).name}: {KIND_LABELS[kind]}, {result.layout} layout, {result.rows_seen} row(s)")
    geocode_missing(result.records, municipality, report)
    with transaction.atomic():
        import_records(result.records, municipality, kind, report, category_code, overwrite_edits)
        merge_places(municipality, report)
    return report


def export_opendata_file(kind: str, path: str | Path, municipality=None) -> int:
    """Write the facilities residents may see (``home.visibility``: published, public, not expired;
    no drafts, even for staff) of *kind* (of *municipality*, or all) in the standard layout."""
    default = resident_pages(FacilityPage.objects.filter(locale=Locale.get_default()))
    pages = default.filter(kind=kind).select_related("municipality")
    if municipality is not None:
        pages = pages.filter(municipality=municipality)
    pages = pages.order_by("path")
    records = [page_record(page) for page in pages]
    # Rows merged into another place's page are exported as their own rows, as imported.
    hosts = default.filter(role_kinds__contains=kind).order_by("path")
    if municipality is not None:
        hosts = hosts.filter(municipality=municipality)
    for host in hosts:
        for role in host.roles:
            if role["kind"] == kind:
                records.append(_role_record(host, kind, role["values"]))
    name = municipality.name if municipality else ""
    Path(path).write_bytes(write_csv(kind, records, name))
    return len(records)


def preview_row(record: FacilityRecord) -> dict[str, object]:
    """What the admin preview shows of a row."""
    return {
        "行": record.row,
        "名称": record.name,
        "所在地": record.address,
        "緯度": record.latitude,
        "経度": record.longitude,
    }


PERMISSIONS = ("facilities.add_facilitypage", "facilities.change_facilitypage")


def register_facility_kinds() -> None:
    for kind in KINDS:

        def importer(path, municipality, *, skip_invalid=False, stdout=None, _kind=kind, **options):
            return import_opendata_file(_kind, path, municipality, skip_invalid=skip_invalid, stdout=stdout, **options)

        def exporter(path, municipality=None, _kind=kind):
            return export_opendata_file(_kind, path, municipality)

        def parse(path, _kind=kind):
            result = parse_file(_kind, path)
            return [preview_row(record) for record in result.records], result.errors

        kinds.register(kind, importer, exporter, parse=parse, label=KIND_LABELS[kind], permissions=PERMISSIONS)
