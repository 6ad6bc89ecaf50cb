"""The translators' workflow through the real admin: machine draft with the glossary, permissions,
submission for review, an editor's approval, PO export and import, e-mail on source changes."""

import polib
from django.core import mail
from django.db import transaction
from django.urls import reverse
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringTranslation, Translation

from home.models import StandardPage
from tests.i18n.conftest import save_translation


def _submit_translation(client, editor, page, *codes):
    client.force_login(editor)
    locale_ids = [Locale.objects.get(language_code=code).pk for code in codes]
    response = client.post(reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": locale_ids})
    assert response.status_code == 302, response.content.decode()[:500]
    return {code: page.get_translation(Locale.objects.get(language_code=code)) for code in codes}


def _translation_of(page_in_locale):
    return Translation.objects.get(
        source__object_id=page_in_locale.translation_key, target_locale=page_in_locale.locale
    )


def test_editor_requests_translation_and_machine_draft_keeps_glossary_terms(client, source_page, editor, translator):
    vi_page = _submit_translation(client, editor, source_page, "vi")["vi"]
    translation = _translation_of(vi_page)

    client.force_login(translator)
    edit_url = reverse("wagtailadmin_pages:edit", args=[vi_page.pk])
    response = client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]) + f"?next={edit_url}")
    assert response.status_code == 302

    drafts = list(StringTranslation.objects.filter(locale__language_code="vi").values_list("data", "tool_name"))
    texts = " | ".join(data for data, _tool in drafts)
    assert "rác cháy được" in texts  # 燃やすごみ, fixed by the glossary
    assert "燃やすごみ" not in texts
    assert all(tool for _data, tool in drafts)


def test_translator_cannot_edit_or_publish_the_japanese_source(client, source_page, translator):
    client.force_login(translator)
    assert not source_page.permissions_for_user(translator).can_edit()
    assert not source_page.permissions_for_user(translator).can_publish()

    response = client.get(reverse("wagtailadmin_pages:edit", args=[source_page.pk]))
    assert response.status_code in (302, 403)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[source_page.pk]),
        {"title": "書き換え", "slug": "gomi", "action-publish": "publish"},
    )
    assert response.status_code in (302, 403)
    source_page.refresh_from_db()
    assert source_page.title == "ごみの出し方"
    assert source_page.get_latest_revision().user is None


def test_translator_edits_the_translation_but_cannot_publish_it(source_page, translator, translate):
    translate(source_page, "en")
    en_page = source_page.get_translation(Locale.objects.get(language_code="en"))
    permissions = en_page.permissions_for_user(translator)
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_translator_cannot_submit_the_source_for_review(client, source_page, translator):
    client.force_login(translator)
    response = client.post(reverse("translation_submit_for_review", args=[source_page.pk]))
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))
    assert not WorkflowState.objects.exists()


def test_translator_submits_for_review_and_an_editor_publishes(client, source_page, editor, translator):
    vi_page = _submit_translation(client, editor, source_page, "vi")["vi"]
    translation = _translation_of(vi_page)
    client.force_login(translator)
    client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))

    response = client.post(reverse("translation_submit_for_review", args=[vi_page.pk]))
    assert response.status_code == 302
    vi_page.refresh_from_db()
    assert not vi_page.live
    state = WorkflowState.objects.active().get(object_id=str(vi_page.pk))
    assert state.requested_by == translator

    # The translator cannot approve their own submission; an editor (広報担当) can.
    task_state = state.current_task_state
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=[vi_page.pk, "approve", task_state.pk])
    client.post(approve_url)
    vi_page.refresh_from_db()
    assert not vi_page.live

    client.force_login(editor)
    response = client.post(approve_url)
    assert response.status_code in (200, 302)
    vi_page.refresh_from_db()
    assert vi_page.live
    body = str(StandardPage.objects.get(pk=vi_page.pk).body)
    assert "rác cháy được" in body

    html = client.get(vi_page.get_url()).content.decode()
    assert "rác cháy được" in html
    assert '<html lang="vi">' in html


def test_po_file_round_trip(client, source_page, editor, translator):
    pt_page = _submit_translation(client, editor, source_page, "pt")["pt"]
    translation = _translation_of(pt_page)

    client.force_login(translator)
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    msgids = {entry.msgid for entry in po}
    assert "燃やすごみは月曜日と木曜日に出してください。" in msgids
    assert "ごみの出し方" in msgids

    for entry in po:
        if entry.msgid == "ごみの出し方":
            entry.msgstr = "Como jogar o lixo fora"
        elif entry.msgid.startswith("燃やすごみは"):
            entry.msgstr = "Coloque o lixo queimável às segundas e quintas."
    upload = po.__unicode__().encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("pt.po", upload, content_type="text/x-gettext-translation")},
    )
    assert response.status_code == 302

    save_translation(translation, user=editor, publish=True)
    pt_page = StandardPage.objects.get(pk=pt_page.pk)
    assert pt_page.title == "Como jogar o lixo fora"
    assert "Coloque o lixo queimável às segundas e quintas." in str(pt_page.body)


def test_po_upload_for_another_translation_is_refused(client, source_page, editor, translator):
    pages = _submit_translation(client, editor, source_page, "ko", "en")
    ko, en = _translation_of(pages["ko"]), _translation_of(pages["en"])
    client.force_login(translator)
    exported = client.get(reverse("wagtail_localize:download_pofile", args=[ko.pk])).content
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(
        reverse("wagtail_localize:upload_pofile", args=[en.pk]),
        {"file": SimpleUploadedFile("ko.po", exported)},
    )
    assert not StringTranslation.objects.filter(locale__language_code="en").exists()


def test_translators_get_an_email_when_the_source_changes(
    client, source_page, editor, translator, translate, django_capture_on_commit_callbacks
):
    translation = translate(source_page, "en")
    save_translation(translation, user=translator)
    mail.outbox.clear()

    source_page.title = "ごみの出し方（改訂）"
    with django_capture_on_commit_callbacks(execute=True):
        source_page.save_revision(user=editor).publish()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [translator.email]
    assert "ごみの出し方（改訂）" in message.subject
    en_page = source_page.get_translation(Locale.objects.get(language_code="en"))
    assert reverse("wagtailadmin_pages:edit", args=[en_page.pk]) in message.body
    assert "English" in message.body


def test_no_email_when_the_publish_is_rolled_back(
    source_page, editor, translator, translate, django_capture_on_commit_callbacks
):
    """An import's preview publishes inside a transaction it rolls back: nobody is told."""
    save_translation(translate(source_page, "en"), user=translator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                source_page.save_revision(user=editor).publish()
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert mail.outbox == []


def test_no_email_when_a_translation_is_published_or_nobody_translated(
    source_page, editor, translate, django_capture_on_commit_callbacks
):
    translation = translate(source_page, "ko")  # saved by nobody in particular
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        source_page.save_revision(user=editor).publish()
        save_translation(translation, user=editor, publish=True)
    assert mail.outbox == []
    assert Page.objects.filter(locale__language_code="ko", slug="gomi", live=True).exists()
