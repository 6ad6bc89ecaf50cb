"""The accessibility check that refuses to publish a page with an image without alt text, a skipped
heading level or a link reading 「こちら」, naming each fault in Japanese; a draft is still saved."""

import io

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home import groups
from home.accessibility import Item, is_vague_link_text, problems, rich_text_items
from home.models import StandardPage
from services.events.factories import EventIndexPageFactory, EventPageFactory


def test_rich_text_is_read_in_order_with_its_headings_links_and_images():
    html = '<h2>対象</h2><p><a href="/x">こちら</a></p><h4>詳細</h4><embed embedtype="image" id="1" alt=""/>'
    assert rich_text_items(html) == [
        Item("heading", "対象", 2),
        Item("link", "こちら"),
        Item("heading", "詳細", 4),
        Item("image", ""),
    ]


@pytest.mark.parametrize("text", ["こちら", "ここ", "こちらをクリック", " こちら。", "Click here", "here"])
def test_link_words_that_say_nothing_alone_are_vague(text):
    assert is_vague_link_text(text)


@pytest.mark.parametrize("text", ["粗大ごみの申込書（PDF）", "こちらの窓口の受付時間", "ここに注意"])
def test_link_words_that_name_the_target_are_not(text):
    assert not is_vague_link_text(text)


def test_each_fault_is_named_and_a_heading_may_go_back_up():
    items = [
        Item("heading", "対象となる方", 2),
        Item("heading", "必要なもの", 3),
        Item("heading", "手数料", 2),  # back up a level: fine
        Item("heading", "注意", 4),  # h2 → h4: skips h3
        Item("image", "IMG_0123.jpg"),
        Item("image", "窓口の様子"),
        Item("link", "こちら"),
    ]
    assert len(problems(items)) == 3
    assert problems([Item("heading", "詳細", 3)])  # the body starts at h2 (the title is h1)


def _form(page, body, action):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "body": streamfield(body),
            action: "1",
        }
    )


@pytest.fixture
def draft(site_tree):
    page = StandardPage(title="粗大ごみの出し方", slug="sodai", summary="申し込み方法です。", live=False)
    site_tree.add_child(instance=page)
    page.save_revision()
    return page


@pytest.fixture
def editor_client(client, make_user):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ja"
    client.force_login(make_user(groups.EDITORS, username="koho"))
    return client


def _image(title):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "white").save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{title}.png"))


VAGUE_LINK = [("paragraph", rich_text('<p>申込書は<a href="https://example.jp/form.pdf">こちら</a></p>'))]
SKIPPED_HEADING = [("heading", {"text": "必要なもの", "level": "h3"})]


def _messages(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


@pytest.mark.parametrize(
    ("body", "named"),
    [
        (VAGUE_LINK, "「こちら」"),
        (SKIPPED_HEADING, "「必要なもの」"),
    ],
)
def test_publishing_is_refused_with_each_fault_named_in_japanese(editor_client, draft, body, named):
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]), _form(draft, body, "action-publish")
    )

    assert response.status_code == 200
    shown = _messages(response)
    assert "アクセシビリティ" in shown and named in shown
    assert "accessibility" not in shown.lower()
    draft.refresh_from_db()
    assert not draft.live


def test_an_image_whose_alt_text_is_a_file_name_is_refused(editor_client, draft):
    image = _image("窓口")
    body = [("image", {"image": image.pk, "alt_text": "IMG_0123.jpg", "decorative": ""})]
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]), _form(draft, body, "action-publish")
    )

    assert response.status_code == 200
    assert "IMG_0123.jpg" in _messages(response) and "代替テキスト" in _messages(response)


def test_the_draft_is_saved_all_the_same(editor_client, draft):
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]), _form(draft, VAGUE_LINK, "action-save")
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert "こちら" in str(draft.get_latest_revision_as_object().body)
    assert not draft.live


def test_sending_for_approval_is_refused_too(editor_client, draft):
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]), _form(draft, SKIPPED_HEADING, "action-submit")
    )

    assert response.status_code == 200
    assert not WorkflowState.objects.filter(object_id=str(draft.pk)).exists()


def test_a_page_that_passes_is_published(editor_client, draft):
    body = [
        ("heading", {"text": "申し込み方法", "level": "h2"}),
        ("paragraph", rich_text('<p><a href="https://example.jp/form.pdf">粗大ごみ申込書（PDF）</a></p>')),
        ("heading", {"text": "注意", "level": "h3"}),
    ]
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]), _form(draft, body, "action-publish")
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live


def test_an_event_with_an_image_titled_by_its_file_name_cannot_be_published(client, site_tree, make_user):
    """Every page type residents read is checked: an event's image and description too."""
    index = EventIndexPageFactory(parent=site_tree)
    event = EventPageFactory(parent=index, image=_image("DSC00042"))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ja"
    client.force_login(make_user(username="root", is_superuser=True))
    edit_url = reverse("wagtailadmin_pages:edit", args=[event.pk])
    form = client.get(edit_url).context["form"]
    data = {name: field.value() for name, field in ((name, form[name]) for name in form.fields)}
    data = {name: ("" if value is None else value) for name, value in data.items()}
    data["description"] = rich_text('<p>詳しくは<a href="https://example.jp">ここ</a></p>', features=["link"])
    data["action-publish"] = "1"

    response = client.post(edit_url, {k: v for k, v in data.items() if not isinstance(v, list)})

    assert response.status_code == 200
    shown = _messages(response)
    assert "DSC00042" in shown and "「ここ」" in shown
