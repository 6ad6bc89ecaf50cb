"""The portal's staff roles as Django groups, kept in step with the installed apps.

The kernel's roles are declared here; each app registers its own role, or the rights it adds to
a kernel role, with ``home.registries.register_role`` from its ``apps.py``. ``sync_groups`` runs
after every ``migrate`` (so groups exist on a fresh database and pick up the models of apps added
later) and from ``load_demo`` once the page tree exists. It only adds what is missing.
"""

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

from home.registries import register_role, roles

EDITORS = "広報担当"
TRANSLATORS = "翻訳者"
EMERGENCY = "緊急情報"

PAGE_EDIT = ["add_page", "change_page"]
PAGE_PUBLISH = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def register_kernel_roles() -> None:
    """The roles every city has; domain apps add their own (環境課, 保育課) and add rights to these."""
    # 広報担当: all pages in every language, images and documents, the alert banner; the domains
    # add their data (facilities, events), search adds synonyms and promotions.
    register_role(
        EDITORS, models=["home.alertbanner"], pages={"home": PAGE_PUBLISH}, collections=True, demo_username="editor"
    )
    # 翻訳者: edit translated pages and submit them for review; never the Japanese source.
    register_role(TRANSLATORS, pages={"translations": PAGE_EDIT}, demo_username="translator")
    # 緊急情報: the alert banner and nothing else.
    register_role(EMERGENCY, models=["home.alertbanner"], demo_username="emergency")


def _model_permissions(app_label: str, model: str | None = None):
    permissions = Permission.objects.filter(content_type__app_label=app_label)
    if model:
        permissions = permissions.filter(content_type__model=model)
    return permissions


def city_group_name(role: str, municipality) -> str:
    """``高松市 広報担当``; a name two cities share (府中市) gets the code too."""
    from home.models import CityGroup

    name = f"{municipality.name} {role}"
    taken = CityGroup.objects.filter(group__name=name).exclude(municipality=municipality).exists()
    return f"{municipality.name}({municipality.code}) {role}" if taken else name


def city_group(role: str, municipality) -> Group:
    """The staff group of *role* for *municipality* (after ``sync_city_groups``)."""
    return Group.objects.get(city_scope__role=role, city_scope__municipality=municipality)


def has_role(user, *role_names: str) -> bool:
    """Whether *user* is in a staff group of one of *role_names*, in any city (superusers are)."""
    if not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(city_scope__role__in=role_names).exists()


def role_homes(user, *role_names: str):
    """The home pages of the cities where *user* has one of *role_names*; None for a superuser (all)."""
    from home.models import PortalSettings
    from home.scoping import user_municipalities

    municipalities = user_municipalities(user, *role_names)
    if municipalities is None:
        return None
    return [
        portal.site.root_page
        for portal in PortalSettings.objects.filter(municipality__in=municipalities).select_related("site__root_page")
    ]


def sync_groups() -> dict[str, dict[str, Group]]:
    """Every set-up city's groups; ``{municipality code: {role: group}}``."""
    from home.models import PortalSettings

    synced = {}
    for portal in PortalSettings.objects.filter(municipality__isnull=False).select_related("municipality", "site"):
        synced[portal.municipality.code] = sync_city_groups(portal.municipality, portal.site.root_page.specific)
    return synced


