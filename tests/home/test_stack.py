"""The non-container stack on this machine, as docs/deployment.md runs it on a VM: a throw-away
PostgreSQL database, Redis, two gunicorn app servers on the production settings and Varnish with
deploy/varnish/vm.vcl in front of them. A page published in one app server's admin is purged and
shown through the proxy at once, and an alert banner reaches a cached page when it is published,
changed and when it ends. Banners and the city are written by an "editor" process with the app
servers' settings (docs/deployment.md, "The stack test").

Needs varnishd (CI installs it: ``make stack-tools``), PostgreSQL and Redis (CI starts both).
``STACK_POSTGRES_URL`` (default ``postgres://root@127.0.0.1:5432``) names the server the database is
made on; ``STACK_REDIS_URL`` (default ``redis://127.0.0.1:6379/14``) the Redis database the app
servers share.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import secrets
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

VARNISHD = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin:/usr/local/sbin")

pytestmark = [
    pytest.mark.heavy,
    pytest.mark.one_database,  # it makes its own PostgreSQL database, whichever database the run uses
    pytest.mark.skipif(VARNISHD is None, reason="varnishd is not installed (make stack-tools)"),
]

ROOT = Path(__file__).resolve().parents[2]
HOSTNAME = "portal.example.jp"
POSTGRES_URL = os.environ.get("STACK_POSTGRES_URL", "postgres://root@127.0.0.1:5432")
REDIS_URL = os.environ.get("STACK_REDIS_URL", "redis://127.0.0.1:6379/14")
#: The requirement (issue 18): a banner reaches every cached page within this many seconds.
BANNER_SECONDS = 10

#: What the editor process says after each block of code it ran.
DONE = b"--done--\n"
#: The editor process: runs each JSON-encoded block of code it reads, answers DONE after each.
EDITOR = f"""
import json, sys
for line in sys.stdin:
    exec(json.loads(line))
    print({DONE.decode().strip()!r}, flush=True)
