"""The audit log (home/audit.py): imports, permission changes and banners are recorded with who
did them, in Japanese, and a city's administrators see their own city's entries only."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, ModelLogEntry

from home import audit, groups
from home.factories import MunicipalityFactory
from home.models import AlertBanner

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "facilities"


@pytest.fixture
def yokohama(db):
    return MunicipalityFactory(code="141003", name="横浜市", prefecture="神奈川県")


@pytest.fixture
def city_admin(make_user):
    """高松市's user administrator: a 広報担当 who may also change users (not a superuser)."""
    user = make_user(groups.EDITORS, username="takamatsu-admin")
    user.user_permissions.add(Permission.objects.get(codename="change_user", content_type__app_label="auth"))
    return user


def test_an_import_command_is_logged_with_its_file_and_counts(municipality):
    call_command(
        "import_opendata",
        "facilities",
        str(FIXTURES / "layout2021_public_facility_takamatsu.csv"),
        "--municipality",
        municipality.code,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    entry = ModelLogEntry.objects.get(action=audit.IMPORT)
    assert entry.label == str(municipality)
    assert entry.data["source"] == "import_opendata"
    assert any(name.endswith("layout2021_public_facility_takamatsu.csv") for name in entry.data["files"])
    assert entry.data["created"] > 0
    assert entry.data["municipalities"] == f"|{municipality.code}|"


def test_group_membership_and_superuser_changes_in_the_admin_are_logged(client, make_user, municipality):
    admin = make_user(username="root", is_superuser=True)
    target = make_user(groups.EDITORS, username="hanako")
    emergency = groups.city_group(groups.EMERGENCY, municipality)
    client.force_login(admin)
    response = client.post(
        reverse("wagtailusers_users:edit", args=[target.pk]),
        {
            "username": "hanako",
            "email": "hanako@example.invalid",
            "first_name": "花子",
            "last_name": "高松",
            "password1": "",
            "password2": "",
            "is_active": "on",
            "is_superuser": "on",
            "groups": [emergency.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    entries = ModelLogEntry.objects.filter(object_id=str(target.pk), content_type__model="user")
    membership = [entry for entry in entries if entry.action == audit.USER_GROUPS]
    assert {entry.user for entry in membership} == {admin}
    assert {name for entry in membership for name in entry.data["added"]} == {emergency.name}
    editors = groups.city_group(groups.EDITORS, municipality)
    assert {name for entry in membership for name in entry.data["removed"]} == {editors.name}
    assert all(entry.data["municipalities"] == f"|{municipality.code}|" for entry in membership)
    (flags,) = [entry for entry in entries if entry.action == audit.USER_FLAGS]
    assert flags.user == admin
    assert flags.data["flags"] == {"is_superuser": [False, True]}
    with translation.override("ja"):
        assert flags.message == "変更：管理者: — → ✓"


def test_group_permission_changes_are_logged_but_not_the_sync_after_migrate(client, make_user, municipality):
    admin = make_user(username="root2", is_superuser=True)
    group = groups.city_group(groups.EMERGENCY, municipality)
    groups.sync_groups()  # no staff user acting: not a staff action
    assert not ModelLogEntry.objects.filter(action=audit.GROUP_PERMISSIONS).exists()
    from wagtail.log_actions import LogContext

    with LogContext(user=admin):  # what an admin request does (Wagtail's require_admin_access)
        group.permissions.add(Permission.objects.get(codename="change_municipality"))
    entry = ModelLogEntry.objects.get(action=audit.GROUP_PERMISSIONS)
    assert entry.data["added"] == ["home.change_municipality"]
    assert entry.data["municipalities"] == f"|{municipality.code}|"


def test_a_city_administrator_sees_only_their_city_in_the_audit_log(
    client, make_user, municipality, yokohama, city_admin
):
    call_command(
        "import_opendata",
        "facilities",
        str(FIXTURES / "layout2021_public_facility_takamatsu.csv"),
        "--municipality",
        municipality.code,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    audit.record_import(source="import_5374", files=["yokohama.csv"], municipality=yokohama, report=None)
    ours = AlertBanner.objects.create(message="高松の大雨", municipality=municipality, locale=Locale.get_default())
    theirs = AlertBanner.objects.create(message="横浜の大雨", municipality=yokohama, locale=Locale.get_default())
    from wagtail.log_actions import log

    log(ours, "wagtail.create", user=city_admin)
    log(theirs, "wagtail.create", user=city_admin)

    client.force_login(city_admin)
    page = client.get(reverse("home_audit_log"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "監査ログ" in page
    assert "取り込み" in page  # the action's Japanese label
    assert str(municipality) in page and "高松の大雨" in page
    assert str(yokohama) not in page and "横浜の大雨" not in page

    superuser = make_user(username="root3", is_superuser=True)
    client.force_login(superuser)
    page = client.get(reverse("home_audit_log"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert str(yokohama) in page and "横浜の大雨" in page


def test_staff_who_manage_no_users_cannot_read_the_audit_log(client, make_user):
    client.force_login(make_user(groups.EMERGENCY))
    assert client.get(reverse("home_audit_log")).status_code == 302


def test_a_banner_posted_in_the_admin_and_a_page_published_are_in_the_administrators_log(
    client, make_user, site_tree, municipality
):
    """Wagtail logs these itself: what is checked is that they reach the portal's audit log."""
    from home.models import StandardPage
    from home.sites import city_home
    from tests.home.test_alert_banner_admin import ADD, banner_form

    emergency = make_user(groups.EMERGENCY, username="kinkyu-audit")
    client.force_login(emergency)
    assert client.post(ADD, banner_form(municipality, message="監査の大雨警報")).status_code == 302

    editor = make_user(groups.EDITORS, username="koho-audit")
    page = StandardPage(title="監査で見るお知らせ", slug="audit-notice")
    city_home(municipality).add_child(instance=page)
    page.save_revision(user=editor).publish(user=editor)  # what the admin's 公開 button calls

    client.force_login(make_user(username="root4", is_superuser=True))
    html = client.get(reverse("home_audit_log"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    rows = [row for row in html.split("<tr") if "監査の大雨警報" in row or "監査で見るお知らせ" in row]
    assert any("kinkyu-audit" in row and "監査の大雨警報" in row for row in rows), rows
    assert any("koho-audit" in row and "監査で見るお知らせ" in row and "公開" in row for row in rows), rows
