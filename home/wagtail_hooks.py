from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home import account_views, admin_views, audit, visibility
from home.admin_columns import yes_no
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
    list_display = [
        "message",
        "municipality",
        "severity",
        "starts_at",
        "ends_at",
        yes_no(AlertBanner, "enabled"),
        "locale",
    ]
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


# -- staff accounts: two-factor sign-in, sign-in locks, the audit log (docs/security.md) -------


@hooks.register("register_admin_urls")
def register_account_urls():
    return [
        path("two-factor/", account_views.two_factor_setup, name="home_two_factor_setup"),
        path("two-factor/verify/", account_views.two_factor_verify, name="home_two_factor_verify"),
        path("two-factor/recovery-codes/", account_views.recovery_codes, name="home_two_factor_recovery_codes"),
        path("accounts/", account_views.accounts_view, name="home_accounts"),
        path("accounts/unlock/<int:pk>/", account_views.unlock_view, name="home_accounts_unlock"),
        path("accounts/reset-two-factor/<int:pk>/", account_views.reset_two_factor_view, name="home_accounts_reset"),
        path("reports/audit/", account_views.AuditLogView.as_view(), name="home_audit_log"),
        path(
            "reports/audit/results/",
            account_views.AuditLogView.as_view(results_only=True),
            name="home_audit_log_results",
        ),
    ]


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    audit.register_actions(actions)


class AccountManagerMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or request.user.has_perm("auth.change_user")


@hooks.register("register_settings_menu_item")
def register_accounts_menu_item():
    return AccountManagerMenuItem(_("Sign-in and two-factor"), reverse("home_accounts"), icon_name="lock", order=610)


@hooks.register("register_reports_menu_item")
def register_audit_menu_item():
    return AccountManagerMenuItem(_("Audit log"), reverse("home_audit_log"), icon_name="history", order=1100)


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("home_two_factor_setup"),
        "label": _("Two-factor sign-in"),
        "help_text": _("Set up an authenticator app, or make new recovery codes."),
    }
