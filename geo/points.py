"""Points on Earth: validation, bounding boxes, geodesic distances.

Pure functions (no database). A near-me query (``geo.nearest``) first keeps the rows whose
indexed latitude/longitude fall inside ``bounding_box(...)`` (cheap, uses the index on any
database) and then sorts that remainder by the exact ``distance_m`` (geopy's geodesic
distance on the WGS84 ellipsoid).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _
from geopy.distance import geodesic

# The smallest radius of curvature of the WGS84 ellipsoid (meridional, at the equator):
# using it makes the box a little larger than the circle, never smaller.
_MIN_EARTH_RADIUS_M = 6_335_439.0
MAX_RADIUS_M = 100_000

# Japan, generously (Okinotorishima to Etorofu, Yonaguni to Minamitorishima).
JAPAN_LAT = (20.0, 46.0)
JAPAN_LNG = (122.0, 154.0)


@dataclass(frozen=True)
class BoundingBox:
    min_lat: float
    max_lat: float
    min_lng: float
    max_lng: float

    def contains(self, lat: float, lng: float) -> bool:
        return self.min_lat <= lat <= self.max_lat and self.min_lng <= lng <= self.max_lng


def validate_point(lat: float, lng: float) -> None:
    """Raise ``ValueError`` with a reason for a latitude/longitude that is not a point on Earth."""
    for value, name in ((lat, "latitude"), (lng, "longitude")):
        if value is None or not isinstance(value, int | float) or math.isnan(value) or math.isinf(value):
            raise ValueError(_("%(name)s must be a number") % {"name": _(name)})
    if not -90 <= lat <= 90:
        if -90 <= lng <= 90 and -180 <= lat <= 180:
            raise ValueError(
                _("latitude %(lat)s is out of range -90..90: latitude and longitude look swapped") % {"lat": lat}
            )
        raise ValueError(_("latitude %(lat)s is out of range -90..90") % {"lat": lat})
    if not -180 <= lng <= 180:
        raise ValueError(_("longitude %(lng)s is out of range -180..180") % {"lng": lng})


def point_from(lat, lng) -> tuple[float, float] | None:
    """(lat, lng) from two query-string values when both are numbers of a point on Earth, else
    None: what a page does with ``?lat=1e308``, ``NaN`` or a missing half is ignore it."""
    try:
        point = float(lat), float(lng)
        validate_point(*point)
    except (TypeError, ValueError):
        return None
    return point


def check_in_japan(lat: float, lng: float) -> None:
    """Like ``validate_point`` and also refuse points outside Japan (the usual sign of swapped columns)."""
    validate_point(lat, lng)
    in_lat = JAPAN_LAT[0] <= lat <= JAPAN_LAT[1]
    in_lng = JAPAN_LNG[0] <= lng <= JAPAN_LNG[1]
    if in_lat and in_lng:
        return
    if JAPAN_LAT[0] <= lng <= JAPAN_LAT[1] and JAPAN_LNG[0] <= lat <= JAPAN_LNG[1]:
        raise ValueError(_("latitude %(lat)s and longitude %(lng)s look swapped") % {"lat": lat, "lng": lng})
    raise ValueError(_("(%(lat)s, %(lng)s) is outside Japan") % {"lat": lat, "lng": lng})


def bounding_box(lat: float, lng: float, radius_m: float) -> BoundingBox:
    """A latitude/longitude box that contains every point within *radius_m* of (lat, lng).

    Slightly larger than needed, so filtering by it never drops a point the exact distance keeps.
    """
    validate_point(lat, lng)
    if radius_m < 0:
        raise ValueError("radius must not be negative")
    dlat = math.degrees(radius_m / _MIN_EARTH_RADIUS_M) * 1.01
    min_lat, max_lat = max(lat - dlat, -90.0), min(lat + dlat, 90.0)
    widest = max(abs(min_lat), abs(max_lat))
    if widest >= 89.9:
        return BoundingBox(min_lat, max_lat, -180.0, 180.0)
    dlng = dlat / math.cos(math.radians(widest))
    if dlng >= 180:
        return BoundingBox(min_lat, max_lat, -180.0, 180.0)
    # Japan is far from the antimeridian; clamp rather than wrap.
    return BoundingBox(min_lat, max_lat, max(lng - dlng, -180.0), min(lng + dlng, 180.0))


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Geodesic distance in metres between two (lat, lng) points (WGS84, geopy)."""
    return geodesic(a, b).meters
