"""The glossary of fixed terms survives machine translation (wagtail-localize's real dummy translator)."""

import pytest
from wagtail_localize.machine_translators.dummy import translate_html

from translation.glossary import (
    GLOSSARY,
    GLOSSARY_LANGUAGES,
    glossary_language,
    protect_terms,
    restore_terms,
)


def _translate(text: str, language: str) -> str:
    """What the portal's machine translators do: protect the terms, translate, restore."""
    return restore_terms(translate_html(protect_terms(text, language)), language)


def test_every_term_has_every_target_language():
    for term in GLOSSARY:
        assert set(term.translations) == set(GLOSSARY_LANGUAGES), term.japanese
        assert all(term.translations.values()), term.japanese


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "burnable waste"),
        ("zh-hans", "可燃垃圾"),
        ("ko", "타는 쓰레기"),
        ("vi", "rác cháy được"),
        ("pt", "lixo queimável"),
    ],
)
def test_burnable_waste_is_fixed_in_every_language(language, expected):
    draft = _translate("燃やすごみは月曜日です", language)
    assert expected in draft
    assert "燃やすごみ" not in draft
    assert "<gl" not in draft


def test_longest_term_wins():
    protected = protect_terms("認可保育所と保育所", "en")
    assert restore_terms(protected, "en") == "licensed nurseryとnursery"


def test_text_without_terms_is_untouched():
    assert protect_terms("月曜日に出してください", "en") == "月曜日に出してください"


def test_markup_around_terms_survives_translation():
    draft = _translate('<a id="a1">粗大ごみ</a>の申込み', "en")
    assert '<a id="a1">oversized waste</a>' in draft


def test_fixed_translation_is_escaped_as_html():
    assert restore_terms('<gl i="0"/>', "en") == "burnable waste"
    # Placeholders with an unknown index are dropped rather than leaking markup.
    assert restore_terms('x<gl i="9999"/>y', "en") == "xy"


def test_locale_codes_map_onto_glossary_languages():
    assert glossary_language("zh-Hans") == "zh-hans"
    assert glossary_language("zh_hans") == "zh-hans"
    assert glossary_language("pt-BR") == "pt"
    assert glossary_language("EN") == "en"


def test_easy_japanese_and_unknown_languages_get_no_placeholders():
    assert protect_terms("燃やすごみ", "ja-x-easy") == "燃やすごみ"
    assert protect_terms("燃やすごみ", "ne") == "燃やすごみ"
