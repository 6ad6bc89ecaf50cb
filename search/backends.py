"""Search backends that analyse queries exactly as japanese/analysis.py analyses the index.

``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends"`` picks, through
:func:`SearchBackend`:

- without ``SEARCH_URL``: Wagtail's database backend for the connection's vendor (SQLite FTS5
  or PostgreSQL), subclassed so that a query string becomes the analysed query tree
  (words as phrases, bigram phrases, kana readings, synonyms; see :func:`build_query`);
- with ``SEARCH_URL`` (``elasticsearch…``/``opensearch…``): the Elasticsearch/OpenSearch
  backend (``search/elasticsearch.py``), fed the same analysed tokens and queried with the same
  analysed tree, so it finds what the database backends find.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connection
from django.db.models import Count, FloatField, Func
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText, SearchQuery

from japanese.analysis import (
    AnalysedQuery,
    QueryAlternative,
    analyse_for_autocomplete,
    analyse_for_index,
    analyse_query,
    autocomplete_terms,
)
from japanese.index import JapaneseAutocompleteField, JapaneseSearchField


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


#: While :func:`shared_matches` is active: {(SQL, params) of a ``MATCH``: its rows,
#: ("tree", query): its analysed tree}; else None.
_shared: ContextVar[dict | None] = ContextVar("search_shared_matches", default=None)


@contextmanager
def shared_matches():
    """Within the block, each distinct FTS ``MATCH`` runs once: a site search looks for the same
    words in every kind (and each word of a question alone), and the rows of one ``MATCH`` are
    of every kind; each query string is analysed once. Outside it every search runs its own."""
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def search_memo() -> dict | None:
    """The dict that lives as long as the current :func:`shared_matches` block (None outside one),
    for what one search computes once (keys are tuples whose first item names the use)."""
    return _shared.get()


class JapaneseQueryMixin:
    """Turns query strings into analysed query trees before Wagtail's database backends run them."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if isinstance(query, str):
            if query_compiler_class is self.autocomplete_query_compiler_class:
                tree = build_autocomplete_query(query)
            else:
                tree = _query_tree(query)
            if tree is None:
                query = ""  # the base class answers an empty query with no results
            else:
                query = tree
                kwargs["operator"] = None
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


def _query_tree(query: str) -> SearchQuery | None:
    """The analysed tree of *query*; within :func:`shared_matches`, analysed once per search
    (a site search runs the same words in every kind)."""
    from search.synonyms import current_synonyms

    cache = _shared.get()
    key = ("tree", query)
    if cache is not None and key in cache:
        return cache[key]
    tree = build_query(analyse_query(query, current_synonyms()))
    if cache is not None:
        cache[key] = tree
    return tree


def analysed_value(field, value):
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
            yield (*head, analysed_value(head[0], value))


def _install_indexer(module) -> None:
    """The database backends build their ``ObjectIndexer`` by module-level name inside
    ``add_items``; replace it once with the analysing subclass (no other hook exists)."""
    base = module.ObjectIndexer
    if not getattr(base, "analyses_japanese", False):
        module.ObjectIndexer = type("Japanese" + base.__name__, (AnalysingIndexerMixin, base), {})


#: FTS5 bm25 column weights of the index table's columns (autocomplete, body, title): a word in
#: the title counts five times a word in the body (Wagtail's stock ranking weighs them equally).
BM25_WEIGHTS = "1.0, 1.0, 5.0"


class WeightedBM25(Func):
    """FTS5's ``bm25()`` of the FTS table in the same statement, with :data:`BM25_WEIGHTS`."""

    output_field = FloatField()

    def __init__(self, table: str):
        self.table = table
        super().__init__()

    def as_sql(self, compiler, connection, **extra_context):
        return f"bm25({self.table}, {BM25_WEIGHTS})", []


def _all_matches(key: tuple, rows: Callable) -> list[tuple]:
    """(object id, content type id, weighted bm25) of every FTS row that ``rows()`` matches;
    within :func:`shared_matches`, once per *key* (the search's kind of query and query tree)."""
    cache = _shared.get()
    if cache is not None and key in cache:
        return cache[key]
    matching = rows()
    found = list(
        matching.annotate(score=WeightedBM25(matching.model._meta.db_table)).values_list(
            "index_entry__object_id", "index_entry__content_type_id", "score"
        )
    )
    if cache is not None:
        cache[key] = found
    return found


