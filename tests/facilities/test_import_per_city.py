"""Facility imports go to the city's own 施設案内, and say what to run when the city has no site."""

from pathlib import Path

import pytest

from facilities.loading import import_opendata_file
from facilities.models import FacilityIndexPage, FacilityPage
from home.cities import setup_city
from home.models import Municipality
from home.sites import CityNotSetUp, city_section

pytestmark = pytest.mark.django_db

AED = Path(__file__).resolve().parents[1] / "fixtures" / "facilities" / "ichikawa_122033_108_aed.csv"


def test_import_for_a_city_without_a_site_says_to_run_setup_city_and_writes_nothing(site_tree):
    ichikawa = Municipality.objects.create(code="122033", name="市川市")
    before = FacilityPage.objects.count()
    with pytest.raises(CityNotSetUp, match="setup_city 122033 --name 市川市"):
        import_opendata_file("aed", AED, ichikawa, skip_invalid=True)
    assert FacilityPage.objects.count() == before


def test_import_puts_the_pages_under_the_citys_own_directory(site_tree, municipality):
    ichikawa = setup_city("122033", "市川市", hostname="ichikawa.example.jp").municipality
    report = import_opendata_file("aed", AED, ichikawa, skip_invalid=True)
    directory = city_section(ichikawa, FacilityIndexPage)
    pages = FacilityPage.objects.filter(municipality=ichikawa)
    assert report.created == pages.count() > 0
    assert set(pages.values_list("path", flat=True)) == set(
        FacilityPage.objects.child_of(directory).values_list("path", flat=True)
    )
    assert not FacilityPage.objects.child_of(city_section(municipality, FacilityIndexPage)).exists()
