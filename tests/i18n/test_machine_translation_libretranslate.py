"""Machine drafts from a self-hosted LibreTranslate server, chosen by settings.

A fake server speaking LibreTranslate's /translate protocol runs on a free port of this machine
(real HTTP): it answers ``{"translatedText": [...]}`` for a list of strings, keeping the tags of
``format: html``, as LibreTranslate does. The drafts fill only the strings nobody translated: a
translator's edit stays.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation


class FakeLibreTranslate(BaseHTTPRequestHandler):
    requests: list[dict] = []
    fail_with: int | None = None

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append({"path": self.path, **body})
        if self.path != "/translate":
            return self._answer(404, {"error": "Not Found"})
        if self.fail_with:
            return self._answer(self.fail_with, {"error": "Cannot translate text"})
        texts = body["q"] if isinstance(body["q"], list) else [body["q"]]
        translated = [f"[{body['target']}] {text}" for text in texts]
        self._answer(200, {"translatedText": translated if isinstance(body["q"], list) else translated[0]})

    def _answer(self, status, data):
        payload = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def libretranslate(settings):
    FakeLibreTranslate.requests = []
    FakeLibreTranslate.fail_with = None
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeLibreTranslate)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "translation.machine.GlossaryLibreTranslateTranslator",
        "OPTIONS": {"URL": f"http://127.0.0.1:{server.server_port}/"},
    }
    yield FakeLibreTranslate
    server.shutdown()
    server.server_close()


def _start(client, translator, page, code):
    client.force_login(translator)
    assert client.post(reverse("translation_start", args=[page.pk]), {"locale": code}).status_code == 302
    target = page.get_translation(Locale.objects.get(language_code=code))
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=target.locale)
    return target, translation


def _drafts(translation):
    return {
        segment.string.data: StringTranslation.objects.filter(
            translation_of=segment.string, locale=translation.target_locale, context=segment.context
        )
        .values_list("data", flat=True)
        .first()
        for segment in translation.source.stringsegment_set.select_related("string", "context")
    }


def test_machine_translate_drafts_with_libretranslate_and_keeps_the_translators_edit(
    client, source_page, translator, libretranslate
):
    en_page, translation = _start(client, translator, source_page, "en")
    title = translation.source.stringsegment_set.select_related("string", "context").get(string__data="ごみの出し方")
    StringTranslation.objects.create(
        translation_of=title.string, locale=en_page.locale, context=title.context, data="How to put out garbage"
    )
    edit_url = reverse("wagtailadmin_pages:edit", args=[en_page.pk])
    response = client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]) + f"?next={edit_url}")
    assert response.status_code == 302 and response["Location"] == edit_url

    (sent,) = libretranslate.requests
    assert sent["path"] == "/translate" and (sent["source"], sent["target"], sent["format"]) == ("ja", "en", "html")
    assert "ごみの出し方" not in sent["q"]  # translated by hand: not even sent
    drafts = _drafts(translation)
    assert drafts["ごみの出し方"] == "How to put out garbage"
    # The glossary's fixed term went through the engine as a tag and came back in English.
    assert (
        drafts["燃やすごみは月曜日と木曜日に出してください。"]
        == "[en] burnable wasteは月曜日と木曜日に出してください。"
    )
    assert "LibreTranslate" in client.get(edit_url).content.decode()


def test_chinese_is_asked_for_with_libretranslates_code(client, source_page, translator, libretranslate):
    _page, translation = _start(client, translator, source_page, "zh-hans")
    client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
    assert libretranslate.requests[0]["target"] == "zh"


def test_an_engine_error_is_a_message_and_nothing_is_saved(client, source_page, translator, libretranslate):
    libretranslate.fail_with = 500
    vi_page, translation = _start(client, translator, source_page, "vi")
    edit_url = reverse("wagtailadmin_pages:edit", args=[vi_page.pk])
    response = client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]) + f"?next={edit_url}")
    assert response.status_code == 302 and response["Location"] == edit_url
    assert "LibreTranslate に接続できなかったため、何も翻訳されませんでした。" in client.get(edit_url).content.decode()
    assert not StringTranslation.objects.filter(locale=vi_page.locale).exists()


def test_easy_japanese_is_not_drafted_by_the_engine(client, source_page, translator, libretranslate):
    _page, translation = _start(client, translator, source_page, "ja-x-easy")
    response = client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
    assert response.status_code == 404
    assert libretranslate.requests == []
