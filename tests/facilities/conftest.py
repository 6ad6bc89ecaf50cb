import pytest


@pytest.fixture
def facility_index(site_tree, municipality):
    """高松市's own 施設案内 (setup_city made it under the home page)."""
    from facilities.models import FacilityIndexPage
    from home.sites import city_section

    return city_section(municipality, FacilityIndexPage)
