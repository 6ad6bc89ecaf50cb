from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from wagtail.models import Locale

from home.factories import AlertBannerFactory
from home.models import AlertBanner


def banner_html(client, path="/ja/"):
    return client.get(path).content.decode()


def test_enabled_banner_shows_on_every_page(client, site_tree):
    AlertBannerFactory(message="避難指示が出ています", severity=AlertBanner.Severity.EMERGENCY)
    for path in ["/ja/", "/ja/no-such-page/", "/ja/search/"]:
        html = banner_html(client, path)
        assert "避難指示が出ています" in html
        assert 'class="alert-banner alert-banner--emergency"' in html
        assert 'role="alert"' in html


@pytest.mark.parametrize(
    ("starts", "ends", "shown"),
    [
        (None, None, True),
        (-1, None, True),
        (+1, None, False),  # not started yet
        (None, -1, False),  # already over
        (-2, +2, True),
        (-2, -1, False),
    ],
)
def test_banner_shows_only_inside_its_time_window(client, site_tree, starts, ends, shown):
    now = timezone.now()
    AlertBannerFactory(
        message="窓口の受付時間を変更します",
        starts_at=now + timedelta(hours=starts) if starts is not None else None,
        ends_at=now + timedelta(hours=ends) if ends is not None else None,
    )
    assert ("窓口の受付時間を変更します" in banner_html(client)) is shown


def test_switched_off_banner_is_hidden(client, site_tree):
    AlertBannerFactory(message="テスト表示", enabled=False)
    assert "テスト表示" not in banner_html(client)


def test_banner_text_is_escaped(client, site_tree):
    AlertBannerFactory(
        message='<script>alert("x")</script>断水のお知らせ',
        link_url="https://example.jp/water",
        link_text="<b>詳しく</b>",
    )
    html = banner_html(client)
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;断水のお知らせ" in html
    assert "&lt;b&gt;詳しく&lt;/b&gt;" in html


def test_untranslated_banner_shows_in_japanese_on_other_languages(client, site_tree):
    AlertBannerFactory(message="大雨警報")
    html = banner_html(client, "/en/")
    assert "大雨警報" in html
    assert 'lang="ja"' in html


def test_without_easy_japanese_a_language_with_no_text_shows_the_japanese_banner(client, site_tree):
    banner = AlertBannerFactory(message="大雨警報")
    add_text(banner, "en", "Heavy rain warning", "")
    korean = banner_html(client, "/ko/")
    assert 'lang="ja"' in message_element(korean, "大雨警報")
    assert "Heavy rain warning" not in korean


def test_translated_banner_replaces_the_japanese_one(client, site_tree):
    source = AlertBannerFactory(message="大雨警報")
    english = source.copy_for_translation(Locale.objects.get(language_code="en"))
    english.message = "Heavy rain warning"
    english.save()
    html = banner_html(client, "/en/")
    assert "Heavy rain warning" in html
    assert "大雨警報" not in html
    assert "大雨警報" in banner_html(client, "/ja/")


def test_edited_banner_gets_a_new_dismiss_key(site_tree):
    banner = AlertBannerFactory()
    key = banner.dismiss_key
    banner.updated_at = banner.updated_at + timedelta(seconds=5)
    assert banner.dismiss_key != key


def test_banner_queries_do_not_grow_with_banners(client, site_tree, django_assert_max_num_queries):
    client.get("/ja/")  # warm caches (site root paths, settings)
    AlertBannerFactory()
    with django_assert_max_num_queries(40) as one:  # the home page of a city site, menus and panels
        client.get("/ja/")
    AlertBannerFactory.create_batch(10)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/ja/")


# -- one banner, every language (issue 17) -----------------------------------------------------


def add_text(banner, code, message, link_text=""):
    """The banner's text in *code*, as the banner's form writes it."""
    row = banner.copy_for_translation(Locale.objects.get(language_code=code))
    row.message, row.link_text = message, link_text
    row.save()
    return row


