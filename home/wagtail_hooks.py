from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import AlertBanner, Municipality


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "globe"
    menu_label = _("Municipalities")
    list_display = ["code", "name", "prefecture"]
    search_fields = ["code", "name"]
    add_to_admin_menu = False


class AlertBannerViewSet(SnippetViewSet):
    model = AlertBanner
    icon = "warning"
    menu_label = _("Alert banner")
    menu_order = 150
    add_to_admin_menu = True
    list_display = ["message", "severity", "starts_at", "ends_at", "enabled", "locale"]
    list_filter = ["severity", "enabled", "locale"]


register_snippet(MunicipalityViewSet)
register_snippet(AlertBannerViewSet)
