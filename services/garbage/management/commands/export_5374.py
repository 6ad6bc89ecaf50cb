"""export_5374 DIR --municipality CODE: write the municipality's garbage data as 5374 files."""

from __future__ import annotations

from datetime import date

from opendata.commands import MunicipalityCommand
from services.garbage.importers import write_5374_dir
from services.garbage.loading import export_dataset


class Command(MunicipalityCommand):
    help = "Write area_days, center, description, remarks and target CSV files (UTF-8) into DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help="folder to write (created if missing)")
        super().add_arguments(parser)
        parser.add_argument(
            "--from", dest="start", type=date.fromisoformat, help="first day for rules 5374 cannot express (YYYY-MM-DD)"
        )
        parser.add_argument("--until", dest="end", type=date.fromisoformat, help="last day for those rules")

    def handle(self, *args, directory: str, start=None, end=None, **options):
        municipality = self.get_municipality(options)
        window = (start, end) if start and end else None
        dataset = export_dataset(municipality, window)
        for path in write_5374_dir(dataset, directory):
            self.stdout.write(f"wrote {path}")
