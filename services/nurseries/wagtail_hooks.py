"""Admin for 保育課: nurseries, vacancy notices (drafts, revisions, schedule, lock) and the upload."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.admin_columns import yes_no
from home.scoping import CityScopedViewSetMixin

from . import admin_views
from .models import Nursery, VacancyNotice


class NurseryViewSet(CityScopedViewSetMixin, SnippetViewSet):
    model = Nursery
    icon = "home"
    menu_label = _("Nurseries")
    list_display = ["__str__", "kind", "ward", "number", "municipality"]
    list_filter = ["municipality", "kind"]
    search_fields = ["number"]
    copy_view_enabled = False


class VacancyNoticeViewSet(CityScopedViewSetMixin, SnippetViewSet):
    model = VacancyNotice
    icon = "table"
    menu_label = _("Vacancy notices")
    list_display = ["__str__", "municipality", "nursery_count", yes_no(VacancyNotice, "live")]
    list_filter = ["municipality"]
    copy_view_enabled = False


class ChildcareViewSetGroup(SnippetViewSetGroup):
    items = (VacancyNoticeViewSet, NurseryViewSet)
    menu_label = _("Childcare")
    menu_icon = "group"
    menu_order = 250


register_snippet(ChildcareViewSetGroup)


@hooks.register("register_admin_urls")
def vacancy_upload_urls():
    return admin_views.vacancy_upload.urls("nurseries/upload/")


@hooks.register("register_admin_menu_item")
def vacancy_upload_menu_item():
    return admin_views.vacancy_upload.menu_item(_("Upload vacancies"), order=251)
