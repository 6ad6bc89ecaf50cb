"""Search fields whose indexed value is the Japanese-analysed text (see japanese/analysis.py).

Use them in ``search_fields`` in place of Wagtail's ``index.SearchField`` and
``index.AutocompleteField``. Every backend's index holds the analysed tokens: the database
backends (SQLite, PostgreSQL) and Elasticsearch/OpenSearch alike (there in fields split at
spaces only, see search/elasticsearch.py), so all of them find the same pages.
"""

from __future__ import annotations

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


class JapaneseSearchField(index.SearchField):
    def raw_value(self, obj) -> str:
        return as_text(super().get_value(obj))

    def get_value(self, obj):
        return analyse_for_index(self.raw_value(obj))


class JapaneseAutocompleteField(index.AutocompleteField):
    def raw_value(self, obj) -> str:
        return as_text(super().get_value(obj))

    def get_value(self, obj):
        return analyse_for_autocomplete(self.raw_value(obj))
