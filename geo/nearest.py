"""Near-me: the one query helper every page and API that sorts by distance calls.

Facilities, nurseries and events (rows with latitude/longitude columns) and the site search
(hits whose position is known) all rank with :func:`nearest`. On a queryset it takes two
steps, the same on SQLite and PostgreSQL: keep the rows inside the bounding box of the circle
(a range filter on the indexed columns), then compute the exact geodesic distance of that
remainder in Python and sort. Only the chosen page of results is loaded as full objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db.models import QuerySet

from geo.points import bounding_box, distance_m

T = TypeVar("T")

Point = tuple[float | None, float | None] | None


def in_box(queryset: QuerySet, lat: float, lng: float, radius_m: float, lat_field="latitude", lng_field="longitude"):
    """Only the rows inside the bounding box of the circle (uses the coordinate index)."""
    box = bounding_box(lat, lng, radius_m)
    return queryset.filter(
        **{
            f"{lat_field}__gte": box.min_lat,
            f"{lat_field}__lte": box.max_lat,
            f"{lng_field}__gte": box.min_lng,
            f"{lng_field}__lte": box.max_lng,
        }
    )


def _ranked(
    origin: tuple[float, float], rows: Iterable[tuple[T, Point]], radius_m: float | None
) -> list[tuple[T, float]]:
    """``(key, metres)`` for the rows with a position within *radius_m*, nearest first; ties keep their order."""
    found = []
    for key, point in rows:
        if point is None or point[0] is None or point[1] is None:
            continue
        metres = distance_m(origin, point)
        if radius_m is None or metres <= radius_m:
            found.append((key, metres))
    found.sort(key=lambda pair: pair[1])
    return found


def _by_pk_last(queryset: QuerySet) -> QuerySet:
    """The queryset in its own order with ``pk`` as the last tie-break, so that equal distances
    come in the same order on every request and paging by offset neither repeats nor skips a row."""
    ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering if queryset.ordered else [])
    return queryset.order_by(*ordering, "pk")


def nearest(
    items: QuerySet | Iterable[T],
    origin: tuple[float, float],
    radius_m: float | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
    point: Callable[[T], Point] | None = None,
    lat_field: str = "latitude",
    lng_field: str = "longitude",
) -> tuple[list[T], int]:
    """The items within *radius_m* of *origin* (lat, lng), nearest first, each with ``distance_m``
    (exact geodesic metres) set, and how many there are in all.

    A queryset is narrowed to the bounding box on its ``lat_field``/``lng_field`` columns (which may
    span a relation: ``facility__latitude``) and only ``[offset:offset + limit]`` is loaded, in two
    queries. Any other iterable is measured with ``point(item) -> (lat, lng)``. Items without a
    position are left out; ties keep the queryset's order then pk (or the iterable's order).
    """
    if isinstance(items, QuerySet):
        queryset = _by_pk_last(items)
        rows = queryset if radius_m is None else in_box(queryset, *origin, radius_m, lat_field, lng_field)
        ranked = _ranked(
            origin, ((pk, (lat, lng)) for pk, lat, lng in rows.values_list("pk", lat_field, lng_field)), radius_m
        )
        chosen = ranked[offset : None if limit is None else offset + limit]
        objects = items.in_bulk([pk for pk, _ in chosen])
        ranked_objects = [(objects[pk], metres) for pk, metres in chosen]
    else:
        point = point or (lambda item: (getattr(item, lat_field), getattr(item, lng_field)))
        ranked = _ranked(origin, ((item, point(item)) for item in items), radius_m)
        ranked_objects = ranked[offset : None if limit is None else offset + limit]
    result = []
    for obj, metres in ranked_objects:
        obj.distance_m = metres
        result.append(obj)
    return result, len(ranked)
