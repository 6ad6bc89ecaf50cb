"""restore DIR: replace the database and the media files with the backup in DIR (home/backups.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home import backups


class Command(BaseCommand):
    help = "Replace the database and the media files with the backup in DIR (made by `backup DIR`)."

    def add_arguments(self, parser):
        parser.add_argument("dir", type=Path)
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, dir, interactive, **options):
        if interactive:
            answer = input(f"This replaces the database and the media files with the backup in {dir}. Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled: nothing changed.")
        try:
            manifest = backups.restore(dir)
        except (backups.BackupError, OSError) as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(f"restored the backup of {manifest['created']} ({', '.join(manifest['files'])})")
