from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home import admin_views, visibility
from home.models import AlertBanner, Municipality
from home.scoping import CityScopedViewSetMixin


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "globe"
    menu_label = _("Municipalities")
    list_display = ["code", "name", "prefecture"]
    search_fields = ["code", "name"]
    add_to_admin_menu = False


class AlertBannerViewSet(CityScopedViewSetMixin, SnippetViewSet):
    model = AlertBanner
    icon = "warning"
    menu_label = _("Alert banner")
    menu_order = 150
    add_to_admin_menu = True
    list_display = ["message", "municipality", "severity", "starts_at", "ends_at", "enabled", "locale"]
    list_filter = ["municipality", "severity", "enabled", "locale"]


register_snippet(MunicipalityViewSet)
register_snippet(AlertBannerViewSet)


@hooks.register("before_serve_page")
def serve_what_residents_may_see(page, request, serve_args, serve_kwargs):
    """An expired page is gone at once; a login restriction admits only its own city's staff
    (``home.visibility.refuse_to_serve``)."""
    visibility.refuse_to_serve(page, request)


# -- the first-run page: setting up cities (superusers only) ------------------------------------


@hooks.register("register_admin_urls")
def register_cities_url():
    return [path("cities/", admin_views.cities_view, name="home_cities")]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_cities_menu_item():
    return SuperuserMenuItem(_("Cities"), reverse("home_cities"), icon_name="globe", order=10)


@hooks.register("construct_homepage_panels")
def first_city_panel(request, panels):
    """On a fresh install, the dashboard tells the superuser to set up the first city."""
    from home.cities import set_up_cities

    if request.user.is_superuser and not set_up_cities():
        panels.insert(0, admin_views.FirstCityPanel())
