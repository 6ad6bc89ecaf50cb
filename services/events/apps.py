from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "services.events"
    label = "events"
    verbose_name = "Events"

    def ready(self):
        from opendata import kinds

        from . import imports

        kinds.register(
            "events",
            imports.import_file,
            imports.export_file,
            parse=_parse,
            label="イベント一覧",
            permissions=["events.add_eventpage", "events.change_eventpage"],
        )


def _parse(path):
    from .importers import parse_events

    result = parse_events(path)
    rows = [
        {"行": r.row, "イベント名": r.title, "開始日": r.start_date, "終了日": r.end_date, "場所": r.venue_name}
        for r in result.records
    ]
    return rows, result.errors
