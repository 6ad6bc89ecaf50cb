"""Page speed under gunicorn: SQL queries, median and p99 latency, requests per second.

Starts the portal under gunicorn (2 workers, DEBUG off, production settings) on a SQLite
database holding the load_demo content, picks one live page of every page type plus the
main API endpoints, loads each with a bounded number of requests from a thread pool on
127.0.0.1, and prints each figure with its ratio to ``/bench/bare/`` (benchmarks/bare_urls.py: a view
that answers "ok" through the whole middleware stack, served by the same server in the same run). Nothing here is asserted: see docs/benchmarks.md.

    python benchmarks/run.py [--requests 200] [--concurrency 4] [--fresh] [--page-cache]

Uncached by default (``CACHE_PAGES=false``: every request renders the page); ``--page-cache``
measures the same pages served from the portal's own page cache (home/caching.py).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
DATABASE = RESULTS / "bench.sqlite3"
BASELINE = "/bench/bare/"  # benchmarks/bare_urls.py

DISCOVER = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

paths = ["/bench/bare/", "/healthz"]
seen = set()
for page in Page.objects.live().filter(depth__gt=1).specific().order_by("depth", "path"):
    kind = (type(page).__name__, page.locale.language_code == "ja")
    if kind in seen or not kind[1]:
        continue
    seen.add(kind)
    paths.append(page.url)
paths += [
    "/api/v1/garbage/areas?limit=50",
    "/api/v1/facilities?lat=34.3428&lng=134.0466&radius_m=3000&limit=20",
    "/api/v1/nurseries?lat=34.3428&lng=134.0466&radius_m=5000&limit=20",
    "/api/v1/events?limit=50",
    "/api/v1/search?q=%E5%9B%B3%E6%9B%B8%E9%A4%A8",
    "/ja/search/?q=%E3%81%94%E3%81%BF",
]
client = Client(HTTP_HOST="127.0.0.1")
out = []
for path in paths:
    client.get(path)  # warm caches as a running server would be
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    out.append({"path": path, "status": status, "queries": len(queries.captured_queries)})
print("BENCH" + json.dumps(out))
"""


PAGE_CACHE = "false"


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.bare_settings",
        DJANGO_SECRET_KEY="benchmark-only-" + "b" * 40,
        DJANGO_DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"sqlite:///{DATABASE}",
        LOG_LEVEL="ERROR",
        CACHE_PAGES=PAGE_CACHE,
    )
    env.pop("REDIS_URL", None)
    return env


def manage(*args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment(), check=True, capture_output=capture, text=True
    )
    return result.stdout if capture else ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:  # 127.0.0.1 only
        response.read()
    return time.perf_counter() - started


def load(base: str, path: str, requests: int, concurrency: int) -> dict:
    url = base + path
    for _ in range(5):
        fetch(url)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        latencies = sorted(pool.map(lambda _i: fetch(url), range(requests)))
    elapsed = time.perf_counter() - started
    return {
        "median_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "rps": requests / elapsed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200, help="requests per page (default 200)")
    parser.add_argument("--concurrency", type=int, default=4, help="parallel clients (default 4)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark database")
    parser.add_argument("--page-cache", action="store_true", help="serve pages from the portal's page cache")
    args = parser.parse_args()
    global PAGE_CACHE
    PAGE_CACHE = "true" if args.page_cache else "false"

    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.fresh and DATABASE.exists():
        DATABASE.unlink()
    new = not DATABASE.exists()
    manage("migrate", "--noinput", "-v0")
    if new:
        manage("load_demo", "--force")
    manage("collectstatic", "--noinput", "-v0")
    output = manage("shell", "-c", DISCOVER, capture=True)
    pages = json.loads(output.split("BENCH", 1)[1])

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "error"],
        cwd=ROOT,
        env=environment(),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                fetch(base + BASELINE)
                break
            except OSError:
                time.sleep(0.2)
        rows = []
        for page in pages:
            if page["status"] != 200:
                rows.append({**page, "error": f"status {page['status']}"})
                continue
            rows.append({**page, **load(base, page["path"], args.requests, args.concurrency)})
    finally:
        server.terminate()
        server.wait(timeout=30)

    baseline = next(row for row in rows if row["path"] == BASELINE)
    print(
        f"{'path':60} {'SQL':>4} {'median ms':>10} {'p99 ms':>8} {'req/s':>7} {'× baseline (median)':>20} {'req/s ÷ baseline':>17}"
    )
    for row in rows:
        if "error" in row:
            print(f"{row['path'][:60]:60} {row['error']}")
            continue
        ratio = row["median_ms"] / baseline["median_ms"]
        print(
            f"{row['path'][:60]:60} {row['queries']:>4} {row['median_ms']:>10.1f} {row['p99_ms']:>8.1f} "
            f"{row['rps']:>7.1f} {ratio:>20.2f} {row['rps'] / baseline['rps']:>17.2f}"
        )
    (RESULTS / ("pages-cached.json" if args.page_cache else "pages.json")).write_text(
        json.dumps(rows, indent=2, ensure_ascii=False)
    )
    pages = [row for row in rows if "error" not in row and not row["path"].startswith(("/bench/", "/healthz"))]
    slowest = min(pages, key=lambda row: row["rps"])
    print(
        f"slowest: {slowest['path']} at {slowest['rps'] / baseline['rps']:.2f} × the bare view's requests per second "
        f"(issue 18 asks ≥ 0.2 uncached)"
    )


if __name__ == "__main__":
    main()
