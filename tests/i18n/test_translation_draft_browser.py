"""In headless Chromium at 390 px: a resident on the English URL of a page being translated reads
the Japanese with a notice; a translator starts the translation from the status board, fills it
with the machine translator and submits it; once an editor approves, the resident reads English."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation

from home.groups import EDITORS, TRANSLATORS
from home.models import StandardPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # home.factories.UserFactory's
JAPANESE = "燃やすごみは月曜日と木曜日に出してください。"
NOTICE = "This page has not been translated into your language yet."


def _sign_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").first.click()


def test_translator_translates_and_resident_sees_the_notice_then_the_translation(
    live_server, site_tree, make_user, _browser
):
    source = StandardPage(title="ごみの出し方", slug="gomi", summary="燃やすごみの出し方です。")
    source.body = [("paragraph", f"<p>{JAPANESE}</p>")]
    site_tree.add_child(instance=source)
    source.save_revision().publish()
    translator = make_user(TRANSLATORS, username="translator")
    editor = make_user(EDITORS, username="editor")
    english = Locale.objects.get(language_code="en")

    def window():
        context = _browser.new_context(locale="en-US", viewport={"width": 390, "height": 844})
        context.set_default_timeout(20_000)
        return context, context.new_page()

    # The translator starts the English translation from the status board.
    translator_context, admin = window()
    _sign_in(admin, live_server.url, translator.username)
    admin.goto(f"{live_server.url}{reverse('translation_status')}?locale=en")
    with admin.expect_navigation():
        admin.locator(f'li[data-page="{source.pk}"] form button').click()
    en_page = source.get_translation(english)
    assert admin.url.endswith(reverse("wagtailadmin_pages:edit", args=[en_page.pk]))

    # Meanwhile a resident on the English URL reads the Japanese page, told so in English.
    resident_context, resident = window()
    response = resident.goto(f"{live_server.url}{en_page.url}")
    assert response.status == 200
    assert resident.locator("html").get_attribute("lang") == "en"
    assert resident.get_by_role("note").inner_text().startswith(NOTICE)
    japanese = resident.locator(f'[lang="ja"]:has-text("{JAPANESE}")').last
    assert japanese.is_visible()

    # The translator fills the strings with the machine translator and submits for review.
    translation = Translation.objects.get(source__object_id=source.translation_key, target_locale=english)
    machine_url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    with admin.expect_navigation():
        admin.locator(f'form[action="{machine_url}"] button').first.click()
    admin.goto(f"{live_server.url}{reverse('translation_status')}?locale=en")
    with admin.expect_navigation():
        admin.locator(f'li[data-page="{source.pk}"] form button').click()
    en_page.refresh_from_db()
    assert en_page.workflow_in_progress and not en_page.live

    # A 広報担当 approves; the resident now reads English, without the notice.
    en_page.current_workflow_state.current_task_state.approve(user=editor)
    resident.reload()
    assert resident.get_by_role("note").count() == 0
    main = resident.locator("main").inner_text()
    assert JAPANESE not in main
    assert "burnable waste" in main  # 燃やすごみ, from the glossary through the machine translator
    translator_context.close()
    resident_context.close()
