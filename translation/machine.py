"""Machine translation drafts with the portal's glossary of fixed terms.

wagtail-localize offers a machine draft in its translation editor through the translator named
in ``WAGTAILLOCALIZE_MACHINE_TRANSLATOR``. These subclasses wrap the stock DeepL and dummy
translators, and a LibreTranslate one (a self-hostable open-source engine a city can run
itself, no key or internet needed): each Japanese string has its glossary terms swapped for
placeholder tags before it is sent, and the fixed translation put back afterwards
(``translation.glossary``). The dummy one (it reverses words) is what most tests use; the engine
is chosen with ``MT_ENGINE`` (``deepl`` with ``DEEPL_API_KEY``, ``libretranslate`` with ``MT_URL``;
portal/settings/base.py).

When the engine cannot be reached or answers with an error, ``translate`` raises
``MachineTranslationUnavailable``; ``translation.middleware`` turns it into a message in the
translator's language on the page they came from, instead of a server error.
"""

from __future__ import annotations

import requests
from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.base import BaseMachineTranslator
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


class LibreTranslateTranslator(BaseMachineTranslator):
    """A LibreTranslate server (or one speaking its protocol): ``POST {URL}/translate`` with
    ``{"q": [...], "source": "ja", "target": "en", "format": "html"}`` answers
    ``{"translatedText": [...]}``. ``OPTIONS``: ``URL`` (required), ``API_KEY`` (for a server
    that asks for one), ``TIMEOUT`` in seconds (30)."""

    display_name = "LibreTranslate"
    # LibreTranslate's codes where Django's differ (its "zh" is simplified Chinese).
    LANGUAGE_CODES = {"zh-hans": "zh"}

    def language_code(self, code: str) -> str:
        code = code.lower()
        return self.LANGUAGE_CODES.get(code, code.split("-")[0])

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        payload = {
            "q": [string.data for string in strings],
            "source": self.language_code(source_locale.language_code),
            "target": self.language_code(target_locale.language_code),
            "format": "html",  # wagtail-localize's strings carry inline tags; the glossary's too
        }
        if self.options.get("API_KEY"):
            payload["api_key"] = self.options["API_KEY"]
        response = requests.post(
            self.options["URL"].rstrip("/") + "/translate", json=payload, timeout=int(self.options.get("TIMEOUT", 30))
        )
        response.raise_for_status()
        texts = response.json()["translatedText"]
        if isinstance(texts, str):
            texts = [texts]
        if len(texts) != len(strings):
            raise ValueError(f"{len(strings)} strings sent, {len(texts)} translations received")
        return {string: StringValue(text) for string, text in zip(strings, texts, strict=True)}

    def can_translate(self, source_locale, target_locale):
        # やさしい日本語 is written by people: ja → ja-x-easy is not a machine's job.
        return self.language_code(source_locale.language_code) != self.language_code(target_locale.language_code)


class GlossaryLibreTranslateTranslator(GlossaryMixin, LibreTranslateTranslator):
    """LibreTranslate with the portal's glossary (its ``html`` format keeps the placeholder tags)."""


class GlossaryDummyTranslator(GlossaryMixin, DummyTranslator):
    """wagtail-localize's test translator (words reversed), with the glossary applied."""
