"""import_5374 DIR --municipality CODE: garbage areas, categories, rules, centres and dictionary."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from opendata.commands import ImportCommand
from opendata.reading import ImportReport
from services.garbage.importers import read_5374_dir, read_takamatsu_dir
from services.garbage.loading import import_dataset


class Command(ImportCommand):
    help = (
        "Import a 5374 file set (area_days.csv, center.csv, description.csv, remarks.csv, target.csv) "
        "or Takamatsu's 0090.csv/0074.csv from DIR. Strict: one bad cell imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help="folder holding the CSV files")
        super().add_arguments(parser)
        parser.add_argument(
            "--week-shift",
            action="store_true",
            help="a collection inside a centre's shutdown moves a week later (Kanazawa) instead of being dropped",
        )
        parser.add_argument(
            "--overwrite-edits",
            action="store_true",
            help="take the files' values also for category fields staff changed since the last import "
            "(default: keep theirs and report a conflict)",
        )

    def handle(self, *args, directory: str, week_shift: bool = False, skip_invalid: bool = False, **options):
        folder = Path(directory)
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        municipality = self.get_municipality(options)
        if (folder / "0090.csv").exists() and not (folder / "area_days.csv").exists():
            dataset, errors = read_takamatsu_dir(folder)
        else:
            dataset, errors = read_5374_dir(folder)

        def do_import() -> ImportReport:
            return import_dataset(
                municipality,
                dataset,
                errors,
                skip_invalid=skip_invalid,
                week_shift=week_shift,
                overwrite_edits=options.get("overwrite_edits", False),
            )

        self.run_import(do_import)