"""

MIGRATE = """
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
"""

# The smallest city that renders a published page: the municipality, its Japanese home page as the
# default site at HOSTNAME, and the page "news" under it (what setup_city makes, in one language).
SET_UP_CITY = f"""
from wagtail.models import Locale, Page, Site
from home.models import HomePage, Municipality, PortalSettings, StandardPage
municipality = Municipality.objects.create(code="372013", name="高松市")
ja = Locale.objects.get_or_create(language_code="ja")[0]
Page.objects.filter(depth=2).delete()
home = Page.get_first_root_node().add_child(instance=HomePage(title="高松市 くらしのポータル", slug="372013", locale=ja))
home.save_revision().publish()
Site.objects.all().delete()
site = Site.objects.create(hostname="{HOSTNAME}", port=80, root_page=home, is_default_site=True, site_name="高松市")
portal = PortalSettings.for_site(site)
portal.municipality = municipality
portal.save()
news = home.add_child(instance=StandardPage(title="お知らせ", slug="news", summary="市からのお知らせです。"))
news.save_revision().publish()
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Stack:
    """The processes and files of one run; ``stop`` ends each process it started and removes the rest."""

    def __init__(self):
        self.work = Path(tempfile.mkdtemp(prefix="machi-stack-"))
        self.work.chmod(0o755)  # varnishd reads the VCL as its own user
        self.database = f"machi_stack_{os.getpid()}_{secrets.token_hex(3)}"
        self.processes: list[tuple[str, subprocess.Popen]] = []
        self.database_made = False
        self.varnish_port = free_port()
        self.app_ports = [free_port(), free_port()]
        pg = urlsplit(POSTGRES_URL)
        self.pg_args = ["-h", pg.hostname or "127.0.0.1", "-p", str(pg.port or 5432), "-U", pg.username or "root"]
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_", "SEARCH_", "MEDIA_", "SENTRY_", "CACHE_", "FRONTEND_"))
            and key not in {"REDIS_URL", "TASK_BACKEND", "MACHI_WITHOUT_APPS", "PYTEST_XDIST_WORKER"}
        } | {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": f"{HOSTNAME},127.0.0.1",
            "DATABASE_URL": f"{POSTGRES_URL}/{self.database}",
            "REDIS_URL": REDIS_URL,
            "FRONTEND_CACHE_URL": f"http://127.0.0.1:{self.varnish_port}",
            "STATIC_ROOT": str(self.work / "static"),
            "MEDIA_ROOT": str(self.work / "media"),
            "GUNICORN_WORKERS": "1",
            "GUNICORN_THREADS": "2",
            "LOG_FORMAT": "text",
            "ACCESS_LOG": "false",
            "STAFF_TWO_FACTOR_REQUIRED": "false",  # the editor signs in with a password only
        }

    def run(self, name: str, *args: str, timeout: float = 120) -> None:
        log = self.work / f"{name}.log"
        with log.open("w") as out:
            done = subprocess.run(args, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, timeout=timeout)
        assert done.returncode == 0, f"{name} failed ({done.returncode}):\n{log.read_text()[-3000:]}"

    def start(self, name: str, *args: str) -> subprocess.Popen:
        out = (self.work / f"{name}.log").open("w")
        process = subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        out.close()
        self.processes.append((name, process))
        return process

    def wait(self, name: str, process: subprocess.Popen, timeout: float = 120) -> None:
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            code = "still running"
        assert code == 0, f"{name} failed ({code}):\n{self.log(name)}"

    def log(self, name: str) -> str:
        path = self.work / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def start_editor(self) -> None:
        """One Django process with the app servers' settings that runs what the test sends it: the
        migrations, the city, an editor's publish (one start-up instead of one per step)."""
        log = (self.work / "editor.log").open("w")
        self.editor = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", EDITOR],
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            start_new_session=True,
        )
        log.close()
        self.editor_output = b""
        self.processes.append(("editor", self.editor))

    def edit(self, code: str) -> str:
        """Run *code* in the editor process; what it printed."""
        self.send(code)
        return self.answered(60)

    def send(self, code: str) -> None:
        self.editor.stdin.write(json.dumps(code).encode() + b"\n")
        self.editor.stdin.flush()

    def answered(self, seconds: float) -> str:
        """Wait for the editor to finish the code sent last; what the code printed."""
        deadline = time.monotonic() + seconds
        while DONE not in self.editor_output:
            ready, _, _ = select.select([self.editor.stdout], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(self.editor.stdout.fileno(), 65536) if ready else None
            if not chunk:
                what = "exited" if chunk == b"" else f"did not finish within {seconds:.0f}s"
                pytest.fail(f"the editor process {what}:\n{self.log('editor')}")
            self.editor_output += chunk
        printed, self.editor_output = self.editor_output.split(DONE, 1)
        return printed.decode()

    def make_database(self) -> None:
        self.run("createdb", "createdb", *self.pg_args, self.database)
        self.database_made = True

    def manage(self, name: str, *args: str) -> subprocess.Popen:
        return self.start(name, sys.executable, "manage.py", *args)

    def start_app(self, number: int) -> None:
        port = self.app_ports[number - 1]
        self.env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
        self.start(f"app-{number}", sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "portal.wsgi")
        del self.env["GUNICORN_BIND"]

    def start_varnish(self) -> None:
        """deploy/varnish/vm.vcl as shipped, its two backends moved to this run's ports."""
        vcl = (ROOT / "deploy/varnish/vm.vcl").read_text()
        for shipped, port in zip(('.port = "8001"', '.port = "8002"'), self.app_ports, strict=True):
            assert shipped in vcl, f"vm.vcl no longer says {shipped}"
            vcl = vcl.replace(shipped, f'.port = "{port}"')
        (self.work / "vm.vcl").write_text(vcl)
        shutil.copy(ROOT / "deploy/varnish/portal.vcl", self.work / "portal.vcl")
        self.start(
            "varnish",
            VARNISHD,
            "-F",
            "-n",
            str(self.work / "varnish"),
            "-a",
            f"127.0.0.1:{self.varnish_port}",
            "-f",
            str(self.work / "vm.vcl"),
            "-s",
            "malloc,32m",
        )

    def flush_redis(self) -> None:
        """The app servers' Redis database starts empty: a page cache generation left by an earlier
        run would serve that run's pages."""
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()

    def stop(self) -> None:
        for _name, process in reversed(self.processes):
            with contextlib.suppress(ProcessLookupError):  # its own session: gunicorn's workers, varnishd's child
                os.killpg(process.pid, signal.SIGTERM)
        for _name, process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        shutil.rmtree(self.work, ignore_errors=True)
        self.flush_redis()
        if self.database_made:
            dropped = subprocess.run(
                ["dropdb", *self.pg_args, "--if-exists", "--force", self.database], capture_output=True, text=True
            )
            assert dropped.returncode == 0, f"could not drop {self.database}: {dropped.stderr}"

    def logs(self) -> str:
        return "\n".join(f"--- {name}\n{self.log(name)}" for name, _ in self.processes)


def get(port: int, path: str = "/", host: str = HOSTNAME) -> tuple[int, dict, str]:
    """A resident's GET as nginx forwards it (TLS ended there): the site's host, X-Forwarded-Proto https."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": host, "X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - this run's own servers
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")
    except OSError as error:
        return 0, {}, str(error)


class AdminSession:
    """An editor signed in to one app server's admin, as the browser behind nginx would be: HTTPS
    as far as Django knows (so the cookies are Secure and kept here by hand) and a same-origin form."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, fields: dict | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {
            "Host": HOSTNAME,
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
        }
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{HOSTNAME}",
                "Referer": f"https://{HOSTNAME}{path}",
            }
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        answer = response.status, response.read().decode(errors="replace")
        connection.close()
        return answer

    def submit(self, path: str, fields: dict) -> int:
        """GET the form at *path*, POST it back with *fields* and its CSRF token; the status."""
        status, page = self.request("GET", path)
        assert status == 200, f"GET {path}: {status}"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, f"no CSRF token in {path}"
        return self.request("POST", path, fields | {"csrfmiddlewaretoken": token.group(1)})[0]


