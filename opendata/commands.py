"""Base for import commands that take --municipality CODE and --skip-invalid."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from home.municipalities import validate_municipality_code
from opendata.reading import ImportFailed, ImportReport


class MunicipalityCommand(BaseCommand):
    """Adds ``--municipality CODE`` (check digit validated) and ``--municipality-name NAME``."""

    municipality_required = True

    def add_arguments(self, parser):
        parser.add_argument(
            "--municipality",
            required=self.municipality_required,
            metavar="CODE",
            help="6-digit local government code (全国地方公共団体コード), e.g. 372013",
        )
        parser.add_argument(
            "--municipality-name", metavar="NAME", help="name for a municipality not yet in the database"
        )

    def get_municipality(self, options, create: bool = True):
        from home.models import Municipality

        code = (options.get("municipality") or "").strip()
        try:
            validate_municipality_code(code)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is None:
            if not create:
                raise CommandError(f"No municipality with code {code}.")
            name = options.get("municipality_name")
            if not name:
                raise CommandError(
                    f"Municipality {code} is not in the database yet: give its name with --municipality-name."
                )
            municipality = Municipality.objects.create(code=code, name=name)
            self.stdout.write(f"Created municipality {municipality}.")
        return municipality


class ImportCommand(MunicipalityCommand):
    """An import: strict by default, ``--skip-invalid`` to import the valid rows and list the rest."""

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the valid rows and list every skipped one"
        )

    def run_import(self, do_import) -> ImportReport:
        """Call ``do_import()`` and turn an ``ImportFailed`` into a command error listing every row."""
        try:
            report = do_import()
        except ImportFailed as failure:
            lines = [f"Nothing was imported: {len(failure.errors)} problem(s)."]
            lines += [f"  {error}" for error in failure.errors]
            lines.append("Fix the file, or run again with --skip-invalid to import the valid rows.")
            raise CommandError("\n".join(lines)) from None
        self.stdout.write(report.summary())
        return report
