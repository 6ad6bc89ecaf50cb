"""A translation stays a draft until it is published: "Translate this page" creates a page that is
not live, residents on its URL read the Japanese page with a notice in their language, and the
status board counts it as 翻訳中 (in translation), not 公開済み."""

from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation

from tests.i18n.conftest import save_translation
from translation.status import IN_PROGRESS, PUBLISHED, status_boards


def _translate_this_page(client, editor, page, code):
    """What an editor's "Translate this page" does in the admin."""
    client.force_login(editor)
    locale = Locale.objects.get(language_code=code)
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [locale.pk]}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    client.logout()
    return page.get_translation(locale)


def _state(page, code):
    board = next(board for board in status_boards() if board.locale.language_code == code)
    return next(row.state for row in board.rows if row.source.pk == page.pk)


def _translate_every_string(page_in_locale, prefix):
    translation = Translation.objects.get(
        source__object_id=page_in_locale.translation_key, target_locale=page_in_locale.locale
    )
    for segment in translation.source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=page_in_locale.locale,
            context=segment.context,
            defaults={"data": f"{prefix} {segment.string.data}"},
        )
    return translation


def test_translate_this_page_makes_a_draft_counted_in_translation(client, source_page, editor):
    en_page = _translate_this_page(client, editor, source_page, "en")
    assert not en_page.live
    assert _state(source_page, "en") == IN_PROGRESS


def test_resident_on_a_draft_translation_reads_japanese_with_a_notice(client, source_page, editor):
    en_page = _translate_this_page(client, editor, source_page, "en")
    response = client.get(en_page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert '<html lang="en">' in html
    assert "This page has not been translated into your language yet." in html
    # The Japanese content sits inside an element marked lang="ja", never under lang="en" alone.
    japanese = html.split('lang="ja">', 1)[1]
    assert "燃やすごみは月曜日と木曜日に出してください。" in japanese
    assert "燃やすごみは月曜日と木曜日に出してください。" not in html.split('lang="ja">', 1)[0]


def test_notice_is_in_the_readers_language(client, source_page, editor):
    ko_page = _translate_this_page(client, editor, source_page, "ko")
    html = client.get(ko_page.url).content.decode()
    assert '<html lang="ko">' in html
    assert "This page has not been translated into your language yet." not in html
    assert "燃やすごみは月曜日と木曜日に出してください。" in html


def test_published_translation_replaces_the_notice(client, source_page, editor):
    en_page = _translate_this_page(client, editor, source_page, "en")
    save_translation(_translate_every_string(en_page, "EN"), user=editor, publish=True)
    en_page.refresh_from_db()
    assert en_page.live
    response = client.get(en_page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "X-Robots-Tag" not in response
    assert "This page has not been translated" not in html
    assert "EN 燃やすごみは月曜日と木曜日に出してください。" in html
    assert _state(source_page, "en") == PUBLISHED


def test_draft_translation_of_an_unpublished_source_is_not_found(client, source_page, editor):
    en_page = _translate_this_page(client, editor, source_page, "en")
    url = en_page.url
    source_page.unpublish()
    assert client.get(url).status_code == 404


def test_translator_starts_a_translation_from_the_board(client, source_page, translator):
    client.force_login(translator)
    board = client.get(reverse("translation_status") + "?locale=en").content.decode()
    start_url = reverse("translation_start", args=[source_page.pk])
    assert f'action="{start_url}"' in board

    response = client.post(start_url, {"locale": "en"})
    en_page = source_page.get_translation(Locale.objects.get(language_code="en"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[en_page.pk])
    assert not en_page.live
    assert client.get(response["Location"]).status_code == 200  # the translation editor opens
    assert _state(source_page, "en") == IN_PROGRESS


def test_translator_of_another_city_cannot_start_a_translation(client, source_page, make_user):
    from home.cities import setup_city
    from home.groups import TRANSLATORS, city_group

    ichikawa = setup_city("122033", "市川市", hostname="ichikawa.example").municipality
    client.force_login(make_user(city_group(TRANSLATORS, ichikawa)))
    response = client.post(reverse("translation_start", args=[source_page.pk]), {"locale": "en"})
    # Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and a message.
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))
    assert source_page.get_translation_or_none(Locale.objects.get(language_code="en")) is None


def test_starting_a_translation_needs_a_translation_language(client, source_page, translator):
    client.force_login(translator)
    start_url = reverse("translation_start", args=[source_page.pk])
    assert client.post(start_url, {"locale": "ja"}).status_code == 404
    assert client.post(start_url, {"locale": "xx"}).status_code == 404
    assert client.get(start_url, {"locale": "en"}).status_code == 405


def _source_strings(translation):
    translation.source.refresh_from_db()
    return {segment.string.data for segment in translation.source.stringsegment_set.select_related("string")}


def test_publishing_the_source_again_brings_the_new_japanese_to_the_translation_editor(
    client, source_page, editor, translate
):
    translation = translate(source_page, "en")
    assert "燃やすごみは月曜日と木曜日に出してください。" in _source_strings(translation)

    source_page.body = [("paragraph", "<p>燃やすごみは火曜日と金曜日に出してください。</p>")]
    source_page.save_revision(user=editor).publish()

    strings = _source_strings(translation)
    assert "燃やすごみは火曜日と金曜日に出してください。" in strings
    assert "燃やすごみは月曜日と木曜日に出してください。" not in strings
    en_page = source_page.get_translation(Locale.objects.get(language_code="en"))
    assert not en_page.live  # the translation is not published by the sync
