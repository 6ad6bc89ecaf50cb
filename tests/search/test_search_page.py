"""The search page a resident uses: results, kinds, languages, synonyms, promotions, help."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale

from search.models import SynonymGroup
from tests.search.conftest import add_page

pytestmark = pytest.mark.django_db


def results(client, query, language="ja", **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


#: The sections setup_city gives the session's city (施設案内's summary names 図書館 and
#: コミュニティセンター): not what these tests look for.
SECTION_SLUGS = {"garbage", "facilities", "nurseries", "events", "news"}


def own_hits(response):
    return [hit for hit in response.context["hits"] if getattr(hit.obj, "slug", None) not in SECTION_SLUGS]


def titles(response):
    return [hit.title for hit in own_hits(response)]


def test_page_is_found_as_soon_as_it_is_published(client, ja_home):
    add_page(ja_home, "図書館の休館日", "中央図書館は毎週月曜日が休館日です。")
    assert titles(results(client, "休館日")) == ["図書館の休館日"]
    assert titles(results(client, "としょかん")) == ["図書館の休館日"]


def test_draft_is_not_found(client, ja_home):
    from home.models import StandardPage

    draft = StandardPage(title="非公開の図書館ページ", live=False)
    ja_home.add_child(instance=draft)
    draft.save_revision()
    assert titles(results(client, "図書館")) == []


def test_title_matches_come_first_and_snippet_marks_the_match(client, ja_home):
    add_page(ja_home, "夏祭り", "会場では燃やすごみの分別にご協力ください。")
    add_page(ja_home, "燃やすごみの出し方", "収集日の朝8時30分までに出してください。")
    by_reading = results(client, "もやすごみ")
    assert titles(by_reading) == ["燃やすごみの出し方", "夏祭り"]
    assert "会場では<mark>燃やすごみ</mark>の分別" in by_reading.content.decode()
    response = results(client, "燃やすごみ")
    assert titles(response) == ["燃やすごみの出し方", "夏祭り"]
    html = response.content.decode()
    assert "<mark>燃やすごみ</mark>" in html


def test_user_text_is_escaped(client, ja_home):
    add_page(ja_home, "注意書き", "<script>alert(1)</script>ごみの出し方")
    response = results(client, '<b>ごみ</b>"><script>')
    html = response.content.decode()
    assert "<script>alert" not in html
    assert '<b>ごみ</b>"><script>' not in html


@pytest.fixture
def guide_kind():
    """StandardPage registered as a kind of its own, with one line, as a later content type would be."""
    from home.models import StandardPage
    from search import registry

    registry.register(StandardPage, "guides", label="Guides")
    yield
    registry.unregister(StandardPage)


def test_results_are_filterable_by_kind(client, ja_home, guide_kind):
    add_page(ja_home, "ごみの出し方", "ごみは朝出してください。")
    everything = results(client, "ごみ")
    kinds = {hit.title: hit.kind for hit in own_hits(everything)}
    assert kinds == {"ごみの出し方": "guides", "高松市 くらしのポータル": "pages"}
    only_guides = results(client, "ごみ", type="guides")
    assert titles(only_guides) == ["ごみの出し方"]
    assert 'aria-current="true"' in only_guides.content.decode()
    assert titles(results(client, "ごみ", type="pages")) == ["高松市 くらしのポータル"]
    assert results(client, "ごみ", type="nonsense").context["kind"] == ""


def test_translation_is_shown_instead_of_the_original(client, ja_home):
    page = add_page(ja_home, "図書館", "library 図書館の案内")
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Library"
    english.body = [("paragraph", "<p>library guide</p>")]
    english.save_revision().publish()
    response = results(client, "library", language="en")
    assert titles(response) == ["Library"]
    assert titles(results(client, "library", language="ja")) == ["図書館"]


def test_untranslated_japanese_page_follows_in_other_languages_marked_as_japanese(client, ja_home, en_home):
    add_page(en_home, "Shelters", "Evacuation shelters near you.")
    add_page(ja_home, "避難所一覧", "shelter 避難所の一覧です。")
    response = results(client, "shelter", language="en")
    assert titles(response) == ["Shelters", "避難所一覧"]
    assert 'lang="ja"' in response.content.decode()


def test_synonyms_take_effect_when_saved(client, ja_home):
    add_page(ja_home, "コミュニティセンターの利用案内", "会議室を予約できます。")
    assert titles(results(client, "公民館")) == []
    SynonymGroup.objects.create(terms="公民館 = コミュニティセンター = 市民センター")
    assert titles(results(client, "公民館")) == ["コミュニティセンターの利用案内"]
    SynonymGroup.objects.get().delete()
    assert titles(results(client, "公民館")) == []


def test_no_result_page_offers_synonyms_and_sections_and_a_word_found_nowhere_is_left_out(client, ja_home):
    add_page(ja_home, "図書館の休館日", "休館日の案内です。", show_in_menus=True)
    SynonymGroup.objects.create(terms="本屋, 書店")
    response = results(client, "本屋")
    html = response.content.decode()
    assert titles(response) == []
    assert "書店" in html  # the synonym tried
    sections = [section["title"] for section in response.context["sections"]]
    assert sections == ["ごみ収集日・分別", "施設案内", "保育所の空き状況", "イベント", "お知らせ", "図書館の休館日"]
    assert "主な" in html or "Main sections" in html

    response = results(client, "図書 本屋")  # 本屋 is nowhere: the query still answers, and says so
    assert titles(response) == ["図書館の休館日"]
    assert response.context["outcome"].not_found == ("本屋",)
    assert "本屋" in response.content.decode()


def test_promoted_result_is_shown_first(client, ja_home):
    add_page(ja_home, "ごみの出し方", "ごみは朝出してください。")
    target = add_page(ja_home, "ごみ収集カレンダー", "地区ごとの収集日")
    SearchPromotion.objects.create(query=Query.get("ごみ"), page=target, description="収集日はこちら", sort_order=0)
    response = results(client, "ごみ")
    assert [p.title for p in response.context["outcome"].promotions] == ["ごみ収集カレンダー"]
    html = response.content.decode()
    assert html.index("収集日はこちら") < html.index("ごみの出し方")


def test_empty_query_shows_the_form_only(client, ja_home):
    response = results(client, "")
    assert response.context["hits"] == []
    assert 'role="search"' in response.content.decode()


def test_query_count_does_not_grow_with_the_number_of_pages(client, ja_home, django_assert_max_num_queries):
    for number in range(3):
        add_page(ja_home, f"ごみの出し方 {number}", "ごみは朝出してください。")
    client.get("/ja/")  # warm the site root and menu caches, as a running server would be
    # Each kind's search and its view restrictions, the requested site and its home pages, the log.
    with django_assert_max_num_queries(52) as small:
        results(client, "ごみ")
    small_count = len(small)  # now: the next request empties the connection's query log it reads
    for number in range(3, 30):
        add_page(ja_home, f"ごみの出し方 {number}", "ごみは朝出してください。")
    results(client, "ごみ")  # new pages retire the cached lookups (home.lookups): warm them again
    with django_assert_max_num_queries(small_count + 2):
        results(client, "ごみ")


def test_facilities_come_nearest_first_when_a_position_is_given(client, ja_home):
    from facilities.factories import FacilityIndexPageFactory, FacilityPageFactory

    index = FacilityIndexPageFactory(parent=ja_home)
    far = FacilityPageFactory(parent=index, title="図書館 国分寺分館", latitude=34.300, longitude=133.950)
    near = FacilityPageFactory(parent=index, title="図書館 中央館", latitude=34.344, longitude=134.044)
    response = results(client, "図書館", type="facilities", lat="34.3428", lng="134.0466")
    hits = response.context["hits"]
    assert [hit.title for hit in hits] == [near.title, far.title]
    assert hits[0].distance_text.endswith(" m") and hits[1].distance_text.endswith(" km")
    html = response.content.decode()
    assert hits[0].distance_text in html and hits[1].distance_text in html
    nonsense = results(client, "図書館", type="facilities", lat="north", lng="999")
    assert nonsense.context["near"] is None


def test_events_come_nearest_first_too(client, ja_home):
    from services.events.factories import EventIndexPageFactory, EventPageFactory

    index = EventIndexPageFactory(parent=ja_home)
    far = EventPageFactory(parent=index, title="おはなし会 国分寺", address="", lat=34.300, lng=133.950)
    near = EventPageFactory(parent=index, title="おはなし会 中央", address="", lat=34.344, lng=134.044)
    hits = results(client, "おはなし会", type="events", lat="34.3428", lng="134.0466").context["hits"]
    assert [hit.title for hit in hits] == [near.title, far.title]
    assert hits[0].distance_m < hits[1].distance_m


def test_every_result_can_be_reached_page_by_page_keeping_the_position(client, ja_home, monkeypatch):
    """More results of a kind than the first fetch holds: later pages fetch more, and the
    previous/next links keep the query, the kind and the position the list is sorted by."""
    from search import searching

    monkeypatch.setattr(searching, "PER_KIND", 5)
    monkeypatch.setattr("search.views.PER_KIND", 5)
    monkeypatch.setattr("search.views.PAGE_SIZE", 4)
    for number in range(11):
        add_page(ja_home, f"粗大ごみの出し方 {number}", "粗大ごみは申込制です。", slug=f"sodai-{number}")
    seen = []
    for page_number in (1, 2, 3):
        response = results(client, "粗大ごみ", type="pages", lat="34.34", lng="134.04", page=page_number)
        seen += titles(response)
        html = response.content.decode()
        if page_number < 3:
            assert (
                f'href="?q=%E7%B2%97%E5%A4%A7%E3%81%94%E3%81%BF&amp;type=pages&amp;lat=34.34&amp;lng=134.04&amp;page={page_number + 1}" rel="next"'
                in html
            )
        else:
            assert 'rel="next"' not in html
    assert sorted(seen) == sorted(f"粗大ごみの出し方 {number}" for number in range(11))
