"""The iCalendar feed of an area: all-day events for the next 12 months, stable UIDs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, vDuration

from .calendar import AreaSchedule, localised_categories

PRODID = "-//Machi Portal//garbage//JA"


def collection_uid(area_code: str, category_code: str, day: date, host: str) -> str:
    """Stable across feed refreshes: the same area, category and day always give the same UID."""
    return f"garbage-{area_code}-{category_code}-{day:%Y%m%d}@{host or 'machi-portal'}"


def area_calendar_ics(area, locale, today: date, host: str = "") -> bytes:
    schedule = AreaSchedule.load(area)
    categories = localised_categories(area.municipality, locale)
    end = today + timedelta(days=365)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{area.municipality.name} {area.name}")
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    calendar.add("refresh-interval", vDuration(timedelta(days=1)), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(timedelta(days=1)))
    stamp = datetime.combine(today, datetime.min.time(), tzinfo=UTC)
    for collection in schedule.collections(today, end, categories):
        event = Event()
        event.add("uid", collection_uid(area.code, collection.category.code, collection.date, host))
        event.add("dtstamp", stamp)
        event.add("summary", collection.category.name)
        event.add("dtstart", collection.date)
        event.add("dtend", collection.date + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        description = "\n".join(part for part in (collection.note, collection.category.description) if part)
        if description:
            event.add("description", description)
        event.add("categories", [collection.category.name])
        calendar.add_component(event)
    return calendar.to_ical()
