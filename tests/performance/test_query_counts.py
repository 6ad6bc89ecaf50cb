"""SQL queries per resident page (uncached render): the same number whatever the data size, checked
on a small city and on the same city with ten times the facilities and events (factories).

Issue 18 asks for at most ``LIMIT`` per page (docs/benchmarks.md lists each page's count). What
every page asks (the site, locales, portal settings, menu, language switcher, alert banners) comes
from ``home.lookups`` once warm, as on a running server.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from facilities.factories import FacilityCategoryFactory, FacilityIndexPageFactory, FacilityPageFactory
from home.factories import AlertBannerFactory
from home.models import StandardPage
from services.events.factories import EventIndexPageFactory, EventPageFactory

LIMIT = 12


def build(home, size: int) -> dict[str, str]:
    """*size* facilities and events under the city's sections; one page of every type to load."""
    directory = FacilityIndexPageFactory(parent=home)
    events = EventIndexPageFactory(parent=home)
    category = FacilityCategoryFactory()
    already = directory.get_children().count()
    for number in range(already, size):
        FacilityPageFactory(parent=directory, category=category, title=f"施設{number}", slug=f"f-{number}")
        EventPageFactory(parent=events, title=f"イベント{number}", slug=f"e-{number}")
    about = StandardPage.objects.filter(locale=home.locale).first() or home.add_child(
        instance=StandardPage(title="市の紹介", slug="about")
    )
    facility = directory.get_children().live().first()
    event = events.get_children().live().first()
    return {
        "home": home.url,
        "standard page": about.url,
        "facilities list": directory.url,
        "facility": facility.url,
        "events list": events.url,
        "event": event.url,
        "search": "/ja/search/?q=%E6%96%BD%E8%A8%AD",
    }


def query_counts(paths: dict[str, str]) -> dict[str, int]:
    client = Client()
    counts = {}
    for name, path in paths.items():
        client.get(path)  # a running server has its lookups (sites, menus) cached
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[name] = len(queries)
    return counts


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    """Counts on the small city, then on the same city grown tenfold; built once, rolled back."""
    from django.test import TestCase
    from wagtail.models import Locale

    from home.demo import DEMO_MUNICIPALITY
    from home.models import HomePage

    with django_db_blocker.unblock():
        atomics = TestCase._enter_atomics()
        try:
            home = HomePage.objects.get(locale=Locale.get_default(), slug=DEMO_MUNICIPALITY["code"])
            AlertBannerFactory(message="大雨に注意してください")
            small = query_counts(build(home, 3))
            large = query_counts(build(home, 30))
            print("\nqueries per page (3 / 30 facilities and events):", {k: (small[k], large[k]) for k in small})  # noqa: T201
            yield small, large
        finally:
            TestCase._rollback_atomics(atomics)


@pytest.mark.django_db
def test_queries_per_page_do_not_grow_with_the_data(measured):
    small, large = measured
    assert large == small


@pytest.mark.django_db
def test_every_resident_page_stays_within_the_query_limit(measured):
    _small, large = measured
    assert {page: count for page, count in large.items() if count > LIMIT} == {}
