"""Elasticsearch / OpenSearch (``SEARCH_URL``): the cluster analyses Japanese itself.

``INDEX_SETTINGS`` replace the default analyser of every text field with a Japanese one:
``kuromoji`` (tokenizer in search mode, base forms, katakana stems, full/half-width folding with ``cjk_width``) when
the cluster has the analysis-kuromoji plugin, the built-in ``cjk`` bigram analyser otherwise
(``SEARCH_ANALYZER=cjk`` or ``kuromoji``; default kuromoji). Both fold width and apply the editors' synonym list at query time. Terms are ANDed, and autocomplete uses the
same analyser for the query instead of Wagtail's hard-coded ``standard``.
"""

from __future__ import annotations

import os
from urllib.parse import urlparse


def _synonym_rules(groups) -> list[str]:
    return [", ".join(group) for group in groups if len(group) > 1]


def index_settings(analyzer: str = "kuromoji", synonym_groups=()) -> dict:
    """The ``INDEX_SETTINGS`` for a Japanese index (merged into Wagtail's defaults)."""
    synonyms = {"type": "synonym_graph", "synonyms": _synonym_rules(synonym_groups)}
    if analyzer == "kuromoji":
        tokenizer = "ja_tokenizer"
        token_filters = [
            "kuromoji_baseform",
            "kuromoji_part_of_speech",
            "cjk_width",
            "ja_stop",
            "kuromoji_stemmer",
            "lowercase",
        ]
        extra_tokenizer = {"ja_tokenizer": {"type": "kuromoji_tokenizer", "mode": "search"}}
    elif analyzer == "cjk":
        tokenizer = "standard"
        token_filters = ["cjk_width", "lowercase", "cjk_bigram"]
        extra_tokenizer = {}
    else:
        raise ValueError(f"Unknown Japanese analyzer {analyzer!r}: use 'kuromoji' or 'cjk'.")
    return {
        "settings": {
            "analysis": {
                "tokenizer": extra_tokenizer,
                "filter": {"ja_synonyms": synonyms},
                "analyzer": {
                    "default": {
                        "type": "custom",
                        "tokenizer": tokenizer,
                        "filter": token_filters,
                    },
                    "default_search": {
                        "type": "custom",
                        "tokenizer": tokenizer,
                        "filter": [*token_filters, "ja_synonyms"],
                    },
                    "ja_autocomplete": {
                        "type": "custom",
                        "tokenizer": tokenizer,
                        "filter": [*token_filters, "edgengram"],
                    },
                    "ja_autocomplete_search": {
                        "type": "custom",
                        "tokenizer": tokenizer,
                        "filter": token_filters,
                    },
                },
            }
        }
    }


def _classes(url: str):
    """(backend class, mapping base) for an ``opensearch…`` or ``elasticsearch…``/``http…`` URL."""
    scheme = urlparse(url).scheme
    if scheme.startswith("opensearch"):
        from modelsearch.backends import opensearch3 as module

        return module.OpenSearch3SearchBackend, module
    from modelsearch.backends import elasticsearch9 as module

    return module.Elasticsearch9SearchBackend, module


def backend_class(url: str):
    """A Japanese-aware subclass of the Elasticsearch 9 or OpenSearch 3 backend."""
    base, module = _classes(url)
    mapping_base = base.mapping_class
    mapping = type(
        "JapaneseMapping",
        (mapping_base,),
        {"edgengram_analyzer_config": {"analyzer": "ja_autocomplete", "search_analyzer": "ja_autocomplete_search"}},
    )
    compiler = type(
        "JapaneseSearchQueryCompiler",
        (base.query_compiler_class,),
        {"DEFAULT_OPERATOR": "and", "mapping_class": mapping},
    )
    autocomplete_compiler = type(
        "JapaneseAutocompleteQueryCompiler",
        (base.autocomplete_query_compiler_class,),
        {"DEFAULT_OPERATOR": "and", "mapping_class": mapping},
    )
    return type(
        "Japanese" + base.__name__,
        (base,),
        {
            "mapping_class": mapping,
            "query_compiler_class": compiler,
            "autocomplete_query_compiler_class": autocomplete_compiler,
        },
    )


def _http_url(url: str) -> str:
    """opensearch+https://host → https://host; elasticsearch://host → http://host."""
    parsed = urlparse(url)
    scheme = parsed.scheme.split("+", 1)[1] if "+" in parsed.scheme else "http"
    if parsed.scheme in {"http", "https"}:
        scheme = parsed.scheme
    return parsed._replace(scheme=scheme).geturl()


def elasticsearch_backend(url: str, params: dict):
    """The backend for ``SEARCH_URL``, with the Japanese index settings and synonyms."""
    from search.models import SynonymGroup

    try:
        groups = [group.term_list for group in SynonymGroup.objects.all()]
    except Exception:  # noqa: BLE001 - before migrations have run there is no synonym table
        groups = []
    params = dict(params)
    params.pop("SEARCH_CONFIG", None)
    params.setdefault("URLS", [_http_url(url)])
    params.setdefault("INDEX_PREFIX", os.environ.get("SEARCH_INDEX_PREFIX", "machi_"))
    analyzer = os.environ.get("SEARCH_ANALYZER", "kuromoji")
    params["INDEX_SETTINGS"] = index_settings(analyzer, groups)
    return backend_class(url)(params)
