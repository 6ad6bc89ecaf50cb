from datetime import timedelta

import pytest
from django.utils import timezone
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
