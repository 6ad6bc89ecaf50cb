"""Suggestions while typing: Japanese prefixes complete titles (としょ → 図書館)."""

import pytest

from tests.search.conftest import add_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(ja_home):
    return add_page(ja_home, "中央図書館", "本の貸し出しと返却。")


@pytest.mark.parametrize("typed", ["としょ", "トショ", "ﾄｼｮ", "図書", "としょかん", "ちゅうおう"])
def test_japanese_prefix_suggests_the_library(client, library, typed):
    items = client.get("/ja/search/suggest/", {"q": typed}).json()["items"]
    assert [item["title"] for item in items] == ["中央図書館"]
    assert items[0]["url"] == library.url
    assert items[0]["type"] == "pages"


def test_unrelated_prefix_suggests_nothing(client, library):
    assert client.get("/ja/search/suggest/", {"q": "ぷーる"}).json()["items"] == []


def test_empty_input_suggests_nothing(client, library):
    assert client.get("/ja/search/suggest/", {"q": ""}).json()["items"] == []
