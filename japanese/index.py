"""Search fields whose indexed value is the Japanese-analysed text (see japanese/analysis.py).

Use them in ``search_fields`` in place of Wagtail's ``index.SearchField`` and
``index.AutocompleteField``. With the database backends (SQLite, PostgreSQL) the index holds
the analysed tokens; with Elasticsearch/OpenSearch (``SEARCH_URL``) the text goes in as written
and the cluster's Japanese analyser does the work (see search/elasticsearch.py).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.html import strip_tags
from modelsearch import index

from japanese.analysis import analyse_for_autocomplete, analyse_for_index


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
