import pytest


@pytest.fixture
def facility_index(site_tree):
    from facilities.factories import FacilityIndexPageFactory

    return FacilityIndexPageFactory(parent=site_tree)
