"""Garbage API: areas, an area's collections, its iCalendar feed, and the sorting dictionary."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from home.api import LimitParam, ListOut, LocaleParam, OffsetParam, day_param, listing, resolve_locale
from home.sites import answering_municipality
from japanese.dates import today_in_japan

from .calendar import MAX_RANGE_DAYS, AreaSchedule, find_areas, localised_categories, search_items
from .ics import area_calendar_ics
from .models import CollectionArea
from .towns import locate_address, locate_point

router = Router(tags=["garbage"])

MunicipalityParam = Annotated[
    str | None,
    Query(
        description="6-digit local government code (全国地方公共団体コード) of this site's city, e.g. 372013; "
        "optional: every answer is for the city of the site asked. Another city's code is a 404."
    ),
]


class AreaOut(Schema):
    code: str = Field(description="Stable area code, used in the other garbage URLs.")
    name: str
    municipality: str = Field(description="The municipality's 6-digit code.")


class PutOutOut(Schema):
    bag: str = Field(description="Bag or container (指定収集袋), in the requested locale; empty if not published.")
    put_out_by: str = Field(description="When to put it out (朝8時30分まで); empty if not published.")
    place: str = Field(description="Where to put it out (ごみステーション); empty if not published.")
    fee: str = Field(description="The fee where there is one, else empty.")
    notes: str = Field(description="Other instructions for the category.")


class AreaMatchOut(AreaOut):
    town: str = Field(
        description="With `address` or `lat`/`lng`: the town (町丁目, as the gazetteer writes it) the address "
        "or position was matched to, else empty."
    )


class CategoryOut(Schema):
    code: str
    name: str = Field(description="In the requested locale where translated.")
    color: str = Field(description="#RRGGBB; always shown with the name, never alone.")
    how_to_put_out: PutOutOut


class CollectionOut(Schema):
    date: date
    category: CategoryOut
    note: str = Field(description="Why the day is special (a moved or extra collection), else empty.")


class CollectionsOut(Schema):
    area: AreaOut
    collections: list[CollectionOut]


class ItemCategoryOut(Schema):
    code: str
    name: str
    how_to_put_out: PutOutOut


class ItemOut(Schema):
    name: str
    reading: str
    category: ItemCategoryOut
    notice: str = Field(description="How to put it out.")


def _municipality(request, code: str | None = None):
    """The requested site's municipality: every route answers for it alone (home/sites.py)."""
    try:
        return answering_municipality(request, code)
    except ValueError as problem:
        raise HttpError(422, str(problem)) from None
    except LookupError as problem:
        raise HttpError(404, str(problem)) from None


def _area(request, code: str) -> CollectionArea:
    """An area of the site's municipality; another city's code is as unknown as a wrong one."""
    areas = CollectionArea.objects.select_related("municipality__garbage_policy", "centre")
    return get_object_or_404(areas, municipality=_municipality(request), code=code)


def _put_out(category) -> dict:
    """The category's facts in the requested locale; a fact not translated is the Japanese one."""
    return category.put_out_texts()


def _area_out(area: CollectionArea) -> dict:
    return {"code": area.code, "name": area.name, "municipality": area.municipality.code}


