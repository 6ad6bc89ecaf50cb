"""Every kind of content the portal has is found, in Japanese, with a link to where it lives."""

from pathlib import Path

import pytest

from search.searching import site_search

pytestmark = pytest.mark.django_db

NURSERY_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "nurseries"


def found(query, kind, language="ja"):
    return [(hit.title, hit.url) for hit in site_search(query, language_code=language, kind=kind).hits]


def test_facility_is_found_by_name_reading_and_address(ja_home):
    from facilities.factories import FacilityIndexPageFactory, FacilityPageFactory

    index = FacilityIndexPageFactory(parent=ja_home)
    library = FacilityPageFactory(
        parent=index, title="高松市中央図書館", name_kana="タカマツシチュウオウトショカン", slug="chuo-library"
    )
    for query in ["中央図書館", "としょかん", "ﾄｼｮｶﾝ", "昭和町"]:
        assert found(query, "facilities") == [("高松市中央図書館", library.url)], query


def test_event_is_found_by_title_and_description(ja_home):
    from services.events.factories import EventIndexPageFactory, EventPageFactory

    index = EventIndexPageFactory(parent=ja_home)
    event = EventPageFactory(parent=index, title="図書館おはなし会", description="絵本の読み聞かせをします。")
    assert found("おはなし会", "events") == [("図書館おはなし会", event.url)]
    assert found("よみきかせ", "events") == [("図書館おはなし会", event.url)]


def test_nursery_is_found_by_its_facility_name(site_tree):
    from django.test import RequestFactory

    from home.cities import setup_city
    from services.nurseries.demo import YOKOHAMA, ensure_yokohama_nurseries
    from services.nurseries.models import Nursery

    # Nurseries are found on their own city's site only (tests/test_city_scoping_garbage_nurseries.py).
    city = setup_city(YOKOHAMA["code"], YOKOHAMA["name"], hostname="yokohama.example.jp").municipality
    ensure_yokohama_nurseries(
        city,
        NURSERY_FIXTURES / "yokohama_202408_kanou_sample.csv",
        NURSERY_FIXTURES / "yokohama_202408_location_sample.csv",
    )
    nursery = Nursery.objects.select_related("facility").first()
    name = nursery.facility.title
    request = RequestFactory().get("/", HTTP_HOST="yokohama.example.jp")
    hits = [(hit.title, hit.url) for hit in site_search(name, kind="nurseries", request=request).hits]
    assert hits[0] == (name, nursery.facility.get_url(request))
    assert found(name, "nurseries") == []  # not on 高松市's site


def test_garbage_item_is_found_however_it_is_spelt(ja_home, municipality):
    from wagtail.models import Locale

    from services.garbage.models import GarbageCategory, SortingItem

    locale = Locale.objects.get(language_code="ja")
    category = GarbageCategory.objects.create(municipality=municipality, locale=locale, code="haisai", name="破砕ごみ")
    SortingItem.objects.create(
        municipality=municipality, locale=locale, category=category, name="ペットボトル", reading="ぺっとぼとる"
    )
    SortingItem.objects.create(municipality=municipality, locale=locale, category=category, name="乾電池")
    for query in ["ペットボトル", "ぺっとぼとる", "ﾍﾟｯﾄﾎﾞﾄﾙ"]:
        assert [title for title, _url in found(query, "garbage")] == ["ペットボトル"], query
    # PETボトル is a spelling of its own on pages (ＰＥＴボトル); where none has it, もしかして offers the reading.
    outcome = site_search("PETボトル", language_code="ja")
    assert outcome.hits == []
    assert outcome.suggestion == "ぺっとぼとる"
    assert [title for title, _url in found("でんち", "garbage")] == ["乾電池"]


def test_garbage_item_is_found_by_its_dictionary_reading(ja_home, municipality):
    """The dictionary's furigana is indexed: a reading no word analysis would give still finds it."""
    from wagtail.models import Locale

    from services.garbage.models import GarbageCategory, SortingItem

    locale = Locale.objects.get(language_code="ja")
    category = GarbageCategory.objects.create(municipality=municipality, locale=locale, code="yugai", name="有害ごみ")
    SortingItem.objects.create(
        municipality=municipality, locale=locale, category=category, name="LED電球", reading="えるいーでぃーでんきゅう"
    )
    SortingItem.objects.create(municipality=municipality, locale=locale, category=category, name="蛍光灯")
    assert [title for title, _url in found("えるいーでぃー", "garbage")] == ["LED電球"]


def test_bulk_created_items_are_searchable_once_indexed(ja_home, municipality):
    from wagtail.models import Locale

    from home.indexing import index_objects
    from services.garbage.models import GarbageCategory, SortingItem

    locale = Locale.objects.get(language_code="ja")
    category = GarbageCategory.objects.create(
        municipality=municipality, locale=locale, code="moyasu", name="燃やすごみ"
    )
    items = SortingItem.objects.bulk_create(
        [SortingItem(municipality=municipality, locale=locale, category=category, name="アイロン台")]
    )
    assert found("アイロン", "garbage") == []  # bulk_create sends no signal
    index_objects(items)
    assert [title for title, _url in found("アイロン", "garbage")] == ["アイロン台"]


def test_every_kind_is_offered_as_a_filter(site_tree):
    from search import registry

    assert list(registry.kinds()) == ["pages", "facilities", "events", "nurseries", "garbage"]


def test_a_deferred_block_indexes_what_it_saved_once_it_ends(ja_home, municipality):
    """load_demo saves thousands of objects: inside ``indexing_deferred`` each is indexed once at the
    end, in its final state; a deletion still leaves the index at once; a block that fails indexes
    nothing, and the index's own save handlers are back afterwards."""
    from wagtail.models import Locale

    from home.indexing import indexing_deferred
    from services.garbage.models import GarbageCategory, SortingItem

    locale = Locale.objects.get(language_code="ja")
    category = GarbageCategory.objects.create(
        municipality=municipality, locale=locale, code="moyasu", name="燃やすごみ"
    )
    with indexing_deferred():
        iron = SortingItem.objects.create(municipality=municipality, locale=locale, category=category, name="アイロン")
        iron.name = "アイロン台"
        iron.save()
        gone = SortingItem.objects.create(
            municipality=municipality, locale=locale, category=category, name="ホットプレート"
        )
        assert found("アイロン", "garbage") == []  # not yet
        gone.delete()
    assert [title for title, _url in found("アイロン", "garbage")] == ["アイロン台"]
    assert found("ホットプレート", "garbage") == []

    try:
        with indexing_deferred():
            SortingItem.objects.create(municipality=municipality, locale=locale, category=category, name="扇風機")
            raise RuntimeError("the load failed")
    except RuntimeError:
        pass
    assert found("扇風機", "garbage") == []  # the row is still there (no rollback here), unindexed

    SortingItem.objects.create(municipality=municipality, locale=locale, category=category, name="電気ストーブ")
    assert [title for title, _url in found("電気ストーブ", "garbage")] == ["電気ストーブ"]  # saves index again
