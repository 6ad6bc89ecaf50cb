"""GET /api/v1/search: the DESIGN.md list shape, errors that say why, OpenAPI description."""

import pytest

from tests.search.conftest import add_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(ja_home):
    add_page(ja_home, "燃やすごみの出し方", "燃やすごみは毎週月曜日と木曜日に出してください。")
    add_page(ja_home, "燃やさないごみの出し方", "燃やさないごみは第2・第4水曜日に収集します。")
    add_page(ja_home, "ペットボトルの出し方", "キャップとラベルを外してください。")


def test_search_answers_items_and_count(client, pages):
    response = client.get("/api/v1/search", {"q": "ぺっとぼとる"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["items"] == [
        {
            "title": "ペットボトルの出し方",
            "url": body["items"][0]["url"],
            "type": "pages",
            "snippet": "キャップとラベルを外してください。",
            "date": None,
            "past": False,
        }
    ]
    assert body["not_found"] == []
    assert body["items"][0]["url"].startswith("http://testserver/ja/")


def test_burnable_query_does_not_return_non_burnable(client, pages):
    titles = [item["title"] for item in client.get("/api/v1/search", {"q": "燃やすごみ"}).json()["items"]]
    assert titles == ["燃やすごみの出し方"]


def test_count_is_all_matches_and_limit_cuts_the_items(client, pages):
    body = client.get("/api/v1/search", {"q": "出し方", "limit": 1}).json()
    assert len(body["items"]) == 1
    assert body["count"] >= 3


def test_a_large_limit_is_clamped_and_next_stops_at_the_result_window(client, pages, monkeypatch):
    """The search window (issue 16's bounded cost), made small so three pages reach its end."""
    from search import api

    monkeypatch.setattr(api, "MAX_ITEMS", 2)
    monkeypatch.setattr(api, "MAX_RESULTS", 3)
    first = client.get("/api/v1/search", {"q": "出し方", "limit": 1000}).json()
    assert len(first["items"]) == 2 and first["count"] >= 3
    assert "offset=2" in first["next"]
    last = client.get(first["next"]).json()
    assert len(last["items"]) == 1 and last["next"] is None
    assert client.get("/api/v1/search", {"q": "出し方", "offset": 3}).status_code == 422


def test_type_filters_and_unknown_type_is_a_400(client, pages):
    assert client.get("/api/v1/search", {"q": "ごみ", "type": "pages"}).json()["count"] >= 2
    response = client.get("/api/v1/search", {"q": "ごみ", "type": "shops"})
    assert response.status_code == 400
    assert "shops" in response.json()["detail"] and "pages" in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "status", "says"),
    [
        ({}, 422, "q"),
        ({"q": "ごみ", "locale": "xx"}, 422, "locale"),
        ({"q": "ごみ", "limit": 0}, 422, "limit"),
        ({"q": "ごみ", "limit": 1001}, 422, "limit"),
        ({"q": "ご" * 401}, 400, "too long"),
    ],
)
def test_bad_parameters_say_why(client, pages, params, status, says):
    response = client.get("/api/v1/search", params)
    assert response.status_code == status
    assert says in response.json()["detail"]


def test_empty_query_finds_nothing(client, pages):
    assert client.get("/api/v1/search", {"q": "  "}).json() == {
        "items": [],
        "count": 0,
        "next": None,
        "not_found": [],
    }


def test_openapi_describes_the_search_endpoint(client, site_tree):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/search"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "type", "locale", "limit"} <= names
    assert "Search" in operation["summary"]


def test_api_searches_are_logged_for_the_report(client, pages):
    from search.models import SearchQueryLog

    client.get("/api/v1/search", {"q": "ﾍﾟｯﾄﾎﾞﾄﾙ"})
    client.get("/api/v1/search", {"q": "ペットボトル"})
    log = SearchQueryLog.objects.get()
    assert (log.query, log.hits, log.zero_result_hits) == ("ぺっとぼとる", 2, 0)