@router.get(
    "/garbage/areas",
    response=ListOut[AreaMatchOut],
    summary="Garbage collection areas",
    description=(
        "Areas of a municipality. `q` matches the area name, a town (町名) it covers, or an address inside one. "
        "`address` (番町1-8-15, 高松市番町一丁目, 香川県高松市番町１丁目８番１５号; the site's city is assumed "
        "when left out) or `lat` and `lng` (the nearest town) answer the area(s) that town belongs to, each "
        "with the matched `town`; a town split between areas answers them all. Give one of `q`, `address`, "
        "or `lat`+`lng`."
    ),
)
def areas(
    request,
    municipality: MunicipalityParam = None,
    q: Annotated[str, Query(description="Area or town name, or an address.", max_length=200)] = "",
    address: Annotated[str, Query(description="An address, with or without prefecture and city.", max_length=200)] = "",
    lat: Annotated[float | None, Query(ge=-90, le=90, description="Latitude (WGS84), with `lng`.")] = None,
    lng: Annotated[float | None, Query(ge=-180, le=180, description="Longitude (WGS84), with `lat`.")] = None,
    locale: LocaleParam = "ja",
    limit: LimitParam = 100,
    offset: OffsetParam = 0,
):
    resolve_locale(locale)
    if (lat is None) != (lng is None):
        raise HttpError(422, "Give both lat and lng, or neither.")
    if sum(bool(x) for x in (q.strip(), address.strip(), lat is not None)) > 1:
        raise HttpError(422, "Give one of q, address, or lat and lng.")
    town = _municipality(request, municipality)
    matched = ""
    if town is None:
        found = []
    elif lat is not None:
        located = locate_point(town, lat, lng)
        found, matched = (located.areas, located.town) if located else ([], "")
    elif address.strip():
        located = locate_address(town, address)
        found, matched = (located.areas, located.town) if located else ([], "")
    else:
        found = find_areas(town, q)
    found_ids = [area.pk for area in found]
    page_ids = found_ids[offset : offset + limit]
    rows = CollectionArea.objects.filter(pk__in=page_ids).select_related("municipality")
    rows = sorted(rows, key=lambda area: page_ids.index(area.pk))
    return listing(request, ({**_area_out(area), "town": matched} for area in rows), len(found_ids), offset, limit)


@router.get(
    "/garbage/areas/{code}/collections",
    response=CollectionsOut,
    summary="Collection days of an area",
    description=(
        f"Every collection between `start` and `end` (inclusive, at most {MAX_RANGE_DAYS} days; default: "
        "today and the next 30 days), with centre shutdowns, holidays, moves, extra and cancelled days applied."
    ),
)
def collections(
    request,
    code: str,
    start: day_param("First day.") = None,
    end: day_param("Last day.") = None,
    locale: LocaleParam = "ja",
):
    wagtail_locale = resolve_locale(locale)
    area = _area(request, code)
    start = start or today_in_japan()
    end = end or start + timedelta(days=30)
    if end < start:
        raise HttpError(400, f"end {end} is before start {start}.")
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        raise HttpError(400, f"The range is {(end - start).days + 1} days; ask for at most {MAX_RANGE_DAYS}.")
    schedule = AreaSchedule.load(area)
    categories = localised_categories(area.municipality, wagtail_locale)
    return {
        "area": _area_out(area),
        "collections": [
            {
                "date": c.date,
                "category": {
                    "code": c.category.code,
                    "name": c.category.name,
                    "color": c.category.colour,
                    "how_to_put_out": _put_out(c.category),
                },
                "note": c.note,
            }
            for c in schedule.collections(start, end, categories)
        ],
    }


@router.get(
    "/garbage/areas/{code}/calendar.ics",
    summary="iCalendar feed of an area",
    description=(
        "The area's collections for the next 12 months as all-day events (text/calendar), category names "
        "in `locale`, instructions in DESCRIPTION. Subscribe with webcal://."
    ),
    response={200: None},
)
def calendar_ics(request, code: str, locale: LocaleParam = "ja"):
    wagtail_locale = resolve_locale(locale)
    area = _area(request, code)
    body = area_calendar_ics(area, wagtail_locale, today_in_japan(), host=request.get_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="garbage-{area.code}.ics"'
    return response


@router.get(
    "/garbage/items",
    response=ListOut[ItemOut],
    summary="Sorting dictionary",
    description=(
        "Items matching `q` however it is spelt (ひらがな, カタカナ, 漢字, half/full width, 電池 = でんち) "
        "or asked (電池はどうやって捨てるの？), best match first."
    ),
)
def items(
    request,
    q: Annotated[str, Query(description="What to throw away, or a short question.", max_length=200)] = "",
    municipality: MunicipalityParam = None,
    locale: LocaleParam = "ja",
    limit: LimitParam = 100,
    offset: OffsetParam = 0,
):
    wagtail_locale = resolve_locale(locale)
    town = _municipality(request, municipality)
    if town is None:
        return listing(request, [], 0, offset, limit)
    _query, found = search_items(town, wagtail_locale, q)
    return listing(
        request,
        (
            {
                "name": item.name,
                "reading": item.reading,
                "category": {
                    "code": item.category.code,
                    "name": item.category.name,
                    "how_to_put_out": _put_out(item.category),
                },
                "notice": item.notice,
            }
            for item in found[offset : offset + limit]
        ),
        len(found),
        offset,
        limit,
    )
