from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "services.events"
    label = "events"
    verbose_name = "Events"

    def ready(self):
        from facilities.importers import register_kind
        from home.groups import EDITORS
        from home.registries import register_demo_loader, register_home_panel, register_role
        from search import registry

        from . import demo, imports
        from .models import EventPage

        register_kind("events", "イベント一覧", imports.import_file, imports.export_file)
        register_role(EDITORS, apps=["events"])  # 広報担当 keep the events data
        register_home_panel("services/events/home_panel.html", order=30)
        register_demo_loader("services.events.demo", demo.load_demo, order=40)  # after facilities (venues)
        registry.register(EventPage, "events", label=_("Events"), order=20, location=registry.position("lat", "lng"))
