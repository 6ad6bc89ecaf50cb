"""承認 per city: each city's pages go to that city's 広報担当 for approval, and the people concerned
are told by e-mail in Japanese, through a real SMTP server (the settings path production uses)."""

import email
import socket
import time
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse
from wagtail.models import GroupApprovalTask, TaskState, WorkflowState

from home import groups
from home.cities import setup_city
from home.models import Municipality, PortalSettings, StandardPage
from tests.rows import module_rows, table_state

ICHIKAWA_HOST = "ichikawa.example.jp"


class Inbox:
    """An aiosmtpd handler keeping every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(
            {"to": list(envelope.rcpt_tos), "subject": message["subject"], "body": message.get_content()}
        )
        return "250 OK"

    def to(self, address):
        return [m for m in self.messages if address in m["to"]]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox(settings):
    """A real SMTP server on this machine, and the portal set up to send through it."""
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield handler
    controller.stop()


cities = module_rows(lambda: setup_city("122033", "市川市", hostname=ICHIKAWA_HOST).municipality.pk)


@pytest.fixture
def ichikawa(cities):
    return Municipality.objects.get(pk=cities)


@pytest.fixture
def draft(site_tree, make_user):
    page = StandardPage(title="粗大ごみの出し方", slug="sodai", summary="粗大ごみの申し込み方法です。", live=False)
    site_tree.add_child(instance=page)
    page.save_revision()
    return page


def _wait_for(inbox, count):
    for _ in range(50):  # the server hands messages over on its own thread
        if len(inbox.messages) >= count:
            return
        time.sleep(0.05)


def test_a_new_city_gets_its_own_workflow_approved_by_its_editors_only(site_tree, ichikawa):
    home = setup_city("122033", "市川市", hostname=ICHIKAWA_HOST).home  # run again: idempotent

    workflow = home.get_workflow()
    assert workflow.name == "市川市 広報担当の承認"
    (task,) = [task.specific for task in workflow.tasks]
    assert isinstance(task, GroupApprovalTask)
    assert list(task.groups.all()) == [groups.city_group(groups.EDITORS, ichikawa)]
    assert site_tree.get_workflow() != workflow  # 高松市 keeps its own


def test_submission_approval_and_rejection_are_mailed_in_japanese(client, inbox, draft, make_user, ichikawa):
    author = make_user(groups.EDITORS, username="author", email="author@takamatsu.example.jp")
    approver = make_user(groups.EDITORS, username="approver", email="approver@takamatsu.example.jp")
    superuser = make_user(username="root", email="root@example.jp", is_superuser=True)
    other_city = make_user(username="ichikawa-editor", email="editor@ichikawa.example.jp")
    other_city.groups.add(groups.city_group(groups.EDITORS, ichikawa))

    client.force_login(author)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        {"title": draft.title, "slug": draft.slug, "summary": draft.summary, "body-count": "0", "action-submit": "1"},
    )
    assert response.status_code == 302
    _wait_for(inbox, 1)
    (submitted,) = inbox.to(approver.email)
    assert "粗大ごみの出し方" in submitted["subject"]
    assert "承認" in submitted["body"] and "submitted" not in submitted["body"]
    assert not inbox.to(other_city.email)  # another city's editors are not its approvers
    assert not inbox.to(superuser.email)  # nor is the platform's administrator
    assert not inbox.to(author.email)

    # The approver asks for changes, with a comment.
    task_state = TaskState.objects.get(workflow_state__base_content_type__isnull=False, status="in_progress")
    client.force_login(approver)
    action = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "reject", task_state.pk])
    response = client.post(action, {"comment": "電話番号を追記してください。"})
    assert response.status_code == 302
    _wait_for(inbox, 2)
    (rejected,) = inbox.to(author.email)
    assert "電話番号を追記してください。" in rejected["body"]
    assert "差し戻" in rejected["subject"] + rejected["body"]
    assert "rejected" not in rejected["body"]

    # Submitted again and approved: the page is published and its author told so.
    client.force_login(author)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        {"title": draft.title, "slug": draft.slug, "summary": draft.summary, "body-count": "0", "action-submit": "1"},
    )
    task_state = TaskState.objects.get(status="in_progress")
    client.force_login(approver)
    action = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk])
    response = client.post(action, {"comment": ""})
    assert response.status_code == 302
    _wait_for(inbox, 4)
    approved = inbox.to(author.email)[-1]
    assert "承認" in approved["subject"] and "approved" not in approved["body"]
    draft.refresh_from_db()
    assert draft.live


def test_an_editor_of_another_city_cannot_approve(client, draft, make_user, ichikawa):
    author = make_user(groups.EDITORS, username="author")
    outsider = make_user(username="ichikawa-editor")
    outsider.groups.add(groups.city_group(groups.EDITORS, ichikawa))
    draft.get_workflow().start(draft, author)
    task_state = TaskState.objects.get(status="in_progress")

    client.force_login(outsider)
    action = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk])
    response = client.post(action, {"comment": ""})
    assert response.status_code in (302, 403, 404)
    draft.refresh_from_db()
    assert not draft.live
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"


def test_a_city_that_switches_approval_off_publishes_directly_while_another_keeps_it(client, site_tree, make_user):
    city = setup_city("122033", "市川市", hostname=ICHIKAWA_HOST, approval=False)
    before = table_state()
    setup_city("122033", "市川市", hostname=ICHIKAWA_HOST)  # run again: the switch stays off, nothing changes
    assert table_state() == before
    assert city.home.get_workflow() is None
    assert site_tree.get_workflow().name == "高松市 広報担当の承認"  # 高松市 keeps its 承認

    page = StandardPage(title="市民課からのお知らせ", slug="shimin", summary="窓口の案内です。", live=False)
    city.home.add_child(instance=page)
    page.save_revision()
    editor = make_user(username="ichikawa-editor")
    editor.groups.add(groups.city_group(groups.EDITORS, city.municipality))
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert 'name="action-submit"' not in client.get(edit_url).content.decode()  # nothing to submit to

    form = {"title": page.title, "slug": page.slug, "summary": page.summary, "body-count": "0", "action-publish": "1"}
    assert client.post(edit_url, form).status_code == 302
    page.refresh_from_db()
    assert page.live
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()


def test_switching_approval_back_on_in_the_settings_gives_the_pages_their_workflow_again(draft, make_user, client):
    city = setup_city("122033", "市川市", hostname=ICHIKAWA_HOST, approval=False)
    portal = PortalSettings.for_site(city.site)
    portal.approval_workflow = True
    portal.save()
    assert city.home.get_workflow().name == "市川市 広報担当の承認"

    author = make_user(groups.EDITORS, username="author")
    client.force_login(author)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert 'name="action-submit"' in edit  # 高松市's page still goes to its 承認
