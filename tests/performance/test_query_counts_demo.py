"""SQL queries per resident page on the demo's real data: the default city (高松市) as ``load_demo``
builds it (every demo city set up, the domains' loaders run for 高松市), its home page, garbage
page (with no area, a chosen area and an address search) and nursery page, each uncached as in
``test_query_counts``."""

import io

import pytest

from tests.performance.test_query_counts import LIMIT, query_counts

pytestmark = pytest.mark.heavy


@pytest.fixture(scope="module")
def demo_counts(django_db_setup, django_db_blocker):
    from django.test import TestCase

    from home import demo
    from home.registries import demo_loaders
    from services.garbage.models import CollectionArea

    with django_db_blocker.unblock():
        atomics = TestCase._enter_atomics()
        try:
            city = demo.load_demo_cities(io.StringIO(), with_users=False)[0]
            for loader in demo_loaders():
                loader.loader(city, io.StringIO())
            area = CollectionArea.objects.filter(municipality=city).order_by("code").first()
            counts = query_counts(
                {
                    "home": "/ja/",
                    "garbage": "/ja/garbage/",
                    "garbage, an area": f"/ja/garbage/?area={area.code}",
                    "garbage, an address": "/ja/garbage/?where=%E7%95%AA%E7%94%BA",  # 番町
                    "nurseries": "/ja/nurseries/",
                }
            )
            print("\nqueries per page of the demo city:", counts)  # noqa: T201
            yield counts
        finally:
            TestCase._rollback_atomics(atomics)


@pytest.mark.django_db
def test_the_demo_citys_pages_stay_within_the_query_limit(demo_counts):
    assert {page: count for page, count in demo_counts.items() if count > LIMIT} == {}