def message_element(html, message):
    """The opening tag of the <p> holding *message*."""
    before = html[: html.index(message)]
    return before[before.rindex("<p") :]


def test_each_language_page_shows_its_own_text_and_easy_japanese_where_it_has_none(client, site_tree):
    banner = AlertBannerFactory(message="大雨警報", link_url="https://example.jp/ame", link_text="詳しく")
    add_text(banner, "en", "Heavy rain warning", "More")
    add_text(banner, "ja-x-easy", "おおあめ けいほう")

    english = banner_html(client, "/en/")
    assert "Heavy rain warning" in english
    assert "大雨警報" not in english
    assert "lang=" not in message_element(english, "Heavy rain warning")  # English, as the page says
    assert '<a href="https://example.jp/ame">More</a>' in english

    easy = banner_html(client, "/ja-x-easy/")
    assert "おおあめ けいほう" in easy
    assert "lang=" not in message_element(easy, "おおあめ けいほう")
    assert '<a href="https://example.jp/ame" lang="ja-x-easy">くわしく</a>' in easy  # no link text: the page's word

    korean = banner_html(client, "/ko/")  # no Korean text: the やさしい日本語 one, marked so
    assert 'lang="ja-x-easy"' in message_element(korean, "おおあめ けいほう")
    assert "大雨警報" not in korean

    japanese = banner_html(client, "/ja/")
    assert "大雨警報" in japanese
    assert "Heavy rain warning" not in japanese
    assert "lang=" not in message_element(japanese, "大雨警報")


def test_the_japanese_banner_decides_when_every_language_shows(client, site_tree):
    banner = AlertBannerFactory(message="断水のお知らせ")
    english = add_text(banner, "en", "Water outage")
    banner.enabled = False
    banner.save()
    assert "Water outage" not in banner_html(client, "/en/")
    assert "断水のお知らせ" not in banner_html(client, "/en/")

    banner.enabled = True
    banner.ends_at = timezone.now() - timedelta(minutes=1)
    banner.save()
    english.enabled, english.ends_at = True, None  # a translation's own copy of the window is not read
    english.save()
    assert "Water outage" not in banner_html(client, "/en/")


def test_a_banner_written_in_one_language_only_shows_on_that_language_only(client, site_tree):
    AlertBannerFactory(message="Road closed on Route 11", locale=Locale.objects.get(language_code="en"))
    assert "Road closed on Route 11" in banner_html(client, "/en/")
    assert "Road closed on Route 11" not in banner_html(client, "/ja/")
    assert "Road closed on Route 11" not in banner_html(client, "/vi/")


def test_a_banner_ending_before_or_when_it_starts_is_refused_in_japanese(site_tree):
    now = timezone.now()
    for ends in (now - timedelta(hours=1), now):
        banner = AlertBannerFactory.build(starts_at=now, ends_at=ends)
        with translation.override("ja"), pytest.raises(ValidationError) as refused:
            banner.full_clean()
        assert refused.value.message_dict == {
            "ends_at": ["終了日時は開始日時より後にしてください（このままでは表示されません）。"]
        }
    AlertBannerFactory.build(starts_at=now, ends_at=now + timedelta(minutes=1)).full_clean()
    AlertBannerFactory.build(starts_at=None, ends_at=now - timedelta(hours=1)).full_clean()  # over, but valid


@pytest.mark.parametrize(
    ("starts", "ends", "enabled", "showing"),
    [
        (None, None, True, "表示中"),
        (-1, +1, True, "表示中"),
        (+1, None, True, "予定"),
        (-2, -1, True, "終了"),
        (-1, +1, False, "停止中"),
    ],
)
def test_showing_says_whether_the_banner_is_on_the_site(starts, ends, enabled, showing):
    now = timezone.now()
    banner = AlertBanner(
        enabled=enabled,
        starts_at=now + timedelta(hours=starts) if starts is not None else None,
        ends_at=now + timedelta(hours=ends) if ends is not None else None,
    )
    with translation.override("ja"):
        assert str(banner.showing_label) == showing
