"""The one way a distance is shown: on every page, in every map popup, and in the APIs' ``distance_m``.

All of them start from the exact geodesic distance (``geo.points.distance_m``) and round it
here, so one place reads the same everywhere (``650 m`` on the facility list, the nursery
finder, the events near-me and the search results).
"""

from __future__ import annotations

import math

from django.utils.formats import number_format
from django.utils.translation import gettext

# The Japanese convention for walking time (不動産の表示に関する公正競争規約): 80 m per minute.
WALKING_METRES_PER_MINUTE = 80


def walking_minutes(metres: float) -> int:
    """Minutes on foot at 80 m/min, to the nearest minute (at least 1)."""
    return max(1, math.floor(metres / WALKING_METRES_PER_MINUTE + 0.5))


def format_distance(metres: float) -> str:
    """``650 m`` under a kilometre (to 10 m), ``1.2 km`` above (``1,2 km`` in pt and vi)."""
    if metres < 1000:
        return f"{int(round(metres, -1))} m"
    return f"{number_format(metres / 1000, 1)} km"


def walking_text(metres: float) -> str:
    """The walking-scale distance residents read: ``徒歩約8分 · 650 m``, ``about 8 min on foot · 650 m``."""
    walk = gettext("about %(minutes)d min on foot") % {"minutes": walking_minutes(metres)}
    return f"{walk} · {format_distance(metres)}"


def api_metres(metres: float | None, *, whole: bool = False) -> float | int | None:
    """``distance_m`` as the APIs return it: metres to 0.1 m (facilities, events), or whole
    metres (``whole=True``: nurseries, an integer in its schema); ``None`` stays ``None``."""
    if metres is None:
        return None
    return round(metres) if whole else round(metres, 1)
