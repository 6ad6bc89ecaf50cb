"""Bounding boxes never drop a point the exact distance keeps; ordering agrees with geopy."""

import random

import pytest
from geopy.distance import geodesic

from geo.formatting import format_distance, walking_minutes, walking_text
from geo.points import bounding_box, check_in_japan, distance_m, validate_point

TAKAMATSU_STATION = (34.3509, 134.0469)


def test_distance_is_geopy_geodesic_in_metres():
    # 高松駅 to 高松市役所 (番町一丁目) is about 1 km.
    metres = distance_m(TAKAMATSU_STATION, (34.34253, 134.046355))
    assert metres == pytest.approx(geodesic(TAKAMATSU_STATION, (34.34253, 134.046355)).meters)
    assert 900 < metres < 1000


@pytest.mark.parametrize("origin", [(34.35, 134.05), (45.4, 141.7), (24.3, 123.9), (35.7, 139.9)])
@pytest.mark.parametrize("radius", [50, 800, 5_000, 40_000])
def test_bounding_box_contains_every_point_within_the_radius(origin, radius):
    rng = random.Random(radius)
    box = bounding_box(*origin, radius)
    for _ in range(400):
        bearing = rng.uniform(0, 360)
        point = geodesic(meters=radius * rng.uniform(0.9, 1.0)).destination(origin, bearing)
        assert box.contains(point.latitude, point.longitude), (bearing, point)


def test_bounding_box_is_not_much_larger_than_the_circle():
    box = bounding_box(35.0, 135.0, 1000)
    north = geodesic(meters=1000).destination((35.0, 135.0), 0).latitude
    assert box.max_lat - 35.0 < (north - 35.0) * 1.05


@pytest.mark.parametrize(
    ("metres", "text"),
    [(650, "徒歩約8分 · 650 m"), (30, "徒歩約1分 · 30 m"), (1234, "徒歩約15分 · 1.2 km")],
)
def test_walking_text(metres, text):
    assert walking_text(metres) == text


def test_walking_minutes_and_distance_format():
    assert walking_minutes(80) == 1
    assert walking_minutes(800) == 10
    assert format_distance(996) == "1000 m"
    assert format_distance(15_000) == "15.0 km"


def test_swapped_coordinates_are_named():
    with pytest.raises(ValueError, match="入れ替わっている"):
        validate_point(135.0, 34.0)
    with pytest.raises(ValueError, match="入れ替わっている"):
        check_in_japan(135.0, 34.0)
    with pytest.raises(ValueError, match="日本の外です"):
        check_in_japan(48.85, 2.35)
    with pytest.raises(ValueError, match="経度"):
        validate_point(35.0, 200.0)
    check_in_japan(34.35, 134.05)


def test_negative_radius_is_refused():
    with pytest.raises(ValueError, match="negative"):
        bounding_box(35.0, 135.0, -1)
