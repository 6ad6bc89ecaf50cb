"""Elasticsearch 8 / 9 and OpenSearch 2 / 3 (``SEARCH_URL``), answering as the database backends do.

The cluster gets the *same analysed tokens* as the database backends (``japanese.analysis``:
words, bigrams, readings), in fields analysed by ``whitespace`` + ``lowercase`` only, and the
query is the same analysed tree (:func:`search.backends.build_query`: phrases → ``match_phrase``,
alternatives → ``bool.should``, parts → ``bool.must``), synonyms expanded in Python from the
editors' list. So no plugin (kuromoji) is needed, no synonym ever reaches the cluster's analysis
settings (a synonym edit applies at once, without ``update_index``), and the cluster finds what
the database backend finds, by construction.

``SEARCH_URL`` alone picks the engine (see :data:`ENGINES`); the client connects lazily, so the
app starts (and ``manage.py check`` passes) without a reachable cluster.
"""

from __future__ import annotations

import os
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured

#: URL scheme → (engine, HTTP scheme). ``+https`` variants speak TLS.
ENGINES = {
    "elasticsearch": ("elasticsearch9", "http"),
    "elasticsearch+http": ("elasticsearch9", "http"),
    "elasticsearch+https": ("elasticsearch9", "https"),
    "http": ("elasticsearch9", "http"),
    "https": ("elasticsearch9", "https"),
    "elasticsearch9": ("elasticsearch9", "http"),
    "elasticsearch9+https": ("elasticsearch9", "https"),
    "elasticsearch8": ("elasticsearch8", "http"),
    "elasticsearch8+https": ("elasticsearch8", "https"),
    "opensearch": ("opensearch", "http"),
    "opensearch+http": ("opensearch", "http"),
    "opensearch+https": ("opensearch", "https"),
}

#: Longest prefix the autocomplete index keeps of a token (Wagtail's own filter stops at 15).
AUTOCOMPLETE_MAX_GRAM = 30

#: Every text field: the analysed tokens split at spaces, nothing else (they are already
#: lower-case; ``lowercase`` keeps a hand-written query in the same case as the index).
TOKENS_ANALYZER = {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}


def engine_for(url: str) -> tuple[str, str]:
    """(engine, http scheme) for a ``SEARCH_URL``; an unknown scheme is a configuration error."""
    scheme = urlparse(url).scheme.lower()
    try:
        return ENGINES[scheme]
    except KeyError:
        known = ", ".join(f"{name}://" for name in ENGINES)
        raise ImproperlyConfigured(f"SEARCH_URL scheme {scheme!r} is not one of {known}") from None


def _http_url(url: str) -> str:
    """opensearch+https://host → https://host; elasticsearch8://host → http://host."""
    _engine, http_scheme = engine_for(url)
    return urlparse(url)._replace(scheme=http_scheme).geturl()


def index_settings() -> dict:
    """The ``INDEX_SETTINGS`` (merged into Wagtail's defaults): whitespace analysers only.

    No synonym and no plugin: nothing an editor writes can make the cluster refuse the index.
    """
    return {
        "settings": {
            "analysis": {
                "filter": {
                    "ja_edgengram": {"type": "edge_ngram", "min_gram": 1, "max_gram": AUTOCOMPLETE_MAX_GRAM},
                },
                "analyzer": {
                    "default": TOKENS_ANALYZER,
                    "default_search": TOKENS_ANALYZER,
                    "ja_autocomplete": {
                        "type": "custom",
                        "tokenizer": "whitespace",
                        "filter": ["lowercase", "ja_edgengram"],
                    },
                    "ja_autocomplete_search": TOKENS_ANALYZER,
                },
            }
        }
    }


