"""Writing imported events as pages, and exporting pages to the standard layout.

``import_file``/``export_file`` are the ``events`` KIND of ``import_opendata`` and
``export_opendata`` (registered in ``apps.py``). The file is parsed completely first
(``importers.read_events``): with any bad row and no ``--skip-invalid`` nothing is written.
Pages are matched on ``source_id`` (municipality code and the file's NO), never on the title, so
a second run updates in place and changes only what changed in the file; a field an editor
changed since the last import keeps the editor's value (a conflict in the report) unless
``overwrite_edits``, and an event an editor unpublished (cancelled) stays unpublished. A venue is matched to a facility by name;
otherwise its address is geocoded with the facilities geocoder.
"""

from __future__ import annotations

import hashlib
import html
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from home.sites import city_pages_q, require_city_home
from home.visibility import resident_pages
from japanese.text import narrow
from opendata.reading import ImportReport, progress
from opendata.saving import last_imported, remember_imported, set_imported

from .importers import EventRecord, read_events, write_events
from .models import EventIndexPage, EventPage

MIN_VENUE_MATCH = 4  # characters of a facility name that must match, so "公園" alone never does


# --- venues -----------------------------------------------------------------------


def venue_key(name: str, city: str = "") -> str:
    """A facility or venue name folded for matching: NFKC, no spaces or punctuation, no city prefix."""
    text = narrow(name)
    text = "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] in "LN")
    for prefix in filter(None, (city, "高松市" if not city else "")):
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
    return text


def match_venue(venue_name: str, facilities: dict[str, int], city: str = "") -> int | None:
    """The facility whose folded name the venue name starts with (the longest such), or None.

    ``高松市中央図書館　１階児童コーナー`` matches the facility ``高松市中央図書館``.
    """
    key = venue_key(venue_name, city)
    best = None
    for name, facility_id in facilities.items():
        if len(name) >= MIN_VENUE_MATCH and key.startswith(name) and (best is None or len(name) > len(best[0])):
            best = (name, facility_id)
    return best[1] if best else None


def facility_names(municipality) -> dict[str, int]:
    """Folded name -> id of the municipality's Japanese facility pages."""
    return {key: venue[0] for key, venue in facility_venues(municipality).items()}


def facility_venues(municipality) -> dict[str, tuple[int, str, float | None, float | None]]:
    """Folded name -> (id, address, latitude, longitude) of the city's Japanese facility pages
    (those of its site: another city's 中央図書館 is never a venue here)."""
    from facilities.models import FacilityPage

    pages = FacilityPage.objects.filter(city_pages_q(require_city_home(municipality)), locale=Locale.get_default())
    city = municipality.name
    return {
        venue_key(title, city): (pk, address, lat, lng)
        for pk, title, address, lat, lng in pages.values_list("pk", "title", "address", "latitude", "longitude")
    }


def place_address(address: str) -> tuple[float, float] | None:
    """The position of a venue address, or None when the geocoder only knows the city.

    A whole-city point would put the venue on the city hall; better no pin than a wrong one.
    """
    from geo.gazetteer import LEVEL_CITY
    from geo.geocoding import geocode, location_level

    location = geocode(address) if address else None
    if location is None or location_level(location) in (LEVEL_CITY, "prefecture", "unknown"):
        return None
    return location.latitude, location.longitude


# --- pages ------------------------------------------------------------------------


def events_index(municipality) -> EventIndexPage:
    """The city's Japanese events section (``setup_city`` made it under its home page), created
    there if an editor removed it; ``CityNotSetUp`` when the city has no site yet."""
    from .apps import ensure_section

    home = require_city_home(municipality)
    pages = EventIndexPage.objects.filter(city_pages_q(home), locale=home.locale)
    return pages.order_by("depth", "path").first() or ensure_section(home, municipality)


