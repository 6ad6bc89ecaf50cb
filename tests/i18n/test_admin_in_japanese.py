"""Every staff role sees the admin in Japanese: the views each one uses hold no English UI text.

Each role's user (home/groups.py, and the administrator) has Japanese as the admin language and
renders its views with the test client: the dashboard, the page explorer, the edit view of each
page type, the portal's snippets (listing, add, edit), the portal's own admin views (imports,
reports, the translation board) and Wagtail's reports. A view the role may not open is skipped.
"""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, reverse
from django.utils import translation
from wagtail import hooks
from wagtail.models import Locale, Page, Task, Workflow
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile

from home.registries import roles
from tests.i18n.admin_text import english_strings

WAGTAIL_REPORTS = [
    "wagtailadmin_reports:locked_pages",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_workflows:index",
    "wagtailadmin_workflows:task_index",
    "wagtailimages:index",
    "wagtaildocs:index",
    "wagtailusers_users:index",
    "wagtailusers_groups:index",
    "wagtailadmin_account",
    "wagtailsnippets:index",
]


def _paths(patterns, prefix="/admin/"):
    """The admin paths without parameters that the portal's apps register."""
    for pattern in patterns:
        route = str(pattern.pattern)
        if "<" in route or "(?P" in route:
            continue
        if isinstance(pattern, URLResolver):
            yield from _paths(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern):
            yield prefix + route


def portal_admin_paths():
    paths = []
    for hook in hooks.get_hooks("register_admin_urls"):
        if hook.__module__.split(".")[0] in ("wagtail", "wagtail_localize"):
            continue
        paths += [path for path in _paths(hook()) if "verify" not in path and "recovery" not in path]
    return paths


def snippet_paths():
    paths = []
    for model in get_snippet_models():
        if model._meta.app_label.startswith("wagtail"):
            continue
        viewset = model.snippet_viewset
        paths += [reverse(viewset.get_url_name("list")), reverse(viewset.get_url_name("add"))]
        first = model.objects.first()
        if first is not None:
            paths.append(reverse(viewset.get_url_name("edit"), args=(first.pk,)))
    return paths


def page_paths(home):
    """The explorer of the city and the edit view of one page of each type under it."""
    paths = [reverse("wagtailadmin_explore", args=(home.pk,))]
    seen = set()
    for page in Page.objects.descendant_of(home, inclusive=True).filter(locale=home.locale).specific():
        if type(page) in seen:
            continue
        seen.add(type(page))
        paths.append(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        paths.append(reverse("wagtailadmin_explore", args=(page.pk,)))
    return paths


def admin_paths(home):
    return [
        "/admin/",
        *page_paths(home),
        # adding a standard page from a template (定型): the template panel and the filled body
        reverse("wagtailadmin_pages:add", args=("home", "standardpage", home.pk)) + "?template=procedure",
        *snippet_paths(),
        *portal_admin_paths(),
        *[reverse(name) for name in WAGTAIL_REPORTS],
        reverse("wagtailadmin_pages:search") + "?q=ごみ",
    ]


def data_values(user) -> set[str]:
    """Names that are data, not UI: page titles and slugs (in every language), model and user
    names, host names."""
    values = {user.username, "localhost", "testserver"}
    for title, slug in Page.objects.values_list("title", "slug"):
        values |= {title, slug}
    values |= set(ContentType.objects.values_list("model", flat=True))
    values |= set(ContentType.objects.values_list("app_label", flat=True))
    return values


def english_by_view(client, user, home):
    client.force_login(user)
    data = data_values(user)
    found = {}
    for path in admin_paths(home):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="ja")
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        strings = english_strings(response.content.decode(), data=data)
        if strings:
            found[path] = sorted(strings)
    return found


@pytest.fixture
def staff(make_user, site_tree):
    users = {name: make_user(name, username=f"職員{index}") for index, name in enumerate(roles())}
    users["administrator"] = make_user(username="管理者", is_superuser=True, is_staff=True)
    for user in users.values():
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "ja"
        profile.save()
    return users


@pytest.mark.heavy
@pytest.mark.one_database  # rendered text: the same on either database (admin search on each: tests/security)
@pytest.mark.parametrize("role", [*roles(), "administrator"])
def test_role_sees_no_english_in_the_admin(client, staff, site_tree, role):
    found = english_by_view(client, staff[role], site_tree)
    assert found == {}, "\n".join(f"{path}: {strings}" for path, strings in found.items())


def test_checks_panel_counts_no_words_in_japanese_but_does_in_english(client, staff, site_tree):
    client.force_login(staff["administrator"])
    english_home = site_tree.get_translation(Locale.objects.get(language_code="en"))
    japanese = client.get(reverse("wagtailadmin_pages:edit", args=(site_tree.pk,))).content.decode()
    english = client.get(reverse("wagtailadmin_pages:edit", args=(english_home.pk,))).content.decode()
    assert "data-content-word-count" not in japanese
    assert "data-content-word-count" in english
    assert "data-checks-panel" in japanese  # the accessibility checks stay


def test_boolean_column_says_yes_or_no_in_japanese(client, staff, municipality):
    from services.garbage.models import CollectionPolicy

    CollectionPolicy.objects.create(municipality=municipality, collect_on_holidays=True)
    client.force_login(staff["administrator"])
    html = client.get(reverse(CollectionPolicy.snippet_viewset.get_url_name("list"))).content.decode()
    assert "はい" in html
    assert "True" not in english_strings(html)


def test_wagtails_default_workflow_and_groups_have_japanese_names(db):
    assert Workflow.objects.filter(name="モデレーターの承認").exists()
    assert not Workflow.objects.filter(name__startswith="Moderators").exists()
    assert not Task.objects.filter(name__startswith="Moderators").exists()
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()


def test_a_5374_import_error_reads_in_the_language_of_the_admin():
    from services.garbage.importers import CellError, parse_cell  # a domain a city may leave out

    with translation.override("ja"), pytest.raises(CellError, match="第何週かは1～5で書いてください"):
        parse_cell("水6")
    with translation.override("en"), pytest.raises(CellError, match="the week of the month must be 1–5"):
        parse_cell("水6")
