"""What residents see: the events list and month calendar with filters, an event, and iCalendar."""

from __future__ import annotations

import calendar as pycalendar
import hashlib
import itertools
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from html import unescape
from urllib.parse import urlencode

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Count, Max, Q
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from geo.formatting import format_distance
from geo.geocoding import geocode as geo_geocode
from home.formats import local_date, weekday_names
from home.lookups import locale_for
from home.paging import page_number
from home.sites import request_municipality, request_pages_q, request_site
from home.visibility import is_resident_page, resident_pages, resident_translation_q
from japanese.dates import EARLIEST_DAY, LATEST_DAY, today_in_japan

from . import ics, recurrence
from .formatting import format_date, format_occurrence, format_yen
from .models import Audience, EventPage, pages_with_tag
from .queries import EventFilters, FilterError, count_events, find_occurrences, notice_span, tag_names
from .recurrence import TOKYO, RecurrenceError

PAGE_SIZE = 30
#: Events shown in one day of the month calendar; the rest are a link to that day's list.
MAX_PER_DAY = 5
DEFAULT_DAYS = 90
TOPIC_TAGS = ["子育て", "健康", "文化・スポーツ", "防災", "観光"]
RADIUS_CHOICES = [("", _("Any distance")), ("1", "1 km"), ("3", "3 km"), ("5", "5 km"), ("10", "10 km")]
WHEN_CHOICES = [
    ("", _("Upcoming")),
    ("today", _("Today")),
    ("weekend", _("This weekend")),
    ("month", _("This month")),
    ("range", _("Chosen dates")),
]


DAY_VALIDATORS = [MinValueValidator(EARLIEST_DAY), MaxValueValidator(LATEST_DAY)]


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Keyword"), required=False, max_length=200)
    when = forms.ChoiceField(label=_("When"), choices=WHEN_CHOICES, required=False)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}), validators=DAY_VALIDATORS
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}), validators=DAY_VALIDATORS
    )
    tag = forms.CharField(label=pgettext_lazy("event", "Category"), required=False, max_length=100)
    audience = forms.ChoiceField(label=_("For"), choices=[("", _("Anyone")), *Audience.choices], required=False)
    free = forms.BooleanField(label=_("Free only"), required=False)
    address = forms.CharField(label=_("Near (address)"), required=False, max_length=200)
    lat = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-90, max_value=90)
    lng = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-180, max_value=180)
    radius = forms.ChoiceField(label=_("Within"), choices=RADIUS_CHOICES, required=False)

    def to_filters(self, today: date, municipality=None) -> EventFilters:
        """The filters asked for; an address without its city is read in *municipality* (the site's)."""
        data = self.cleaned_data
        when = data.get("when") or ""
        if when in recurrence.NAMED_WINDOWS:
            first, last = recurrence.named_window(when, today)
        elif when == "range" or data.get("start") or data.get("end"):
            first = data.get("start") or today
            last = data.get("end") or first + timedelta(days=DEFAULT_DAYS)
        else:
            first, last = today, today + timedelta(days=DEFAULT_DAYS)
        lat, lng = data.get("lat"), data.get("lng")
        if data.get("address") and lat is None:
            position = geocode(data["address"], municipality)
            if position is None:
                raise FilterError("address", _("This address could not be found on the map."))
            lat, lng = position
        radius = data.get("radius")
        return EventFilters(
            first_day=first,
            last_day=last,
            tag=data.get("tag") or "",
            q=(data.get("q") or "").strip(),
            audience=data.get("audience") or "",
            free=bool(data.get("free")),
            lat=lat,
            lng=lng,
            radius_m=float(radius) * 1000 if radius and lat is not None else None,
        )


def geocode(address: str, municipality=None) -> tuple[float, float] | None:
    """The portal's geocoder (offline gazetteer by default); None when not found."""
    location = geo_geocode(address, municipality)
    return None if location is None else (location.latitude, location.longitude)


def _locale(request) -> Locale:
    return locale_for(translation.get_language())


def _filter_form(request, today):
    form = EventFilterForm(request.GET or None)
    filters, error = None, ""
    if not request.GET:
        form = EventFilterForm({})
    if form.is_valid():
        try:
            filters = form.to_filters(today, request_municipality(request))
            filters.validate()
        except FilterError as exc:
            form.add_error(exc.param if exc.param in form.fields else None, exc.message)
            filters, error = None, exc.message
    return form, filters, error


def _filters_open(request, form) -> bool:
    """The folded filters open only to show an error: on a phone, open filters would push the
    first event off the first screen. Those in use are named on the fold (``_active_filters``)."""
    return form.errors.keys() - {"q"} != set()


