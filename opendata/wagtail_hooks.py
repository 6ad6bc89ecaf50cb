"""Admin: the import of every registered KIND (upload, preview, commit) and its menu item."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from opendata import admin_views


@hooks.register("register_admin_urls")
def import_urls():
    return [
        path("opendata/import/", admin_views.import_view, name="opendata_import"),
        path("opendata/import/<str:token>/", admin_views.commit_view, name="opendata_import_commit"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_import(request.user)


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem(_("Import open data"), reverse("opendata_import"), icon_name="upload", order=211)
