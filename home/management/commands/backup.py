"""backup DIR: the database and the media files into DIR (home/backups.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home import backups


class Command(BaseCommand):
    help = "Back up the database and the media files into DIR."

    def add_arguments(self, parser):
        parser.add_argument("dir", type=Path)

    def handle(self, *args, dir, **options):
        try:
            written = backups.backup(dir)
        except (backups.BackupError, OSError) as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(f"backed up {', '.join(written['files'])} to {dir}")
