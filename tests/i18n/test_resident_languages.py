"""What a resident sees: やさしい日本語 as a language, the not-yet-translated notice, ふりがな,
dates and numbers in each locale's style."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import formats, translation
from wagtail.models import Locale

from home.demo import HOME_TEXTS


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_easy_japanese_is_a_language_with_its_own_prefix(client, site_tree):
    response = client.get("/ja-x-easy/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ja-x-easy">' in html
    assert HOME_TEXTS["ja-x-easy"][0] in html
    japanese = client.get("/ja/").content.decode()
    assert '<a href="/ja-x-easy/" lang="ja-x-easy" hreflang="ja-x-easy"' in japanese
    assert ">やさしい日本語</a>" in japanese


def test_untranslated_page_switcher_leads_to_the_japanese_with_a_notice(client, source_page):
    html = client.get("/ja/gomi/").content.decode()
    assert f'href="/vi/-/untranslated/{source_page.pk}/"' in html

    response = client.get(f"/vi/-/untranslated/{source_page.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert 'class="translation-notice"' in html
    assert "ごみの出し方" in html  # the Japanese content
    assert '<div class="container" lang="ja">' in html
    assert response["X-Robots-Tag"] == "noindex"


def test_notice_offers_the_easy_japanese_version_when_there_is_one(client, source_page, translate, editor):
    translate(source_page, "ja-x-easy", user=editor, publish=True)
    html = client.get(f"/en/-/untranslated/{source_page.pk}/").content.decode()
    assert 'href="/ja-x-easy/gomi/" hreflang="ja-x-easy"' in html


def test_notice_has_no_easy_link_without_an_easy_version(client, source_page):
    html = client.get(f"/en/-/untranslated/{source_page.pk}/").content.decode()
    assert 'hreflang="ja-x-easy">' not in html.split('class="translation-notice"')[1].split("</aside>")[0]


def test_untranslated_view_redirects_to_a_translation_that_exists(client, source_page, translate, editor):
    translate(source_page, "ko", user=editor, publish=True)
    response = client.get(f"/ko/-/untranslated/{source_page.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/ko/gomi/"


def test_untranslated_view_does_not_show_drafts(client, site_tree):
    from home.models import StandardPage

    draft = StandardPage(title="下書き", slug="draft", live=False)
    site_tree.add_child(instance=draft)
    assert client.get(f"/en/-/untranslated/{draft.pk}/").status_code == 404
    assert client.get("/en/-/untranslated/999999/").status_code == 404


def test_furigana_is_off_by_default_and_on_with_the_switch(client, source_page):
    html = client.get("/ja/gomi/").content.decode()
    assert "<ruby>" not in html
    assert 'data-furigana-switch="on"' in html

    response = client.get("/ja/-/furigana/", {"on": "1", "next": "/ja/gomi/"})
    assert response.status_code == 302
    assert response["Location"] == "/ja/gomi/"
    html = client.get("/ja/gomi/").content.decode()
    assert "<ruby>燃<rp>(</rp><rt>も</rt><rp>)</rp></ruby>やすごみ" in html
    assert "<ruby>月曜日<rp>(</rp><rt>げつようび</rt><rp>)</rp></ruby>" in html
    assert 'data-furigana-switch="off"' in html

    client.get("/ja/-/furigana/", {"on": "0", "next": "/ja/gomi/"})
    assert "<ruby>" not in client.get("/ja/gomi/").content.decode()


def test_furigana_query_parameter_and_only_for_japanese(client, source_page, translate, editor):
    assert "<ruby>" in client.get("/ja/gomi/?furigana=1").content.decode()
    translate(source_page, "en", user=editor, publish=True)
    html = client.get("/en/gomi/?furigana=1").content.decode()
    assert "<ruby>" not in html
    assert "data-furigana-switch" not in html


def test_furigana_switch_refuses_to_redirect_off_site(client, site_tree):
    response = client.get("/ja/-/furigana/", {"on": "1", "next": "https://evil.example/"})
    assert response["Location"] == "/ja/"


def test_furigana_escapes_page_text(client, site_tree):
    from home.models import StandardPage

    page = StandardPage(title="<b>申請</b>の案内", slug="shinsei")
    site_tree.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/ja/shinsei/?furigana=1").content.decode()
    assert "<b>" not in html.split("<main")[1]
    assert "&lt;b&gt;" in html
    assert "<rt>しんせい</rt>" in html


@pytest.mark.parametrize(
    ("language", "date_text", "weekday", "number"),
    [
        ("ja", "2026年11月30日", "月曜日", "1,234,567.5"),
        ("ja-x-easy", "2026年11月30日", "月曜日", "1,234,567.5"),
        ("en", "Nov. 30, 2026", "Monday", "1,234,567.5"),
        ("ko", "2026년 11월 30일", "월요일", "1,234,567.5"),
        ("vi", "Ngày 30 tháng 11 năm 2026", "Thứ Hai", "1234567,5"),
        ("pt", "30 de Novembro de 2026", "Segunda-feira", "1.234.567,5"),
        ("zh-hans", "2026年11月30日", "星期一", "1234567.5"),
    ],
)
def test_dates_weekdays_and_numbers_in_each_locale_style(language, date_text, weekday, number):
    day = dt.date(2026, 11, 30)
    with translation.override(language):
        assert formats.date_format(day) == date_text
        assert formats.date_format(day, "l") == weekday
        assert formats.number_format(1234567.5, decimal_pos=1, use_l10n=True, force_grouping=True) == number


def test_every_content_language_has_a_locale(site_tree):
    codes = set(Locale.objects.values_list("language_code", flat=True))
    assert codes == {"ja", "en", "zh-hans", "ko", "vi", "pt", "ja-x-easy"}


def test_furigana_is_computed_once_and_served_from_the_cache():
    import hashlib

    from home.templatetags.i18n_extras import cached_furigana

    html = "<p>避難所は市役所の近くです。</p>"
    key = "furigana:" + hashlib.sha256(html.encode()).hexdigest()
    assert cache.get(key) is None
    first = cached_furigana(html)
    assert "<rt>ひなんじょ</rt>" in first
    assert cache.get(key) == first
    # A later call reads the cache instead of analysing again.
    cache.set(key, "cached")
    assert cached_furigana(html) == "cached"
