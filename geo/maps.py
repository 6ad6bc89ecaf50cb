"""What the map component shows: plain dicts built from any objects with a position."""

from __future__ import annotations

from collections.abc import Iterable

from geo.formatting import walking_text


def map_features(objects: Iterable, request=None) -> list[dict]:
    """``[{"lat", "lng", "name", "url", "category", "distance"}]`` for objects with latitude/longitude.

    Objects need ``latitude``, ``longitude`` and ``title`` (or ``name``); ``url`` / ``get_url``,
    ``category`` and ``distance_m`` are used when present.
    """
    features = []
    for obj in objects:
        lat, lng = getattr(obj, "latitude", None), getattr(obj, "longitude", None)
        if lat is None or lng is None:
            continue
        url = obj.get_url(request) if hasattr(obj, "get_url") else getattr(obj, "url", "")
        distance = getattr(obj, "distance_m", None)
        category = getattr(obj, "category_name", None) or getattr(obj, "category", None)
        features.append(
            {
                "lat": lat,
                "lng": lng,
                "name": str(getattr(obj, "title", None) or getattr(obj, "name", "")),
                "url": url or "",
                "category": str(category) if category else "",
                "distance": walking_text(distance) if distance is not None else "",
            }
        )
    return features
