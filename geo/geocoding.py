"""Offline geocoding of Japanese addresses from the town-level gazetteer, behind geopy's interface.

``GazetteerGeocoder().geocode("高松市番町一丁目")`` returns a geopy ``Location`` whose ``raw``
says what matched (``matched``: 香川県高松市番町一丁目) and how precisely (``level``: ``town``
or ``city``); see ``geo.gazetteer`` for the data and the matching. ``get_geocoder()`` picks the
gazetteer or, with ``GEOCODER=nominatim``, geopy's Nominatim.
"""

from __future__ import annotations

from pathlib import Path

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.gazetteer import gazetteer, load_gazetteer, match_address


class GazetteerGeocoder(Geocoder):
    """A geopy geocoder that answers offline from the town-level gazetteer.

    ``default_city`` (prefecture, city) is used for addresses written without their city.
    """

    def __init__(self, directory: str | Path | None = None, default_city: tuple[str, str] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.gazetteer = gazetteer() if directory is None else load_gazetteer(str(directory))
        self.default_city = default_city

    def geocode(self, query: str, *, exactly_one: bool = True, timeout=None) -> Location | list[Location] | None:
        match = match_address(self.gazetteer, query or "", self.default_city)
        if match is None:
            return None
        location = Location(match.matched, (match.lat, match.lng), match.raw())
        return location if exactly_one else [location]


def get_geocoder(name: str | None = None, **kwargs) -> Geocoder:
    """The geocoder chosen by ``settings.GEOCODER``: ``gazetteer`` (offline, default) or ``nominatim``."""
    from django.conf import settings

    name = (name or getattr(settings, "GEOCODER", "gazetteer") or "gazetteer").lower()
    if name == "gazetteer":
        return GazetteerGeocoder(**kwargs)
    if name == "nominatim":
        from geopy.geocoders import Nominatim

        return Nominatim(user_agent=settings.GEOCODER_USER_AGENT, **kwargs)
    raise ValueError(f"Unknown GEOCODER {name!r}: use 'gazetteer' or 'nominatim'.")


def location_level(location: Location) -> str:
    """``town`` / ``city`` for gazetteer answers; Nominatim's own address type otherwise."""
    raw = location.raw or {}
    return raw.get("level") or raw.get("addresstype") or raw.get("type") or "unknown"


def location_matched(location: Location) -> str:
    raw = location.raw or {}
    return raw.get("matched") or location.address


def ward_choices(location: Location) -> list[str]:
    """The addresses a resident may have meant when their town is in more than one ward of a
    designated city (横浜市's 吉田町: 横浜市中区吉田町, 横浜市戸塚区吉田町), without the prefecture,
    to offer as choices; empty when the address found one town."""
    raw = location.raw or {}
    prefecture = raw.get("prefecture") or ""
    return [candidate.removeprefix(prefecture) for candidate in raw.get("candidates") or []]


def geocode(address: str, municipality=None) -> Location | None:
    """The portal's geocoder on *address*: a geopy Location (``raw`` has level, matched) or None.

    *municipality* (the city of the site asked) is assumed where the resident left out their
    prefecture and city (番町1丁目 on 高松市's site). An online geocoder that fails (network,
    quota) answers None rather than raising.
    """
    from django.conf import settings
    from geopy.exc import GeopyError

    city = (municipality.prefecture, municipality.name) if municipality is not None and municipality.name else None
    try:
        if (getattr(settings, "GEOCODER", "gazetteer") or "gazetteer").lower() == "gazetteer":
            return get_geocoder(default_city=city).geocode(address)
        found = get_geocoder().geocode(address)
        if found is None and city and city[1] not in address:
            found = get_geocoder().geocode("".join(city) + address)
        return found
    except GeopyError:
        return None
