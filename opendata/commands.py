"""Base for import commands that take --municipality CODE and --skip-invalid.

An import writes into a city's own sections, so ``ImportCommand`` refuses, before it writes
anything (not even the Municipality row), a municipality that ``setup_city`` has not set up: the
one-line error names the command to run.
"""

from __future__ import annotations

import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from home import audit
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
            "--municipality-name",
            metavar="NAME",
            help="its name, for the setup_city hint when it is not in the database yet",
        )

    def municipality_code(self, options) -> str:
        code = (options.get("municipality") or "").strip()
        try:
            validate_municipality_code(code)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        return code

    def get_municipality(self, options):
        """The municipality of ``--municipality`` (check digit validated), which must exist."""
        from home.models import Municipality

        code = self.municipality_code(options)
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is None:
            raise CommandError(f"No municipality with code {code}.")
        return municipality


class ImportCommand(MunicipalityCommand):
    """An import: strict by default, ``--skip-invalid`` to import the valid rows and list the rest.

    Only into a city set up on this portal (``setup_city``): otherwise a one-line ``CommandError``
    says what to run, and nothing is written.
    """

    def get_municipality(self, options):
        """The set-up municipality of ``--municipality``; ``CityNotSetUp``'s message as a command error."""
        from home.models import Municipality
        from home.sites import CityNotSetUp, city_home

        code = self.municipality_code(options)
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is None or city_home(municipality) is None:
            name = municipality.name if municipality else (options.get("municipality_name") or "").strip()
            raise CommandError(str(CityNotSetUp(code, name)))
        return municipality

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
        options = getattr(self, "_options", {})
        audit.record_import(
            source=self.__module__.rsplit(".", 1)[-1],
            files=[value for value in options.get("args_given", []) if isinstance(value, str)],
            municipality=(options.get("municipality") or "").strip(),
            report=report,
            os_user=getpass.getuser(),
        )
        return report

    def execute(self, *args, **options):
        """Keep the command's arguments for the audit log entry of its import."""
        self._options = {**options, "args_given": [*args, *_positional(options)]}
        return super().execute(*args, **options)


#: options that are not a command's file or kind (Django's own and the import options)
_NOT_ARGUMENTS = {"municipality", "municipality_name", "skip_invalid", "settings", "pythonpath", "traceback"}


def _positional(options: dict) -> list[str]:
    """The file and kind arguments of an import command, as given (for the audit log)."""
    return [
        str(value)
        for key, value in options.items()
        if key not in _NOT_ARGUMENTS and isinstance(value, str | bytes) and not key.startswith("_") and value
    ]
