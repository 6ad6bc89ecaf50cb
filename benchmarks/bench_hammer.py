"""Does the site stay up while a few clients hammer its costliest queries? (issue 16)

Starts the portal under gunicorn as benchmarks/run.py does (2 workers, production settings,
SQLite demo database) and measures the median latency of ``/healthz`` and the home page ``/ja/``:

1. alone (the baseline, measured in the same run);
2. while 16 clients (each its own address, sent as ``X-Forwarded-For`` through a trusted proxy,
   127.0.0.1) repeat the costliest requests: deep search pages, particle-only and one-kanji
   searches with ``limit=1000``, far event pages, address lookups.

It does both with the rate limits on (the defaults) and off (``RATELIMIT_ENABLED=false``),
and prints the ratio of each median to its baseline. Results go to
``benchmarks/results/hammer.json``; figures in docs/benchmarks.md.

    .venv/bin/python benchmarks/bench_hammer.py [--database PATH] [--probes 30] [--redis redis://127.0.0.1:6379/7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import DATABASE, RESULTS, ROOT, environment, fetch, free_port, manage  # noqa: E402

PROBES = ["/healthz", "/ja/"]
COSTLY = [
    "/api/v1/search?q=%E5%B8%82&limit=1000",  # 市: one kanji found everywhere
    "/ja/search/?q=%E5%B8%82&page=49",
    "/ja/search/?q=%E3%81%AE&page=49",  # の
    "/api/v1/search?q=%E3%81%AE&limit=1000",
    "/ja/search/suggest/?q=%E3%81%97",
    "/ja/events/?page=9223372036854775808",
    "/api/v1/geocode?q=%E9%AB%98%E6%9D%BE%E5%B8%82%E7%95%AA%E7%94%BA1%E4%B8%81%E7%9B%AE",
    "/ja/facilities/?address=%E7%95%AA%E7%94%BA1%E4%B8%81%E7%9B%AE",
]
HAMMERERS = 16


def median_ms(base: str, path: str, count: int) -> float:
    return statistics.median(fetch(base + path) for _ in range(count)) * 1000


def hammer(base: str, client: int, stop: threading.Event, tally: dict) -> None:
    headers = {"X-Forwarded-For": f"198.51.100.{client + 1}"}
    n = client
    while not stop.is_set():
        request = urllib.request.Request(base + COSTLY[n % len(COSTLY)], headers=headers)
        n += 1
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # 127.0.0.1 only
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            status = 0
        tally[status] = tally.get(status, 0) + 1


def scenario(database: Path, limits: bool, probes: int, redis_url: str = "", threads: int = 1) -> dict:
    env = environment()
    port = free_port()
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        RATELIMIT_ENABLED="true" if limits else "false",
        RATELIMIT_TRUSTED_PROXIES="127.0.0.1",
        CACHE_PAGES="true",  # as in production: the pages' own HTML cache is on by default
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        GUNICORN_THREADS=str(threads),
    )
    if limits and redis_url:  # the workers share their counts and slots, as in production
        env["REDIS_URL"] = redis_url
    server = subprocess.Popen(  # the shipped gunicorn configuration, 2 workers
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "portal.wsgi"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,  # the JSON access log: written as in production, not shown
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                fetch(base + "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        for path in PROBES:
            fetch(base + path)
        alone = {path: median_ms(base, path, probes) for path in PROBES}
        stop, tally = threading.Event(), {}
        threads = [threading.Thread(target=hammer, args=(base, n, stop, tally)) for n in range(HAMMERERS)]
        for thread in threads:
            thread.start()
        time.sleep(3)  # let the queue fill
        loaded = {path: median_ms(base, path, probes) for path in PROBES}
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # workers still busy with a costly request
            server.kill()
            server.wait(timeout=30)
    return {
        "limits": limits,
        "alone_ms": alone,
        "hammered_ms": loaded,
        "ratio": {path: loaded[path] / alone[path] for path in PROBES},
        "hammer_statuses": {str(status): count for status, count in sorted(tally.items())},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", type=Path, default=DATABASE, help="a demo database (default: run.py's)")
    parser.add_argument("--probes", type=int, default=30, help="requests per probe path and phase (default 30)")
    parser.add_argument("--redis", default="", help="REDIS_URL for the run with limits (shared counts and slots)")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker (GUNICORN_THREADS)")
    parser.add_argument("--limits", choices=["both", "on", "off"], default="both", help="which scenarios to run")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.database == DATABASE and not DATABASE.exists():
        manage("migrate", "--noinput", "-v0")
        manage("load_demo", "--force")
    manage("collectstatic", "--noinput", "-v0")
    rows = []
    for limits in {"both": (True, False), "on": (True,), "off": (False,)}[args.limits]:
        rows.append(scenario(args.database, limits, args.probes, args.redis, args.threads))
        print(json.dumps(rows[-1]), flush=True)
    print(f"{'rate limits':12} {'path':10} {'alone ms':>9} {'hammered ms':>12} {'ratio':>7}   hammer answers")
    for row in rows:
        for path in PROBES:
            print(
                f"{'on' if row['limits'] else 'off':12} {path:10} {row['alone_ms'][path]:>9.1f} "
                f"{row['hammered_ms'][path]:>12.1f} {row['ratio'][path]:>7.1f}   {row['hammer_statuses']}"
            )
    (RESULTS / "hammer.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
