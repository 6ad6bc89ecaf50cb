"""Operations: JSON logs with request ids, error reports to a Sentry-compatible server, SQLite
reads during a long write, and a backup/restore round trip of the database and the media."""

import io
import json
import logging
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.utils import ConnectionHandler

from home.logs import JsonFormatter, RequestIdFilter
from home.models import Municipality


@pytest.fixture
def log_lines():
    """What the configured console handler would print for portal.access, one JSON object a line."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("portal.access")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in out.getvalue().splitlines()]
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_each_request_has_an_id_in_its_answer_and_its_log_lines(db, client, log_lines):
    given = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a9c2e")
    made = client.get("/healthz", HTTP_X_REQUEST_ID="not an id\n")

    assert given["X-Request-ID"] == "lb-7f3a9c2e"
    assert made["X-Request-ID"] != "not an id\n" and len(made["X-Request-ID"]) == 32
    first, second = log_lines()
    assert first["request_id"] == "lb-7f3a9c2e" and second["request_id"] == made["X-Request-ID"]
    assert first["level"] == "INFO" and first["logger"] == "portal.access"
    assert first["method"] == "GET" and first["path"] == "/healthz" and first["status"] == 200
    assert first["time"].endswith("Z")  # UTC, whatever the machine's time zone


class _Receiver(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            import gzip

            body = gzip.decompress(body)
        self.received.append((self.path, body.decode("utf-8", "replace")))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


REPORT = """
import django
django.setup()
from datetime import timedelta
import sentry_sdk
from django.core.management import call_command
from home import jobs

def fail():
    raise RuntimeError("the JMA feed answered garbage")

call_command("migrate", "home", verbosity=0)
jobs._JOBS.clear()
jobs.register_periodic_job("broken", fail, every=timedelta(minutes=1))
jobs.run_due()
sentry_sdk.flush()
"""


@pytest.mark.one_database
def test_an_error_is_reported_to_the_sentry_dsn():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": "sqlite://:memory:",
        "SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/42",
    }
    done = subprocess.run(
        [sys.executable, "-c", REPORT],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    server.shutdown()

    assert done.returncode == 0, done.stderr[-2000:]
    envelopes = [body for path, body in _Receiver.received if path == "/api/42/envelope/"]
    assert any("the JMA feed answered garbage" in body and "RuntimeError" in body for body in envelopes)


def test_no_error_reporting_without_a_dsn():
    import sentry_sdk

    assert settings.SENTRY_DSN == ""
    assert sentry_sdk.get_client().is_active() is False


@pytest.mark.one_database
def test_sqlite_reads_go_on_while_a_long_write_holds_the_database(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():  # connections of its own to a file of its own
        reads, second_writer, mode, count = _long_write_and_reads(tmp_path)

    assert reads == [["ごみの日"]] * 50  # every read answered, none saw the uncommitted row
    assert second_writer == ["written"]
    assert mode == "wal"
    assert count == 3


def _long_write_and_reads(tmp_path):
    databases = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(tmp_path / "wal.sqlite3"),
                "OPTIONS": settings.SQLITE_OPTIONS,
            }
        }
    )
    with databases["default"].cursor() as cursor:
        cursor.execute("CREATE TABLE notice (id INTEGER PRIMARY KEY, title TEXT)")
        cursor.execute("INSERT INTO notice (title) VALUES ('ごみの日')")
    writing, reads_done = threading.Event(), threading.Event()
    second_writer = []

    def long_import():
        with databases["default"].cursor() as cursor:
            cursor.execute("BEGIN IMMEDIATE")
            cursor.execute("INSERT INTO notice (title) VALUES ('AED 514 件')")
            writing.set()
            reads_done.wait(60)
            cursor.execute("COMMIT")
        databases["default"].close()

    def another_write():  # waits for the lock (busy timeout) instead of "database is locked"
        with databases["default"].cursor() as cursor:
            cursor.execute("INSERT INTO notice (title) VALUES ('避難所')")
        second_writer.append("written")
        databases["default"].close()

    writer = threading.Thread(target=long_import)
    writer.start()
    writing.wait(60)
    queued = threading.Thread(target=another_write)
    queued.start()
    reads = []
    for _ in range(50):
        with databases["default"].cursor() as cursor:
            cursor.execute("SELECT title FROM notice ORDER BY id")
            reads.append([row[0] for row in cursor.fetchall()])
    reads_done.set()
    writer.join(60)
    queued.join(60)

    with databases["default"].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        (mode,) = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM notice")
        (count,) = cursor.fetchone()
    databases.close_all()
    return reads, second_writer, mode, count


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_the_database_and_the_media_as_they_were(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True)
    (settings.MEDIA_ROOT / "documents" / "calendar.pdf").write_bytes("%PDF ごみカレンダー".encode())
    Municipality.objects.create(code="122033", name="市川市")

    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    Municipality.objects.filter(code="122033").delete()
    Municipality.objects.create(code="112038", name="川口市")
    (settings.MEDIA_ROOT / "documents" / "calendar.pdf").write_bytes(b"overwritten")
    (settings.MEDIA_ROOT / "added-later.txt").write_text("after the backup")
    call_command("restore", str(tmp_path / "backup"), "--noinput", stdout=io.StringIO())

    codes = set(Municipality.objects.values_list("code", flat=True))
    assert "122033" in codes and "112038" not in codes
    assert (Path(settings.MEDIA_ROOT) / "documents" / "calendar.pdf").read_bytes() == "%PDF ごみカレンダー".encode()
    assert not (Path(settings.MEDIA_ROOT) / "added-later.txt").exists()


def test_restore_refuses_a_folder_without_a_backup(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="holds no backup"):
        call_command("restore", str(tmp_path), "--noinput")


SETTINGS = """
import django, json
from django.conf import settings
django.setup()
print(json.dumps({
    "backend": settings.TASKS["default"]["BACKEND"],
    "app": "django_tasks_db" in settings.INSTALLED_APPS,
    "email": [settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_HOST_USER, settings.EMAIL_USE_TLS],
    "static_root": str(settings.STATIC_ROOT),
    "proxy": list(settings.SECURE_PROXY_SSL_HEADER),
    "csrf": settings.CSRF_TRUSTED_ORIGINS,
}))
"""


@pytest.mark.one_database
@pytest.mark.parametrize(
    "backend", ["django_tasks_db.DatabaseBackend", "django_tasks.backends.database.DatabaseBackend"]
)
def test_task_backend_and_deployment_settings_come_from_the_environment_alone(backend):
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    environment.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="a-long-random-secret-for-this-test-only-" + "k" * 30,
        TASK_BACKEND=backend,
        EMAIL_HOST="smtp.city.example.jp",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="portal",
        EMAIL_USE_TLS="true",
        STATIC_ROOT="/srv/static",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_SCHEME",
        CSRF_TRUSTED_ORIGINS="https://portal.example.jp",
    )
    done = subprocess.run(
        [sys.executable, "-c", SETTINGS],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]

    assert json.loads(done.stdout) == {
        "backend": "django_tasks_db.DatabaseBackend",
        "app": True,
        "email": ["smtp.city.example.jp", 587, "portal", True],
        "static_root": "/srv/static",
        "proxy": ["HTTP_X_FORWARDED_SCHEME", "https"],
        "csrf": ["https://portal.example.jp"],
    }
