"""Search fields whose indexed value is the Japanese-analysed text (see search/analysis.py)."""

from modelsearch import index


def _analysed(value) -> str:
    try:
        from search.analysis import analyse_for_index
    except ImportError:  # until the analysis module lands
        import unicodedata

        def analyse_for_index(text):
            return unicodedata.normalize("NFKC", text)

    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = " ".join(str(item) for item in value)
    return analyse_for_index(str(value))


class JapaneseSearchField(index.SearchField):
    def get_value(self, obj):
        return _analysed(super().get_value(obj))


class JapaneseAutocompleteField(index.AutocompleteField):
    def get_value(self, obj):
        return _analysed(super().get_value(obj))
