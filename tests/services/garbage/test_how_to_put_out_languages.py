"""出し方 in every language of the portal: the demo's facts, the page, the API, and the fallback.

The demo (services.garbage.demo) writes each category's facts in ja and en (demo_guides) and in
zh-hans, ko, vi, pt and ja-x-easy (demo_guides_languages, translated from the Japanese text). A
fact with no translation is shown in Japanese, marked so, never as an empty block.
"""

import pytest
from wagtail.models import Locale

from services.garbage.demo_guides import GUIDES
from services.garbage.demo_guides_languages import CATEGORY_NAMES, FACTS, LANGUAGES
from services.garbage.models import GarbageCalendarPage, GarbageCategory

BAG_JA = "指定収集袋（口をしばる）"  # 高松市 燃やせるごみ, from 0074.csv


def test_every_japanese_fact_and_category_name_of_the_demo_is_translated_into_every_language():
    for code, categories in GUIDES.items():
        for name, texts in categories.items():
            assert set(CATEGORY_NAMES.get(name, {})) == set(LANGUAGES), (code, name)
            for field, text in texts["ja"].items():
                translations = FACTS.get(text, {})
                assert set(translations) == set(LANGUAGES), (code, name, field)
                assert all(value.strip() and value != text for value in translations.values()), (code, name, field)
    # やさしい日本語: short sentences (no sentence over 40 characters) in the easy texts.
    for translations in FACTS.values():
        for sentence in translations["ja-x-easy"].split("。"):
            assert len(sentence) <= 60, sentence


@pytest.mark.parametrize(
    ("language", "bag", "name"),
    [
        ("zh-hans", "市指定的垃圾袋（把袋口扎紧）", "可燃垃圾"),
        ("ko", "시 지정 수거 봉투(입구를 묶어서)", "타는 쓰레기"),
        ("vi", "Túi rác do thành phố chỉ định (buộc kín miệng túi)", "Rác cháy được"),
        ("pt", "Saco de coleta indicado pela cidade (bem fechado)", "Lixo queimável"),
        ("ja-x-easy", "しが きめた ふくろ。ふくろの くちを しばります。", "もやせる ごみ"),
    ],
)
def test_the_page_and_the_api_say_how_to_put_it_out_in_the_residents_language(client, takamatsu, language, bag, name):
    page = GarbageCalendarPage.objects.get(locale__language_code=language)
    html = client.get(page.url).content.decode()
    assert bag in html and name in html
    assert BAG_JA not in html
    assert "data-garbage-howto-untranslated" not in html  # every fact is translated
    data = client.get("/api/v1/garbage/items", {"q": "布団", "municipality": "372013", "locale": language}).json()
    category = data["items"][0]["category"]
    assert (category["name"], category["how_to_put_out"]["bag"]) == (name, bag)


def test_a_missing_translation_falls_back_to_japanese_and_the_page_says_so(client, takamatsu):
    source = GarbageCategory.objects.get(municipality=takamatsu, locale=Locale.get_default(), name="燃やせるごみ")
    korean = source.get_translation(Locale.objects.get(language_code="ko"))
    kept = korean.bag
    korean.bag = ""
    korean.save()
    try:
        page = GarbageCalendarPage.objects.get(locale__language_code="ko")
        html = client.get(page.url).content.decode()
        assert f'<dd lang="ja">{BAG_JA}</dd>' in html
        assert "data-garbage-howto-untranslated" in html
        assert "번역되지 않았습니다" in html  # the note, in Korean
        data = client.get("/api/v1/garbage/items", {"q": "布団", "municipality": "372013", "locale": "ko"}).json()
        assert data["items"][0]["category"]["how_to_put_out"]["bag"] == BAG_JA
    finally:
        korean.bag = kept
        korean.save()
