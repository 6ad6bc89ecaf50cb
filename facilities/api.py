"""Facilities API: geocoding, facilities near a point (JSON and GeoJSON)."""

from __future__ import annotations

from typing import Annotated

from django.http import JsonResponse
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from facilities.models import FacilityCategory, facility_pages_for_locale
from facilities.views import text_filter, with_role
from geo.formatting import api_metres
from geo.geocoding import geocode as geocode_address
from geo.geocoding import location_level, location_matched
from geo.nearest import nearest
from geo.points import MAX_RADIUS_M, validate_point
from home.api import LimitParam, ListOut, LocaleParam, OffsetParam, listing, next_url, page_url, resolve_locale
from home.sites import request_municipality, request_pages_q

router = Router(tags=["facilities"])

DEFAULT_RADIUS_M = 2000

LatParam = Annotated[float | None, Query(ge=-90, le=90, description="Latitude of the search point (WGS84).")]
LngParam = Annotated[float | None, Query(ge=-180, le=180, description="Longitude of the search point (WGS84).")]
RadiusParam = Annotated[
    float | None,
    Query(
        gt=0,
        le=MAX_RADIUS_M,
        description=f"Search radius in metres (default {DEFAULT_RADIUS_M} with lat/lng, at most {MAX_RADIUS_M}).",
    ),
]
CategoryParam = Annotated[str | None, Query(description="Category code, e.g. library, aed, evacuation.")]
OpenNowParam = Annotated[
    bool | None,
    Query(
        description=(
            "`true`: only the facilities open at this moment in Japan (an AED: usable now); "
            "`false`: only those closed now. Facilities whose hours are not known are left out of both."
        )
    ),
]
TextParam = Annotated[str | None, Query(max_length=100, description="Words in the name, reading or address.")]


class GeocodeOut(Schema):
    lat: float
    lng: float
    matched: str = Field(description="The address the query matched, e.g. 香川県高松市番町一丁目.")
    level: str = Field(description="How precise the match is: `town` (町丁目/大字) or `city`.")


class CategoryOut(Schema):
    code: str
    name: str = Field(description="In the requested locale where translated.")


class FacilityOut(Schema):
    id: int = Field(description="Page id.")
    name: str
    category: CategoryOut
    address: str
    lat: float | None
    lng: float | None
    distance_m: float | None = Field(description="Geodesic distance from lat/lng in metres; null without lat/lng.")
    url: str
    open_now: bool | None = Field(
        description="Open at this moment in Japan (an AED: usable); null when hours are not known."
    )
    opens_at: str | None = Field(description="When a closed facility next opens (ISO 8601, JST), within two weeks.")
    closes_at: str | None = Field(description="When an open facility closes today (ISO 8601, JST).")
    roles: list[str] = Field(
        description="What the place is: its category, then the roles merged from other datasets, e.g. "
        '["library", "aed", "evacuation"].'
    )


@router.get(
    "/geocode",
    response=GeocodeOut,
    summary="Geocode a Japanese address",
    description=(
        "Answers offline from the town-level gazetteer (or the configured geocoder). "
        "`level` says whether the town or only the city matched; an address not found is a 404."
    ),
)
def geocode(request, q: Annotated[str, Query(min_length=1, max_length=200, description="An address.")]):
    location = geocode_address(q, request_municipality(request))
    if location is None:
        raise HttpError(404, f"No place matches {q!r}.")
    return {
        "lat": location.latitude,
        "lng": location.longitude,
        "matched": location_matched(location),
        "level": location_level(location),
    }


def open_status(page):
    """Open now for a facility, usable now for an AED row (``facilities.hours.OpenStatus`` or None)."""
    if page.kind == "aed":
        return (page.aed or {}).get("usable")
    return page.status_now


