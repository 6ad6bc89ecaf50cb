"""The town-level gazetteer of Japan: address -> point (``match_address``) and point -> town (``nearest_town``).

The gazetteer is Geolonia's japanese-addresses (CC BY 4.0) in ``settings.GAZETTEER_DIR``:
``ja.json`` maps each prefecture to its cities (designated cities split by ward), and
``ja/<都道府県>/<市区町村>.json`` lists a representative point per 町丁目/大字 for the cities
shipped (``add_gazetteer_city`` adds one). Every reader (the geocoder, the garbage page's
position lookup) loads it from that one setting through ``gazetteer()``.

Addresses are normalised before matching, the same way for the gazetteer's names and the
query: full/half width (NFKC), spaces, dash variants, 一丁目 = 1丁目 = １丁目, ケ/ヶ and ノ/の
between kanji, leading 大字/字, and "八幡1-1-1" read as 八幡一丁目.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from statistics import fmean

from geo.points import point_from
from japanese.text import compact

LEVEL_TOWN = "town"
LEVEL_CITY = "city"

_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI = r"[\u3400-\u9fff々〆]"
_DASHES = re.compile(r"[‐‑‒–—―−ｰ－﹣]")
_CHOME_KANJI = re.compile(r"([〇一二三四五六七八九十]+)丁目")
_LOT_SUFFIX = re.compile(r"(\d+)(?:番地の|番地|番の|番|の)(?=\d)")


def kanji_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十三 → 23, 百 is not used in 丁目 and is not supported."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0)
    value = 0
    for char in text:
        value = value * 10 + _KANJI_DIGITS[char]
    return value


def normalize_address(text: str) -> str:
    """The comparable form of an address or place name (see the module docstring)."""
    text = _DASHES.sub("-", compact(text))
    text = re.sub(r"(?<=\d)ー(?=\d)", "-", text)
    text = _CHOME_KANJI.sub(lambda m: f"{kanji_number(m.group(1))}丁目", text)
    text = re.sub(rf"(?<={_KANJI})[ヶヵケがガ](?={_KANJI})", "ケ", text)
    text = re.sub(rf"(?<={_KANJI})[之ノの](?={_KANJI})", "ノ", text)
    return text


def _strip_aza(text: str) -> str:
    return re.sub(r"^(?:大字|字)", "", text)


@dataclass
class _City:
    prefecture: str
    name: str
    towns: dict[str, dict] = field(default_factory=dict)  # normalised town name -> entry
    chome_bases: set[str] = field(default_factory=set)  # 八幡 when 八幡1丁目… exist
    longest_town: int = 0
    points: list[tuple[str, float, float]] = field(default_factory=list)  # every (town, lat, lng) of the file

    @property
    def has_towns(self) -> bool:
        return bool(self.towns)

    def point(self) -> tuple[float, float]:
        return (fmean(t["lat"] for t in self.towns.values()), fmean(t["lng"] for t in self.towns.values()))


class Gazetteer:
    """Cities of Japan and, for the shipped cities, their 町丁目 with a point each."""

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)
        index = json.loads((self.directory / "ja.json").read_text(encoding="utf-8"))
        self.cities: list[_City] = []
        self.prefectures = list(index)
        # normalised name (city, ward-only or without 郡) -> cities with that name
        self.city_names: dict[str, list[_City]] = {}
        for prefecture, names in index.items():
            for name in names:
                city = _City(prefecture, name)
                path = self.directory / "ja" / prefecture / f"{name}.json"
                if path.exists():
                    self._load_towns(city, path)
                self.cities.append(city)
                for alias in self._aliases(name):
                    self.city_names.setdefault(normalize_address(alias), []).append(city)
        self.longest_city = max(len(key) for key in self.city_names)

    @staticmethod
    def _aliases(name: str) -> list[str]:
        aliases = [name]
        designated = re.match(r"^(.+?市)(.+区)$", name)
        if designated:  # 横浜市中区: also "横浜市" (any ward) and "中区"
            aliases += [designated.group(1), designated.group(2)]
        county = re.match(r"^.+?郡(.+[町村])$", name)
        if county:  # 綾歌郡綾川町: also 綾川町
            aliases.append(county.group(1))
        return aliases

    @staticmethod
    def _load_towns(city: _City, path: Path) -> None:
        for entry in json.loads(path.read_text(encoding="utf-8")):
            if entry.get("lat") is None or entry.get("lng") is None:
                continue  # a few towns have no point in the source data
            city.points.append((entry["town"], entry["lat"], entry["lng"]))
            key = _strip_aza(normalize_address(entry["town"]))
            base = re.match(r"^(.+?)\d+丁目$", key)
            if base:
                city.chome_bases.add(base.group(1))
            # One point per town: the entry without a 小字 wins, else the first one.
            if key not in city.towns or (not entry.get("koaza") and city.towns[key].get("koaza")):
                city.towns[key] = entry
        city.longest_town = max((len(key) for key in city.towns), default=0)

    def cities_named(self, key: str, prefecture: str | None = None) -> list[_City]:
        found = self.city_names.get(key, [])
        if prefecture:
            found = [city for city in found if city.prefecture == prefecture]
        return found

    def nearest_town(self, prefecture: str, city: str, lat: float, lng: float) -> str | None:
        """The 町丁目 of *city* (a designated city: any of its wards) nearest to a point, or None
        when the gazetteer has no towns for it."""
        points = [p for c in self.cities_named(normalize_address(city), prefecture) for p in c.points]
        if not points or point_from(lat, lng) is None:
            return None
        scale = math.cos(math.radians(lat))  # town-scale: an equirectangular comparison ranks like the geodesic

        def distance(point):
            _name, t_lat, t_lng = point
            return (t_lat - lat) ** 2 + ((t_lng - lng) * scale) ** 2

        return min(points, key=distance)[0]


@lru_cache(maxsize=4)
def load_gazetteer(directory: str) -> Gazetteer:
    return Gazetteer(directory)


def gazetteer() -> Gazetteer:
    """The gazetteer in ``settings.GAZETTEER_DIR`` (loaded once per directory)."""
    from django.conf import settings

    return load_gazetteer(str(settings.GAZETTEER_DIR))


def nearest_town(municipality, lat: float, lng: float) -> str | None:
    """The 町丁目 of the municipality (anything with ``prefecture`` and ``name``) nearest to a point."""
    return gazetteer().nearest_town(municipality.prefecture, municipality.name, lat, lng)


@dataclass(frozen=True)
class Match:
    lat: float
    lng: float
    level: str
    matched: str
    prefecture: str
    city: str
    town: str = ""
    # A town name found in several wards of a designated city written without its ward
    # (吉田町 is in 横浜市中区 and 横浜市戸塚区): every such town, fully written; the match itself
    # is then city-level, so that the caller asks which rather than guessing.
    candidates: tuple[str, ...] = ()
    # What follows the town in the query (1-8-15, 25番地3): its first number is the 番地.
    rest: str = field(default="", compare=False)

    def raw(self) -> dict:
        return {
            "lat": self.lat,
            "lng": self.lng,
            "level": self.level,
            "matched": self.matched,
            "prefecture": self.prefecture,
            "city": self.city,
            "town": self.town,
            "candidates": list(self.candidates),
        }


def _match_town(city: _City, rest: str) -> tuple[dict, str] | None:
    """The longest town of *city* that *rest* starts with, and what follows it."""
    rest = _strip_aza(rest)
    for length in range(min(len(rest), city.longest_town), 0, -1):
        head, after = rest[:length], rest[length:]
        if head in city.chome_bases:
            # 八幡1-1-1 or 八幡1番1号: the first number is the 丁目.
            number = re.match(r"^(\d+)(?:-|番|$)", _LOT_SUFFIX.sub(r"\1-", after))
            if number:
                chome = city.towns.get(f"{head}{int(number.group(1))}丁目")
                if chome is not None:
                    return chome, after[len(number.group(1)) :]
        entry = city.towns.get(head)
        if entry is not None:
            return entry, after
    return None


def designated_city(name: str) -> str | None:
    """横浜市 for 横浜市中区 (a ward of a designated city), else None."""
    ward = re.match(r"^(.+?市).+区$", name)
    return ward.group(1) if ward else None


def _town_match(city: _City, entry: dict, rest: str = "") -> Match:
    return Match(
        entry["lat"],
        entry["lng"],
        LEVEL_TOWN,
        f"{city.prefecture}{city.name}{entry['town']}",
        city.prefecture,
        city.name,
        entry["town"],
        rest=rest,
    )


def _city_match(cities: list[_City], candidates: tuple[str, ...] = ()) -> Match:
    """The centre of *cities* (one city, or the wards of a designated city written without its ward)."""
    lat = fmean(c.point()[0] for c in cities)
    lng = fmean(c.point()[1] for c in cities)
    name = cities[0].name if len(cities) == 1 else (designated_city(cities[0].name) or cities[0].name)
    return Match(lat, lng, LEVEL_CITY, f"{cities[0].prefecture}{name}", cities[0].prefecture, name, "", candidates)


def match_address(gazetteer: Gazetteer, query: str, default_city: tuple[str, str] | None = None) -> Match | None:
    """The most precise gazetteer match for *query*, or ``None`` when not even the city is known.

    *default_city* (prefecture, name) is assumed when the query names no city. A designated
    city (横浜市, or one of its wards as the default) is searched across all its wards, so
    日吉本町1丁目 on 横浜市's site finds 横浜市港北区日吉本町一丁目; a town name that several of
    its wards have answers at city level with every ward's town in ``candidates`` (the default
    ward, if one is given and has it, wins).
    """
    text = normalize_address(query)
    text = re.sub(r"^〒?\d{3}-?\d{4}", "", text)  # a leading postcode
    prefecture = next((p for p in gazetteer.prefectures if text.startswith(p)), None)
    if prefecture:
        text = text[len(prefecture) :]
    default = tuple(default_city) if default_city else ()

    # (cities, the text after the city name, whether the query named the city)
    candidates: list[tuple[list[_City], str, bool]] = []
    for length in range(min(len(text), gazetteer.longest_city), 0, -1):
        cities = gazetteer.cities_named(text[:length], prefecture)
        if cities:
            candidates.append((cities, text[length:], True))
    if default and (not prefecture or prefecture == default[0]):
        hinted = [c for c in gazetteer.cities if (c.prefecture, c.name) == default]
        parent = designated_city(default[1]) or default[1]
        hinted += [c for c in gazetteer.cities_named(normalize_address(parent), default[0]) if c not in hinted]
        if hinted:
            candidates.append((hinted, text, False))

    city_only: list[_City] | None = None
    for cities, rest, named in candidates:
        # Prefer the default city among namesakes (中区, 府中町 …), then cities we have towns for.
        ordered = sorted(cities, key=lambda c: ((c.prefecture, c.name) != default, not c.has_towns))
        found = []  # (length of the town matched, city, entry, what follows)
        for city in ordered:
            if not city.has_towns:
                continue
            match = _match_town(city, rest)
            if match:
                entry, after = match
                found.append((len(rest) - len(after), city, entry, after))
        if found:
            longest = max(length for length, *_rest in found)
            best = [(city, entry, after) for length, city, entry, after in found if length == longest]
            city, entry, after = best[0]
            wards = {designated_city(c.name) for c, _entry, _after in best}
            if len(best) == 1 or (city.prefecture, city.name) == default or None in wards or len(wards) > 1:
                # One town, the site's own ward, or namesake cities (not wards of one city):
                # the first, as ordered above.
                return _town_match(city, entry, after)
            matched = tuple(_town_match(c, e).matched for c, e, _after in best)
            return _city_match([c for c in cities if c.has_towns], matched)
        if city_only is None and named:
            city_only = cities
    if city_only is None:
        return None
    cities = [c for c in city_only if c.has_towns]
    if not cities:
        return None
    # A designated city named without its ward (横浜市): the centre of all its wards.
    return _city_match(cities)
