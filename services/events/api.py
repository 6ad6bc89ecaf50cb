"""``GET /api/v1/events``: event occurrences in a date window, near a point, by tag or text."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from geo.formatting import api_metres
from home.api import LimitParam, ListOut, LocaleParam, OffsetParam, day_param, listing, page_url, resolve_locale
from home.sites import request_pages_q
from home.visibility import resident_ids_among
from japanese.dates import today_in_japan

from .models import Audience
from .queries import (
    MAX_RADIUS_M,
    MAX_WINDOW_DAYS,
    EventFilters,
    FilterError,
    find_occurrences,
    tag_names,
)
from .recurrence import TOKYO

router = Router(tags=["events"])

DEFAULT_DAYS = 30


class VenueOut(Schema):
    name: str = Field(description="Venue name as the event gives it.")
    address: str
    lat: float | None
    lng: float | None
    url: str | None = Field(description="The facility page, when the venue is a facility.")


class EventOut(Schema):
    id: int = Field(description="The event page's id; the same for every date of a recurring event.")
    title: str
    start: datetime = Field(description="Start in Japan time (+09:00).")
    end: datetime = Field(description="End in Japan time; for all-day events midnight after the last day.")
    all_day: bool
    venue: VenueOut
    url: str = Field(description="The event page.")
    ics_url: str = Field(description="iCalendar file of the event (every date).")
    tags: list[str]
    fee: int | None = Field(description="Fee in yen; 0 is free, null unknown.")
    audience: str
    distance_m: float | None = Field(None, description="With lat/lng: metres from that point.")
    cancelled: bool = Field(False, description="The event is cancelled (中止): it will not take place.")
    notice: bool = Field(
        False,
        description="A long-running notice (a date longer than EVENTS_NOTICE_MIN_DAYS, 14 days by default: "
        "an application period, a call for tenders) rather than an event on a day.",
    )


@router.get(
    "/events",
    response=ListOut[EventOut],
    summary="Event occurrences in a date window",
    description=(
        "Every date of every event that overlaps the window `start`–`end` (dates inclusive, Japan time; "
        f"default: today and the next {DEFAULT_DAYS} days; at most {MAX_WINDOW_DAYS} days). A recurring event "
        "appears once per date. With `lat`/`lng` the answer is sorted by distance (`radius_m` up to "
        f"{MAX_RADIUS_M} m, default {MAX_RADIUS_M}); otherwise by start. Only the events of the requested "
        "site's municipality."
    ),
)
def events(
    request,
    start: day_param("First day.") = None,
    end: day_param("Last day (inclusive).") = None,
    lat: Annotated[float | None, Query(ge=-90, le=90)] = None,
    lng: Annotated[float | None, Query(ge=-180, le=180)] = None,
    radius_m: Annotated[float | None, Query(gt=0, le=MAX_RADIUS_M)] = None,
    tag: Annotated[str, Query(max_length=100, description="A category or tag name, e.g. 子育て.")] = "",
    q: Annotated[str, Query(max_length=200, description="Words in the title, summary, venue or organiser.")] = "",
    audience: Annotated[Audience | None, Query(description="Who the event is for.")] = None,
    free: Annotated[bool, Query(description="Only events with no fee.")] = False,
    notices: Annotated[
        bool | None,
        Query(description="true: only long-running notices; false: only dated events; absent: both."),
    ] = None,
    locale: LocaleParam = "ja",
    limit: LimitParam = 100,
    offset: OffsetParam = 0,
):
    language = resolve_locale(locale)
    first = start or today_in_japan()
    last = end or first + timedelta(days=DEFAULT_DAYS)
    filters = EventFilters(
        first_day=first,
        last_day=last,
        tag=tag.strip(),
        q=q.strip(),
        audience=audience.value if audience else "",
        free=free,
        lat=lat,
        lng=lng,
        radius_m=radius_m,
        notices=notices,
    )
    try:
        found, count = find_occurrences(filters, language, request_pages_q(request), limit=limit, offset=offset)
    except FilterError as error:
        raise HttpError(400, f"{error.param}: {error.message}") from None
    tags = tag_names(item.occurrence.page_id for item in found)
    venues = resident_ids_among(item.occurrence.page.venue_id for item in found)  # linked only if residents may see it
    items = []
    for item in found:
        occurrence, page = item.occurrence, item.occurrence.page
        url = page_url(request, page)
        venue = page.venue if page.venue_id else None
        items.append(
            {
                "id": page.pk,
                "title": page.title,
                "start": occurrence.start.astimezone(TOKYO),
                "end": occurrence.end.astimezone(TOKYO),
                "all_day": occurrence.all_day,
                "venue": {
                    "name": page.venue_name,
                    "address": page.address,
                    "lat": page.lat,
                    "lng": page.lng,
                    "url": (page_url(request, venue) if venue is not None and venue.pk in venues else None),
                },
                "url": url,
                "ics_url": url + "ics/" if url else "",
                "tags": tags.get(page.pk, []),
                "fee": page.fee,
                "audience": page.audience,
                "distance_m": api_metres(item.distance_m),
                "notice": item.notice,
                "cancelled": page.cancelled,
            }
        )
    return listing(request, items, count, offset, limit)
