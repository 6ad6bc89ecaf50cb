"""Admin: the import of every registered KIND (upload, preview, commit) and its menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from opendata import background
from opendata.admin_views import kind_import


@hooks.register("register_admin_urls")
def import_urls():
    return kind_import.urls("opendata/import/") + background.urls()


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return kind_import.menu_item(_("Import open data"), order=211)
