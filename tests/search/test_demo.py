"""search.demo: synonyms for the demo city, idempotent (each domain's demo promotes its own pages)."""

import io

import pytest
from wagtail.contrib.search_promotions.models import SearchPromotion

from search import demo
from search.models import SynonymGroup

pytestmark = pytest.mark.django_db


def test_demo_synonyms_are_created_once_and_work(client, site_tree, municipality):
    from home.models import HomePage
    from tests.search.conftest import add_page

    demo.load_demo(municipality, io.StringIO())
    demo.load_demo(municipality, io.StringIO())
    assert SynonymGroup.objects.count() == len(demo.DEMO_SYNONYMS)
    assert not SearchPromotion.objects.exists()
    home = HomePage.objects.get(locale__language_code="ja")
    add_page(home, "地区センターの貸し室", "会議室を貸し出しています。")
    response = client.get("/ja/search/", {"q": "公民館"})
    # 施設案内 (setup_city's section) names コミュニティセンター in its summary: found by the synonym too.
    assert [hit.title for hit in response.context["hits"]] == ["地区センターの貸し室", "施設案内"]
