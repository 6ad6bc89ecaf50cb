"""``setup_city CODE --name NAME [--hostname HOST] [--default]``: a city ready for its own open data."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from home.cities import setup_city


class Command(BaseCommand):
    help = (
        "Set up a municipality on this portal (idempotent): the municipality, a Wagtail Site for its "
        "hostname, home pages in every language, the empty sections and staff groups scoped to the city. "
        "The first city set up is the default site (it answers hosts no site names)."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="全国地方公共団体コード, 6 digits with the check digit, e.g. 372013")
        parser.add_argument("--name", required=True, help="the municipality's name, e.g. 高松市")
        parser.add_argument("--hostname", help="the site's host name, e.g. takamatsu.example.jp")
        parser.add_argument("--default", action="store_true", help="answer hosts that no site names")
        parser.add_argument("--name-kana", default="", help="the name's reading, e.g. たかまつし")
        parser.add_argument("--prefecture", default="", help="e.g. 香川県")
        parser.add_argument(
            "--approval",
            choices=["on", "off"],
            help="承認 before publishing: on (the default for a new city) or off; left as it is when not given",
        )

    def handle(
        self, *args, code, name, hostname=None, default=False, name_kana="", prefecture="", approval=None, **options
    ):
        try:
            city = setup_city(
                code,
                name,
                hostname=hostname,
                default=default,
                name_kana=name_kana,
                prefecture=prefecture,
                approval=None if approval is None else approval == "on",
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        verb = "Set up" if city.created else "Up to date:"
        default_note = " (default site)" if city.site.is_default_site else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {city.municipality.name} ({city.municipality.code}) at {city.site.hostname}{default_note}."
            )
        )
        self.stdout.write(
            "Import its open data next: python manage.py import_opendata KIND FILE "
            f"--municipality {city.municipality.code}"
        )
