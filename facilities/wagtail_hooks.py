"""Admin: facility categories as a snippet viewset, and the map picker on facility pages."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from facilities.admin_views import roles_view
from facilities.models import FacilityCategory, FacilityPage
from opendata.admin_views import kind_import


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
    # The open data import (opendata.admin_views) at its old address, kept for bookmarks.
    return [
        path("facilities/import/", kind_import.view, name="facilities_import"),
        path("facilities/<int:page_id>/roles/", roles_view, name="facilities_roles"),
    ]


@hooks.register("register_page_header_buttons")
def merged_roles_button(page, user, view_name, next_url=None):
    """「Merged roles」 in the header menu of a facility that has some: where a wrong merge is split."""
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
    if isinstance(specific, FacilityPage) and specific.roles:
        yield Button(_("Merged roles"), reverse("facilities_roles", args=[page.pk]), icon_name="site", priority=80)