def _active_filters(form, locale_code: str) -> list[str]:
    """What the resident chose under the fold, as it reads on the page: 今週末, 子育て, 無料のみ …"""
    data = form.cleaned_data if form.is_bound and hasattr(form, "cleaned_data") else {}
    labels = []
    if data.get("when") and data["when"] != "range":
        labels.append(str(dict(WHEN_CHOICES)[data["when"]]))
    if data.get("start") or data.get("end"):
        days = (data.get("start"), data.get("end"))
        labels.append("–".join(format_date(day, locale_code) if day else "" for day in days))
    if data.get("tag"):
        labels.append(data["tag"])
    if data.get("audience"):
        labels.append(str(dict(form.fields["audience"].choices)[data["audience"]]))
    if data.get("free"):
        labels.append(str(_("Free only")))
    if data.get("address"):
        labels.append(data["address"])
    elif data.get("lat") is not None:
        labels.append(str(_("Near my position")))
    return labels


def _item(found, request, locale_code, filters, urls=None):
    occurrence = found.occurrence
    page = occurrence.page
    span = occurrence.as_occurrence()
    urls = {} if urls is None else urls
    if page.pk not in urls:
        urls[page.pk] = page.get_url(request)
    return {
        "page": page,
        "url": urls[page.pk],
        "when": format_occurrence(span, locale_code),
        "start": span.start,
        "first_day": max(span.first_day, filters.first_day),
        "last_day": span.last_day,
        "distance_m": found.distance_m,
        "distance": format_distance(found.distance_m) if found.distance_m is not None else "",
        "fee": format_yen(page.fee, locale_code),
        "venue": page.venue_name,
    }


