"""UI strings (menus, labels, error pages, the notice) in each language, from locale/<lang>/LC_MESSAGES."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGS = {"ja": "ja", "zh-hans": "zh_Hans", "ko": "ko", "vi": "vi", "pt": "pt"}
# The chrome every resident sees; every translation catalog must cover it.
CORE_FILES = (
    "templates/base.html",
    "templates/400.html",
    "templates/404.html",
    "templates/500.html",
    "templates/components/",
    "templates/translation/notice.html",
    "templates/translation/furigana_switch.html",
)

SKIP_LINK = {
    "ja": "本文へ移動",
    "zh-hans": "跳到主要内容",
    "ko": "본문으로 건너뛰기",
    "vi": "Chuyển đến nội dung chính",
    "pt": "Pular para o conteúdo principal",
    "en": "Skip to main content",
    "ja-x-easy": "ページの 中身へ",  # locale/ja_X-easy: the chrome in やさしい日本語
}
NOT_FOUND = {
    "ja": "ページが見つかりません",
    "zh-hans": "找不到页面",
    "ko": "페이지를 찾을 수 없습니다",
    "vi": "Không tìm thấy trang",
    "pt": "Página não encontrada",
    "en": "Page not found",
}


@pytest.mark.parametrize("code", sorted(CATALOGS.values()))
def test_catalog_covers_the_portal_chrome(code):
    po = polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))
    core = [
        entry
        for entry in po
        if not entry.obsolete and any(path.startswith(CORE_FILES) for path, _line in entry.occurrences)
    ]
    assert core, "no core strings found: was makemessages run with locations?"
    missing = [entry.msgid for entry in core if not (entry.msgstr or entry.msgstr_plural.get(0))]
    assert missing == []
    assert (LOCALE / code / "LC_MESSAGES" / "django.mo").exists()


@pytest.mark.parametrize("language", sorted(SKIP_LINK))
def test_page_chrome_is_in_the_readers_language(client, site_tree, language):
    html = client.get(f"/{language}/").content.decode()
    assert f'<a class="skip-link" href="#main">{SKIP_LINK[language]}</a>' in html


@pytest.mark.parametrize("language", sorted(NOT_FOUND))
def test_error_page_is_in_the_readers_language(client, site_tree, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert NOT_FOUND[language] in response.content.decode()


def test_notice_is_in_the_readers_language(client, source_page):
    html = client.get(f"/vi/-/untranslated/{source_page.pk}/").content.decode()
    assert "Trang này chưa được dịch sang ngôn ngữ của bạn." in html
    html = client.get(f"/ko/-/untranslated/{source_page.pk}/").content.decode()
    assert "이 페이지는 아직 당신의 언어로 번역되지 않았습니다." in html


def test_furigana_switch_label_in_japanese(client, source_page):
    html = client.get("/ja/gomi/").content.decode()
    assert "ふりがな：なし" in html