def description_html(text: str) -> str:
    """Plain text from a file as escaped rich text: paragraphs at blank lines, <br> inside."""
    paragraphs = [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join("<p>" + "<br/>".join(html.escape(line) for line in p.split("\n")) + "</p>" for p in paragraphs)


def source_id(record: EventRecord, municipality) -> str:
    code = record.municipality_code or (municipality.code if municipality else "")
    key = (
        record.no
        or hashlib.sha1(f"{record.title}|{record.start_date}".encode(), usedforsecurity=False).hexdigest()[:10]
    )
    return f"{code}:{key}"


def page_fields(record: EventRecord, venue_id: int | None, position, municipality, shift=None) -> dict:
    start_date, end_date = record.start_date, record.end_date
    deadline = record.apply_until_date
    if shift is not None:
        start_date, end_date = shift(start_date, end_date)
        if deadline is not None:
            deadline = deadline + (start_date - record.start_date)
    lat, lng = position if position else (record.lat, record.lng)
    return {
        "title": record.title[:255],
        "start_date": start_date,
        "start_time": record.start_time,
        "end_date": end_date if end_date != start_date else None,
        "end_time": record.end_time,
        "all_day": record.all_day,
        "date_note": record.date_note[:255],
        "venue_id": venue_id,
        "venue_name": record.venue_name[:255],
        "address": record.full_address[:255],
        "lat": lat,
        "lng": lng,
        "description": description_html(record.description),
        "fee": record.fee,
        "fee_detail": record.fee_detail,
        "organiser": record.organiser[:255],
        "contact_phone": record.contact_phone[:40],
        "capacity": record.capacity,
        "registration_url": record.url,
        "registration_method": record.apply_method,
        "registration_deadline": deadline,
        "municipality": municipality,
    }


def save_records(
    records: Iterable[EventRecord],
    municipality,
    report: ImportReport,
    index: EventIndexPage | None = None,
    shift: Callable[[date, date], tuple[date, date]] | None = None,
    tags_for: Callable[[EventRecord], list[str]] | None = None,
    overwrite_edits: bool = False,
) -> ImportReport:
    """Create or update one page per record under the events index (call inside a transaction)."""
    records = list(records)
    index = index or events_index(municipality)
    venues = facility_venues(municipality)
    facilities = {key: venue[0] for key, venue in venues.items()}
    by_id = {venue[0]: venue for venue in venues.values()}
    city = municipality.name
    existing = {p.source_id: p for p in EventPage.objects.child_of(index).filter(source_id__startswith="")}
    imported = last_imported(existing.values())
    geocoded: dict[str, tuple[float, float] | None] = {}
    now = timezone.now()
    for record in progress(records, total=len(records), desc="events"):
        key = source_id(record, municipality)
        venue_id = match_venue(record.venue_name, facilities, city) if record.venue_name else None
        position, address = None, None
        if venue_id is not None:  # the facility's address and position, as EventPage.sync_venue keeps them
            _pk, address, lat, lng = by_id[venue_id]
            position = (lat, lng) if lat is not None else None
        elif record.lat is None and record.full_address:
            if record.full_address not in geocoded:
                geocoded[record.full_address] = place_address(record.full_address)
            position = geocoded[record.full_address]
        fields = page_fields(record, venue_id, position, municipality, shift)
        if address:
            fields["address"] = address[:255]
        tags = sorted(tags_for(record)) if tags_for else None
        page = existing.get(key)
        if page is None:
            # One save, live, no revision: a file row is not an editor's draft (and a thousand
            # rows import three times faster). Editing in the admin starts the revision history.
            page = EventPage(slug=_slug(record, key), source_id=key, live=True, **fields)
            page.first_published_at = page.last_published_at = now
            if tags:
                page.tags.set(tags)
            index.add_child(instance=page)
            remember_imported(page, fields, source=key)
            existing[key] = page
            report.created += 1
            continue
        last = imported.get(page.pk)
        current_tags = sorted(t.name for t in page.tags.all())
        changed = set_imported(page, fields, last, report, row=record.row, overwrite_edits=overwrite_edits)
        remember_imported(page, fields, last, source=key)
        if not changed and (tags is None or tags == current_tags):
            report.unchanged += 1
            continue
        if tags is not None:
            page.tags.set(tags)
        if page.live:  # an event an editor unpublished (cancelled) is not published again by a file
            page.last_published_at = now
        page.save()
        report.updated += 1
    return report


def _slug(record: EventRecord, key: str) -> str:
    base = slugify(record.title, allow_unicode=True)[:40].strip("-") or "event"
    return f"{base}-{slugify(key.split(':')[-1], allow_unicode=True) or 'x'}"


# --- the import_opendata / export_opendata KIND ---------------------------------------


def import_file(
    path, municipality, *, skip_invalid: bool = False, stdout=None, overwrite_edits: bool = False
) -> ImportReport:
    """Import an event list (standard 2021 layout or Takamatsu 0081) into *municipality*."""
    require_city_home(municipality)  # before anything is written: CityNotSetUp says what to run
    result = read_events(path, skip_invalid=skip_invalid)
    report = ImportReport(skipped=list(result.errors))
    report.notes.append(f"{Path(path).name}: {result.layout} layout, {len(result.records)} events")
    with transaction.atomic():
        save_records(result.records, municipality, report, overwrite_edits=overwrite_edits)
    return report


def page_record(page: EventPage, municipality=None) -> EventRecord:
    from django.utils.html import strip_tags

    text = html.unescape(strip_tags(page.description.replace("<br/>", "\n").replace("</p>", "\n\n"))).strip()
    municipality = page.municipality or municipality
    return EventRecord(
        row=0,
        title=page.title,
        start_date=page.start_date,
        end_date=page.end_date or page.start_date,
        start_time=None if page.all_day else page.start_time,
        end_time=None if page.all_day else page.end_time,
        municipality_code=municipality.code if municipality else "",
        no=(page.source_id.split(":", 1)[-1] if page.source_id else str(page.pk)),
        prefecture=municipality.prefecture if municipality else "",
        city=municipality.name if municipality else "",
        title_en="",
        date_note=page.date_note,
        description=text,
        fee=page.fee,
        fee_detail=page.fee_detail,
        contact_phone=page.contact_phone,
        organiser=page.organiser,
        venue_name=page.venue_name,
        address=page.address,
        lat=page.lat,
        lng=page.lng,
        capacity=page.capacity,
        apply_until_date=page.registration_deadline,
        apply_method=page.registration_method,
        url=page.registration_url,
    )


def export_file(path, municipality=None) -> int:
    """Write the Japanese event pages residents may see (``home.visibility``: published, public, not
    expired; no drafts, even for staff) of *municipality* (or all) in the standard layout."""
    pages = resident_pages(EventPage.objects.filter(locale=Locale.get_default())).select_related("municipality")
    if municipality is not None:
        pages = pages.filter(municipality=municipality)
    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        return write_events((page_record(p, municipality) for p in pages.order_by("start_date", "pk")), stream)


def shift_years(years: int, keep_weekday_up_to_days: int = 7) -> Callable[[date, date], tuple[date, date]]:
    """Move dates by whole years; spans of at most a week also keep their weekday.

    A Saturday workshop stays on a Saturday (moved by at most 3 days); a fiscal-year
    programme (4/1–3/31) keeps its dates.
    """

    def shift(start: date, end: date) -> tuple[date, date]:
        new_start = _add_years(start, years)
        if (end - start).days < keep_weekday_up_to_days:
            delta = (start.weekday() - new_start.weekday()) % 7
            if delta > 3:
                delta -= 7
            new_start += timedelta(days=delta)
            return new_start, new_start + (end - start)
        return new_start, _add_years(end, years)

    return shift


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)
