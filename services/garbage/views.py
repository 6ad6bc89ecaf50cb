"""What the garbage calendar page shows: the chosen area, its next collections, two months, the dictionary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from geo.points import point_from
from home.formats import local_date, weekday_names
from home.lookups import locale_by_id
from japanese.dates import today_in_japan

from . import rules as engine
from .calendar import (
    AreaSchedule,
    Collection,
    area_remarks,
    find_areas,
    localised_categories,
    month_grid,
    search_items,
)
from .models import CollectionArea
from .towns import locate_address, locate_point

AREA_COOKIE = "garbage_area"


@dataclass(frozen=True)
class NextCollection:
    collection: Collection
    label: str  # 今日 / 明日 / あさって / the date


def day_label(day: date, today: date) -> str:
    delta = (day - today).days
    if delta == 0:
        return _("Today")
    if delta == 1:
        return _("Tomorrow")
    if delta == 2:
        return _("The day after tomorrow")
    return local_date(day, "day")


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def chosen_area(page, request) -> CollectionArea | None:
    code = request.GET.get("area") or request.COOKIES.get(AREA_COOKIE)
    if not code:
        return None
    return _area_by_code(page.municipality, code)


def _area_by_code(municipality, code: str) -> CollectionArea | None:
    return (
        CollectionArea.objects.select_related("municipality__garbage_policy", "centre")
        .filter(municipality_id=municipality.pk, code=code[:40])
        .first()
    )


def calendar_context(page, request) -> dict:
    municipality = page.municipality
    today = today_in_japan()
    context: dict = {"today": today, "areas": CollectionArea.objects.filter(municipality=municipality)}
    where = request.GET.get("where", "").strip()[:200]
    point = point_from(request.GET.get("lat"), request.GET.get("lng"))
    located = None
    if point is not None:
        located = locate_point(municipality, *point)
        context["located_town"] = located.town if located else None
        context["area_matches"] = located.areas if located else []
        context["searched"] = True
    elif where:
        context["where"] = where
        located = locate_address(municipality, where)
        if located is not None and located.other_city:
            context["area_matches"] = []
        elif located is not None and located.areas:
            context["area_matches"] = located.areas
        else:
            context["area_matches"] = find_areas(municipality, where)
        context["searched"] = True
    context["located"] = located
    if context.get("searched") and not request.GET.get("area"):
        # A new search answers for itself, not for the area remembered from last time: one
        # area is shown at once; two (a town split between areas) are offered to choose from.
        matches = context["area_matches"]
        area = _area_by_code(municipality, matches[0].code) if len(matches) == 1 else None
    else:
        area = chosen_area(page, request)
    context["area"] = area
    locale = locale_by_id(page.locale_id)
    categories = localised_categories(municipality, locale)
    context["categories"] = sorted(categories.values(), key=lambda category: (category.sort_order, category.pk))
    schedule = AreaSchedule.load(area) if area else None
    next_by_key = {}
    if schedule:
        upcoming = schedule.next_collections(today, categories)
        context["next_collections"] = [NextCollection(c, day_label(c.date, today)) for c in upcoming]
        context["calendar_ended"] = None if upcoming else schedule.last_collection_day(today)
        context["remarks"] = area_remarks(area, categories)
        next_by_key = {c.category.translation_key: c.date for c in upcoming}
        months = []
        year, month = today.year, today.month
        for _index in range(2):
            start, end = date(year, month, 1), engine.last_day_of_month(year, month)
            collections = schedule.collections(start, end, categories)
            months.append({"first": start, "weeks": month_grid(year, month, collections), "collections": collections})
            year, month = next_month(year, month)
        context["months"] = months
        api = f"/api/v1/garbage/areas/{area.code}/calendar.ics?locale={locale.language_code}"
        context["ics_url"] = request.build_absolute_uri(api)
        context["webcal_url"] = "webcal://" + context["ics_url"].split("://", 1)[1]
    query = request.GET.get("q", "").strip()[:200]
    if query:
        understood, items = search_items(municipality, page.locale, query)
        context["query"] = query
        context["understood"] = understood
        context["item_count"] = len(items)
        context["items"] = [
            {"item": item, "next": next_by_key.get(item.category.translation_key)} for item in items[:30]
        ]
    context["weekday_names"] = weekday_names()  # Sunday first, as Japanese calendars are
    return context


def print_context(page, request) -> dict:
    """A year (12 months from this one) of the chosen area, for an A4 print-out."""
    context = {"area": chosen_area(page, request), "today": today_in_japan()}
    area = context["area"]
    if area:
        categories = localised_categories(page.municipality, page.locale)
        schedule = AreaSchedule.load(area)
        months = []
        year, month = context["today"].year, context["today"].month
        for _index in range(12):
            start, end = date(year, month, 1), engine.last_day_of_month(year, month)
            months.append(
                {"first": start, "weeks": month_grid(year, month, schedule.collections(start, end, categories))}
            )
            year, month = next_month(year, month)
        context["months"] = months
        context["legend"] = sorted(
            {c.category.pk: c.category for m in months for w in m["weeks"] for _d, cs in w for c in cs}.values(),
            key=lambda category: category.sort_order,
        )
    context["weekday_names"] = weekday_names()
    return context


def sorting_item_url(item, request) -> str:
    """The garbage page of the item's city, in the current language, with the dictionary open at it."""
    from urllib.parse import urlencode

    from django.apps import apps
    from wagtail.models import Locale

    from home.visibility import resident_pages

    cache = getattr(request, "_search_garbage_pages", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._search_garbage_pages = cache
    if item.municipality_id not in cache:
        page_model = apps.get_model("garbage", "GarbageCalendarPage")
        pages = resident_pages(page_model.objects.filter(municipality_id=item.municipality_id))
        page = pages.filter(locale=Locale.get_active()).first() or pages.first()
        cache[item.municipality_id] = page.get_url(request) if page else ""
    base = cache[item.municipality_id]
    return f"{base}?{urlencode({'q': item.name})}#dictionary" if base else ""