class AnalysedDocumentMixin:
    """The document's text fields hold the analysed tokens, as the database index does: the
    Japanese fields analyse themselves, Wagtail's stock ``SearchField``s (Page's own title,
    images, documents) are analysed here."""

    edgengram_analyzer_config = {"analyzer": "ja_autocomplete", "search_analyzer": "ja_autocomplete_search"}

    def _get_document_field_data(self, field, obj):
        from search.backends import analysed_value

        name, value, edgengrams = super()._get_document_field_data(field, obj)
        return name, analysed_value(field, value), [analysed_value(field, item) for item in edgengrams]


class AllTermsMixin:
    """A plain-text query (one token, or the typed parts of an autocomplete) needs all its terms."""

    DEFAULT_OPERATOR = "and"

    def _compile_plaintext_query(self, query, fields, boost=1.0):
        from modelsearch.query import PlainText

        if query.operator != "and":
            query = PlainText(query.query_string, operator="and", boost=query.boost)
        return super()._compile_plaintext_query(query, fields, boost)


def _base_classes(engine: str):
    """(backend class, extra client options) for an engine."""
    if engine == "opensearch":
        from modelsearch.backends.opensearch3 import OpenSearch3SearchBackend

        return OpenSearch3SearchBackend, {}
    from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend

    if engine == "elasticsearch8":
        return Elasticsearch9SearchBackend, {"node_class": elasticsearch8_node_class()}
    return Elasticsearch9SearchBackend, {}


def elasticsearch8_node_class():
    """The Elasticsearch 9 client's HTTP node, asking for Elasticsearch 8's REST compatibility.

    The 9.x client sends ``compatible-with=9``, which an 8.x server refuses
    (``media_type_header_exception``); 8.x accepts ``compatible-with=8``, and the APIs the search
    uses (index create, mapping, bulk, search, scroll, count) are the same in 8 and 9. One client
    package serves both (the 8.x client needs ``elastic-transport`` < 9, which the 9.x refuses).
    """
    from elastic_transport import HttpHeaders, Urllib3HttpNode

    class Elasticsearch8CompatibleNode(Urllib3HttpNode):
        def perform_request(self, method, target, body=None, headers=None, **kwargs):
            if headers:
                headers = HttpHeaders(
                    {key: value.replace("compatible-with=9", "compatible-with=8") for key, value in headers.items()}
                )
            return super().perform_request(method, target, body=body, headers=headers, **kwargs)

    return Elasticsearch8CompatibleNode


def backend_class(url: str):
    """The Japanese subclass of the engine's Wagtail backend for ``url``."""
    from search.backends import JapaneseQueryMixin

    engine, _scheme = engine_for(url)
    base, _options = _base_classes(engine)
    mapping = type("JapaneseMapping", (AnalysedDocumentMixin, base.mapping_class), {})
    compiler = type(
        "JapaneseSearchQueryCompiler", (AllTermsMixin, base.query_compiler_class), {"mapping_class": mapping}
    )
    autocomplete_compiler = type(
        "JapaneseAutocompleteQueryCompiler",
        (AllTermsMixin, base.autocomplete_query_compiler_class),
        {"mapping_class": mapping},
    )
    name = {"elasticsearch8": "Elasticsearch8", "elasticsearch9": "Elasticsearch9", "opensearch": "OpenSearch"}
    return type(
        f"Japanese{name[engine]}SearchBackend",
        (JapaneseQueryMixin, base),
        {
            "engine": engine,
            "mapping_class": mapping,
            "query_compiler_class": compiler,
            "autocomplete_query_compiler_class": autocomplete_compiler,
        },
    )


def elasticsearch_backend(url: str, params: dict):
    """The backend for ``SEARCH_URL`` with the whitespace index settings (no connection yet)."""
    engine, _scheme = engine_for(url)
    _base, client_options = _base_classes(engine)
    params = dict(params)
    params.pop("SEARCH_CONFIG", None)
    params.setdefault("URLS", [_http_url(url)])
    params.setdefault("INDEX_PREFIX", os.environ.get("SEARCH_INDEX_PREFIX", "machi_"))
    params["INDEX_SETTINGS"] = index_settings()
    params["OPTIONS"] = {**client_options, **params.get("OPTIONS", {})}
    return backend_class(url)(params)
