"""Page templates (定型): an editor adding a standard page starts from お知らせ, 手続き, 施設 or イベント,
gets that kind's headings in the body, and publishes once every 【記入】 line is written."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home import groups
from home.models import StandardPage
from home.page_templates import PAGE_TEMPLATES, TO_WRITE

EXPECTED_HEADINGS = {
    "notice": ["概要", "詳細", "関連情報"],
    "procedure": ["対象となる方", "必要なもの", "手続きの場所", "受付時間", "手数料"],
    "facility": ["施設の概要", "所在地", "開館時間", "休館日", "利用料金", "交通アクセス"],
    "event": ["日時", "場所", "内容", "対象・定員", "費用", "申し込み方法"],
}


@pytest.fixture
def editor_client(client, make_user):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ja"
    client.force_login(make_user(groups.EDITORS, username="koho"))
    return client


def _add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["home", "standardpage", parent.pk])


def _headings(stream) -> list[str]:
    return [child.value["text"] for child in stream if child.block_type == "heading"]


@pytest.mark.parametrize("key", list(EXPECTED_HEADINGS))
def test_starting_from_a_template_fills_the_body_with_its_headings(editor_client, site_tree, key):
    response = editor_client.get(_add_url(site_tree), {"template": key})

    assert response.status_code == 200
    body = response.context["form"].initial["body"]
    assert _headings(body) == EXPECTED_HEADINGS[key]
    assert [child.block_type for child in body] == ["heading", "paragraph"] * len(EXPECTED_HEADINGS[key])
    assert all(TO_WRITE in child.value.source for child in body if child.block_type == "paragraph")
    html = response.content.decode()
    assert "定型から始める" in html
    for label in ["お知らせ", "手続き", "施設", "イベント"]:
        assert f">{label}</a>" in html


def test_the_add_form_offers_the_templates_and_starts_empty_without_one(editor_client, site_tree):
    response = editor_client.get(_add_url(site_tree))
    assert "?template=procedure" in response.content.decode()
    assert not response.context["form"].initial.get("body")

    unknown = editor_client.get(_add_url(site_tree), {"template": "nonsense"})
    assert unknown.status_code == 200 and not unknown.context["form"].initial.get("body")


def test_editing_a_page_offers_no_template(editor_client, site_tree):
    page = StandardPage(title="お知らせ", slug="oshirase")
    site_tree.add_child(instance=page)
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    assert "定型から始める" not in response.content.decode()


def _posted(key, action, written=False):
    blocks = []
    for block in PAGE_TEMPLATES[key].body():
        if block["type"] == "heading":
            blocks.append(("heading", block["value"]))
        else:
            html = block["value"].replace(TO_WRITE, "") if written else block["value"]
            blocks.append(("paragraph", rich_text(html)))
    return nested_form_data(
        {
            "title": "住民票の写しの請求",
            "slug": "juminhyo",
            "summary": "住民票の写しの請求方法です。",
            "body": streamfield(blocks),
            "contact_department": "市民課 住民記録係",
            "contact_phone": "087-839-2315",
            "contact_email": "",
            action: "1",
        }
    )


@pytest.mark.parametrize("key", list(EXPECTED_HEADINGS))
def test_a_page_from_a_template_saves_as_a_draft_and_publishes_once_written(editor_client, site_tree, key):
    add_url = _add_url(site_tree)
    refused = editor_client.post(add_url, _posted(key, "action-publish"))
    assert refused.status_code == 200
    shown = " ".join(str(message) for message in refused.context["messages"])
    assert "【記入】" in shown and "まだ" in shown
    assert "アクセシビリティ" not in shown  # the template itself passes the accessibility check

    assert editor_client.post(add_url, _posted(key, "action-save")).status_code == 302
    draft = StandardPage.objects.get(slug="juminhyo")
    assert _headings(draft.get_latest_revision_as_object().body) == EXPECTED_HEADINGS[key]

    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert editor_client.post(edit_url, _posted(key, "action-publish", written=True)).status_code == 302
    draft.refresh_from_db()
    assert draft.live and _headings(draft.body) == EXPECTED_HEADINGS[key]

    footer = editor_client.get(draft.url).content.decode().split('class="page-footer"')[1]
    assert "問い合わせ先" in footer and "市民課 住民記録係" in footer and "更新日" in footer
