"""Each staff group does its core job in the admin, in headless Chromium at 390 px, in Japanese:
広報担当 writes a page from the 手続き template with its 問い合わせ先 and reads the Japanese readability figures, 環境課 adds a
分別辞典 item, 保育課 a vacancy notice, 翻訳者 opens their city's garbage category in the translation
editor, 緊急情報 posts a banner, the administrator sees the cities set up.

SHOTS_DIR=/some/folder keeps a screenshot of each screen (they are looked at, not compared)."""

import os
import re
from datetime import date

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from home import groups
from home.models import AlertBanner, StandardPage
from services.garbage.apps import GARBAGE_STAFF
from services.garbage.models import GarbageCategory, SortingItem
from services.nurseries.apps import CHILDCARE_STAFF
from services.nurseries.models import VacancyNotice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # home.factories.UserFactory's
SHOTS = os.environ.get("SHOTS_DIR")
# Wagtail's own English words for the actions staff take: none may show on a screen they use.
ENGLISH_UI = re.compile(r"\b(Save|Publish|Delete|Cancel|Dashboard|Snippets|Pages|Search|Settings|Add|Edit)\b")


@pytest.fixture
def admin_tab(_browser, live_server):
    context = _browser.new_context(locale="ja-JP", viewport={"width": 390, "height": 844})
    context.set_default_timeout(30_000)
    tab = context.new_page()

    def sign_in(user):
        tab.goto(f"{live_server.url}/admin/login/")
        tab.fill("input[name=username]", user.username)
        tab.fill("input[name=password]", PASSWORD)
        with tab.expect_navigation():
            tab.locator("form button[type=submit]").first.click()
        return tab

    yield sign_in
    context.close()


def _in_japanese(tab, name):
    """The screen is in Japanese (lang and text) and, with SHOTS_DIR, kept as a screenshot."""
    assert tab.locator("html").get_attribute("lang") == "ja"
    main = tab.locator("main").first.inner_text()
    assert not ENGLISH_UI.search(main), ENGLISH_UI.search(main)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    if SHOTS:
        tab.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _save(tab):
    """The form's main button: 保存 (a snippet) or 下書き保存 (a page)."""
    with tab.expect_navigation():
        tab.locator("button.action-save").first.click()


def test_editor_writes_a_page_with_contact_and_sees_japanese_readability(live_server, site_tree, make_user, admin_tab):
    editor = make_user(groups.EDITORS, username="editor")
    tab = admin_tab(editor)
    tab.goto(live_server.url + reverse("wagtailadmin_pages:add", args=["home", "standardpage", site_tree.pk]))
    _in_japanese(tab, "editor-1-new-page")
    with tab.expect_navigation():  # 定型から始める: 手続き
        tab.get_by_role("link", name="手続き", exact=True).click()
    tab.fill("#id_title", "粗大ごみの申し込み")
    tab.fill("#id_contact_department", "環境課 ごみ減量係")
    tab.fill("#id_contact_phone", "087-839-2394")
    _save(tab)
    page = StandardPage.objects.get(title="粗大ごみの申し込み")
    draft = page.get_latest_revision_as_object()
    assert draft.contact_department == "環境課 ごみ減量係"
    headings = [block.value["text"] for block in draft.body if block.block_type == "heading"]
    assert headings[:2] == ["対象となる方", "必要なもの"]  # the 手続き template's
    assert not page.live

    tab.get_by_role("button", name=re.compile("チェック")).first.click()
    panel = tab.locator(".japanese-readability")
    panel.wait_for()
    assert "日本語の読みやすさ" in panel.inner_text()
    _in_japanese(tab, "editor-2-checks-panel")


def test_garbage_staff_add_a_dictionary_item(live_server, site_tree, municipality, make_user, admin_tab):
    GarbageCategory.objects.create(
        municipality=municipality, locale=Locale.get_default(), code="sodai", name="粗大ごみ"
    )
    tab = admin_tab(make_user(GARBAGE_STAFF, username="garbage"))
    tab.goto(live_server.url + reverse(SortingItem.snippet_viewset.get_url_name("add")))
    _in_japanese(tab, "garbage-1-new-item")
    tab.fill("#id_name", "自転車")
    tab.fill("#id_reading", "じてんしゃ")
    tab.select_option("#id_category", tab.locator("#id_category option", has_text="粗大ごみ").get_attribute("value"))
    _save(tab)
    item = SortingItem.objects.get(name="自転車")
    assert item.municipality == municipality and item.category.name == "粗大ごみ"
    _in_japanese(tab, "garbage-2-saved")


def test_childcare_staff_add_a_vacancy_notice(live_server, site_tree, municipality, make_user, admin_tab):
    tab = admin_tab(make_user(CHILDCARE_STAFF, username="childcare"))
    tab.goto(live_server.url + reverse(VacancyNotice.snippet_viewset.get_url_name("add")))
    _in_japanese(tab, "childcare-1-new-notice")
    tab.fill("#id_as_of", "2026-12-01")
    tab.fill("#id_note", "12月1日現在の空き状況です。")
    _save(tab)
    assert VacancyNotice.objects.filter(municipality=municipality, as_of=date(2026, 12, 1)).exists()
    _in_japanese(tab, "childcare-2-saved")


def test_translator_opens_their_citys_garbage_category_in_the_translation_editor(
    live_server, site_tree, municipality, make_user, admin_tab
):
    category = GarbageCategory.objects.create(
        municipality=municipality, locale=Locale.get_default(), code="burn", name="燃やすごみ"
    )
    source, _ = TranslationSource.get_or_create_from_instance(category)
    translation = Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="vi"))
    translation.save_target(publish=True)  # snippets have no drafts
    vi = category.get_translation(translation.target_locale)

    tab = admin_tab(make_user(groups.TRANSLATORS, username="translator"))
    tab.goto(live_server.url + reverse(GarbageCategory.snippet_viewset.get_url_name("edit"), args=[vi.pk]))
    tab.get_by_text("燃やすごみ").first.wait_for()
    assert tab.locator("html").get_attribute("lang") == "ja"
    if SHOTS:
        tab.screenshot(path=f"{SHOTS}/translator-1-category-editor.png", full_page=True)
    # The Japanese source itself is not theirs to change.
    tab.goto(live_server.url + reverse(GarbageCategory.snippet_viewset.get_url_name("edit"), args=[category.pk]))
    assert tab.url == f"{live_server.url}/admin/"  # sent back to the dashboard, with the reason
    assert "アクセス権がありません" in tab.locator("body").inner_text()


def test_emergency_publisher_posts_a_banner(live_server, site_tree, municipality, make_user, admin_tab, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    tab = admin_tab(make_user(groups.EMERGENCY, username="emergency"))
    tab.goto(live_server.url + reverse(AlertBanner.snippet_viewset.get_url_name("add")))
    _in_japanese(tab, "emergency-1-new-banner")
    tab.fill("#id_message", "断水のお知らせ：本日14時から16時まで")
    _save(tab)
    assert AlertBanner.objects.filter(message__startswith="断水のお知らせ", municipality=municipality).exists()
    _in_japanese(tab, "emergency-2-saved")


def test_administrator_sees_the_cities(live_server, site_tree, make_user, admin_tab):
    tab = admin_tab(make_user(username="admin", is_superuser=True, is_staff=True))
    tab.goto(live_server.url + reverse("home_cities"))
    assert "高松市" in tab.locator("main").inner_text()
    _in_japanese(tab, "admin-1-cities")
