"""export_opendata KIND FILE: the portal's pages of a registered KIND as a standard open data file."""

from django.core.management.base import CommandError

from opendata import kinds
from opendata.commands import MunicipalityCommand


class Command(MunicipalityCommand):
    help = "Export KIND (one of the kinds the installed domains register) to FILE in the 2024 layout, UTF-8 with BOM."
    municipality_required = False

    def add_arguments(self, parser):
        parser.add_argument("kind", metavar="KIND", help=" | ".join(sorted(kinds.REGISTRY)))
        parser.add_argument("file", metavar="FILE")
        super().add_arguments(parser)

    def handle(self, *args, kind, file, **options):
        try:
            entry = kinds.get(kind)
        except kinds.UnknownKind as error:
            raise CommandError(str(error)) from None
        municipality = self.get_municipality(options) if options.get("municipality") else None
        rows = entry.export_file(file, municipality)
        self.stdout.write(f"Wrote {rows} row(s) of {kind} to {file}.")
