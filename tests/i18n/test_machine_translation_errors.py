"""Machine translation that cannot work says so to the translator: an unreachable engine is a
message in the editor (nothing saved), no configured engine is explained where the button would be."""

from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation

UNREACHABLE = {
    "CLASS": "translation.machine.GlossaryDeepLTranslator",
    # Port 9 (discard) on this machine refuses the connection: a real network failure.
    "OPTIONS": {"AUTH_KEY": "not-a-key", "API_URL": "http://127.0.0.1:9/v2/translate"},
}
NO_ENGINE = "機械翻訳は使えません。翻訳エンジンが設定されていません"


def _start(client, translator, page, code):
    client.force_login(translator)
    response = client.post(reverse("translation_start", args=[page.pk]), {"locale": code})
    assert response.status_code == 302
    return page.get_translation(Locale.objects.get(language_code=code))


def test_unreachable_engine_is_a_japanese_message_not_a_server_error(client, settings, source_page, translator):
    vi_page = _start(client, translator, source_page, "vi")
    translation = Translation.objects.get(source__object_id=source_page.translation_key, target_locale=vi_page.locale)
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = UNREACHABLE
    edit_url = reverse("wagtailadmin_pages:edit", args=[vi_page.pk])
    response = client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]) + f"?next={edit_url}")
    assert response.status_code == 302
    assert response["Location"] == edit_url
    html = client.get(edit_url).content.decode()
    assert "DeepL に接続できなかったため、何も翻訳されませんでした。" in html
    assert not StringTranslation.objects.filter(locale=vi_page.locale).exists()


def test_editor_explains_why_there_is_no_machine_translation(client, settings, source_page, translator):
    vi_page = _start(client, translator, source_page, "vi")
    edit_url = reverse("wagtailadmin_pages:edit", args=[vi_page.pk])
    assert NO_ENGINE not in client.get(edit_url).content.decode()  # the test settings have one

    del settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR
    assert NO_ENGINE in client.get(edit_url).content.decode()
