import pytest


@pytest.fixture
def index(site_tree, municipality):
    """高松市's own イベント section (setup_city made it under the home page)."""
    from home.sites import city_section
    from services.events.models import EventIndexPage

    return city_section(municipality, EventIndexPage)
