"""The admin import's commit, run by the worker: the request returns at once with a progress page.

``ImportFlow.commit_view`` hands the previewed upload to ``enqueue_commit``: an ``ImportJob``
row (the stored files, the options, who asked) and a task on ``TASK_BACKEND``. The worker
(``manage.py worker``) runs ``run_import_job``: it reads the files again (the rows to do and the
errors found so far), imports them with the flow's own ``commit`` while ``progress`` reports the
rows done, and keeps the report. The progress page refreshes itself with a meta refresh (the
Content-Security-Policy allows no inline script) until the report is there.

With the default immediate backend the task has run by the time ``enqueue`` returns, so the
commit answers with the report as it always did.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import logging
import threading

from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import OperationalError, connection
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django_tasks import task

from home import audit
from opendata.models import ImportJob
from opendata.reading import Conflict, ImportFailed, ImportReport, RowError, reporting_progress

logger = logging.getLogger("portal.jobs")
#: Seconds between two writes of the rows done to the job's row.
PROGRESS_EVERY = 0.5


def enqueue_commit(flow, request, token: str, upload: dict, options: dict):
    """Queue the import of *upload* for the worker; the progress page (or, when the task ran at
    once, the report)."""
    from opendata.admin_views import SESSION_KEY

    job = ImportJob.objects.create(
        flow=f"{type(flow).__module__}:{flow.name}", user=request.user, files=upload["files"], options=options
    )
    uploads = request.session.get(SESSION_KEY, {})
    uploads.pop(token, None)  # the files are the job's now: it deletes them when done
    request.session[SESSION_KEY] = uploads
    run_import_job.enqueue(str(job.pk))
    job.refresh_from_db()
    if job.finished:
        return answer(flow, request, job)
    return redirect("opendata_import_job", job.pk)


def answer(flow, request, job: ImportJob):
    """What the commit answered before imports ran in the worker: the report, or every problem."""
    if job.status == ImportJob.FAILED:
        context = flow.context(flow.form(request, bound=False), request)
        context["errors"] = [RowError(**error) for error in job.errors]
        return TemplateResponse(request, flow.template_name, context)
    return flow.committed(request, report_of(job))


def report_of(job: ImportJob) -> ImportReport | None:
    if job.report is None:
        return None
    data = dict(job.report)
    data["skipped"] = [RowError(**error) for error in data.get("skipped", [])]
    data["conflicts"] = [Conflict(**conflict) for conflict in data.get("conflicts", [])]
    return ImportReport(**data)


def flow_of(job: ImportJob):
    from opendata.admin_views import ImportFlow

    module, name = job.flow.split(":", 1)
    flows = vars(importlib.import_module(module)).values()
    return next(flow for flow in flows if isinstance(flow, ImportFlow) and flow.name == name)


@task()
def run_import_job(job_id: str) -> str:
    """Import what the job names (the worker); its status, progress and report go to the job's row."""
    job = ImportJob.objects.get(pk=job_id)
    if job.status != ImportJob.WAITING:
        return job.status  # run twice (a retried task): the first run's report stands
    flow = flow_of(job)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.RUNNING)
    logger.info("import %s started", job.pk, extra={"job": job.flow, "import_job": str(job.pk)})
    try:
        with flow._local_files(job.files) as paths:
            _found_so_far(flow, job, paths)
            with _ProgressWriter(job.pk) as writer, reporting_progress(writer.update):
                result = flow.commit(paths, job.options)
    except ImportFailed as failure:
        _finish(job, ImportJob.FAILED, errors=failure.errors)
    except Exception:
        logger.exception("import %s failed", job.pk, extra={"import_job": str(job.pk)})
        problem = RowError(", ".join(name for _, name in job.files), None, None, None, "internal error")
        _finish(job, ImportJob.FAILED, errors=[problem])
        raise
    else:
        _finish(job, ImportJob.DONE, report=result)
        audit.record_import(
            source=flow.name,
            files=[name for _, name in job.files],
            municipality=job.options.get("municipality"),
            report=result,
            user=job.user,
            kind=job.options.get("kind", ""),
        )
    finally:
        for stored, _name in job.files:
            default_storage.delete(stored)
    return ImportJob.objects.get(pk=job.pk).status


def _found_so_far(flow, job: ImportJob, paths) -> None:
    """Before writing: the rows to do and the problems the file has (those skipped or refused)."""
    try:
        rows, errors = flow.parse(paths, job.options)
    except Exception:  # the commit says what is wrong, in its own words
        return
    ImportJob.objects.filter(pk=job.pk).update(rows_total=len(rows), errors=_plain(errors))


def _finish(job: ImportJob, status: str, *, report=None, errors=()) -> None:
    values = {"status": status, "finished_at": timezone.now()}
    if report is not None:
        values["report"] = _plain(dataclasses.asdict(report) if dataclasses.is_dataclass(report) else {})
    if errors:
        values["errors"] = _plain(errors)
    ImportJob.objects.filter(pk=job.pk).update(**values)
    logger.info("import %s %s", job.pk, status, extra={"import_job": str(job.pk)})


def _in_the_request() -> bool:
    """True when tasks run inside the web request (the immediate backend): nobody watches them."""
    from django_tasks import default_task_backend
    from django_tasks.backends.immediate import ImmediateBackend

    return isinstance(default_task_backend, ImmediateBackend)


def _plain(value):
    """*value* as JSON keeps it: RowErrors as dicts, dates as ISO text."""
    if isinstance(value, list | tuple):
        value = [dataclasses.asdict(item) if dataclasses.is_dataclass(item) else item for item in value]
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


class _ProgressWriter:
    """Writes the rows done to the job's row from a thread of its own (its own database
    connection, outside the import's transaction, so the progress page sees it as it goes)."""

    def __init__(self, job_id):
        self.job_id = job_id
        self.latest = None
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def update(self, done: int, total: int | None, stage: str) -> None:
        self.latest = (done, total, stage)

    def __enter__(self):
        if not _in_the_request():
            self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        if self.thread.is_alive():
            self.thread.join()

    def _run(self) -> None:
        written = None
        try:
            while not self.stopping.wait(PROGRESS_EVERY):
                written = self._write(written)
        finally:
            connection.close()

    def _write(self, written):
        latest = self.latest
        if latest is None or latest == written:
            return written
        done, total, stage = latest
        values = {"rows_done": done, "stage": stage[:100]}
        if total is not None:
            values["rows_total"] = total
        try:
            ImportJob.objects.filter(pk=self.job_id).update(**values)
        except OperationalError:  # SQLite: the import holds the write lock until it commits
            return written
        return latest


# -- the progress page ----------------------------------------------------------------------


def job_view(request, job_id):
    """The progress of an import (rows done, errors so far), then its report; its owner's only."""
    job = get_object_or_404(ImportJob, pk=job_id)
    if job.user_id != request.user.pk and not request.user.is_superuser:
        raise Http404
    flow = flow_of(job)
    context = {
        "flow": flow,
        "job": job,
        "errors": [RowError(**error) for error in job.errors],
        "report": report_of(job),
        "again_url": reverse(flow.name),
        "names": ", ".join(name for _, name in job.files),
    }
    return TemplateResponse(request, "opendata/admin/import_job.html", context)


def urls() -> list:
    return [path("opendata/import-jobs/<uuid:job_id>/", job_view, name="opendata_import_job")]
