"""Elasticsearch/OpenSearch configuration, checked without a server; live tests need SEARCH_URL."""

import os

import pytest

from search.elasticsearch import _http_url, backend_class, elasticsearch_backend, index_settings

pytestmark = pytest.mark.django_db


def test_kuromoji_is_the_default_analyser_with_synonyms_at_query_time():
    settings = index_settings("kuromoji", [["保育園", "保育所", "保育施設"]])["settings"]["analysis"]
    assert settings["tokenizer"]["ja_tokenizer"] == {"type": "kuromoji_tokenizer", "mode": "search"}
    default = settings["analyzer"]["default"]
    assert default["tokenizer"] == "ja_tokenizer"
    assert {"kuromoji_baseform", "cjk_width", "lowercase"} <= set(default["filter"])
    assert "ja_synonyms" not in default["filter"]
    assert settings["analyzer"]["default_search"]["filter"][-1] == "ja_synonyms"
    assert settings["filter"]["ja_synonyms"]["synonyms"] == ["保育園, 保育所, 保育施設"]


def test_cjk_analyser_needs_no_plugin():
    analysis = index_settings("cjk")["settings"]["analysis"]
    assert analysis["analyzer"]["default"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["cjk_width", "lowercase", "cjk_bigram"],
    }
    assert not any("kuromoji" in str(value) for value in analysis.values())


def test_unknown_analyser_is_refused():
    with pytest.raises(ValueError, match="kuromoji"):
        index_settings("mecab")


def test_backend_ands_terms_and_uses_the_japanese_analyser_for_autocomplete(monkeypatch):
    from search.models import SynonymGroup

    SynonymGroup.objects.create(terms="ごみ = 塵")
    monkeypatch.setenv("SEARCH_ANALYZER", "cjk")
    backend = elasticsearch_backend("http://search.invalid:9200", {"SEARCH_CONFIG": "english"})
    assert backend.query_compiler_class.DEFAULT_OPERATOR == "and"
    assert backend.autocomplete_query_compiler_class.DEFAULT_OPERATOR == "and"
    assert backend.mapping_class.edgengram_analyzer_config["search_analyzer"] == "ja_autocomplete_search"
    analysis = backend.settings["settings"]["analysis"]
    assert analysis["analyzer"]["default"]["filter"][-1] == "cjk_bigram"
    assert "edgengram_analyzer" in analysis["analyzer"]  # Wagtail's own analysers are kept
    assert analysis["filter"]["ja_synonyms"]["synonyms"] == ["ごみ, 塵"]
    assert backend.index_prefix == "machi_"


def test_search_url_schemes():
    assert _http_url("elasticsearch://search:9200") == "http://search:9200"
    assert _http_url("opensearch+https://user:pw@search:9200") == "https://user:pw@search:9200"
    assert _http_url("https://search:9200") == "https://search:9200"
    assert backend_class("elasticsearch://x").__name__ == "JapaneseElasticsearch9SearchBackend"


def test_search_fields_send_raw_text_to_the_engine(settings, ja_home):
    from japanese.index import JapaneseSearchField

    field = JapaneseSearchField("title")
    settings.SEARCH_URL = ""
    assert field.get_value(ja_home) != ja_home.title  # analysed tokens for the database backends
    settings.SEARCH_URL = "http://search.invalid:9200"
    assert field.get_value(ja_home) == ja_home.title


@pytest.mark.skipif(not os.environ.get("SEARCH_URL"), reason="needs a live cluster: set SEARCH_URL to run")
def test_live_cluster_finds_japanese(ja_home):
    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend

    from home.models import StandardPage
    from tests.search.conftest import add_page

    add_page(ja_home, "図書館の休館日", "中央図書館は月曜日が休館日です。")
    call_command("update_index")
    backend = get_search_backend()
    assert [page.title for page in backend.search("休館日", StandardPage)] == ["図書館の休館日"]
