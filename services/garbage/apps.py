from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

GARBAGE_STAFF = "環境課"


def ensure_section(home, municipality):
    """The city's ごみ page (setup_city): area picker, calendar and sorting dictionary."""
    from home.cities import ensure_section

    from .models import GarbageCalendarPage

    return ensure_section(
        home,
        GarbageCalendarPage,
        "garbage",
        "ごみ収集日・分別",
        "お住まいの地区の収集日と、ごみの分け方・出し方。",
        municipality=municipality,
        intro="地区を選ぶと、次の収集日と今月・来月のカレンダーが見られます。",
    )


def has_areas(page) -> bool:
    from .models import CollectionArea

    return CollectionArea.objects.filter(municipality_id=page.municipality_id).exists()


TRANSLATED = ("garbagecategory", "sortingitem")  # the garbage snippets residents read in their language


class GarbageConfig(AppConfig):
    name = "services.garbage"
    label = "garbage"

    def ready(self):
        from home.caching import register_personal_cookie
        from home.groups import PAGE_PUBLISH, TRANSLATORS
        from home.registries import register_demo_loader, register_home_panel, register_role, register_section
        from opendata import kinds
        from search import registry

        from . import demo, towns
        from .models import SortingItem
        from .views import AREA_COOKIE, sorting_item_url

        # 環境課: the garbage data, and the garbage pages of their section.
        register_role(GARBAGE_STAFF, apps=["garbage"], section_pages={"garbage": PAGE_PUBLISH}, demo_username="garbage")
        # 翻訳者: translate their city's categories and 分別辞典 (never the Japanese source: home/scoping.py).
        register_role(
            TRANSLATORS,
            permissions=[f"garbage.{action}_{model}" for action in ("view", "change") for model in TRANSLATED],
        )
        kinds.register(
            "garbage-towns",
            towns.import_file,
            towns.export_file,
            parse=towns.preview,
            label="町丁目別ごみ収集地区",
            permissions=towns.PERMISSIONS,  # 環境課 keep the collection areas
        )
        register_home_panel("services/garbage/home_panel.html", order=10)
        register_personal_cookie(AREA_COOKIE)  # the resident's area: its next collections on the home page
        register_section(
            "services.garbage", ensure_section, order=10, model="garbage.GarbageCalendarPage", has_content=has_areas
        )
        register_demo_loader("services.garbage.demo", demo.load_demo, order=20)
        registry.register(
            SortingItem,
            "garbage",
            label=_("Garbage sorting"),
            order=40,
            url=sorting_item_url,
            municipality_field="municipality",  # the dictionary of the requested site's city only
        )
        from . import downloads

        downloads.register()  # the section's オープンデータ files
