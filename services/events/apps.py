from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def ensure_section(home, municipality):
    """The city's イベント page (setup_city): list, calendar and feeds."""
    from home.cities import ensure_section

    from .models import EventIndexPage

    return ensure_section(home, EventIndexPage, "events", "イベント", "市内で開かれる催し、講座、相談会の予定です。")


def has_events(page) -> bool:
    from home.cities import has_live_descendants

    from .models import EventPage

    return has_live_descendants(page, EventPage)


class EventsConfig(AppConfig):
    name = "services.events"
    label = "events"
    verbose_name = "Events"

    def ready(self):
        from home.groups import EDITORS
        from home.registries import register_demo_loader, register_home_panel, register_role, register_section
        from opendata import kinds
        from search import registry

        from . import demo, imports
        from .models import EventPage

        kinds.register(
            "events",
            imports.import_file,
            imports.export_file,
            parse=_parse,
            label="イベント一覧",
            permissions=["events.add_eventpage", "events.change_eventpage"],
        )
        register_role(EDITORS, apps=["events"])  # 広報担当 keep the events data
        register_section(
            "services.events", ensure_section, order=40, model="events.EventIndexPage", has_content=has_events
        )
        register_home_panel("services/events/home_panel.html", order=30)
        register_demo_loader("services.events.demo", demo.load_demo, order=40)  # after facilities (venues)
        registry.register(
            EventPage,
            "events",
            label=_("Events"),
            order=20,
            location=registry.position("lat", "lng"),
            dates=lambda event: (event.start_date, event.end_date or event.start_date),
        )
        from . import downloads

        downloads.register()  # the section's オープンデータ files
        from datetime import timedelta

        from home import jobs

        # Open-ended repeating events stay listed three years ahead (manage.py scheduler).
        jobs.register_periodic_job(
            "refresh_event_dates", jobs.command_job("refresh_event_dates"), every=timedelta(days=1)
        )


def _parse(path):
    from .importers import parse_events

    result = parse_events(path)
    rows = [
        {"行": r.row, "イベント名": r.title, "開始日": r.start_date, "終了日": r.end_date, "場所": r.venue_name}
        for r in result.records
    ]
    return rows, result.errors
