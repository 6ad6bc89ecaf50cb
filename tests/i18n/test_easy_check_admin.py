"""The やさしい日本語 check in the admin: pasted text, a page's latest draft, and who may use it."""

import pytest
from django.urls import reverse

from home.groups import TRANSLATORS
from services.garbage.apps import GARBAGE_STAFF

HARD = "保育所の入所申請は、所定の様式に必要事項を記入の上、窓口へ提出してください。"


def test_editor_checks_pasted_text_and_sees_the_sentence(client, site_tree, editor):
    client.force_login(editor)
    response = client.post(
        reverse("translation_easy_japanese_check"), {"text": "ごみは 月曜日に 出して ください。" + HARD}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-rule="kanji_share"' in html
    assert 'data-rule="hard_word"' in html
    assert f'<blockquote lang="ja">{HARD}</blockquote>' in html
    assert "「申請」" in html and "申し込み(もうしこみ)" in html
    assert "ごみは 月曜日に 出して ください。</blockquote>" not in html


def test_check_escapes_the_text(client, site_tree, editor):
    client.force_login(editor)
    html = client.post(
        reverse("translation_easy_japanese_check"), {"text": "<script>alert(1)</script>を提出する手続きを行う。" * 3}
    ).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_check_of_a_page_reads_its_latest_draft(client, source_page, editor):
    source_page.body = [("paragraph", f"<p>{HARD}</p>")]
    source_page.save_revision(user=editor)  # a draft, not published
    client.force_login(editor)
    html = client.get(reverse("translation_easy_japanese_check") + f"?page={source_page.pk}").content.decode()
    assert f'<blockquote lang="ja">{HARD}</blockquote>' in html


def test_page_header_offers_the_check_on_japanese_pages(client, source_page, editor):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_explore", args=[source_page.pk])).content.decode()
    assert reverse("translation_easy_japanese_check") + f"?page={source_page.pk}" in html


@pytest.mark.parametrize("group", [GARBAGE_STAFF, TRANSLATORS])
def test_check_is_for_editors(client, site_tree, make_user, group):
    client.force_login(make_user(group))
    response = client.get(reverse("translation_easy_japanese_check"))
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))


def test_another_city_s_editor_cannot_read_a_page_s_draft(client, source_page, make_user):
    from home.cities import setup_city
    from home.groups import EDITORS, city_group

    other = setup_city("122033", "市川市", hostname="ichikawa.example.jp")
    client.force_login(make_user(city_group(EDITORS, other.municipality)))
    response = client.get(reverse("translation_easy_japanese_check") + f"?page={source_page.pk}")
    assert response.status_code == 404
