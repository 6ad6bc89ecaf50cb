"""What the benchmark scripts share: timing, a database of their own, and timed requests.

Each ``bench_*.py`` runs as a script (``.venv/bin/python benchmarks/bench_x.py``), so this
directory is on ``sys.path`` and ``from common import …`` works; the project root is added here.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
DATA = ROOT / "data" / "opendata"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def samples(function: Callable, repeat: int) -> list[float]:
    """Milliseconds of *repeat* calls of *function*."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def timed(function: Callable, repeat: int) -> tuple[float, float]:
    """(median, max) milliseconds of *repeat* calls of *function*."""
    times = samples(function, repeat)
    return statistics.median(times), max(times)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def setup_django(
    name: str,
    database_url: str | None,
    *,
    settings: str = "portal.settings.test",
    fresh: bool = False,
    migrate: bool = True,
) -> None:
    """Django on *database_url*, or on ``benchmarks/results/<name>.sqlite3`` (deleted first when
    *fresh*), migrated."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    database = RESULTS / f"{name}.sqlite3"
    if not database_url and fresh and database.exists():
        database.unlink()
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{database}"
    # Building the data (10,000 pages, their index) is a command's work, not a request's: no
    # statement timeout, as manage.py sets for commands.
    os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT_MS", "0")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def measure_requests(targets: dict[str, tuple[str, dict]], repeat: int) -> None:
    """For each ``label: (url, params)``: the status, SQL queries, and median/max milliseconds of
    *repeat* requests through Django's test client (after one warm-up request). A status other
    than 200 stops the run: a benchmark of an error page measures nothing."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client

    # As Django's test runner does: keep the connection (and its query log) between requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    client = Client()
    print(f"\n{'request':48} {'median ms':>10} {'max ms':>8} {'queries':>8}")  # noqa: T201
    for label, (url, params) in targets.items():
        client.get(url, params)
        queries: list[str] = []

        def count(execute, sql, *rest, queries=queries):
            queries.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(count):
            response = client.get(url, params)
        if response.status_code != 200:
            raise SystemExit(f"{label}: HTTP {response.status_code} for {url}")
        median, worst = timed(lambda url=url, params=params: client.get(url, params), repeat)
        print(f"{label:48} {median:10.1f} {worst:8.1f} {len(queries):8d}")  # noqa: T201
