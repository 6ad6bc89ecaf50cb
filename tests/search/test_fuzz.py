"""Any query at all gets a page or a 400/422, never a 500 (hypothesis, real database backend)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.search.conftest import add_page

pytestmark = pytest.mark.django_db

NASTY = st.sampled_from(
    [
        '"',
        '""',
        "*",
        "ごみ*",
        "NEAR(ごみ 収集)",
        "ごみ OR 収集",
        "AND",
        "NOT ごみ",
        "^ごみ",
        "title:ごみ",
        "{title body}: x",
        "'; DROP TABLE wagtailcore_page; --",
        "\\",
        "😀🗑️",
        "\x00",
        "\x1b[31m",
        "\ud800",
        "ｺﾞﾐ　ｼｭｳｼｭｳ",
        "あ" * 10_000,
        "  ",
        "!&|<->:*",
    ]
)
QUERIES = st.one_of(NASTY, st.text(max_size=60), st.lists(NASTY, max_size=4).map(" ".join))
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def corpus(ja_home):
    add_page(ja_home, "ごみ収集カレンダー", "燃やすごみは月曜日。ＰＥＴボトルは水曜日。")


def _encodable(query: str) -> str:
    # A lone surrogate cannot travel in a URL as UTF-8; the client sends what a browser would.
    return query.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def refused_or_ok(query: str) -> int:
    """A NUL character is refused with a 400 before any view (home.middleware); anything else answers."""
    return 400 if "\x00" in query else 200


@FUZZ
@given(query=QUERIES)
def test_search_page_never_fails(client, corpus, query):
    response = client.get("/ja/search/", {"q": _encodable(query)})
    assert response.status_code == refused_or_ok(query)


@FUZZ
@given(query=QUERIES, kind=st.sampled_from(["", "pages", "x"]))
def test_search_api_never_fails(client, corpus, query, kind):
    response = client.get("/api/v1/search", {"q": _encodable(query), "type": kind})
    assert response.status_code in {200, 400, 422}
    if response.status_code != 200:
        assert response.json()["detail"]


@FUZZ
@given(query=QUERIES)
def test_suggestions_never_fail(client, corpus, query):
    response = client.get("/ja/search/suggest/", {"q": _encodable(query)})
    assert response.status_code == refused_or_ok(query)
    if response.status_code == 200:
        assert isinstance(response.json()["items"], list)


def test_search_functions_accept_a_lone_surrogate_directly(corpus):
    from search.searching import site_search, suggestions

    assert site_search("ご\ud800み").query
    assert suggestions("\ud800") == []
