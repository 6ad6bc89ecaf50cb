"""import_opendata KIND FILE --municipality CODE: a standard open data file into the portal."""

from django.core.management.base import CommandError

from opendata import kinds
from opendata.commands import ImportCommand


class Command(ImportCommand):
    help = (
        "Import a standard open data file (自治体標準オープンデータセット, 2021 or 2024 layout, or Takamatsu's "
        "files; UTF-8, Shift_JIS or EUC-JP). KIND is one of the kinds the installed domains register. Idempotent: "
        "rows are matched on the file's ID, else on name + address. A field an editor changed since the last "
        "import keeps the editor's value and is reported as a conflict, unless --overwrite-edits."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", metavar="KIND", help=" | ".join(sorted(kinds.REGISTRY)))
        parser.add_argument("file", metavar="FILE")
        super().add_arguments(parser)
        parser.add_argument(
            "--category", metavar="CODE", help="put every facility in this category (default: from kind and name)"
        )
        parser.add_argument(
            "--overwrite-edits",
            action="store_true",
            help="take the file's value also for fields an editor changed since the last import "
            "(default: keep the editor's value and report a conflict)",
        )

    def handle(self, *args, kind, file, **options):
        try:
            entry = kinds.get(kind)
        except kinds.UnknownKind as error:
            raise CommandError(str(error)) from None
        municipality = self.get_municipality(options)
        extra = {"category_code": options["category"]} if options.get("category") else {}
        if options["overwrite_edits"]:
            extra["overwrite_edits"] = True
        try:
            open(file, "rb").close()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        self.run_import(
            lambda: entry.import_file(
                file, municipality, skip_invalid=options["skip_invalid"], stdout=self.stdout, **extra
            )
        )