def event_list(request, index):
    today = today_in_japan()
    locale_code = get_language() or "ja"
    form, filters, error = _filter_form(request, today)
    items, paginator, page_obj, days, notices = [], None, None, [], []
    if filters is not None:
        number = page_number(request.GET.get("page"), PAGE_SIZE)
        within, locale = request_pages_q(request), _locale(request)
        filters.notices = False
        found, total = find_occurrences(filters, locale, within, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
        paginator = Paginator(range(total), PAGE_SIZE)
        page_obj = paginator.get_page(number)
        if page_obj.number != number and total:  # past the last page: show the last one
            found, total = find_occurrences(filters, locale, within, limit=PAGE_SIZE, offset=page_obj.start_index() - 1)
        urls = {}
        items = [_item(f, request, locale_code, filters, urls) for f in found]
        for day, group in itertools.groupby(items, key=lambda item: item["first_day"]):
            days.append({"day": day, "label": format_date(day, locale_code), "items": list(group)})
        if page_obj.number == 1:
            notices = _notices(filters, locale, within, request, locale_code, urls)
    query = request.GET.copy()
    query.pop("page", None)
    without_q = query.copy()
    without_q.pop("q", None)
    return index.render(
        request,
        template="services/events/event_index_page.html",
        context_overrides={
            "filter_form": form,
            "filters_open": _filters_open(request, form),
            "active_filters": _active_filters(form, locale_code),
            "filters": filters,
            "filter_error": error,
            "days": days,
            "notices": notices,
            "notice_days": notice_span().days,
            "query_without_q": without_q.urlencode(),
            "total": paginator.count if paginator else 0,
            "page_obj": page_obj,
            "query_string": query.urlencode(),
            "topic_tags": TOPIC_TAGS,
            "range_label": _range_label(filters, locale_code),
            "calendar_url": index.url + index.reverse_subpage("calendar_view"),
            "feed_url": index.url + index.reverse_subpage("feed_view"),
        },
    )


def _notices(filters, locale, within, request, locale_code, urls) -> list[dict]:
    """The long-running notices open during the window, with the resident's other filters:
    one line per event, the one closing soonest first (a deadline is what a notice is read for)."""
    notice_filters = replace(filters, notices=True)
    found, _total = find_occurrences(notice_filters, locale, within)
    seen, notices = set(), []
    for one in sorted(found, key=lambda f: (f.occurrence.end, f.occurrence.page.title)):
        if one.occurrence.page_id in seen:
            continue
        seen.add(one.occurrence.page_id)
        item = _item(one, request, locale_code, notice_filters, urls)
        item["until"] = format_date(item["last_day"], locale_code)
        notices.append(item)
    return notices


def _range_label(filters, locale_code):
    if filters is None:
        return ""
    first = format_date(filters.first_day, locale_code)
    if filters.first_day == filters.last_day:
        return first
    return f"{first} – {format_date(filters.last_day, locale_code)}"


def event_calendar(request, index, year=None, month=None):
    today = today_in_japan()
    locale_code = get_language() or "ja"
    year, month = year or today.year, month or today.month
    if not (1 <= month <= 12 and EARLIEST_DAY.year <= year <= LATEST_DAY.year):
        from django.http import Http404

        raise Http404("No such month.")
    first, last = recurrence.calendar_month(year, month)
    form, filters, error = _filter_form(request, today)
    query = request.GET.copy()
    for name in ("when", "start", "end", "page"):
        query.pop(name, None)
    qs = query.urlencode()
    cells = defaultdict(list)
    day_counts = defaultdict(int)
    ongoing = []
    items: dict[int, dict] = {}  # one display item per occurrence, built only when shown
    urls: dict = {}

    def item(found):
        if id(found) not in items:
            items[id(found)] = _item(found, request, locale_code, filters, urls)
        return items[id(found)]

    notice_count = 0
    if filters is not None:
        filters.first_day, filters.last_day = first, last
        within, locale = request_pages_q(request), _locale(request)
        filters.notices = False  # long-running notices are not on any day: listed under お知らせ
        found, _total = find_occurrences(filters, locale, within)
        for one in found:
            span = one.occurrence.as_occurrence()
            first_day = max(span.first_day, first)
            long = (span.last_day - first_day).days > 6
            if long:
                ongoing.append(item(one))
            day = first_day
            while day <= min(span.last_day, last):
                day_counts[day] += 1  # as many as that day's list shows
                if not long:
                    cells[day].append(one)
                day += timedelta(days=1)
        notice_count = count_events(replace(filters, notices=True), locale, within)
    weeks = []
    month_calendar = pycalendar.Calendar(firstweekday=6)  # Sunday first, as Japanese calendars are
    for week in month_calendar.monthdatescalendar(year, month):
        row = []
        for day in week:
            day_found = cells.get(day, []) if day.month == month else []
            row.append(
                {
                    "day": day,
                    "in_month": day.month == month,
                    "today": day == today,
                    "items": [item(one) for one in day_found[:MAX_PER_DAY]],
                    "more": max(0, len(day_found) - MAX_PER_DAY),
                    "count": day_counts[day] if day.month == month else 0,
                    "day_url": index.url + "?" + _day_query(qs, day),
                    "label": format_date(day, locale_code),
                }
            )
        weeks.append(row)
    previous = first - timedelta(days=1)
    following = last + timedelta(days=1)
    suffix = f"?{qs}" if qs else ""
    return index.render(
        request,
        template="services/events/event_calendar.html",
        context_overrides={
            "filter_form": form,
            "filters_open": _filters_open(request, form),
            "active_filters": _active_filters(form, locale_code),
            "filter_error": error,
            "weeks": weeks,
            "ongoing": ongoing,
            "month_label": _month_label(year, month, locale_code),
            "weekday_names": weekday_names(language=locale_code),  # Sunday first
            "previous_url": index.url
            + index.reverse_subpage("calendar_view", args=(previous.year, previous.month))
            + suffix,
            "next_url": index.url
            + index.reverse_subpage("calendar_view", args=(following.year, following.month))
            + suffix,
            "list_url": index.url,
            "query_string": qs,
            "notice_count": notice_count,
            "notices_url": index.url + "?" + _range_query(qs, first, last) + "#notices",
            "today_url": index.url + index.reverse_subpage("calendar_view") + suffix,
            "is_this_month": (year, month) == (today.year, today.month),
        },
    )


def _day_query(qs: str, day: date) -> str:
    """The list's query string for one day, keeping the resident's other filters."""
    return _range_query(qs, day, day)


def _range_query(qs: str, first: date, last: date) -> str:
    """The list's query string for the days *first*–*last*, keeping the resident's other filters."""
    days = urlencode({"when": "range", "start": first.isoformat(), "end": last.isoformat()})
    return f"{qs}&{days}" if qs else days


def _month_label(year: int, month: int, locale_code: str) -> str:
    return local_date(date(year, month, 1), "month", locale_code)


# --- the event page --------------------------------------------------------------

UPCOMING_SHOWN = 50


def event_page_context(page: EventPage, request) -> dict:
    locale_code = get_language() or "ja"
    today = today_in_japan()
    dates, past, schedule_error = [], 0, ""
    try:
        schedule = page.schedule()
        all_dates = recurrence.materialise(schedule, today=today)
    except RecurrenceError as exc:
        all_dates, schedule_error = [], exc.message
    upcoming = [o for o in all_dates if o.last_day >= today]
    past = len(all_dates) - len(upcoming)
    dates = [format_occurrence(o, locale_code) for o in upcoming[:UPCOMING_SHOWN]]
    first = upcoming[0] if upcoming else (all_dates[-1] if all_dates else None)
    venue_page = page.venue.specific if page.venue_id and page.venue else None
    return {
        "when": format_occurrence(first, locale_code) if first else "",
        "dates": dates,
        "more_dates": max(len(upcoming) - UPCOMING_SHOWN, 0),
        "past_dates": past,
        "schedule_error": schedule_error,
        "fee_text": format_yen(page.fee, locale_code),
        "venue_page": venue_page,
        "venue_url": venue_page.get_url(request) if is_resident_page(venue_page) else "",
        "ics_url": (page.url or "") + "ics/",
        "deadline": format_date(page.registration_deadline, locale_code) if page.registration_deadline else "",
        "index_page": page.get_parent(),
        "map_features": (
            [
                {
                    "name": page.venue_name or page.title,
                    "lat": page.lat,
                    "lng": page.lng,
                    "url": venue_page.get_url(request) if is_resident_page(venue_page) else "",
                    "category": page.address,
                }
            ]
            if page.lat is not None and page.lng is not None
            else []
        ),
    }


# --- iCalendar ---------------------------------------------------------------------


def uid_host(page) -> str:
    """The site's configured hostname: a UID must not change with the host a request used."""
    site = page.get_site()
    return site.hostname if site else "localhost"


def calendar_event(page: EventPage, request, host: str | None = None, tags=None) -> ics.CalendarEvent:
    host = host or uid_host(page)
    location = ", ".join(part for part in (page.venue_name, page.address) if part)
    description = unescape(strip_tags(page.description.replace("</p>", "</p>\n"))).strip() if page.description else ""
    return ics.CalendarEvent(
        uid=ics.event_uid(page.pk, host),
        title=page.title,
        schedule=page.schedule(),
        description=description or page.summary,
        location=location,
        url=page.get_full_url(request) or "",
        lat=page.lat,
        lng=page.lng,
        categories=tuple(tags if tags is not None else (tag.name for tag in page.tags.all())),
        organiser=page.organiser,
        last_modified=page.last_published_at,
        cancelled=page.cancelled,
    )


def _ics_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, page: EventPage) -> HttpResponse:
    stamp = page.last_published_at or timezone.now()
    data = ics.to_ical([calendar_event(page, request)], page.title, stamp.astimezone(UTC))
    return _ics_response(data, f"event-{page.pk}.ics")


