from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "services.events"
    label = "events"
    verbose_name = "Events"

    def ready(self):
        from facilities.importers import register_kind

        from . import imports

        register_kind("events", "イベント一覧", imports.import_file, imports.export_file)
