"""worker: run the background tasks (imports uploaded in the admin, Wagtail's own) of TASK_BACKEND.

With the database backend (``TASK_BACKEND=django_tasks_db.DatabaseBackend``) this is
django-tasks-db's ``db_worker`` on every queue, without autoreload. With the default immediate
backend tasks run inside the web request, so there is nothing to run and the command says so.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

WORKERS = {"django_tasks_db.DatabaseBackend": "db_worker"}


class Command(BaseCommand):
    help = "Run the background worker of TASK_BACKEND (imports and other long tasks)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run every waiting task, then exit.")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between looks for new tasks.")
        parser.add_argument("--max-tasks", type=int, default=None, help="Exit after this many tasks.")
        parser.add_argument("--queue-name", default="*", help="Queues to work on, comma-separated ('*': all).")

    def handle(self, *args, batch, interval, max_tasks, queue_name, verbosity, **options):
        backend = settings.TASKS["default"]["BACKEND"]
        if backend not in WORKERS:
            raise CommandError(
                _(
                    "TASK_BACKEND is %(backend)s: tasks run inside the web request, there is no worker to run. "
                    "Set TASK_BACKEND=django_tasks_db.DatabaseBackend to run them here."
                )
                % {"backend": backend}
            )
        argv = ["--queue-name", queue_name, "--interval", str(interval), "--no-reload", "--no-startup-delay"]
        if batch:
            argv.append("--batch")
        if max_tasks:
            argv += ["--max-tasks", str(max_tasks)]
        call_command(WORKERS[backend], *argv, verbosity=verbosity)
