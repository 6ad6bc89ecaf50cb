"""Machine translation drafts with the portal's glossary of fixed terms.

wagtail-localize offers a machine draft in its translation editor through the translator named
in ``WAGTAILLOCALIZE_MACHINE_TRANSLATOR``. These subclasses wrap the stock DeepL and dummy
translators: each Japanese string has its glossary terms swapped for placeholder tags before it
is sent, and the fixed translation put back afterwards (``translation.glossary``). The
dummy one (it reverses words) is what the tests use; DeepL is configured when ``DEEPL_API_KEY``
is set (portal/settings/base.py).
"""

from __future__ import annotations

from wagtail_localize.machine_translators.deepl import DeepLTranslator
from wagtail_localize.machine_translators.dummy import DummyTranslator
from wagtail_localize.strings import StringValue

from translation.glossary import protect_terms, restore_terms


class GlossaryMixin:
    """Apply the glossary around the parent translator's ``translate``."""

    def translate(self, source_locale, target_locale, strings):
        language = target_locale.language_code
        protected = [StringValue(protect_terms(string.data, language)) for string in strings]
        translated = super().translate(source_locale, target_locale, protected)
        return {
            original: StringValue(restore_terms(translated[sent].data, language))
            for original, sent in zip(strings, protected, strict=True)
        }


class GlossaryDeepLTranslator(GlossaryMixin, DeepLTranslator):
    """DeepL keeps the placeholder tags: it is called with ``tag_handling=xml``."""

    display_name = "DeepL"


class GlossaryDummyTranslator(GlossaryMixin, DummyTranslator):
    """wagtail-localize's test translator (words reversed), with the glossary applied."""
