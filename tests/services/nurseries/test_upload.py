"""The staff upload with its preview, publishing from the admin, and who may do it."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from home import groups
from services.garbage.apps import GARBAGE_STAFF
from services.nurseries.apps import CHILDCARE_STAFF
from services.nurseries.importers import parse_vacancies
from services.nurseries.models import VacancyCount, VacancyNotice
from tests.staff import city_staff_group

from .conftest import AS_OF, KANOU

UPLOAD = "/admin/nurseries/upload/"


def upload(client, yokohama, path=KANOU, as_of="2024-08-01"):
    return client.post(
        UPLOAD,
        {
            "municipality": yokohama.pk,
            "as_of": as_of,
            "file": SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv"),
        },
    )


@pytest.fixture
def childcare(client, make_user, site_tree, yokohama):
    user = make_user(city_staff_group(CHILDCARE_STAFF, yokohama), username="hoiku")  # 横浜市's 保育課
    client.force_login(user)
    return user


def test_upload_preview_then_draft_then_publish(client, childcare, nurseries, yokohama):
    response = upload(client, yokohama)
    assert response.status_code == 302
    preview_url = response.url

    preview = client.get(preview_url)
    assert preview.status_code == 200
    page = BeautifulSoup(preview.content, "html.parser")
    assert len(page.select("tr.nursery-preview__matched")) == 24
    assert page.select("select") == []
    assert "合計 54" in page.select_one(".help-warning").get_text()  # the file's own inconsistency is shown

    saved = client.post(preview_url, {"save": "1"})
    notice = VacancyNotice.objects.get()
    assert saved.status_code == 302 and saved.url == reverse(
        "wagtailsnippets_nurseries_vacancynotice:edit", args=[notice.pk]
    )
    assert not notice.live and notice.nursery_count == 24
    assert not VacancyCount.objects.exists()

    published = client.post(
        saved.url, {"municipality": yokohama.pk, "as_of": "2024-08-01", "note": "", "action-publish": "action-publish"}
    )
    assert published.status_code == 302
    notice.refresh_from_db()
    assert notice.live
    assert VacancyCount.objects.filter(notice=notice).count() == 24


def test_unmatched_rows_block_the_draft_until_resolved(client, childcare, nurseries, yokohama):
    tsurumi = nurseries.pop("1410051020006")
    tsurumi.delete()
    preview_url = upload(client, yokohama).url

    page = BeautifulSoup(client.get(preview_url).content, "html.parser")
    assert len(page.select("tr.nursery-preview__matched")) == 23
    (unmatched,) = page.select("tr.nursery-preview__unmatched")
    assert unmatched["data-row"] == "4" and unmatched.select_one('select[name="row-4"]') is not None

    blocked = client.post(preview_url, {"save": "1"})
    assert blocked.status_code == 200
    page = BeautifulSoup(blocked.content, "html.parser")
    assert page.select_one('[role="alert"]') is not None
    assert page.select_one('select[name="row-4"]')["aria-invalid"] == "true"
    assert not VacancyNotice.objects.exists()

    client.post(preview_url, {"save": "1", "row-4": "leave-out"})
    assert VacancyNotice.objects.get().nursery_count == 23


def test_the_preview_shows_every_row_and_writes_nothing_before_the_commit(client, childcare, nurseries, yokohama):
    nurseries.pop("1410051020006").delete()
    every_row = [row.row for row in parse_vacancies(KANOU, as_of=AS_OF).rows]
    assert len(every_row) == 24
    preview_url = upload(client, yokohama).url
    assert preview_url.startswith(UPLOAD) and preview_url != UPLOAD

    for response in (client.get(preview_url), client.post(preview_url, {"save": "1"})):  # the blocked commit too
        assert response.status_code == 200
        page = BeautifulSoup(response.content, "html.parser")
        assert [int(tr["data-row"]) for tr in page.select("tr[data-row]")] == every_row
        assert page.select('input[type="file"]') == []  # the preview, not the upload form
    assert not VacancyNotice.objects.exists() and not VacancyCount.objects.exists()

    cancelled = client.post(preview_url, {"cancel": "1"})
    assert (cancelled.status_code, cancelled.url) == (302, UPLOAD)
    assert client.get(preview_url).status_code == 404  # the upload is forgotten
    assert not VacancyNotice.objects.exists()


def test_staff_without_the_nursery_permissions_get_403(client, make_user, site_tree, nurseries, yokohama):
    user = make_user(city_staff_group(CHILDCARE_STAFF, yokohama), username="hoiku")
    client.force_login(user)
    preview_url = upload(client, yokohama).url
    user.groups.clear()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    user = type(user).objects.get(pk=user.pk)  # no cached permissions
    client.force_login(user)

    assert client.get(UPLOAD).status_code == 403
    assert upload(client, yokohama).status_code == 403
    assert client.get(preview_url).status_code == 403
    assert client.post(preview_url, {"save": "1"}).status_code == 403
    assert not VacancyNotice.objects.exists()


def test_an_unmatched_row_can_be_given_its_nursery(client, childcare, nurseries, yokohama):
    baba = nurseries["1410051018778"]
    baba.number = ""  # on record without its number, and renamed: neither number nor name matches
    baba.save()
    baba.facility.title = "馬場保育園"
    baba.facility.save()
    preview_url = upload(client, yokohama).url

    client.post(preview_url, {"save": "1", "row-3": str(baba.pk)})

    assert VacancyNotice.objects.get().counts[str(baba.pk)] == [None, 1, 0, 0, 0, 3]


def test_a_bad_file_is_refused_with_its_rows(client, childcare, nurseries, yokohama, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        KANOU.read_text(encoding="utf-8").replace(",1410051018778,-,1,", ",1410051018778,-,-5,"), encoding="utf-8"
    )

    response = upload(client, yokohama, bad)

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    errors = [cell.get_text() for cell in page.select("[data-import-errors] tr[data-error-row] td:last-child")]
    assert errors == ["bad.csv, 3 行目, 列「１歳児」, 値 '-5': 空き人数は負の数にできません"]
    assert not VacancyNotice.objects.exists()


@pytest.mark.parametrize("role", [groups.EDITORS, GARBAGE_STAFF, groups.TRANSLATORS, groups.EMERGENCY])
def test_other_staff_cannot_upload_or_publish_notices(client, make_user, site_tree, published_notice, yokohama, role):
    client.force_login(make_user(role, username=f"user-{role}"))

    assert upload(client, yokohama).status_code == 403
    assert client.get(UPLOAD).status_code == 403
    assert VacancyNotice.objects.count() == 1
    edit = reverse("wagtailsnippets_nurseries_vacancynotice:edit", args=[published_notice.pk])
    client.post(
        edit, {"municipality": yokohama.pk, "as_of": "2024-08-01", "note": "x", "action-publish": "action-publish"}
    )
    published_notice.refresh_from_db()
    assert published_notice.note == "" and published_notice.revisions.count() == 1
    assert client.get(reverse("wagtailsnippets_nurseries_vacancynotice:list")).status_code != 200


def test_anonymous_visitors_are_sent_to_log_in(client, site_tree):
    response = client.get(UPLOAD)

    assert response.status_code == 302 and "/admin/login/" in response.url


def test_administrators_can_upload(client, site_tree, nurseries, yokohama, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.invalid", "pw-not-used")
    client.force_login(admin)

    assert client.get(UPLOAD).status_code == 200
    assert upload(client, yokohama).status_code == 302


def test_childcare_staff_see_the_notice_list_and_preview(client, childcare, published_notice):
    listing = client.get(reverse("wagtailsnippets_nurseries_vacancynotice:list"))
    assert listing.status_code == 200
    preview_url = reverse("wagtailsnippets_nurseries_vacancynotice:preview_on_edit", args=[published_notice.pk])
    form = {"municipality": published_notice.municipality_id, "as_of": "2024-08-01", "note": ""}
    assert client.post(preview_url, form).json()["is_valid"] is True
    preview = client.get(preview_url)
    assert preview.status_code == 200
    assert "横浜市馬場保育園" in preview.content.decode()


def test_a_scheduled_notice_goes_live_only_when_its_time_comes(client, childcare, nurseries, yokohama):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    preview_url = upload(client, yokohama).url
    edit_url = client.post(preview_url, {"save": "1"}).url
    go_live = timezone.localtime() + timedelta(days=2)

    client.post(
        edit_url,
        {
            "municipality": yokohama.pk,
            "as_of": "2024-08-01",
            "note": "",
            "go_live_at": go_live.strftime("%Y-%m-%d %H:%M"),
            "action-publish": "action-publish",
        },
    )

    notice = VacancyNotice.objects.get()
    assert not notice.live and notice.scheduled_revision is not None
    assert client.get("/api/v1/nurseries", {"limit": 1}).json()["items"][0]["vacancy"] is None

    # Two days later: the revision's time has come.
    revision = notice.scheduled_revision
    past = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")

    notice.refresh_from_db()
    assert notice.live
    assert VacancyCount.objects.filter(notice=notice).count() == 24
