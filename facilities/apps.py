from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def ensure_section(home, municipality):
    """The city's 施設案内 (setup_city): the facility map and directory."""
    from home.cities import ensure_section

    from .models import FacilityIndexPage

    return ensure_section(
        home,
        FacilityIndexPage,
        "facilities",
        "施設案内",
        "図書館、コミュニティセンター、避難所、AED、保育所・幼稚園など市の施設の地図と一覧です。",
    )


def has_facilities(page) -> bool:
    from home.cities import has_live_descendants

    from .models import FacilityPage

    return has_live_descendants(page, FacilityPage)


class FacilitiesConfig(AppConfig):
    name = "facilities"
    label = "facilities"
    verbose_name = "Facilities"

    def ready(self):
        from facilities.loading import register_facility_kinds
        from home.groups import EDITORS
        from home.registries import register_demo_loader, register_home_panel, register_role, register_section
        from search import registry

        from . import demo
        from .models import FacilityPage

        register_facility_kinds()
        register_role(EDITORS, apps=["facilities"])  # 広報担当 keep the facilities data
        register_home_panel("facilities/home_panel.html", order=20)
        register_section(
            "facilities", ensure_section, order=20, model="facilities.FacilityIndexPage", has_content=has_facilities
        )
        # Before the nurseries and events that refer to facilities.
        register_demo_loader("facilities.demo", demo.load_demo, order=10)
        registry.register(
            FacilityPage,
            "facilities",
            label=_("Facilities"),
            order=10,
            location=registry.position("latitude", "longitude"),
            category_field="category",  # AED, 避難所, 図書館: the category's name finds its facilities
        )
        from . import downloads

        downloads.register()  # the section's オープンデータ files
