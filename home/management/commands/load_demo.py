"""Every municipality whose real open data ships in data/opendata/, each as its own site, in every language."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home import demo, groups
from home.indexing import indexing_deferred
from home.registries import demo_loaders


class Command(BaseCommand):
    help = (
        "Set up or update the demo cities, each as its own site with its own open data (idempotent). "
        "Demo users are only created with DEBUG or --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off (creates demo users)")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo creates demo users with known passwords: refusing with DEBUG off. Use --force."
            )
        self.stdout.write("Loading the demo cities…")
        with transaction.atomic(), indexing_deferred():
            municipalities = demo.load_demo_cities(self.stdout, with_users=True)
            # Each installed domain loads what its own data has for each city (it decides by the
            # city's code), in the order it registered (home.registries.register_demo_loader).
            for municipality in municipalities:
                self.stdout.write(f"{municipality.name} ({municipality.code})")
                for loader in demo_loaders():
                    loader.loader(municipality, self.stdout)
            groups.sync_groups()
        self.stdout.write(self.style.SUCCESS("Demo cities ready (admin: /admin/ on any of them):"))
        for city in demo.DEMO_CITIES:
            default = " (also http://127.0.0.1:8000/)" if city.default else ""
            self.stdout.write(f"  {city.name}: {city.url}{default}")
