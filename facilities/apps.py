from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "facilities"
    label = "facilities"
    verbose_name = "Facilities"

    def ready(self):
        from facilities.loading import register_facility_kinds
        from home.groups import EDITORS
        from home.registries import register_demo_loader, register_home_panel, register_role
        from search import registry

        from . import demo
        from .models import FacilityPage

        register_facility_kinds()
        register_role(EDITORS, apps=["facilities"])  # 広報担当 keep the facilities data
        register_home_panel("facilities/home_panel.html", order=20)
        # Before the nurseries and events that refer to facilities.
        register_demo_loader("facilities.demo", demo.load_demo, order=10)
        registry.register(
            FacilityPage,
            "facilities",
            label=_("Facilities"),
            order=10,
            location=registry.position("latitude", "longitude"),
        )
