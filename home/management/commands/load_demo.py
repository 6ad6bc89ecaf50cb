"""A complete demo city, in every language, from the real open data shipped in data/opendata/."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home import demo, groups
from home.registries import demo_loaders


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
            # Each installed domain adds its demo content, in the order it registered
            # (home.registries.register_demo_loader from its apps.py).
            for loader in demo_loaders():
                self.stdout.write(f"- {loader.name}")
                loader.loader(municipality, self.stdout)
            groups.sync_groups()
        self.stdout.write(self.style.SUCCESS("Demo city ready: http://127.0.0.1:8000/ (admin: /admin/)"))
