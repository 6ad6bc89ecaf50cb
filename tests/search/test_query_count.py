"""How many SQL queries one site search makes: bounded, so a regression shows before it is slow.

The bounds are what the search made on this fixture (2026-12-01: 38 and 33 on SQLite, the two-word
question 42 on PostgreSQL, whose backend queries each kind even where a word is nowhere; 48 and 62
before each full-text match was shared by the kinds of one search) plus a little slack. Each kind's queryset
(the site's pages, its municipality, what residents may see) costs several queries and is built
once per search; a multi-word query that finds little searches each word alone in every kind
without counting the matches, and a kind in which a word is nowhere costs no query
(benchmarks/bench_search.py measures the time).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.searching import site_search

pytestmark = pytest.mark.django_db

#: Queries of a one-word search that finds pages, facilities and garbage items.
ONE_WORD = 42
#: Queries of a two-word question, one word found nowhere (relaxed: each word alone, every kind).
TWO_WORDS = 46


@pytest.fixture
def small_city(ja_home, municipality):
    from wagtail.models import Locale

    from facilities.factories import FacilityCategoryFactory, FacilityIndexPageFactory, FacilityPageFactory
    from services.events.factories import EventIndexPageFactory, EventPageFactory
    from services.garbage.models import GarbageCategory, SortingItem
    from tests.search.conftest import add_page

    directory = FacilityIndexPageFactory(parent=ja_home)
    aed = FacilityCategoryFactory(code="aed", name="AED", kind="aed")
    library = FacilityCategoryFactory(code="library", name="図書館")
    FacilityPageFactory(parent=directory, title="高松市中央図書館", category=library, slug="chuo")
    FacilityPageFactory(parent=directory, title="高松市役所", category=aed, slug="city-hall")
    events = EventIndexPageFactory(parent=ja_home)
    EventPageFactory(parent=events, title="図書館おはなし会", description="絵本の読み聞かせ")
    add_page(ja_home, "図書館の利用案内", "図書館カードの作り方", slug="library-guide")
    locale = Locale.objects.get(language_code="ja")
    category = GarbageCategory.objects.create(
        municipality=municipality, locale=locale, code="moyasu", name="燃やすごみ"
    )
    SortingItem.objects.create(municipality=municipality, locale=locale, category=category, name="図書館の本のカバー")


def counted(query):
    site_search(query)  # caches (locales, synonyms, settings) as a running site has them
    with CaptureQueriesContext(connection) as queries:
        outcome = site_search(query)
    return outcome, len(queries)


def test_one_word_search_makes_a_bounded_number_of_queries(small_city):
    outcome, queries = counted("図書館")
    assert {hit.kind for hit in outcome.hits} >= {"pages", "facilities", "events", "garbage"}
    assert queries <= ONE_WORD, queries


def test_two_word_question_with_a_word_found_nowhere_makes_a_bounded_number_of_queries(small_city):
    outcome, queries = counted("AED 近く")
    assert outcome.hits[0].title == "高松市役所"  # through its category's name
    assert outcome.not_found == ("近く",)
    assert queries <= TWO_WORDS, queries
