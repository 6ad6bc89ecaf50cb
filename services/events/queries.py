"""The one place occurrences are selected for a date window, with the resident's filters.

The list, the calendar, the feeds and the API all call :func:`find_occurrences`. It issues a
fixed number of SQL queries whatever the number of events: the window, tag, audience and fee
filters and the split between dated events and long-running notices (:func:`notice_span`) run in SQL, the text filter asks the site's Japanese search index; a distance filter first narrows to a bounding box in SQL and then
keeps the rows within the true (geodesic) radius, nearest first (``geo.nearest``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import F, Q
from wagtail.models import Locale

from geo.nearest import in_box, nearest
from geo.points import MAX_RADIUS_M
from home.visibility import resident_pages, searchable_resident_pages
from search.index import matching_ids

from .models import EventOccurrence, pages_with_tag
from .recurrence import day_window

MAX_WINDOW_DAYS = 400


class FilterError(ValueError):
    """A filter that cannot be applied; ``param`` names it."""

    def __init__(self, param: str, message: str):
        super().__init__(message)
        self.param = param
        self.message = message


@dataclass
class EventFilters:
    first_day: date
    last_day: date
    tag: str = ""
    q: str = ""
    audience: str = ""
    free: bool = False
    lat: float | None = None
    lng: float | None = None
    radius_m: float | None = None
    starting_only: bool = False  # only dates that start in the window, not ones running into it
    # None: every date; False: dated events only; True: long-running notices only (see notice_span).
    notices: bool | None = None
    extra: dict = field(default_factory=dict)

    def validate(self) -> None:
        if self.last_day < self.first_day:
            raise FilterError("end", "The end date is before the start date.")
        if (self.last_day - self.first_day).days >= MAX_WINDOW_DAYS:
            raise FilterError("end", f"The window may span at most {MAX_WINDOW_DAYS} days.")
        if (self.lat is None) != (self.lng is None):
            raise FilterError("lng" if self.lng is None else "lat", "Give both lat and lng, or neither.")
        if self.lat is not None and not -90 <= self.lat <= 90:
            raise FilterError("lat", "lat must be between -90 and 90.")
        if self.lng is not None and not -180 <= self.lng <= 180:
            raise FilterError("lng", "lng must be between -180 and 180.")
        if self.radius_m is not None:
            if self.lat is None:
                raise FilterError("radius_m", "radius_m needs lat and lng.")
            if not 0 < self.radius_m <= MAX_RADIUS_M:
                raise FilterError("radius_m", f"radius_m must be more than 0 and at most {MAX_RADIUS_M}.")

    @property
    def window(self) -> tuple[datetime, datetime]:
        return day_window(self.first_day, self.last_day)

    @property
    def near(self) -> bool:
        return self.lat is not None and self.lng is not None


def notice_span() -> timedelta:
    """A date running longer than this is a long-running notice (補助金の申請受付 all year, 入札の
    お知らせ), not an event to go to on a day: settings.EVENTS_NOTICE_MIN_DAYS, 14 by default.
    An all-day date of *n* days spans exactly *n* days, so a two-week festival is still an event."""
    return timedelta(days=getattr(settings, "EVENTS_NOTICE_MIN_DAYS", 14))


def is_notice(start: datetime, end: datetime) -> bool:
    return end - start > notice_span()


def _notice_q() -> Q:
    return Q(end__gt=F("start") + notice_span())


@dataclass
class Found:
    """One occurrence with its page and, when searching near a point, its distance."""

    occurrence: EventOccurrence
    distance_m: float | None = None

    @property
    def page(self):
        return self.occurrence.page

    @property
    def notice(self) -> bool:
        return is_notice(self.occurrence.start, self.occurrence.end)


def occurrence_queryset(filters: EventFilters, locale: Locale, within: Q):
    """Occurrences matching every SQL-side filter, ordered by start, pages joined.

    *within* is one city's pages (``home.sites.request_pages_q(request)``): a resident of one
    city never sees another's events, nor events behind a view restriction.
    """
    from .models import EventPage

    filters.validate()
    visible = resident_pages(EventPage.objects.all()).filter(within).values("pk")
    queryset = EventOccurrence.objects.for_locale(locale).filter(page__in=visible).overlapping(*filters.window)
    if filters.starting_only:
        queryset = queryset.filter(start__gte=filters.window[0])
    if filters.notices is not None:
        queryset = queryset.filter(_notice_q()) if filters.notices else queryset.exclude(_notice_q())
    if filters.tag:
        queryset = queryset.filter(page__in=_tagged_page_ids(filters.tag))
    if filters.audience:
        queryset = queryset.filter(page__audience=filters.audience)
    if filters.free:
        queryset = queryset.filter(page__fee=0)
    if filters.q:
        queryset = queryset.filter(page__in=_matching_page_ids(filters.q))
    if filters.near:
        radius = filters.radius_m or MAX_RADIUS_M
        queryset = in_box(queryset, filters.lat, filters.lng, radius, "page__lat", "page__lng")
    return queryset.with_page()


def _matching_page_ids(q: str) -> list[int]:
    """Event pages the site search finds for *q*: the same Japanese analysis as everywhere
    (おはなしかい finds おはなし会, ﾏﾙｼｪ finds マルシェ), over title, summary, description, venue
    and organiser. The occurrence query then keeps the locale and window it asks for."""
    from .models import EventPage

    return matching_ids(searchable_resident_pages(EventPage.objects.all()), q)


def _tagged_page_ids(tag: str):
    from .models import EventPage

    return EventPage.objects.filter(pages_with_tag(tag)).values("pk")


def find_occurrences(
    filters: EventFilters, locale: Locale, within: Q, limit: int | None = None, offset: int = 0
) -> tuple[list[Found], int]:
    """The occurrences to show of the city's events (*within*: its pages) and how many match in all.

    Without a distance filter: two queries (count, page of rows). With one: a query for the
    positions in the bounding box, the exact radius and distance order in Python, then one for
    the page of rows (``geo.nearest``).
    """
    queryset = occurrence_queryset(filters, locale, within)
    # pk last: two dates of one event at the same start must not swap between two pages.
    queryset = queryset.order_by(*queryset.query.order_by, "pk")
    if filters.near:
        radius = filters.radius_m or MAX_RADIUS_M
        occurrences, total = nearest(
            queryset,
            (filters.lat, filters.lng),
            radius,
            limit=limit,
            offset=offset,
            lat_field="page__lat",
            lng_field="page__lng",
        )
        return [Found(occurrence, occurrence.distance_m) for occurrence in occurrences], total
    total = queryset.count()
    rows = queryset[offset : None if limit is None else offset + limit]
    return [Found(occurrence) for occurrence in rows], total


def count_events(filters: EventFilters, locale: Locale, within: Q) -> int:
    """How many events (pages, not dates) match, in one query."""
    return occurrence_queryset(filters, locale, within).order_by().values("page_id").distinct().count()


def tag_names(page_ids) -> dict[int, list[str]]:
    """Tag names per event page in one query (cheaper than prefetching taggit managers)."""
    from .models import EventPageTag

    names: dict[int, list[str]] = {}
    rows = EventPageTag.objects.filter(content_object_id__in=set(page_ids)).values_list(
        "content_object_id", "tag__name"
    )
    for page_id, name in rows.order_by("tag__name"):
        names.setdefault(page_id, []).append(name)
    return names
