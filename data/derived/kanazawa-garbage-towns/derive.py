"""Derive 金沢市's 町丁目 → garbage collection area table for the 10 校下 drawn in ``area.kml``.

Run from the repository root: ``python data/derived/kanazawa-garbage-towns/derive.py``; it
rewrites ``towns.csv`` beside it and prints what each 校下 gained. See README.md.

Each drawn 校下 gets the towns its name already gives it (``services.garbage.towns.derive_all``,
as the 5374 import does) and then every gazetteer town whose point lies inside its polygon and
that no area's name gives (a town another 校下 names stays with that 校下).
"""

from __future__ import annotations

import csv
import os
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from services.garbage.towns import _gazetteer_city, derive_all  # noqa: E402

KML = Path(__file__).with_name("area.kml")
OUT = Path(__file__).with_name("towns.csv")
AREA_DAYS = ROOT / "data" / "opendata" / "5374-kanazawa" / "area_days.csv"
KANAZAWA = SimpleNamespace(name="金沢市", prefecture="石川県")
# The map's names for the 校下 area_days.csv writes with 町.
AREA_NAMES = {"大野": "大野町", "金石": "金石町"}
NS = {"kml": "http://www.opengis.net/kml/2.2"}


def polygons(path: Path) -> dict[str, list[tuple[float, float]]]:
    """{校下 name: [(lng, lat), …]} of the map's placemarks."""
    found = {}
    for placemark in ET.parse(path).getroot().iter(f"{{{NS['kml']}}}Placemark"):
        name = placemark.find("kml:name", NS).text.strip()
        text = placemark.find(".//kml:coordinates", NS).text
        found[AREA_NAMES.get(name, name)] = [tuple(map(float, point.split(",")[:2])) for point in text.split()]
    return found


def inside(lng: float, lat: float, ring: list[tuple[float, float]]) -> bool:
    """Even-odd rule: is the point inside the ring (a few hundred metres: planar is enough)."""
    result = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lng < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            result = not result
    return result


def main() -> None:
    with AREA_DAYS.open(encoding="utf-8-sig") as f:
        area_names = [row[0] for row in list(csv.reader(f))[1:] if row]
    by_name = derive_all(area_names, KANAZAWA)
    claimed = {town for towns in by_name.values() for town in towns}
    city = _gazetteer_city(KANAZAWA)
    rows, gained = [], {}
    for area, ring in polygons(KML).items():
        assert area in by_name, f"{area} is no area of area_days.csv"
        towns = list(by_name[area])
        for entry in city.towns.values():
            town = entry["town"]
            if town not in claimed and town not in towns and inside(entry["lng"], entry["lat"], ring):
                towns.append(town)
        claimed.update(towns)
        gained[area] = len(towns) - len(by_name[area])
        rows += [(town, area) for town in towns]
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["町丁目", "地区名"])
        writer.writerows(rows)
    before = len({town for towns in by_name.values() for town in towns})
    print(f"gained: {gained}")
    print(f"towns with an area: {before} from the names, {len(claimed)} with the map, of {len(city.towns)}")


if __name__ == "__main__":
    main()
