"""scheduler: run the periodic jobs (home/jobs.py) when they are due, so no cron is needed.

``--once`` runs every job that is due now, once, and exits (a cron or a systemd timer can call
that instead of the long-running scheduler).
"""

import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from home import jobs


class Command(BaseCommand):
    help = "Run the periodic jobs (scheduled publishing, event dates, …) when they are due."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job that is due now, once, and exit.")
        parser.add_argument("--max-sleep", type=float, default=30.0, help="Longest wait between two looks (s).")

    def handle(self, *args, once, max_sleep, **options):
        stopping = threading.Event()
        if not once:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stopping.set())
        names = ", ".join(job.name for job in jobs.periodic_jobs())
        jobs.logger.info("scheduler started: %s", names, extra={"once": once})
        while True:
            ran = jobs.run_due()
            for name, succeeded in ran.items():
                self.stdout.write(f"{name}: {'ok' if succeeded else 'failed'}")
            if once:
                return
            close_old_connections()
            if stopping.wait(min(max(jobs.next_due_in(), 1.0), max_sleep)):
                jobs.logger.info("scheduler stopped")
                return
