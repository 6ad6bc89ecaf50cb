"""export_opendata KIND FILE: the portal's facilities as a 2024-layout standard open data file."""

from django.core.management.base import CommandError

from facilities.importers import REGISTRY
from opendata.commands import MunicipalityCommand


class Command(MunicipalityCommand):
    help = "Export KIND (facilities, childcare, aed, evacuation, events) to FILE in the 2024 layout, UTF-8 with BOM."
    municipality_required = False

    def add_arguments(self, parser):
        parser.add_argument("kind", metavar="KIND")
        parser.add_argument("file", metavar="FILE")
        super().add_arguments(parser)

    def handle(self, *args, kind, file, **options):
        entry = REGISTRY.get(kind)
        if entry is None:
            raise CommandError(f"Unknown KIND {kind!r}: use one of {', '.join(sorted(REGISTRY))}.")
        municipality = self.get_municipality(options, create=False) if options.get("municipality") else None
        rows = entry.export_file(file, municipality)
        self.stdout.write(f"Wrote {rows} row(s) of {kind} to {file}.")
