import pytest

from services.events.factories import EventIndexPageFactory


@pytest.fixture
def index(site_tree):
    return EventIndexPageFactory(parent=site_tree)
