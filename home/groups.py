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


def sync_groups() -> dict[str, Group]:
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    from home.models import HomePage

    groups = {}
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for name, role in roles().items():
        group, _ = Group.objects.get_or_create(name=name)
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

        page_rules = role.pages
        if page_rules:
            homes = HomePage.objects.all()
            for scope, codenames in page_rules.items():
                pages = homes if scope == "home" else homes.exclude(locale__language_code=settings.LANGUAGE_CODE)
                _grant_pages(GroupPagePermission, group, pages, codenames)
        for app_label, codenames in role.section_pages.items():
            page_models = [
                model for model in global_apps.get_app_config(app_label).get_models() if issubclass(model, Page)
            ]
            for model in page_models:
                _grant_pages(GroupPagePermission, group, model.objects.all(), codenames)
        if role.collections:
            root = Collection.get_first_root_node()
            if root:
                for codename in [
                    "add_image",
                    "change_image",
                    "choose_image",
                    "add_document",
                    "change_document",
                    "choose_document",
                ]:
                    permission = Permission.objects.get(codename=codename)
                    GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)
    _make_editors_moderators(groups[EDITORS])
    return groups


def _grant_pages(group_page_permission, group, pages, codenames):
    permissions = list(Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames))
    for page in pages:
        for permission in permissions:
            group_page_permission.objects.get_or_create(group=group, page=page, permission=permission)


def _make_editors_moderators(editors: Group) -> None:
    """Translators submit for review; 広報担当 approve in Wagtail's default workflow."""
    from wagtail.models import GroupApprovalTask

    for task in GroupApprovalTask.objects.all():
        task.groups.add(editors)


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
