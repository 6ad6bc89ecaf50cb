"""Near-me queries on any model with latitude/longitude columns (facilities, nurseries, events).

Two steps, the same on SQLite and PostgreSQL: keep the rows inside the bounding box of the
circle (a range filter on the indexed columns), then compute the exact geodesic distance of
that remainder in Python and sort. Only the page of results is loaded as full objects.
"""

from __future__ import annotations

from django.db.models import QuerySet

from facilities.geo import bounding_box, distance_m


def in_box(queryset: QuerySet, lat: float, lng: float, radius_m: float, lat_field="latitude", lng_field="longitude"):
    box = bounding_box(lat, lng, radius_m)
    return queryset.filter(
        **{
            f"{lat_field}__gte": box.min_lat,
            f"{lat_field}__lte": box.max_lat,
            f"{lng_field}__gte": box.min_lng,
            f"{lng_field}__lte": box.max_lng,
        }
    )


def nearest_ids(
    queryset: QuerySet, lat: float, lng: float, radius_m: float, lat_field="latitude", lng_field="longitude"
) -> list[tuple[int, float]]:
    """``(pk, distance_m)`` of every row within *radius_m*, nearest first (one query)."""
    rows = in_box(queryset, lat, lng, radius_m, lat_field, lng_field).values_list("pk", lat_field, lng_field)
    found = []
    for pk, row_lat, row_lng in rows:
        metres = distance_m((lat, lng), (row_lat, row_lng))
        if metres <= radius_m:
            found.append((pk, metres))
    found.sort(key=lambda pair: (pair[1], pair[0]))
    return found


def nearest_objects(
    queryset: QuerySet,
    lat: float,
    lng: float,
    radius_m: float,
    limit: int | None = None,
    lat_field: str = "latitude",
    lng_field: str = "longitude",
) -> tuple[list, int]:
    """(objects nearest first with ``distance_m`` set, number of all within the radius). Two queries."""
    ranked = nearest_ids(queryset, lat, lng, radius_m, lat_field, lng_field)
    chosen = ranked[:limit] if limit is not None else ranked
    objects = queryset.in_bulk([pk for pk, _ in chosen])
    result = []
    for pk, metres in chosen:
        obj = objects[pk]
        obj.distance_m = metres
        result.append(obj)
    return result, len(ranked)


def nearest_pages(queryset, lat: float, lng: float, radius_m: float, limit: int | None = None) -> tuple[list, int]:
    """``nearest_objects`` for facility pages (the specific FacilityPage queryset)."""
    return nearest_objects(queryset, lat, lng, radius_m, limit)
