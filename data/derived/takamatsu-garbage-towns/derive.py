"""Derive 高松市's 町丁目 → garbage collection area table from the city's own open data.

Run from the repository root: ``python data/derived/takamatsu-garbage-towns/derive.py``; it
rewrites ``towns.csv`` beside it and prints the leave-one-out check. See README.md.
"""

from __future__ import annotations

import csv
import math
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from geo.gazetteer import Gazetteer, match_address  # noqa: E402

SOURCE = ROOT / "data" / "opendata" / "takamatsu-opendata"
OUT = Path(__file__).with_name("towns.csv")
CITY = ("香川県", "高松市")

# 0090.csv's eight areas name the 地区 (校区) they serve; each 地区 of 0004/0060 → the area
# rows (1–8 in 0090, imported as 372013-001 … -008) whose name names it.
DISTRICT_AREAS = {
    # 1: 高松第一（松島・築地・新塩屋町）花園・新番丁（四番丁）・塩江
    "松島": [1],
    "築地": [1],
    "新塩屋町": [1],
    "花園": [1],
    "四番丁": [1],
    "塩江": [1],
    # 2: 新番丁（日新・二番丁）・亀阜・庵治・牟礼北部
    "日新": [2],
    "二番丁": [2],
    "亀阜": [2],
    "庵治": [2],
    # 3: 栗林・太田・香川（浅野）; 太田中央/太田南 are the 太田 地区 split into three centres
    "栗林": [3],
    "太田": [3],
    "太田中央": [3],
    "太田南": [3],
    "浅野": [3],
    # 4: 木太・林・多肥・国分寺南部; 木太南/木太北部 likewise
    "木太": [4],
    "木太南": [4],
    "木太北部": [4],
    "林": [4],
    "多肥": [4],
    "国分寺南部": [4],
    # 5: 檀紙・弦打・香西・鬼無・下笠居・国分寺北部
    "檀紙": [5],
    "弦打": [5],
    "香西": [5],
    "鬼無": [5],
    "下笠居": [5],
    "国分寺北部": [5],
    # 6: 鶴尾・一宮・円座・川岡・香川（川東）
    "鶴尾": [6],
    "一宮": [6],
    "円座": [6],
    "川岡": [6],
    "川東": [6],
    # 7: 前田・三谷・川添・仏生山・川島・十河・西植田・東植田・香南・香川（大野）; 植田 = 東・西植田
    "前田": [7],
    "三谷": [7],
    "川添": [7],
    "仏生山": [7],
    "川島": [7],
    "十河": [7],
    "西植田": [7],
    "東植田": [7],
    "植田": [7],
    "香南": [7],
    "大野": [7],
    # 8: 屋島・古高松・牟礼南部
    "屋島": [8],
    "屋島西": [8],
    "屋島東": [8],
    "古高松": [8],
    "古高松南": [8],
    # 牟礼 is split 北部 (2) / 南部 (8) and nothing shipped says where the line runs: both.
    "牟礼": [2, 8],
    "むれ": [2, 8],
    "大町": [2, 8],
    # 女木, 男木 (islands) and 東谷 are named by no area of 0090: their towns get none.
}


def rows(name: str) -> list[dict]:
    with (SOURCE / name).open(encoding="utf-8-sig") as stream:
        table = list(csv.reader(stream))
    header = next(r for r in table if r and r[0] == "#property")
    return [dict(zip(header, r, strict=False)) for r in table if r and not r[0].startswith("#")]


def district(label: str) -> str:
    label = re.sub(r"^高松市", "", label)
    return re.sub(r"(?:地区|校区)?コミュニティ(?:協議会|センター)$", "", label)


def labelled_sites() -> list[dict]:
    """Every community centre (0004) and evacuation site (0060) with its 地区, point and address."""
    sites = []
    for source, label_column in (("0004.csv", "name"), ("0060.csv", "residentsAssociation")):
        for row in rows(source):
            lat, lng = (float(v) for v in row["location"].split(","))
            sites.append(
                {
                    "source": source,
                    "name": row["name"],
                    "address": row["address"],
                    "district": district(row[label_column]),
                    "lat": lat,
                    "lng": lng,
                }
            )
    return sites


def areas_of_town(town: dict, sites: list[dict], skip=None) -> tuple[list[int], str]:
    inside = [s for s in sites if s is not skip and s["town"] == town["town"] and s["district"] in DISTRICT_AREAS]
    if inside:
        counts = Counter(a for s in inside for a in DISTRICT_AREAS[s["district"]])
        return [a for a, _n in counts.most_common()], "site in town: " + "・".join(
            sorted({s["district"] for s in inside})
        )
    scale = math.cos(math.radians(town["lat"]))
    nearest = min(
        (s for s in sites if s is not skip),
        key=lambda s: (s["lat"] - town["lat"]) ** 2 + ((s["lng"] - town["lng"]) * scale) ** 2,
    )
    return DISTRICT_AREAS.get(nearest["district"], []), f"nearest site: {nearest['name']} ({nearest['district']})"


def main() -> None:
    gazetteer = Gazetteer(ROOT / "data" / "opendata" / "gazetteer-geolonia")
    city = next(c for c in gazetteer.cities if (c.prefecture, c.name) == CITY)
    sites = labelled_sites()
    for site in sites:
        found = match_address(gazetteer, site["address"], CITY)
        site["town"] = found.town if found and found.town else ""
    towns = list({entry["town"]: entry for entry in city.towns.values()}.values())
    names = {n: row["name"] for n, row in enumerate(rows("0090.csv"), start=1)}
    with OUT.open("w", encoding="utf-8-sig", newline="") as stream:
        out = csv.writer(stream, lineterminator="\r\n")
        out.writerow(["町丁目", "地区コード", "地区名", "根拠"])
        for town in sorted(towns, key=lambda t: t["town"]):
            areas, why = areas_of_town(town, sites)
            for area in areas:
                out.writerow([town["town"], f"372013-{area:03d}", names[area], why])
    # Leave-one-out: each labelled site's town derived without it, against the site's own 地区.
    checked = hits = 0
    for site in sites:
        if not site["town"] or site["district"] not in DISTRICT_AREAS:
            continue
        town = next(t for t in towns if t["town"] == site["town"])
        areas, _why = areas_of_town(town, sites, skip=site)
        checked += 1
        hits += bool(areas) and areas[0] in DISTRICT_AREAS[site["district"]]
    sys.stdout.write(f"{len(towns)} towns; leave-one-out: {hits}/{checked} sites' area first ({hits / checked:.1%})\n")


if __name__ == "__main__":
    main()
