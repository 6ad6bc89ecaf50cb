"""Facility pages: fields, near-me over the indexed columns, opening hours, nearby facilities."""

from datetime import date

import pytest
from geopy.distance import geodesic

from facilities.factories import FacilityCategoryFactory, FacilityPageFactory
from facilities.models import FacilityPage
from facilities.nearby import nearest_objects

pytestmark = pytest.mark.django_db


def test_facility_page_lives_under_the_directory(facility_index):
    page = FacilityPageFactory(parent=facility_index, title="高松市中央図書館")
    assert page.get_parent().specific == facility_index
    assert FacilityPage.objects.live().get().name == "高松市中央図書館"


def test_near_me_is_sorted_by_geodesic_distance_and_limited_to_the_radius(
    facility_index, django_assert_max_num_queries
):
    origin = (34.3509, 134.0469)  # 高松駅
    points = [(34.3426, 134.0463), (34.3440, 134.0345), (34.2412, 134.0346), (34.3504, 134.0470), (34.3412, 134.1428)]
    for index, (lat, lng) in enumerate(points):
        FacilityPageFactory(parent=facility_index, title=f"施設{index}", latitude=lat, longitude=lng)
    FacilityPageFactory(parent=facility_index, title="位置なし", latitude=None, longitude=None)
    with django_assert_max_num_queries(2):
        found, count = nearest_objects(FacilityPage.objects.live(), *origin, radius_m=5000, limit=2)
    expected = sorted(
        (p for p in points if geodesic(origin, p).meters <= 5000), key=lambda p: geodesic(origin, p).meters
    )
    assert count == len(expected) == 3
    assert [(f.latitude, f.longitude) for f in found] == expected[:2]
    assert found[0].distance_m == pytest.approx(geodesic(origin, expected[0]).meters)


def test_opening_hours_from_the_fields(facility_index):
    page = FacilityPageFactory(
        parent=facility_index,
        available_days="月火水木金",
        opening_time="8:30",
        closing_time="17:15",
        hours_note="祝日及び年末年始（12/29～1/3）は休館",
    )
    assert page.open_on(date(2026, 11, 27)) is True
    assert page.open_on(date(2026, 11, 23)) is False  # 勤労感謝の日
    assert page.open_on(date(2026, 12, 30)) is False


def test_nearby_lists_other_facilities_nearest_first(facility_index):
    here = FacilityPageFactory(parent=facility_index, title="ここ", latitude=34.3400, longitude=134.0400)
    far = FacilityPageFactory(parent=facility_index, title="遠い", latitude=34.3500, longitude=134.0400)
    near = FacilityPageFactory(parent=facility_index, title="近い", latitude=34.3410, longitude=134.0400)
    assert [p.pk for p in here.nearby(radius_m=5000)] == [near.pk, far.pk]


def test_category_codes_are_unique_per_language(site_tree):
    FacilityCategoryFactory(code="aed", name="AED", kind="aed")
    assert FacilityCategoryFactory(code="aed").name == "AED"  # get_or_create, not a second one
