"""The admin import runs in a real worker: the commit answers at once with a progress page, and
``manage.py worker`` (django-tasks-db's database worker, a process of its own) imports the file.

The web side and the worker are subprocesses on one database: on SQLite a file copy of the test
database (the worker cannot open the test run's in-memory one), on PostgreSQL the test database
itself (the test is transactional, so what they write is flushed after it).
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from opendata import kinds
from opendata.reading import reporting_progress

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "facilities"
AED = FIXTURES / "ichikawa_122033_108_aed.csv"  # 30 AED rows

UPLOAD = """
import json, django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from home import demo
from opendata.models import ImportJob

user = get_user_model().objects.create_superuser("importer", "importer@example.jp", "x" * 16)
client = Client()
client.force_login(user)
with open(%(file)r, "rb") as upload:
    preview = client.post("/admin/opendata/import/", {"kind": "aed", "municipality": demo.ensure_municipality().pk, "file": upload})
token, = client.session["opendata-uploads"]
committed = client.post(f"/admin/opendata/import/{token}/", {"commit": "1"})
job = ImportJob.objects.get()
page = client.get(committed["Location"])
print(json.dumps({"preview": preview.status_code, "status": committed.status_code, "location": committed["Location"],
                  "job": job.status, "page": page.content.decode()}))
"""

PROGRESS = """
import json, django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from facilities.models import FacilityPage

client = Client()
client.force_login(get_user_model().objects.get(username="importer"))
page = client.get(%(location)r)
from home.factories import UserFactory
from home.groups import EDITORS
stranger = UserFactory(username="stranger", groups=[EDITORS])  # staff who may import, but not this import
other = Client()
other.force_login(stranger)
print(json.dumps({"page": page.content.decode(), "aed": FacilityPage.objects.filter(kind="aed").count(),
                  "stranger": other.get(%(location)r).status_code}))
"""


def shared_database_url(tmp_path) -> str:
    """A database URL the subprocesses share with each other (and, on PostgreSQL, with this test)."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        target = tmp_path / "portal.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{target}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def run(argv, database_url):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url,
        "TASK_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    done = subprocess.run(
        argv, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def script(source, database_url, **values):
    return json.loads(run([sys.executable, "-c", source % values], database_url).strip().splitlines()[-1])


@pytest.mark.heavy
@pytest.mark.django_db(transaction=True)
def test_the_upload_returns_at_once_and_the_worker_imports_it(tmp_path):
    database_url = shared_database_url(tmp_path)

    queued = script(UPLOAD, database_url, file=str(AED))

    assert queued["preview"] == 200
    assert queued["status"] == 302 and "/admin/opendata/import-jobs/" in queued["location"]
    assert queued["job"] == "waiting"
    assert '<meta http-equiv="refresh" content="2">' in queued["page"]
    assert 'data-import-job="waiting"' in queued["page"] and "data-import-progress" in queued["page"]

    run([sys.executable, "manage.py", "worker", "--batch"], database_url)

    finished = script(PROGRESS, database_url, location=queued["location"])
    assert finished["aed"] == 30
    assert "created 30, updated 0, unchanged 0, skipped 0" in finished["page"]
    assert 'http-equiv="refresh"' not in finished["page"]
    assert finished["stranger"] == 404  # another's import is not shown, not even that it exists


def test_an_import_reports_the_rows_done_as_it_goes(site_tree, municipality):
    seen = []

    with reporting_progress(lambda done, total, stage: seen.append((done, total))):
        report = kinds.get("aed").import_file(str(AED), municipality, skip_invalid=False)

    assert report.created == 30
    assert seen[0] == (0, 30) and seen[-1] == (30, 30)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_the_worker_says_what_to_set_when_tasks_run_in_the_request(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

    with pytest.raises(CommandError, match="TASK_BACKEND=django_tasks_db.DatabaseBackend"):
        call_command("worker", "--batch")
