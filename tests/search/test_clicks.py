"""The click log: which result residents opened after a search; junk is refused with a 4xx."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from search.models import SearchClickLog, SearchQueryLog
from search.searching import CLICKS_PER_SEARCH
from tests.search.conftest import add_page

pytestmark = pytest.mark.django_db

CLICK = "/ja/search/click/"


@pytest.fixture
def searched(client, ja_home):
    page = add_page(ja_home, "図書館の休館日", "休館日の案内です。")
    response = client.get("/ja/search/", {"q": "図書館"})
    assert response.context["hits"][0].title == "図書館の休館日"
    return page, response


def test_the_results_page_names_the_click_endpoint_and_each_results_kind(searched):
    _page, response = searched
    html = response.content.decode()
    assert f'data-click-url="{CLICK}"' in html and 'data-query="図書館"' in html
    assert 'data-result-kind="pages"' in html and "search/clicks.js" in html


def test_a_click_is_counted_per_query_and_result_without_personal_data(client, searched):
    page, _response = searched
    for _ in range(2):
        response = client.post(CLICK, {"q": "図書館", "url": page.url, "kind": "pages"})
        assert response.status_code == 204
        assert not response.cookies
    row = SearchClickLog.objects.get()
    assert (row.query, row.url, row.kind, row.clicks, row.language_code) == ("図書館", page.url, "pages", 2, "ja")
    assert row.site.hostname == "takamatsu.localhost"
    field_names = {field.name for field in SearchClickLog._meta.get_fields()}
    assert field_names == {"id", "date", "site", "language_code", "query", "url", "kind", "clicks"}


def test_an_absolute_url_on_this_host_is_kept_as_its_path(client, searched):
    page, _response = searched
    response = client.post(CLICK, {"q": "図書館", "url": f"http://testserver{page.url}?x=1", "kind": "pages"})
    assert response.status_code == 204
    assert SearchClickLog.objects.get().url == f"{page.url}?x=1"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"url": "/ja/", "kind": "pages"}, "検索した言葉"),
        ({"q": "図書館\x00", "url": "/ja/", "kind": "pages"}, "検索した言葉"),
        ({"q": "図" * 401, "url": "/ja/", "kind": "pages"}, "検索した言葉"),
        ({"q": "図書館", "url": "/ja/", "kind": "nothing"}, "結果の種類"),
        ({"q": "図書館", "url": "https://evil.example/ja/", "kind": "pages"}, "このサイトのページ"),
        ({"q": "図書館", "url": "javascript:alert(1)", "kind": "pages"}, "このサイトのページ"),
        ({"q": "図書館", "url": "//evil.example/", "kind": "pages"}, "このサイトのページ"),
        ({"q": "図書館", "url": "/ja/\n", "kind": "pages"}, "このサイトのページ"),
        ({"q": "図書館", "url": "/" + "a" * 600, "kind": "pages"}, "このサイトのページ"),
        ({"q": "http://[::1", "url": "http://[::1", "kind": "pages"}, "このサイトのページ"),
        ({"q": "図書館", "url": "", "kind": "pages"}, "このサイトのページ"),
        ({"q": "誰も探さない言葉", "url": "/ja/", "kind": "pages"}, "検索されていません"),
    ],
)
def test_junk_is_refused_with_a_reason_in_the_residents_language(client, searched, data, reason):
    response = client.post(CLICK, data)
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert not SearchClickLog.objects.exists()


def test_clicks_are_capped_by_the_searches_made(client, searched):
    page, _response = searched
    statuses = [
        client.post(CLICK, {"q": "図書館", "url": page.url, "kind": "pages"}).status_code
        for _ in range(CLICKS_PER_SEARCH + 2)
    ]
    assert statuses == [204] * CLICKS_PER_SEARCH + [429, 429]
    assert SearchClickLog.objects.get().clicks == CLICKS_PER_SEARCH


def test_only_post_is_accepted(client, searched):
    assert client.get(CLICK, {"q": "図書館", "url": "/ja/", "kind": "pages"}).status_code == 405


def test_another_sites_search_does_not_take_clicks_here(client, searched):
    from wagtail.models import Page, Site

    other = Site.objects.create(hostname="other.localhost", root_page=Page.get_first_root_node())
    SearchQueryLog.objects.update(site=other)
    response = client.post(CLICK, {"q": "図書館", "url": "/ja/", "kind": "pages"})
    assert response.status_code == 400


def test_prune_keeps_thirteen_months(client, searched):
    page, _response = searched
    client.post(CLICK, {"q": "図書館", "url": page.url, "kind": "pages"})
    old = timezone.localdate() - datetime.timedelta(days=30 * 13 + 1)
    SearchQueryLog.objects.create(date=old, site=None, language_code="ja", query="古い", hits=1)
    SearchClickLog.objects.create(date=old, site=None, language_code="ja", query="古い", url="/ja/", clicks=1)
    call_command("prune_search_log")
    assert list(SearchQueryLog.objects.values_list("query", flat=True)) == ["図書館"]
    assert list(SearchClickLog.objects.values_list("query", flat=True)) == ["図書館"]
