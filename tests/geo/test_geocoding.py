"""The offline gazetteer geocoder on written-out and real addresses (Ichikawa, Takamatsu files)."""

import csv
import io
import statistics
from pathlib import Path

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from facilities.importers import parse_file
from geo.gazetteer import kanji_number, normalize_address
from geo.geocoding import GazetteerGeocoder
from geo.points import distance_m

ROOT = Path(__file__).resolve().parents[2]
GAZETTEER = ROOT / "data" / "opendata" / "gazetteer-geolonia"
FIXTURES = ROOT / "tests" / "fixtures" / "facilities"

BANCHO_1 = (34.34253, 134.046355)  # 香川県/高松市.json: 番町一丁目


@pytest.fixture(scope="module")
def geocoder():
    return GazetteerGeocoder(GAZETTEER)


def test_it_is_a_geopy_geocoder_returning_a_location(geocoder):
    location = geocoder.geocode("高松市番町一丁目")
    assert isinstance(geocoder, Geocoder)
    assert isinstance(location, Location)
    assert (location.latitude, location.longitude) == BANCHO_1
    assert location.raw["level"] == "town"
    assert location.raw["matched"] == "香川県高松市番町一丁目"
    assert geocoder.geocode("高松市番町一丁目", exactly_one=False)[0].raw == location.raw


@pytest.mark.parametrize(
    "written",
    [
        "高松市番町一丁目",
        "高松市番町1丁目",
        "高松市番町１丁目",
        "香川県高松市番町1-5-1",
        "香川県 高松市 番町１－５－１",
        "高松市番町1番5号",
        "高松市番町一丁目5番1号",
        "〒760-0017 香川県高松市番町1丁目",
    ],
)
def test_the_ways_a_chome_is_written_reach_the_same_town(geocoder, written):
    location = geocoder.geocode(written)
    assert location.raw["matched"] == "香川県高松市番町一丁目"
    assert (location.latitude, location.longitude) == BANCHO_1


@pytest.mark.parametrize(
    ("query", "matched"),
    [
        ("市川市八幡1-1-1", "千葉県市川市八幡一丁目"),
        ("目黒区大岡山２丁目", "東京都目黒区大岡山二丁目"),
        ("横浜市中区山下町279", "神奈川県横浜市中区山下町"),
        ("中区山下町279", "神奈川県横浜市中区山下町"),  # a designated-city ward without its city
        ("高松市牟礼町牟礼130-2", "香川県高松市牟礼町牟礼"),
        ("高松市浜の町1-1", "香川県高松市浜ノ町"),  # の/ノ between kanji
        ("横浜市保土ヶ谷区岩間町1-1", "神奈川県横浜市保土ケ谷区岩間町一丁目"),  # ヶ/ケ
        ("香川県高松市塩江町安原下第一号1", "香川県高松市塩江町安原下第一号"),
    ],
)
def test_real_address_forms(geocoder, query, matched):
    assert geocoder.geocode(query).raw["matched"] == matched


def test_oaza_and_aza_are_ignored(geocoder):
    plain = geocoder.geocode("高松市牟礼町牟礼")
    assert geocoder.geocode("高松市大字牟礼町牟礼字中新1").raw["matched"] == plain.raw["matched"]


def test_city_level_when_the_town_is_unknown(geocoder):
    location = geocoder.geocode("千葉県市川市どこにもない町1-2")
    assert location.raw["level"] == "city"
    assert location.raw["matched"] == "千葉県市川市"
    assert distance_m((location.latitude, location.longitude), (35.7216, 139.9310)) < 5000  # 市川市役所


def test_a_designated_city_without_ward_is_city_level(geocoder):
    location = geocoder.geocode("横浜市")
    assert location.raw == location.raw | {"level": "city", "matched": "神奈川県横浜市"}


def test_clear_miss_for_places_outside_the_gazetteer(geocoder):
    assert geocoder.geocode("東京都千代田区丸の内1-1") is None  # city known, no towns shipped
    assert geocoder.geocode("綾歌郡綾川町萱原822-1") is None
    assert geocoder.geocode("まったく住所ではない") is None
    assert geocoder.geocode("") is None


def test_default_city_for_addresses_written_without_one():
    geocoder = GazetteerGeocoder(GAZETTEER, default_city=("香川県", "高松市"))
    assert geocoder.geocode("番町1-5-1").raw["matched"] == "香川県高松市番町一丁目"
    assert GazetteerGeocoder(GAZETTEER).geocode("番町1-5-1") is None


def test_normalisation_helpers():
    assert kanji_number("一") == 1
    assert kanji_number("十二") == 12
    assert kanji_number("二十三") == 23
    assert normalize_address("　番町　一丁目５－１") == "番町1丁目5-1"


def _real_rows(kind, name):
    return [r for r in parse_file(kind, FIXTURES / name).records if r.has_position]


@pytest.mark.parametrize(
    ("kind", "name", "median_limit"),
    [
        ("facilities", "ichikawa_122033_101_public_facility.csv", 400),
        ("aed", "ichikawa_122033_108_aed.csv", 400),
        ("aed", "takamatsu_0002_aed.csv", 800),
        ("facilities", "takamatsu_0004_community_centres.csv", 800),
        ("evacuation", "takamatsu_0060_evacuation.csv", 800),
    ],
)
def test_real_addresses_land_on_their_town_point_near_the_files_coordinates(geocoder, kind, name, median_limit):
    """Each address whose town is in the gazetteer geocodes to exactly that town's point; the median
    distance to the file's own coordinates is a few hundred metres (measured: Ichikawa ≈ 200 m,
    Takamatsu ≈ 600 m, where 町 are larger)."""
    distances = []
    misses = []
    for record in _real_rows(kind, name):
        location = geocoder.geocode(record.address)
        if location is None:
            misses.append(record.address)
            continue
        if location.raw["level"] != "town":
            continue
        city = next(c for c in geocoder.gazetteer.cities if c.name == location.raw["city"])
        entry = next(e for e in city.towns.values() if e["town"] == location.raw["town"])
        assert (location.latitude, location.longitude) == (entry["lat"], entry["lng"])
        assert normalize_address(entry["town"]).rstrip("0123456789丁目") in normalize_address(record.address)
        distances.append(distance_m((location.latitude, location.longitude), (record.latitude, record.longitude)))
    # every miss is outside the shipped cities (Takamatsu's AED list includes neighbouring towns)
    assert all("高松市" not in address and "市川市" not in address for address in misses), misses
    assert len(distances) >= 0.8 * len(_real_rows(kind, name))
    assert statistics.median(distances) < median_limit


def test_the_whole_ichikawa_file_geocodes_to_town_level(geocoder):
    rows = list(
        csv.DictReader(
            io.StringIO(
                (ROOT / "data/opendata/standard-dataset-ichikawa/122033_101_public_facility.csv")
                .read_bytes()
                .decode("cp932")
            )
        )
    )
    levels = [getattr(geocoder.geocode(row["所在地_連結表記"]), "raw", {}).get("level") for row in rows]
    assert levels.count("town") / len(levels) > 0.98
    assert None not in levels
