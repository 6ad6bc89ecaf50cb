"""Delete search log rows (queries and clicks) older than the retention period (13 months)."""

from django.core.management.base import BaseCommand

from search.searching import prune_logs


class Command(BaseCommand):
    help = "Delete search query and click log rows older than --months (default 13). Run it daily (cron)."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=13, help="months to keep (30-day months, at least 1)")

    def handle(self, *args, months=13, **options):
        queries, clicks = prune_logs(max(months, 1))
        self.stdout.write(f"Deleted {queries} query rows and {clicks} click rows older than {max(months, 1)} months.")