FEED_PAST_DAYS = 30


def feed_pages(locale: Locale, within: Q, tag: str | None = None, today: date | None = None):
    """The city's (*within*: its pages) live public events in *locale* (Japanese where
    untranslated) not over for a month."""
    today = today or today_in_japan()
    cutoff = datetime.combine(today - timedelta(days=FEED_PAST_DAYS), datetime.min.time(), tzinfo=TOKYO)
    default = Locale.get_default()
    pages = resident_pages(EventPage.objects.all()).filter(within).filter(occurrences__end__gte=cutoff).distinct()
    if locale.pk == default.pk:
        pages = pages.filter(locale=locale)
    else:
        pages = pages.filter(Q(locale=locale) | (Q(locale=default) & ~resident_translation_q(EventPage, locale)))
    if tag:
        pages = pages.filter(pk__in=EventPage.objects.filter(pages_with_tag(tag)).values("pk"))
    return pages.select_related("locale").order_by("start_date", "pk")


FEED_CACHE_SECONDS = 600


def event_feed(request, index, tag=None) -> HttpResponse:
    """A calendar feed; cached until an event is published or unpublished (or 10 minutes pass).

    Calendar apps poll feeds; building one VEVENT per event costs milliseconds each.
    """
    locale = _locale(request)
    within = request_pages_q(request)
    site = request_site(request)
    state = (
        resident_pages(EventPage.objects.all())
        .filter(within)
        .aggregate(latest=Max("last_published_at"), live=Count("pk"))
    )
    latest = state["latest"].timestamp() if state["latest"] else 0
    # The site is in the key: two cities' feeds never share an entry, whatever host asked.
    facts = [site.pk if site else "", index.pk, locale.pk, tag or "", latest, state["live"], today_in_japan()]
    facts.append(request.get_host())
    key = "events-feed:" + hashlib.sha1("|".join(map(str, facts)).encode(), usedforsecurity=False).hexdigest()
    data = cache.get(key)
    if data is None:
        data = _feed_data(request, index, locale, within, tag)
        cache.set(key, data, FEED_CACHE_SECONDS)
    return _ics_response(data, "events.ics")


def _feed_data(request, index, locale, within, tag) -> bytes:
    pages = list(feed_pages(locale, within, tag))
    name = f"{index.title} – {tag}" if tag else index.title
    stamp = max((p.last_published_at for p in pages if p.last_published_at), default=timezone.now())
    events = []
    host = uid_host(index)
    tags = tag_names(page.pk for page in pages)
    for page in pages:
        try:
            events.append(calendar_event(page, request, host, tags.get(page.pk, [])))
        except RecurrenceError:
            continue
    return ics.to_ical(events, name, stamp.astimezone(UTC))
