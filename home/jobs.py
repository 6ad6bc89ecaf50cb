"""Periodic jobs: what must happen every so often without a cron (scheduled publishing, event
dates, and whatever later features add), run by ``manage.py scheduler``.

The kernel and each domain register their jobs from ``apps.py`` ``ready()``::

    jobs.register_periodic_job("refresh_event_dates", refresh, every=timedelta(days=1))

A job is a callable without arguments. The scheduler runs each job when its interval has passed
since it last started (``PeriodicJobRun`` keeps that in the database, so a restart or a second
scheduler does not run a job twice: the one that claims it with a conditional update runs it).
A job that fails is logged (and reported to Sentry when configured) and tried again at its next
time; the others run regardless.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

logger = logging.getLogger("portal.jobs")


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    run: Callable[[], object]
    every: timedelta


_JOBS: dict[str, PeriodicJob] = {}


def register_periodic_job(name: str, run: Callable[[], object], *, every: timedelta) -> None:
    """Run *run* every *every* from ``manage.py scheduler`` (registering a name again replaces it)."""
    _JOBS[name] = PeriodicJob(name, run, every)


def periodic_jobs() -> list[PeriodicJob]:
    return sorted(_JOBS.values(), key=lambda job: job.name)


def due_jobs(now: datetime | None = None) -> list[PeriodicJob]:
    """The jobs whose interval has passed since they last started (or that never ran)."""
    from home.models import PeriodicJobRun

    now = now or timezone.now()
    started = dict(PeriodicJobRun.objects.values_list("name", "last_started"))
    return [job for job in periodic_jobs() if started.get(job.name) is None or started[job.name] + job.every <= now]


def next_due_in(now: datetime | None = None) -> float:
    """Seconds until the next job is due (0 when one is due now)."""
    from home.models import PeriodicJobRun

    now = now or timezone.now()
    started = dict(PeriodicJobRun.objects.values_list("name", "last_started"))
    waits = [
        (started[job.name] + job.every - now).total_seconds() if started.get(job.name) else 0.0
        for job in periodic_jobs()
    ]
    return max(min(waits, default=60.0), 0.0)


def run_due(now: datetime | None = None) -> dict[str, bool]:
    """Run every due job once; ``{name: succeeded}`` for those this process ran."""
    now = now or timezone.now()
    ran = {}
    for job in due_jobs(now):
        if _claim(job, now):
            ran[job.name] = run_job(job)
    return ran


def run_job(job: PeriodicJob) -> bool:
    from home.models import PeriodicJobRun

    started = time.perf_counter()
    try:
        job.run()
    except Exception:
        logger.exception("periodic job %s failed", job.name, extra={"job": job.name})
        succeeded = False
    else:
        succeeded = True
    duration_ms = round((time.perf_counter() - started) * 1000, 1)
    PeriodicJobRun.objects.filter(name=job.name).update(last_finished=timezone.now(), last_succeeded=succeeded)
    logger.info(
        "periodic job %s %s",
        job.name,
        "done" if succeeded else "failed",
        extra={"job": job.name, "duration_ms": duration_ms},
    )
    return succeeded


def _claim(job: PeriodicJob, now: datetime) -> bool:
    """True when this process may run *job* now: another scheduler did not start it meanwhile."""
    from home.models import PeriodicJobRun

    run, created = PeriodicJobRun.objects.get_or_create(name=job.name, defaults={"last_started": now})
    if created:
        return True
    if run.last_started is not None and run.last_started + job.every > now:
        return False
    return bool(PeriodicJobRun.objects.filter(name=job.name, last_started=run.last_started).update(last_started=now))


def command_job(name: str, *args: str) -> Callable[[], None]:
    """A job that runs the management command *name* (its output goes to the log, not a terminal)."""

    def run() -> None:
        import io

        from django.core.management import call_command

        out = io.StringIO()
        call_command(name, *args, stdout=out, stderr=out)
        if out.getvalue().strip():
            logger.info("%s: %s", name, out.getvalue().strip()[:2000], extra={"job": name})

    return run
