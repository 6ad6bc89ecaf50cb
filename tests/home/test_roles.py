"""Each staff group can do its job and nothing else (home/groups.py)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home import groups
from home.models import AlertBanner, HomePage, StandardPage
from home.registries import roles
from services.garbage.apps import GARBAGE_STAFF
from services.nurseries.apps import CHILDCARE_STAFF


def page_form(title, slug, **extra):
    return nested_form_data({"title": title, "slug": slug, "summary": "", "body": streamfield([]), **extra})


def add_standard_page(client, parent, title, slug, **extra):
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", parent.pk))
    return client.post(url, page_form(title, slug, **extra))


@pytest.fixture
def ja_home(site_tree):
    return site_tree


@pytest.fixture
def en_home(site_tree):
    return HomePage.objects.get(locale__language_code="en")


def login(client, user):
    client.force_login(user)
    return client


# 広報担当 ------------------------------------------------------------------


def test_editor_creates_saves_draft_previews_and_publishes_a_page(client, make_user, ja_home):
    login(client, make_user(groups.EDITORS))
    response = add_standard_page(client, ja_home, "ごみ出しの注意", "gomi-notice")
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="gomi-notice")
    assert not page.live
    assert client.get("/ja/gomi-notice/").status_code == 404

    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    form = page_form("ごみ出しの注意（プレビュー）", "gomi-notice")
    assert client.post(preview_url, form).json()["is_valid"]
    preview = client.get(preview_url)
    assert "ごみ出しの注意（プレビュー）" in preview.content.decode()

    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.post(edit_url, page_form("ごみ出しの注意", "gomi-notice", **{"action-publish": "publish"}))
    assert response.status_code == 302
    live = client.get("/ja/gomi-notice/")
    assert live.status_code == 200
    assert "<h1>ごみ出しの注意</h1>" in live.content.decode()


def test_editor_schedules_a_page_that_goes_live_later(client, make_user, ja_home):
    login(client, make_user(groups.EDITORS))
    go_live = timezone.localtime() + timedelta(days=1)
    response = add_standard_page(
        client,
        ja_home,
        "年末年始の窓口",
        "year-end",
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
        **{"action-publish": "publish"},
    )
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="year-end")
    assert not page.live
    assert page.scheduled_revision is not None
    assert client.get("/ja/year-end/").status_code == 404

    # Time passes: the scheduled moment is now in the past.
    revision = page.scheduled_revision
    past = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled")
    assert client.get("/ja/year-end/").status_code == 200


def test_editor_cannot_manage_users_or_groups(client, make_user, ja_home):
    login(client, make_user(groups.EDITORS))
    assert client.get(reverse("wagtailusers_users:index")).status_code in (302, 403)
    assert client.get(reverse("wagtailusers_groups:index")).status_code in (302, 403)
    assert client.get(reverse("wagtailsites:index")).status_code in (302, 403)


# 翻訳者 --------------------------------------------------------------------


def test_translator_cannot_edit_or_publish_the_japanese_source(client, make_user, ja_home):
    translator = make_user(groups.TRANSLATORS)
    login(client, translator)
    edit_url = reverse("wagtailadmin_pages:edit", args=(ja_home.pk,))
    assert client.get(edit_url).status_code in (302, 403)
    response = client.post(edit_url, page_form("書き換え", "home", **{"action-publish": "publish"}))
    assert response.status_code in (302, 403)
    ja_home.refresh_from_db()
    assert ja_home.title != "書き換え"
    assert not ja_home.permissions_for_user(translator).can_publish()
    assert add_standard_page(client, ja_home, "x", "x").status_code in (302, 403)
    assert not StandardPage.objects.filter(slug="x").exists()


def test_translator_edits_a_translation_but_cannot_publish_it(client, make_user, en_home):
    translator = make_user(groups.TRANSLATORS)
    permissions = en_home.permissions_for_user(translator)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    login(client, translator)
    edit_url = reverse("wagtailadmin_pages:edit", args=(en_home.pk,))
    assert client.get(edit_url).status_code == 200
    client.post(edit_url, page_form("Takamatsu portal (draft)", en_home.slug))
    en_home.refresh_from_db()
    assert en_home.has_unpublished_changes
    assert en_home.get_latest_revision_as_object().title == "Takamatsu portal (draft)"
    assert en_home.title != "Takamatsu portal (draft)"  # the live page is unchanged


# 緊急情報 ------------------------------------------------------------------


def test_emergency_publisher_posts_a_banner_that_shows_on_the_site(client, make_user, ja_home, municipality):
    login(client, make_user(groups.EMERGENCY))
    response = client.post(
        reverse("wagtailsnippets_home_alertbanner:add"),
        {
            "municipality": municipality.pk,  # their only city, preselected in the form
            "severity": "emergency",
            "message": "土砂災害警戒情報が発表されました",
            "link_url": "",
            "link_text": "",
            "starts_at": "",
            "ends_at": "",
            "enabled": "on",
            "locale": "ja",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AlertBanner.objects.get(message="土砂災害警戒情報が発表されました").municipality == municipality
    assert "土砂災害警戒情報が発表されました" in client.get("/ja/").content.decode()


def test_emergency_publisher_cannot_edit_pages(client, make_user, ja_home):
    user = make_user(groups.EMERGENCY)
    login(client, user)
    assert not ja_home.permissions_for_user(user).can_edit()
    assert client.get(reverse("wagtailadmin_pages:edit", args=(ja_home.pk,))).status_code in (302, 403)
    assert add_standard_page(client, ja_home, "緊急", "kinkyu").status_code in (302, 403)


# Matrix of model rights by group ------------------------------------------------

MODEL_RIGHTS = {
    groups.EDITORS: {"home.add_alertbanner": True, "home.change_municipality": False, "auth.change_user": False},
    GARBAGE_STAFF: {"home.add_alertbanner": False, "home.change_municipality": False, "auth.change_user": False},
    CHILDCARE_STAFF: {"home.add_alertbanner": False, "auth.change_user": False},
    groups.TRANSLATORS: {"home.add_alertbanner": False, "auth.change_user": False},
    groups.EMERGENCY: {"home.add_alertbanner": True, "home.change_alertbanner": True, "auth.change_user": False},
}


@pytest.mark.parametrize("group_name", list(MODEL_RIGHTS))
def test_group_model_rights(make_user, site_tree, group_name):
    user = make_user(group_name)
    for permission, expected in MODEL_RIGHTS[group_name].items():
        assert user.has_perm(permission) is expected, permission
    assert user.has_perm("wagtailadmin.access_admin")


@pytest.mark.parametrize(
    ("group_name", "app_label"),
    [(GARBAGE_STAFF, "nurseries"), (CHILDCARE_STAFF, "garbage"), (groups.TRANSLATORS, "nurseries")],
)
def test_department_staff_have_no_rights_on_other_departments_data(make_user, site_tree, group_name, app_label):
    user = make_user(group_name)
    assert not any(perm.startswith(f"{app_label}.") for perm in user.get_all_permissions())


def test_translators_may_only_view_and_change_the_garbage_snippets_residents_read(make_user, site_tree):
    user = make_user(groups.TRANSLATORS)
    assert {perm for perm in user.get_all_permissions() if perm.startswith("garbage.")} == {
        "garbage.view_garbagecategory",
        "garbage.change_garbagecategory",
        "garbage.view_sortingitem",
        "garbage.change_sortingitem",
    }


@pytest.mark.parametrize("group_name", [GARBAGE_STAFF, CHILDCARE_STAFF, groups.EMERGENCY])
def test_department_staff_cannot_publish_general_pages(make_user, ja_home, group_name):
    user = make_user(group_name)
    assert not ja_home.permissions_for_user(user).can_publish()
    assert not ja_home.permissions_for_user(user).can_add_subpage()


def test_a_set_up_city_has_a_group_for_every_role(municipality):
    from home.models import CityGroup

    scoped = CityGroup.objects.filter(municipality=municipality).select_related("group")
    assert {scope.role for scope in scoped} == set(roles())
    assert {scope.group.name for scope in scoped} == {f"高松市 {role}" for role in roles()}


def test_sync_groups_twice_changes_nothing(site_tree):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    before = (
        sorted((g.name, g.permissions.count()) for g in Group.objects.all()),
        GroupPagePermission.objects.count(),
        Page.objects.count(),
    )
    groups.sync_groups()
    after = (
        sorted((g.name, g.permissions.count()) for g in Group.objects.all()),
        GroupPagePermission.objects.count(),
        Page.objects.count(),
    )
    assert before == after
