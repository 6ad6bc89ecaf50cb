"""Search backends that analyse queries exactly as search/analysis.py analyses the index.

``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends"`` picks, through
:func:`SearchBackend`:

- without ``SEARCH_URL``: Wagtail's database backend for the connection's vendor (SQLite FTS5
  or PostgreSQL), subclassed so that a query string becomes the analysed query tree
  (words as phrases, bigram phrases, kana readings, synonyms; see :func:`build_query`);
- with ``SEARCH_URL`` (``elasticsearch…``/``opensearch…``): the Elasticsearch/OpenSearch
  backend with a Japanese analyser (kuromoji when the cluster has the plugin, the built-in
  ``cjk`` analyser otherwise), terms ANDed, synonyms from the same list.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import And, Or, Phrase, PlainText, SearchQuery

from search.analysis import (
    AnalysedQuery,
    QueryAlternative,
    analyse_for_autocomplete,
    analyse_for_index,
    analyse_query,
    autocomplete_terms,
)
from search.index import JapaneseAutocompleteField, JapaneseSearchField


def _combine(kind, queries: list[SearchQuery]) -> SearchQuery | None:
    unique = []
    for query in queries:
        if query is not None and repr(query) not in {repr(q) for q in unique}:
            unique.append(query)
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else kind(unique)


def _phrase(tokens: tuple[str, ...]) -> SearchQuery:
    return Phrase(" ".join(tokens)) if len(tokens) > 1 else PlainText(tokens[0])


def _alternative_query(alternative: QueryAlternative) -> SearchQuery | None:
    return _combine(
        Or,
        [
            _combine(And, [_phrase(group) for group in alternative.groups]),
            _combine(And, [_phrase(run) for run in alternative.bigram_phrases]),
            PlainText(alternative.kana_token) if alternative.kana_token else None,
        ],
    )


def build_query(analysed: AnalysedQuery) -> SearchQuery | None:
    """The modelsearch query tree for an analysed query (None when nothing is left to search)."""
    return _combine(
        And,
        [
            _combine(Or, [_alternative_query(alternative) for alternative in term.alternatives])
            for term in analysed.terms
        ],
    )


def build_autocomplete_query(text: str) -> SearchQuery | None:
    """Prefix query: every typed part must start a token; the backend marks the last as prefix."""
    terms = autocomplete_terms(text)
    return PlainText(" ".join(terms)) if terms else None


class JapaneseQueryMixin:
    """Turns query strings into analysed query trees before Wagtail's database backends run them."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if isinstance(query, str):
            if query_compiler_class is self.autocomplete_query_compiler_class:
                tree = build_autocomplete_query(query)
            else:
                from search.synonyms import current_synonyms

                tree = build_query(analyse_query(query, current_synonyms()))
            if tree is None:
                query = ""  # the base class answers an empty query with no results
            else:
                query = tree
                kwargs["operator"] = None
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


def _analysed(field, value):
    """A plain ``SearchField``/``AutocompleteField`` value analysed as the Japanese fields are."""
    if not isinstance(value, str) or isinstance(field, (JapaneseSearchField, JapaneseAutocompleteField)):
        return value
    if isinstance(field, AutocompleteField):
        return analyse_for_autocomplete(value)
    if isinstance(field, SearchField):
        return analyse_for_index(value)
    return value


class AnalysingIndexerMixin:
    """Analyses Wagtail's stock search fields too (Page's own title, images, documents, any model
    that used ``index.SearchField``), so every indexed text meets the analysed queries."""

    analyses_japanese = True

    def prepare_field(self, obj, field):
        for prepared in super().prepare_field(obj, field):
            *head, value = prepared
            yield (*head, _analysed(head[0], value))


def _install_indexer(module) -> None:
    """The database backends build their ``ObjectIndexer`` by module-level name inside
    ``add_items``; replace it once with the analysing subclass (no other hook exists)."""
    base = module.ObjectIndexer
    if not getattr(base, "analyses_japanese", False):
        module.ObjectIndexer = type("Japanese" + base.__name__, (AnalysingIndexerMixin, base), {})


def _sqlite_backend_class():
    from modelsearch.backends.database.sqlite import sqlite

    _install_indexer(sqlite)
    return type("JapaneseSQLiteSearchBackend", (JapaneseQueryMixin, sqlite.SQLiteSearchBackend), {})


def _postgres_backend_class():
    from modelsearch.backends.database.postgres import postgres

    _install_indexer(postgres)
    return type("JapanesePostgresSearchBackend", (JapaneseQueryMixin, postgres.PostgresSearchBackend), {})


def _fallback_backend_class():
    from modelsearch.backends.database.fallback import DatabaseSearchBackend

    return type("JapaneseFallbackSearchBackend", (JapaneseQueryMixin, DatabaseSearchBackend), {})


def database_backend_class():
    """The database backend class for the default connection's vendor."""
    if connection.vendor == "postgresql":
        return _postgres_backend_class()
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

        if fts5_available() and fts_table_exists():
            return _sqlite_backend_class()
    return _fallback_backend_class()


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    params = dict(params)
    url = params.pop("SEARCH_URL", None) or getattr(settings, "SEARCH_URL", "")
    if url:
        from search.elasticsearch import elasticsearch_backend

        return elasticsearch_backend(url, params)
    return database_backend_class()(params)
