"""Facility pages: fields, near-me over the indexed columns, opening hours, nearby facilities."""

from datetime import date

import pytest

from facilities.factories import FacilityCategoryFactory, FacilityPageFactory
from facilities.models import FacilityPage
from home.sites import city_pages_q

pytestmark = pytest.mark.django_db


def test_facility_page_lives_under_the_directory(facility_index):
    page = FacilityPageFactory(parent=facility_index, title="高松市中央図書館")
    assert page.get_parent().specific == facility_index
    assert FacilityPage.objects.live().get().name == "高松市中央図書館"


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


def test_nearby_lists_other_facilities_nearest_first(facility_index, site_tree):
    here = FacilityPageFactory(parent=facility_index, title="ここ", latitude=34.3400, longitude=134.0400)
    far = FacilityPageFactory(parent=facility_index, title="遠い", latitude=34.3500, longitude=134.0400)
    near = FacilityPageFactory(parent=facility_index, title="近い", latitude=34.3410, longitude=134.0400)
    assert [p.pk for p in here.nearby(radius_m=5000, within=city_pages_q(site_tree))] == [near.pk, far.pk]


def test_category_codes_are_unique_per_language(site_tree):
    FacilityCategoryFactory(code="aed", name="AED", kind="aed")
    assert FacilityCategoryFactory(code="aed").name == "AED"  # get_or_create, not a second one
