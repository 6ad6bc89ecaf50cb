"""Search fields whose indexed value is the Japanese-analysed text (see search/analysis.py).

Use them in ``search_fields`` in place of Wagtail's ``index.SearchField`` and
``index.AutocompleteField``. With the database backends (SQLite, PostgreSQL) the index holds
the analysed tokens; with Elasticsearch/OpenSearch (``SEARCH_URL``) the text goes in as written
and the cluster's Japanese analyser does the work (see search/elasticsearch.py).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.html import strip_tags
from modelsearch import index

from search.analysis import analyse_for_autocomplete, analyse_for_index


def as_text(value) -> str:
    """A field value as plain text (lists joined, HTML tags removed)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(as_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(as_text(item) for item in value.values())
    text = str(value)
    return strip_tags(text) if "<" in text else text


def _engine_analyses() -> bool:
    """True when the search engine analyses text itself (Elasticsearch/OpenSearch)."""
    return bool(getattr(settings, "SEARCH_URL", ""))


class JapaneseSearchField(index.SearchField):
    def raw_value(self, obj) -> str:
        return as_text(super().get_value(obj))

    def get_value(self, obj):
        text = self.raw_value(obj)
        return text if _engine_analyses() else analyse_for_index(text)


class JapaneseAutocompleteField(index.AutocompleteField):
    def raw_value(self, obj) -> str:
        return as_text(super().get_value(obj))

    def get_value(self, obj):
        text = self.raw_value(obj)
        return text if _engine_analyses() else analyse_for_autocomplete(text)


def index_objects(objects) -> None:
    """Add objects written with ``bulk_create`` (which sends no signals) to every search backend,
    so imported data is searchable at once without ``update_index``."""
    from collections import defaultdict

    from wagtail.search.backends import get_search_backends

    by_model = defaultdict(list)
    for obj in objects:
        by_model[obj._meta.model].append(obj)
    for backend in get_search_backends(with_auto_update=True):
        for model, batch in by_model.items():
            backend.add_bulk(model, batch)
