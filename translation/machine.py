"""Machine translation drafts with the portal's glossary of fixed terms.

wagtail-localize offers a machine draft in its translation editor through the translator named
in ``WAGTAILLOCALIZE_MACHINE_TRANSLATOR``. These subclasses wrap the stock DeepL and dummy
translators: each Japanese string has its glossary terms swapped for placeholder tags before it
is sent, and the fixed translation put back afterwards (``translation.glossary``). The
dummy one (it reverses words) is what the tests use; DeepL is configured when ``DEEPL_API_KEY``
is set (portal/settings/base.py).

When the engine cannot be reached or answers with an error, ``translate`` raises
``MachineTranslationUnavailable``; ``translation.middleware`` turns it into a message in the
translator's language on the page they came from, instead of a server error.
"""

from __future__ import annotations

import requests
from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.deepl import DeepLTranslator
from wagtail_localize.machine_translators.dummy import DummyTranslator
from wagtail_localize.strings import StringValue

from translation.glossary import protect_terms, restore_terms


class MachineTranslationUnavailable(Exception):
    """The machine translation engine could not translate (unreachable, refused the key, broken answer)."""

    def __init__(self, engine: str):
        super().__init__(engine)
        self.engine = engine

    @property
    def message(self) -> str:
        return _("%(engine)s could not be reached, so nothing was translated. Try again later.") % {
            "engine": self.engine
        }


class GlossaryMixin:
    """Apply the glossary around the parent translator's ``translate``."""

    def translate(self, source_locale, target_locale, strings):
        language = target_locale.language_code
        protected = [StringValue(protect_terms(string.data, language)) for string in strings]
        try:
            translated = super().translate(source_locale, target_locale, protected)
        except (requests.RequestException, KeyError, ValueError) as error:
            # RequestException: unreachable, timed out or an HTTP error; KeyError/ValueError: an
            # answer that is not the engine's JSON.
            raise MachineTranslationUnavailable(self.display_name) from error
        return {
            original: StringValue(restore_terms(translated[sent].data, language))
            for original, sent in zip(strings, protected, strict=True)
        }


class GlossaryDeepLTranslator(GlossaryMixin, DeepLTranslator):
    """DeepL keeps the placeholder tags: it is called with ``tag_handling=xml``. ``OPTIONS["API_URL"]``
    names another endpoint (a DeepL-compatible proxy)."""

    display_name = "DeepL"

    def get_api_endpoint(self):
        return self.options.get("API_URL") or super().get_api_endpoint()


class GlossaryDummyTranslator(GlossaryMixin, DummyTranslator):
    """wagtail-localize's test translator (words reversed), with the glossary applied."""
