"""Admin: facility categories as a snippet viewset, and the map picker on facility pages."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from facilities import admin_views
from facilities.models import FacilityCategory


class FacilityCategoryViewSet(SnippetViewSet):
    model = FacilityCategory
    icon = "tag"
    menu_label = _("Facility categories")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "code", "kind", "sort_order", "locale"]
    list_filter = ["kind", "locale"]
    search_fields = ["name", "code"]


register_snippet(FacilityCategoryViewSet)


@hooks.register("insert_global_admin_js")
def map_picker_js():
    """The map picker script; it does nothing on admin pages without latitude/longitude fields."""
    return format_html(
        '<script src="{}" data-leaflet-js="{}" data-leaflet-css="{}" data-geocode-url="/api/v1/geocode" defer></script>',
        static("facilities/admin-map-picker.js"),
        static("vendor/leaflet/leaflet.js"),
        static("vendor/leaflet/leaflet.css"),
    )


@hooks.register("register_admin_urls")
def import_urls():
    return [path("facilities/import/", admin_views.import_view, name="facilities_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_import(request.user)


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem(_("Import open data"), reverse("facilities_import"), icon_name="upload", order=211)