def poll(what: str, check, seconds: float, stack: Stack):
    """Ask *check* until it returns something true; fail saying *what* was awaited after *seconds*."""
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"Not within {seconds:.0f}s: {what}\n{stack.logs()}")
        time.sleep(0.2)


@pytest.fixture
def stack():
    running = Stack()
    try:
        yield running
    finally:
        running.stop()


def test_a_publish_on_one_app_server_is_purged_and_a_banner_reaches_cached_pages(stack):
    # The database is migrated and given one city while the static files are collected (the
    # production settings serve them through WhiteNoise's manifest, read as an app server starts)
    # and then while the app servers start.
    stack.flush_redis()
    stack.make_database()
    collect = stack.manage("collectstatic", "collectstatic", "--noinput")
    stack.start_editor()
    stack.send(MIGRATE + SET_UP_CITY)
    stack.wait("collectstatic", collect)
    for number in (1, 2):
        stack.start_app(number)
    stack.answered(240)
    for port in stack.app_ports:
        poll(f"gunicorn on {port} answers /healthz", lambda port=port: get(port, "/healthz")[0] == 200, 60, stack)
    stack.start_varnish()
    varnish = stack.varnish_port

    # Through Varnish: the first answer is fetched from an app server, the second is Varnish's copy.
    status, first, body = poll("the news page through Varnish", lambda: ok(get(varnish, "/news/")), 30, stack)
    assert "お知らせ" in body
    assert first["X-Cache"] == "MISS"
    status, second, body = get(varnish, "/news/")
    assert (status, second["X-Cache"]) == (200, "HIT"), second
    assert len(second["X-Varnish"].split()) == 2, second  # this request's id and the cached object's
    assert int(second["Age"]) >= 0, second
    assert "X-Url" not in second  # the cache's own note of the URL, for its bans
    assert "s-maxage=600" in second["Cache-Control"]
    for port in stack.app_ports:  # each app server's own page cache (Redis, shared) holds it too
        get(port, "/news/")
        assert get(port, "/news/")[1].get("X-Page-Cache") == "hit"

    # An editor's draft changes nothing residents see; publishing it in app server 1's admin purges
    # Varnish, so the next visitor sees the new title, not the copy above.
    news_id = int(stack.edit(DRAFT_TITLE))
    status, headers, body = get(varnish, "/news/")
    assert (headers["X-Cache"], "市からの新しいお知らせ" in body) == ("HIT", False), "a draft purged the cache"
    admin = AdminSession(stack.app_ports[0])
    assert admin.submit("/admin/login/", {"username": "editor", "password": EDITOR_PASSWORD}) == 302
    status = admin.submit(f"/admin/bulk/wagtailcore/page/publish/?id={news_id}", {})
    assert status == 302, f"the admin's publish answered {status}"
    status, headers, body = get(varnish, "/news/")
    assert status == 200
    assert "市からの新しいお知らせ" in body, f"the cached page survived the publish ({headers.get('X-Cache')})"
    assert headers["X-Cache"] == "MISS"
    assert get(varnish, "/news/")[1]["X-Cache"] == "HIT"
    for port in stack.app_ports:  # a new generation of the shared page cache: neither serves the old page
        assert "市からの新しいお知らせ" in get(port, "/news/")[2], f"app server on {port} kept the old page"

    # An alert banner: published (a saved row purges at once), changed, and ended at its time
    # (nothing saved: the cached page's lifetime was cut at its end).
    stack.edit(PUBLISH_BANNER)
    assert "給水車の配置場所" in get(varnish, "/news/")[2], "the published banner is not on the cached page"
    assert get(varnish, "/news/")[1]["X-Cache"] == "HIT"
    ends_at = time.time() + 8
    stack.edit(CHANGE_BANNER.format(ends_at=ends_at))
    status, headers, body = get(varnish, "/news/")
    assert "給水車は市役所にも来ます" in body, "the changed banner is not on the cached page"
    lifetime = int(headers["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert lifetime <= BANNER_SECONDS, f"a page cached before the banner's end says {headers['Cache-Control']}"
    assert get(varnish, "/news/")[1]["X-Cache"] == "HIT"  # kept until the banner ends, not refetched
    # The banner's end: the first visitor after it gets a page without it, not a stale copy that
    # Varnish would serve while fetching a new one (polling would hide that: the second visitor
    # gets the new page), so one request, a second after the end.
    assert "給水車" in get(varnish, "/news/")[2], "the banner left the page before its end"
    time.sleep(max(0.0, ends_at + 1 - time.time()))
    status, headers, body = get(varnish, "/news/")
    assert status == 200
    assert "給水車" not in body, (
        f"the ended banner is still on the page ({headers.get('X-Cache')}, Age {headers.get('Age')})"
    )


def ok(answer):
    return answer if answer[0] == 200 else None


EDITOR_PASSWORD = secrets.token_urlsafe(16)

# A superuser to sign in with, and a draft of the news page with a new title (not published).
DRAFT_TITLE = f"""
from django.contrib.auth import get_user_model
from home.models import StandardPage
get_user_model().objects.create_superuser("editor", "editor@example.invalid", "{EDITOR_PASSWORD}")
page = StandardPage.objects.get(slug="news")
page.title = "市からの新しいお知らせ"
page.save_revision()
print(page.pk)
"""

PUBLISH_BANNER = """
from home.models import AlertBanner, Municipality
AlertBanner.objects.create(
    municipality=Municipality.objects.get(code="372013"), severity="warning", message="給水車の配置場所"
)
"""

# Changed to end a few seconds from now (``ends_at``, a timestamp).
CHANGE_BANNER = """
from datetime import UTC, datetime
from home.models import AlertBanner
banner = AlertBanner.objects.get()
banner.message = "給水車は市役所にも来ます"
banner.ends_at = datetime.fromtimestamp({ends_at}, tz=UTC)
banner.save()
"""
