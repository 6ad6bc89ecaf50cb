"""The non-container production stack on this machine, as docs/deployment.md runs it on a VM: a
throw-away PostgreSQL database, Redis, two gunicorn app servers on the production settings and
Varnish with deploy/varnish/vm.vcl in front of them. Used by tests/home/test_stack.py and
benchmarks/bench_stack.py.

``STACK_POSTGRES_URL`` (default ``postgres://root@127.0.0.1:5432``) names the server the database is
made on; ``STACK_REDIS_URL`` (default ``redis://127.0.0.1:6379/14``) the Redis database the app
servers share (a ``Stack`` may be given another).
"""

from __future__ import annotations

import contextlib
import json
import os
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
from pathlib import Path
from urllib.parse import urlsplit

VARNISHD = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin:/usr/local/sbin")

ROOT = Path(__file__).resolve().parents[1]
HOSTNAME = "portal.example.jp"
POSTGRES_URL = os.environ.get("STACK_POSTGRES_URL", "postgres://root@127.0.0.1:5432")
REDIS_URL = os.environ.get("STACK_REDIS_URL", "redis://127.0.0.1:6379/14")

#: What the editor process says after each block of code it ran.
DONE = b"--done--\n"
#: The editor process: runs each JSON-encoded block of code it reads, answers DONE after each.
EDITOR = f"""
import json, sys
for line in sys.stdin:
    exec(json.loads(line))
    print({DONE.decode().strip()!r}, flush=True)
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Stack:
    """The processes and files of one run; ``stop`` ends each process it started and removes the rest."""

    def __init__(self, redis_url: str = REDIS_URL):
        self.redis_url = redis_url
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
            "REDIS_URL": redis_url,
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
                raise AssertionError(f"the editor process {what}:\n{self.log('editor')}")
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

        redis.Redis.from_url(self.redis_url).flushdb()

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
