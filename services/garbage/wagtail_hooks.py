"""Garbage data in the Wagtail admin: snippet viewsets, the calendar preview, rule text entry, 5374 upload."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.admin_columns import yes_no
from home.scoping import CityScopedViewSetMixin

from . import admin_views
from .models import (
    CollectionArea,
    CollectionException,
    CollectionPolicy,
    CollectionRule,
    DisposalCentre,
    GarbageCategory,
    GarbageRemark,
    SortingItem,
)
from .panels import CalendarPreviewPanel


class GarbageCategoryViewSet(CityScopedViewSetMixin, SnippetViewSet):
    model = GarbageCategory
    icon = "tag"
    menu_label = pgettext_lazy("garbage", "Categories")
    list_display = ["name", "code", "colour", "municipality", "locale"]
    list_filter = ["municipality", "locale"]
    search_fields = ["name"]


class CollectionAreaViewSet(CityScopedViewSetMixin, SnippetViewSet):
    model = CollectionArea
    icon = "site"
    menu_label = _("Areas")
    list_display = ["name", "code", Column("town_count", label=_("towns")), "centre", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name", "towns"]  # 番町二丁目 finds every area listing it
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [FieldPanel("municipality"), FieldPanel("name"), FieldPanel("code"), FieldPanel("towns"),
                 FieldPanel("centre"), FieldPanel("sort_order")],
                heading=_("Area"),
            ),
            ObjectList([CalendarPreviewPanel(heading=_("Computed calendar"))], heading=_("Calendar preview")),
        ]
    )  # fmt: skip


class CollectionRuleViewSet(CityScopedViewSetMixin, SnippetViewSet):
    model = CollectionRule
    municipality_lookup = "area__municipality"
    icon = "date"
    menu_label = _("Rules")
    list_display = ["__str__", "area", "category", "kind"]
    list_filter = ["kind", "category", "area__municipality"]
    list_per_page = 100


class CollectionExceptionViewSet(CityScopedViewSetMixin, SnippetViewSet):
    model = CollectionException
    icon = "warning"
    menu_label = _("Exceptions")
    list_display = ["__str__", "kind", "area", "category", "note"]
    list_filter = ["kind", "municipality"]


class DisposalCentreViewSet(CityScopedViewSetMixin, SnippetViewSet):
    model = DisposalCentre
    icon = "home"
    menu_label = _("Disposal centres")
    list_display = ["name", "shutdown_start", "shutdown_end", yes_no(DisposalCentre, "week_shift"), "municipality"]
    panels = [
        FieldPanel("municipality"),
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldRowPanel(["shutdown_start", "shutdown_end"]), FieldPanel("week_shift")], heading=_("Shutdown")
        ),
    ]


class SortingItemViewSet(CityScopedViewSetMixin, SnippetViewSet):
    model = SortingItem
    icon = "list-ul"
    menu_label = _("Sorting dictionary")
    list_display = ["name", "reading", "category", "locale"]
    list_filter = ["category", "locale", "municipality"]
    search_fields = ["name", "reading"]
    list_per_page = 100


class GarbageRemarkViewSet(CityScopedViewSetMixin, SnippetViewSet):
    model = GarbageRemark
    icon = "help"
    menu_label = _("Remarks")
    list_display = ["code", "text", "municipality"]


class CollectionPolicyViewSet(CityScopedViewSetMixin, SnippetViewSet):
    model = CollectionPolicy
    icon = "cog"
    menu_label = _("Collection policy")
    list_display = ["municipality", yes_no(CollectionPolicy, "collect_on_holidays")]


class GarbageViewSetGroup(SnippetViewSetGroup):
    items = (
        GarbageCategoryViewSet,
        CollectionAreaViewSet,
        CollectionRuleViewSet,
        CollectionExceptionViewSet,
        DisposalCentreViewSet,
        SortingItemViewSet,
        GarbageRemarkViewSet,
        CollectionPolicyViewSet,
    )
    menu_icon = "bin"
    menu_label = _("Garbage")
    menu_name = "garbage"
    menu_order = 210


register_snippet(GarbageViewSetGroup)


@hooks.register("register_admin_urls")
def register_garbage_admin_urls():
    return [
        path("garbage/rule-text/", admin_views.rule_text_view, name="garbage_rule_text"),
        *admin_views.upload_5374.urls("garbage/upload-5374/"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def garbage_rule_text_menu_item():
    return PermissionMenuItem(
        _("Garbage: enter a rule"), reverse("garbage_rule_text"), icon_name="date", order=211,
        permission="garbage.add_collectionrule",
    )  # fmt: skip


@hooks.register("register_admin_menu_item")
def garbage_upload_menu_item():
    return admin_views.upload_5374.menu_item(_("Garbage: upload 5374 files"), order=212)
