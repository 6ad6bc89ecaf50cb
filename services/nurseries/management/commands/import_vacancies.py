"""import_vacancies FILE --as-of YYYY-MM-DD --municipality CODE: publish a vacancy notice from a file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from japanese.dates import parse_date
from opendata.commands import ImportCommand
from opendata.reading import ImportFailed, ImportReport, RowError
from services.nurseries.importers import parse_vacancies
from services.nurseries.notices import blocking_errors, counts_from, match_sheet, save_notice


class Command(ImportCommand):
    help = (
        "Import a vacancy snapshot (Yokohama per-age layout or the simple CSV, CSV or XLSX) as the notice of "
        "--as-of and publish it. Rows are matched to nurseries by facility number, then name; a file with a "
        "bad or unmatched row imports nothing unless --skip-invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="CSV (UTF-8, Shift_JIS or EUC-JP) or XLSX")
        parser.add_argument("--as-of", required=True, metavar="YYYY-MM-DD", help="the date of the notice (…現在)")
        parser.add_argument("--draft", action="store_true", help="save a draft revision instead of publishing")
        parser.add_argument(
            "--overwrite-edits",
            action="store_true",
            help="take the file's places also for nurseries whose places staff changed since the last import "
            "(default: keep theirs and report a conflict)",
        )
        super().add_arguments(parser)

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            as_of = parse_date(options["as_of"])
        except ValueError as reason:
            raise CommandError(f"--as-of: {reason}") from None
        municipality = self.get_municipality(options)
        self.run_import(
            lambda: self.import_file(
                path,
                as_of,
                municipality,
                options["skip_invalid"],
                publish=not options["draft"],
                overwrite_edits=options["overwrite_edits"],
            )
        )

    def import_file(
        self, path: Path, as_of: date, municipality, skip_invalid: bool, publish: bool, overwrite_edits: bool = False
    ) -> ImportReport:
        sheet = parse_vacancies(path, as_of=as_of)
        report = ImportReport()
        with transaction.atomic():
            matches = match_sheet(sheet, municipality)
            problems: list[RowError] = sheet.errors + blocking_errors(sheet, matches)
            if problems and not skip_invalid:
                raise ImportFailed(problems)
            report.skipped = problems
            counts = counts_from(matches)
            if not counts:
                raise ImportFailed(
                    problems
                    + [RowError(sheet.file, None, None, None, _("no row matches a nursery of this municipality"))]
                )
            saved = save_notice(
                municipality,
                as_of,
                counts,
                source_file=path.name,
                publish=publish,
                report=report,
                overwrite_edits=overwrite_edits,
            )
        if saved.created:
            report.created = len(counts)
        elif saved.changed:
            report.updated = len(counts)
        else:
            report.unchanged = len(counts)
        state = "published" if saved.notice.live and not saved.notice.has_unpublished_changes else "saved as a draft"
        report.notes.append(f"Notice {as_of.isoformat()} ({municipality.name}): {len(counts)} nurseries, {state}.")
        report.notes += sheet.warnings
        if sheet.ignored_columns:
            report.notes.append("Ignored columns: " + ", ".join(sheet.ignored_columns))
        return report
