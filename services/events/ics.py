"""iCalendar (RFC 5545) for events, written and read with the ``icalendar`` library.

Timed events carry ``TZID=Asia/Tokyo`` with a VTIMEZONE for it; all-day events
are DATE values with an exclusive DTEND. The stored RRULE/EXDATE/RDATE go out
exactly as stored, so a calendar app expands the same dates as the portal.
UIDs are stable (``event-<id>@<host>``) so that a re-subscribed feed updates
events in place instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from icalendar import Calendar, Event, vGeo, vRecur

from .recurrence import TOKYO, Recurrence, Schedule

PRODID = "-//Machi Portal//events//JA"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    title: str
    schedule: Schedule
    description: str = ""
    location: str = ""
    url: str = ""
    lat: float | None = None
    lng: float | None = None
    categories: tuple[str, ...] = ()
    organiser: str = ""
    last_modified: datetime | None = None
    cancelled: bool = False


def event_uid(key: object, host: str) -> str:
    """A UID that stays the same for the life of the event (its id and the site's host)."""
    return f"event-{key}@{host}"


def _value(moment: datetime, all_day: bool) -> date | datetime:
    local = moment.astimezone(TOKYO)
    return local.date() if all_day else local


def _day_values(days: Iterable[date], schedule: Schedule) -> list[date | datetime]:
    if schedule.all_day:
        return list(days)
    start = schedule.local_start
    return [datetime.combine(day, start.timetz()) for day in days]


def to_component(event: CalendarEvent, stamp: datetime) -> Event:
    schedule = event.schedule
    component = Event()
    component.add("uid", event.uid)
    component.add("dtstamp", (event.last_modified or stamp).astimezone(UTC))
    component.add("summary", event.title)
    if event.cancelled:
        component.add("status", "CANCELLED")
    component.add("dtstart", _value(schedule.start, schedule.all_day))
    if schedule.end > schedule.start:
        component.add("dtend", _value(schedule.end, schedule.all_day))
    recurrence = schedule.recurrence
    if recurrence.rrule:
        component.add("rrule", vRecur.from_ical(recurrence.rrule))
    if recurrence.exdates:
        component.add("exdate", _day_values(recurrence.exdates, schedule))
    if recurrence.rdates:
        component.add("rdate", _day_values(recurrence.rdates, schedule))
    if event.description:
        component.add("description", event.description)
    if event.location:
        component.add("location", event.location)
    if event.lat is not None and event.lng is not None:
        component.add("geo", vGeo((event.lat, event.lng)))
    if event.url:
        component.add("url", event.url)
    if event.categories:
        component.add("categories", list(event.categories))
    if event.organiser:
        # ORGANIZER must be an e-mail URI, which imported events do not have: CONTACT is text.
        component.add("contact", event.organiser)
    if event.last_modified:
        component.add("last-modified", event.last_modified.astimezone(UTC))
    return component


def to_ical(events: Iterable[CalendarEvent], name: str, stamp: datetime) -> bytes:
    """A VCALENDAR with the events and the VTIMEZONE they use (none for all-day only)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    for event in events:
        calendar.add_component(to_component(event, stamp))
    calendar.add_missing_timezones()
    for timezone in calendar.timezones:
        # Asia/Tokyo has kept +09:00 without DST since 1951, so the one STANDARD
        # block is right for every date; the generator's 1970–2038 caveat is not.
        timezone.pop("COMMENT", None)
    return calendar.to_ical()


# --- reading back ------------------------------------------------------------------


def _as_tokyo(value: date | datetime, all_day: bool) -> datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None:  # floating time: read as Japan time
            value = value.replace(tzinfo=TOKYO)
        return value.astimezone(TOKYO)
    return datetime.combine(value, time(0), tzinfo=TOKYO)


def _dates(component: Event, name: str) -> tuple[date, ...]:
    values = component.get(name)
    if values is None:
        return ()
    if not isinstance(values, list):
        values = [values]
    days = []
    for prop in values:
        for item in prop.dts:
            value = item.dt
            days.append(value.astimezone(TOKYO).date() if isinstance(value, datetime) else value)
    return tuple(sorted(set(days)))


def from_ical(data: bytes | str) -> list[CalendarEvent]:
    """Parse a VCALENDAR back into :class:`CalendarEvent` objects (for tests and imports)."""
    calendar = Calendar.from_ical(data)
    events = []
    for component in calendar.walk("VEVENT"):
        raw_start = component.decoded("dtstart")
        all_day = not isinstance(raw_start, datetime)
        start = _as_tokyo(raw_start, all_day)
        if "dtend" in component:
            end = _as_tokyo(component.decoded("dtend"), all_day)
        elif "duration" in component:
            end = start + component.decoded("duration")
        else:
            end = start
        rrule = ""
        if "rrule" in component:
            rrule = component["rrule"].to_ical().decode()
        recurrence = Recurrence(rrule, _dates(component, "exdate"), _dates(component, "rdate"))
        geo = component.get("geo")
        events.append(
            CalendarEvent(
                uid=str(component.get("uid", "")),
                title=str(component.get("summary", "")),
                schedule=Schedule(start, end, all_day, recurrence),
                description=str(component.get("description", "")),
                location=str(component.get("location", "")),
                url=str(component.get("url", "")),
                lat=geo.latitude if geo else None,
                lng=geo.longitude if geo else None,
                categories=tuple(str(c) for prop in _as_list(component.get("categories")) for c in prop.cats),
                organiser=str(component.get("contact", "")),
                cancelled=str(component.get("status", "")).upper() == "CANCELLED",
            )
        )
    return events


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