def normalize_query(query):
    from modelsearch.backends.database.sqlite.query import normalize

    return normalize(query)


class SingleMatchMixin:
    """Runs SQLite's FTS5 ``MATCH`` a fixed number of times per search instead of once per
    candidate row.

    The stock compiler orders by a score subquery correlated with every row of the searched
    queryset, so each row re-runs the ``MATCH``: seconds to minutes at 10,000 pages. Here the
    scores come from one statement, the queryset's own filters (locale, live, type) apply through
    an uncorrelated ``pk IN (…)`` (a second ``MATCH``, evaluated once), and only the requested
    slice is fetched.
    """

    @cached_property
    def _content_types(self) -> list[int]:
        """The searched model's content type and its subclasses' (one lookup per search)."""
        from modelsearch.utils import get_descendants_content_types_pks

        memo = _shared.get()
        key = ("content types", self.queryset.model)
        if memo is None or key not in memo:
            found = get_descendants_content_types_pks(self.queryset.model)
            if memo is None:
                return found
            memo[key] = found
        return memo[key]

    def _rows(self, config):
        """The FTS rows matching the query, or None (MatchAll, Not).

        The ``MATCH`` sits alone in the innermost subquery: joined to the index entries, SQLite's
        planner starts from the entries (by content type) and re-runs the ``MATCH`` per entry.
        """
        from modelsearch.backends.database.sqlite.query import MatchExpression, SQLiteFTSIndexEntry, normalize

        query = normalize(self.query)
        if isinstance(query, (MatchAll, Not)):
            return None
        # The FTS table's own columns: ``fields`` name model fields (an admin listing's
        # ``search_fields = ["name"]``), which are not columns of it; matching the whole indexed
        # text of the object finds by name too (the stock compiler fails with "no such column").
        return SQLiteFTSIndexEntry.objects.filter(
            MatchExpression(self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
        )

    def _matches(self, config):
        """(the FTS rows matching the query, the queryset restricted to them), or None."""
        from modelsearch.backends.database.sqlite.query import SQLiteFTSIndexEntry

        rows = self._rows(config)
        if rows is None:
            return None
        entries = SQLiteFTSIndexEntry._meta.get_field("index_entry").related_model.objects.filter(
            pk__in=rows.values("pk"),
            content_type__in=self._content_types,
        )
        return rows, self.queryset.filter(pk__in=entries.values("object_id"))

    def _scores(self, config) -> dict:
        """Object pk -> score (lower is better, as FTS5's bm25), from one ``MATCH``: the FTS table
        is scanned first, each match then finds its entry by primary key. Within
        :func:`shared_matches`, the matches of one ``MATCH`` serve every kind searched."""
        content_types = set(self._content_types)
        to_pk = self.queryset.model._meta.pk.to_python
        key = ("match", type(self).__name__, tuple(self.FTS_TABLE_FIELDS), repr(self.query))
        scores: dict = {}
        for object_id, content_type, score in _all_matches(key, lambda: self._rows(config)):
            if content_type in content_types:
                pk = to_pk(object_id)
                scores[pk] = min(score or 0.0, scores.get(pk, 0.0))
        return scores

    def search(self, config, start, stop, score_field=None):
        if isinstance(normalize_query(self.query), (MatchAll, Not)):
            return super().search(config, start, stop, score_field=score_field)
        if not self.order_by_relevance:
            _rows, queryset = self._matches(config)
            if not queryset.query.order_by:
                queryset = queryset.order_by("-pk")
            if score_field is None:
                return queryset[start:stop]
            objects = list(queryset[start:stop])
            scores = self._scores(config)
        else:
            scores = self._scores(config)
            if not scores:  # the word is nowhere in this kind: no query of the queryset
                self._matched = 0
                return []
            # The queryset's filters on the matched objects only: their keys as one JSON parameter
            # (no second ``MATCH``, and no limit on the number of SQL parameters).
            matched = RawSQL("SELECT value FROM json_each(%s)", (json.dumps(list(scores), default=str),))
            allowed = self.queryset.filter(pk__in=matched).order_by().values_list("pk", flat=True)
            ranked = sorted(allowed, key=lambda pk: (scores.get(pk, 0.0), -pk if isinstance(pk, int) else 0))
            self._matched = len(ranked)  # the count of this search, without a second MATCH
            page = ranked[start:stop]
            found = {obj.pk: obj for obj in self.queryset.filter(pk__in=page)}
            objects = [found[pk] for pk in page if pk in found]
        if score_field is not None:
            for obj in objects:
                setattr(obj, score_field, scores.get(obj.pk))
        return objects

    def count(self, config) -> int:
        if getattr(self, "_matched", None) is not None:  # ranked already: every match was listed
            return self._matched
        matches = self._matches(config)
        if matches is None:  # MatchAll / Not: the stock compiler's queryset counts right
            return super().search(config, None, None).count()
        return matches[1].count()


class SingleMatchResultsMixin:
    def facet(self, field_name):
        """Counts per value of *field_name* among the matches (the admin's page search counts
        page types): from the matching queryset, which the ranked search does not return."""
        compiler = self.query_compiler
        if compiler._get_filterable_field(field_name) is None:
            return super().facet(field_name)  # the stock FilterFieldError naming the field
        matches = compiler._matches(compiler.get_config(self.backend))
        queryset = compiler.queryset if matches is None else matches[1]
        counts = queryset.order_by().values(field_name).annotate(count=Count("pk")).order_by("-count")
        return OrderedDict((row[field_name], row["count"]) for row in counts)

    def _do_count(self):
        """Matches within the slice, as the stock results count a sliced queryset."""
        total = self.query_compiler.count(self.query_compiler.get_config(self.backend))
        stop = total if self.stop is None else min(total, self.stop)
        return max(0, stop - self.start)


def _sqlite_backend_class():
    from modelsearch.backends.database.sqlite import sqlite

    _install_indexer(sqlite)
    compiler = type("JapaneseSQLiteSearchQueryCompiler", (SingleMatchMixin, sqlite.SQLiteSearchQueryCompiler), {})
    autocomplete = type(
        "JapaneseSQLiteAutocompleteQueryCompiler", (SingleMatchMixin, sqlite.SQLiteAutocompleteQueryCompiler), {}
    )
    return type(
        "JapaneseSQLiteSearchBackend",
        (JapaneseQueryMixin, sqlite.SQLiteSearchBackend),
        {
            "query_compiler_class": compiler,
            "autocomplete_query_compiler_class": autocomplete,
            "results_class": type(
                "JapaneseSQLiteSearchResults", (SingleMatchResultsMixin, sqlite.SQLiteSearchResults), {}
            ),
        },
    )


class WholeIndexedTextMixin:
    """A search restricted to some fields (an admin listing's ``search_fields = ["name"]``)
    matches the object's whole analysed index entry, as on SQLite (:class:`SingleMatchMixin`).

    Wagtail's PostgreSQL backend searches named fields in their raw columns, which the Japanese
    analysis never saw: コミュニティ found nothing in a category named コミュニティセンター.
    """

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        kwargs["fields"] = None
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


def _postgres_backend_class():
    from modelsearch.backends.database.postgres import postgres

    _install_indexer(postgres)
    return type(
        "JapanesePostgresSearchBackend",
        (WholeIndexedTextMixin, JapaneseQueryMixin, postgres.PostgresSearchBackend),
        {},
    )


def _fallback_backend_class():
    from modelsearch.backends.database.fallback import DatabaseSearchBackend

    return type("JapaneseFallbackSearchBackend", (JapaneseQueryMixin, DatabaseSearchBackend), {})


_sqlite_fts_found = False


def database_backend_class():
    """The database backend class for the default connection's vendor."""
    global _sqlite_fts_found
    if connection.vendor == "postgresql":
        return _postgres_backend_class()
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

        # Looked up until found (a query each time): a migration makes the table, nothing drops it.
        _sqlite_fts_found = _sqlite_fts_found or (fts5_available() and fts_table_exists())
        if _sqlite_fts_found:
            return _sqlite_backend_class()
    return _fallback_backend_class()


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    params = dict(params)
    if params.pop("DATABASE", False):  # the database index kept beside the search service (search/fallback.py)
        return database_backend_class()(params)
    url = params.pop("SEARCH_URL", None) or getattr(settings, "SEARCH_URL", "")
    if url:
        from search.elasticsearch import elasticsearch_backend

        return elasticsearch_backend(url, params)
    return database_backend_class()(params)