def sync_city_groups(municipality, home) -> dict[str, Group]:
    """One group per role for *municipality*, with rights on that city's pages and images only.

    Model rights (e.g. change a collection area) are global in Django; the admin narrows them to
    the user's cities (home/scoping.py). Page rights are Wagtail's, on this city's pages only.
    """
    from wagtail.models import GroupPagePermission, Page

    from home.models import CityGroup
    from home.sites import city_homes, city_pages_q

    groups = {}
    homes = city_homes(home)
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    collection = _city_collection(municipality) if any(role.collections for role in roles().values()) else None
    for name, role in roles().items():
        scope = CityGroup.objects.filter(municipality=municipality, role=name).select_related("group").first()
        if scope is None:
            group, _ = Group.objects.get_or_create(name=city_group_name(name, municipality))
            CityGroup.objects.create(group=group, municipality=municipality, role=name)
        else:
            group = scope.group
        groups[name] = group
        wanted = [admin_access]
        for app_label in role.apps:
            wanted += list(_model_permissions(app_label))
        for dotted in role.models:
            wanted += list(_model_permissions(*dotted.split(".")))
        for dotted in role.permissions:
            app_label, codename = dotted.split(".")
            wanted += list(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.add(*wanted)

        for scope_name, codenames in role.pages.items():
            pages = (
                homes
                if scope_name == "home"
                else [p for p in homes if p.locale.language_code != settings.LANGUAGE_CODE]
            )
            _grant_pages(GroupPagePermission, group, pages, codenames)
        for app_label, codenames in role.section_pages.items():
            page_models = [
                model for model in global_apps.get_app_config(app_label).get_models() if issubclass(model, Page)
            ]
            for model in page_models:
                # Rights on a page hold for the pages under it: the section's top pages are enough.
                pages = model.objects.filter(city_pages_q(home))
                tops = [
                    page for page in pages if not any(page.path.startswith(o.path) and o.pk != page.pk for o in pages)
                ]
                _grant_pages(GroupPagePermission, group, tops, codenames)
        if role.collections and collection is not None:
            _grant_collection(group, collection)
    _city_workflow(municipality, homes, groups[EDITORS])
    return groups


def _city_collection(municipality):
    """Images and documents of one city: a collection of its own under the root."""
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    if root is None:
        return None
    found = root.get_children().filter(name=municipality.name).first()
    return found or root.add_child(name=municipality.name)


def _grant_collection(group, collection) -> None:
    from wagtail.models import GroupCollectionPermission

    codenames = ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"]
    for permission in Permission.objects.filter(codename__in=codenames):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)


def _grant_pages(group_page_permission, group, pages, codenames):
    permissions = list(Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames))
    for page in pages:
        for permission in permissions:
            group_page_permission.objects.get_or_create(group=group, page=page, permission=permission)


def _city_workflow(municipality, homes, editors: Group) -> None:
    """Translators submit for review; the city's 広報担当, and only they, approve its pages.

    A city whose portal settings switch 承認 off keeps the workflow (switched on again, it is
    back as it was) but its pages are not assigned to it, so nobody is asked to submit. Wagtail's
    pages take the workflow of their nearest ancestor and there is no "none" to assign, so the
    root's (Wagtail's default "モデレーターの承認", which every city with 承認 on overrides with
    its own) is unassigned too.
    """
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    from home.models import PortalSettings

    workflow, _ = Workflow.objects.get_or_create(name=f"{editors.name}の承認")
    task = GroupApprovalTask.objects.filter(name=editors.name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=editors.name)
    task.groups.add(editors)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    portal = PortalSettings.objects.filter(municipality=municipality).first()
    if portal is not None and not portal.approval_workflow:
        WorkflowPage.objects.filter(Q(page__in=homes, workflow=workflow) | Q(page__depth=1)).delete()
        return
    for home in homes:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


def apply_city_workflow(sender, instance, **kwargs) -> None:
    """Portal settings saved: the city's pages follow its 承認 switch at once."""
    from home.models import CityGroup
    from home.sites import city_homes

    if instance.municipality_id is None or instance.site_id is None:
        return
    scope = CityGroup.objects.filter(municipality_id=instance.municipality_id, role=EDITORS).first()
    if scope is None:  # groups not made yet: setup_city / sync_groups will do it
        return
    _city_workflow(instance.municipality, city_homes(instance.site.root_page), scope.group)


def sync_groups_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """Run once per ``migrate``, after every app's permissions exist."""
    from django.contrib.auth.management import create_permissions

    app_configs = [config for config in global_apps.get_app_configs() if config.models_module is not None]
    if sender is not app_configs[-1] or using != DEFAULT_DB_ALIAS:
        return
    ContentType.objects.clear_cache()
    for app_config in app_configs:
        create_permissions(app_config, verbosity=0, using=using)
    sync_groups()
