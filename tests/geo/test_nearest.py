"""nearest(): the one near-me helper. True geodesic order, the radius, the count of all matches."""

import random
from dataclasses import dataclass

import pytest
from geopy.distance import geodesic

from facilities.factories import FacilityIndexPageFactory, FacilityPageFactory
from facilities.models import FacilityPage
from geo.nearest import nearest

TAKAMATSU_STATION = (34.3509, 134.0469)


@dataclass
class Spot:
    latitude: float | None
    longitude: float | None


def test_nearest_orders_by_geodesic_distance_and_drops_points_outside_radius():
    rng = random.Random(7)
    points = [(34.2 + rng.random() * 0.3, 133.9 + rng.random() * 0.3) for _ in range(300)] + [(None, None)]
    found, count = nearest([Spot(*p) for p in points], TAKAMATSU_STATION, 10_000)
    expected = sorted(
        (p for p in points if p[0] is not None and geodesic(TAKAMATSU_STATION, p).meters <= 10_000),
        key=lambda p: geodesic(TAKAMATSU_STATION, p).meters,
    )
    assert [(s.latitude, s.longitude) for s in found] == expected
    assert count == len(expected)
    assert all(a.distance_m <= b.distance_m for a, b in zip(found, found[1:], strict=False))


def test_the_count_is_every_match_while_limit_and_offset_choose_the_page():
    spots = [Spot(34.3509 + i * 0.001, 134.0469) for i in range(10)]
    found, count = nearest(list(reversed(spots)), TAKAMATSU_STATION, 5000, limit=3, offset=2)
    assert count == 10
    assert found == spots[2:5]


def test_ties_keep_the_input_order():
    spots = [Spot(34.36, 134.05) for _ in range(3)]
    found, _count = nearest(spots, TAKAMATSU_STATION)
    assert [id(s) for s in found] == [id(s) for s in spots]


@pytest.fixture
def facility_index(site_tree):
    return FacilityIndexPageFactory(parent=site_tree)


@pytest.mark.django_db
def test_near_me_is_sorted_by_geodesic_distance_and_limited_to_the_radius(
    facility_index, django_assert_max_num_queries
):
    origin = (34.3509, 134.0469)  # 高松駅
    points = [(34.3426, 134.0463), (34.3440, 134.0345), (34.2412, 134.0346), (34.3504, 134.0470), (34.3412, 134.1428)]
    for index, (lat, lng) in enumerate(points):
        FacilityPageFactory(parent=facility_index, title=f"施設{index}", latitude=lat, longitude=lng)
    FacilityPageFactory(parent=facility_index, title="位置なし", latitude=None, longitude=None)
    with django_assert_max_num_queries(2):
        found, count = nearest(FacilityPage.objects.live(), origin, 5000, limit=2)
    expected = sorted(
        (p for p in points if geodesic(origin, p).meters <= 5000), key=lambda p: geodesic(origin, p).meters
    )
    assert count == len(expected) == 3
    assert [(f.latitude, f.longitude) for f in found] == expected[:2]
    assert found[0].distance_m == pytest.approx(geodesic(origin, expected[0]).meters)


@pytest.mark.django_db
def test_a_queryset_is_measured_through_a_relation(facility_index):
    from services.nurseries.factories import NurseryFactory
    from services.nurseries.models import Nursery

    far = NurseryFactory(facility__parent=facility_index, facility__latitude=34.3426, facility__longitude=134.0463)
    near = NurseryFactory(facility__parent=facility_index, facility__latitude=34.3504, facility__longitude=134.0470)
    NurseryFactory(facility__parent=facility_index, facility__latitude=34.2412, facility__longitude=134.0346)
    found, count = nearest(
        Nursery.objects.all(), TAKAMATSU_STATION, 2000, lat_field="facility__latitude", lng_field="facility__longitude"
    )
    assert [n.pk for n in found] == [near.pk, far.pk]
    assert count == 2
    assert found[1].distance_m == pytest.approx(geodesic(TAKAMATSU_STATION, (34.3426, 134.0463)).meters)