def _search(request, locale, lat, lng, radius_m, category, q, limit, offset=0, open_now=None):
    locale_obj = resolve_locale(locale)
    if (lat is None) != (lng is None):
        raise HttpError(400, "Give both lat and lng, or neither.")
    if radius_m is not None and lat is None:
        raise HttpError(400, "radius_m needs lat and lng.")
    pages = facility_pages_for_locale(locale_obj, request_pages_q(request)).select_related("category")
    if category:
        if not FacilityCategory.objects.filter(code=category).exists():
            codes = sorted(set(FacilityCategory.objects.values_list("code", flat=True)))
            raise HttpError(400, f"Unknown category {category!r}: use one of {', '.join(codes)}.")
        pages = with_role(pages, category)
    if q:
        pages = text_filter(pages, q)
    if open_now is not None:
        # Hours are text in the open data layouts: read them in Python, only where there are some.
        with_hours = pages.exclude(available_days="")
        wanted = [page.pk for page in with_hours if (status := open_status(page)) and status.open == open_now]
        pages = pages.filter(pk__in=wanted)
    if lat is not None:
        try:
            validate_point(lat, lng)
        except ValueError as error:
            raise HttpError(400, str(error)) from None
        found, count = nearest(pages, (lat, lng), radius_m or DEFAULT_RADIUS_M, limit=limit, offset=offset)
    else:
        count = pages.count()
        found = list(pages.order_by("category__sort_order", "title", "pk")[offset : offset + limit])
        for page in found:
            page.distance_m = None
    # Category names in the requested locale where translated.
    names = dict(FacilityCategory.objects.filter(locale=locale_obj).values_list("code", "name"))
    return found, count, names


def _item(request, page, names) -> dict:
    status = open_status(page)
    return {
        "id": page.pk,
        "name": page.title,
        "category": {"code": page.category.code, "name": names.get(page.category.code, page.category.name)},
        "address": page.full_address,
        "lat": page.latitude,
        "lng": page.longitude,
        "distance_m": api_metres(page.distance_m),
        "url": page_url(request, page),
        "open_now": status.open if status else None,
        "opens_at": status.opens_at.isoformat() if status and status.opens_at else None,
        "closes_at": status.closes_at.isoformat() if status and status.closes_at else None,
        "roles": page.role_codes,
    }


@router.get(
    "/facilities",
    response=ListOut[FacilityOut],
    summary="Facilities, nearest first",
    description=(
        "With `lat` and `lng`: the facilities within `radius_m`, nearest first by geodesic distance. "
        "Without: all facilities by category and name. `count` is the number of all matches. "
        "Only the facilities of the requested site's municipality."
    ),
)
def facilities(
    request,
    lat: LatParam = None,
    lng: LngParam = None,
    radius_m: RadiusParam = None,
    category: CategoryParam = None,
    q: TextParam = None,
    open_now: OpenNowParam = None,
    locale: LocaleParam = "ja",
    limit: LimitParam = 100,
    offset: OffsetParam = 0,
):
    found, count, names = _search(request, locale, lat, lng, radius_m, category, q, limit, offset, open_now)
    return listing(request, [_item(request, page, names) for page in found], count, offset, limit)


@router.get(
    "/facilities.geojson",
    summary="Facilities as GeoJSON",
    description="The same filters as /facilities; a FeatureCollection of Points (facilities without a position are left out).",
    openapi_extra={
        "responses": {200: {"description": "RFC 7946 FeatureCollection", "content": {"application/geo+json": {}}}}
    },
)
def facilities_geojson(
    request,
    lat: LatParam = None,
    lng: LngParam = None,
    radius_m: RadiusParam = None,
    category: CategoryParam = None,
    q: TextParam = None,
    open_now: OpenNowParam = None,
    locale: LocaleParam = "ja",
    limit: LimitParam = 100,
    offset: OffsetParam = 0,
):
    found, count, names = _search(request, locale, lat, lng, radius_m, category, q, limit, offset, open_now)
    features = []
    for page in found:
        item = _item(request, page, names)
        if item["lat"] is None:
            continue
        lat_value, lng_value = item.pop("lat"), item.pop("lng")
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lng_value, lat_value]},
                "properties": item,
            }
        )
    # Foreign members (RFC 7946 §6.1): GeoJSON clients ignore them, paging clients read them.
    body = {
        "type": "FeatureCollection",
        "features": features,
        "count": count,
        "next": next_url(request, offset, limit, count),
    }
    return JsonResponse(body, content_type="application/geo+json", json_dumps_params={"ensure_ascii": False})
