"""A complete demo city, in every language, from the real open data shipped in data/opendata/."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home import demo, groups

# Each domain adds its demo content; they run in this order (facilities before the
# nurseries and events that refer to them).
DOMAIN_DEMOS = [
    "facilities.demo",
    "services.garbage.demo",
    "services.nurseries.demo",
    "services.events.demo",
    "search.demo",
]


class Command(BaseCommand):
    help = "Create or update the demo city (idempotent). Demo users are only created with DEBUG or --force."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off (creates demo users)")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo creates demo users with known passwords: refusing with DEBUG off. Use --force."
            )
        self.stdout.write("Loading the demo city…")
        with transaction.atomic():
            municipality = demo.load_demo(self.stdout, with_users=True)
            for dotted in DOMAIN_DEMOS:
                self.stdout.write(f"- {dotted}")
                import_module(dotted).load_demo(municipality, self.stdout)
            groups.sync_groups()
        self.stdout.write(self.style.SUCCESS("Demo city ready: http://127.0.0.1:8000/ (admin: /admin/)"))
