"""Search speed: query latency (median, p99) against a plain LIKE scan, and full reindex time.

Builds N StandardPages (default 10,000) of real Japanese municipal text (Takamatsu event
descriptions, its garbage dictionary and Ichikawa's facility names, from data/opendata) in a
database of its own, reindexes them with ``update_index`` (timed), then runs a fixed set of
resident queries through the configured backend and through ``title/summary LIKE %q%`` in the
same run, and through the whole site search (every kind, ranking, snippets) residents wait for.
With ``--existing`` it measures a database as it is, e.g. the demo's. Nothing is asserted: the
figures go in docs/search.md.

    .venv/bin/python benchmarks/bench_search.py [--pages 10000] [--repeat 5]
    DATABASE_URL=postgres://root@127.0.0.1:5432/machi_search_bench .venv/bin/python benchmarks/bench_search.py
    .venv/bin/python benchmarks/bench_search.py --existing --database-url sqlite:///db.sqlite3
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import statistics
import sys
import time

from common import DATA, RESULTS, percentile, samples, setup_django

QUERIES = [
    "燃やすごみ",
    "もやすごみ",
    "ぺっとぼとる",
    "ﾍﾟｯﾄﾎﾞﾄﾙ",
    "図書館",
    "としょかん",
    "保育所",
    "空き",
    "税",
    "子育て支援",
    "公民館 駐車場",
    "小学校",
    "花火大会",
    "申込み 締切",
    "コミュニティセンター",
    "ボランティア募集",
    "粗大ごみ",
    "電池",
    "library",
    "存在しない語句",
]


def sentences() -> list[str]:
    """Real sentences and names to build pages from."""
    pool: list[str] = []
    events = (DATA / "takamatsu-opendata" / "0081.csv").read_text(encoding="utf-8-sig")
    for row in csv.reader(io.StringIO(events)):
        if row and not row[0].startswith("#") and len(row) > 10:
            pool.extend(
                part.strip() for part in row[10].replace("\r", "").replace("\n", "。").split("。") if part.strip()
            )
    garbage = (DATA / "takamatsu-opendata" / "0074.csv").read_text(encoding="utf-8-sig")
    for row in csv.reader(io.StringIO(garbage)):
        if row and not row[0].startswith("#") and len(row) > 3:
            pool.append(f"{row[1]}は{row[2]}です。{row[3]}")
    return pool


def titles() -> list[str]:
    names: list[str] = []
    facilities = (DATA / "standard-dataset-ichikawa" / "122033_101_public_facility.csv").read_bytes().decode("cp932")
    names.extend(row["名称"] for row in csv.DictReader(io.StringIO(facilities)) if row["名称"])
    events = (DATA / "takamatsu-opendata" / "0081.csv").read_text(encoding="utf-8-sig")
    names.extend(
        row[9] for row in csv.reader(io.StringIO(events)) if row and not row[0].startswith("#") and len(row) > 9
    )
    return [name for name in names if name]


def setup(database_url: str | None) -> None:
    setup_django("bench_search", database_url, migrate=False)
    from django.conf import settings

    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False  # built first, reindexed (timed) after


def build(pages: int, seed: int = 7) -> None:
    from django.core.management import call_command

    from home import demo
    from home.models import StandardPage

    call_command("migrate", verbosity=0)
    home = demo.ensure_home_pages(demo.ensure_locales())
    section = StandardPage.objects.filter(slug="bench").first()
    if section is None:
        section = StandardPage(title="ベンチマーク", slug="bench")
        home.add_child(instance=section)
    existing = section.get_children().count()
    rng = random.Random(seed)
    pool, names = sentences(), titles()
    started = time.perf_counter()
    for number in range(existing, pages):
        body = "。".join(rng.sample(pool, 4))
        section.add_child(
            instance=StandardPage(title=f"{rng.choice(names)} {number}", slug=f"p{number}", summary=body[:2000])
        )
        if number and number % 1000 == 0:
            print(f"  {number} pages, {time.perf_counter() - started:.0f}s", file=sys.stderr)  # noqa: T201


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument(
        "--existing",
        action="store_true",
        help="measure the database as it is (e.g. the demo's db.sqlite3): no pages built, all pages searched",
    )
    args = parser.parse_args()
    setup(args.database_url)

    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Q
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from home.models import StandardPage
    from search.searching import site_search

    if args.existing:
        pages, like_fields = Page.objects.live(), ["title"]
    else:
        build(args.pages)
        pages, like_fields = StandardPage.objects.live(), ["title", "summary"]
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    reindex_seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics, as autovacuum keeps them on a live site

    backend = get_search_backend()
    times: dict[str, list[float]] = {"search": [], "like": [], "site": []}
    rows = []
    for query in QUERIES:
        liked = pages.filter(Q(*[Q(**{f"{name}__icontains": query}) for name in like_fields], _connector=Q.OR))
        row = {
            "query": query,
            "search_hits": len(list(backend.search(query, pages)[:20])),
            "like_hits": len(list(liked[:20])),
            "site_hits": site_search(query).total,
        }
        for name, function in {
            "search": lambda q=query: list(backend.search(q, pages)[:20]),
            "like": lambda qs=liked: list(qs.all()[:20]),
            # What a resident waits for: every kind, ranking, snippets, promotions, help.
            "site": lambda q=query: site_search(q),
        }.items():
            measured = samples(function, args.repeat)
            times[name] += measured
            row[f"{name}_ms"] = statistics.median(measured)
        rows.append(row)
    result = {
        "database": connection.vendor,
        "pages": Page.objects.count(),
        "reindex_seconds": round(reindex_seconds, 1),
        **{
            f"{name}_{stat}_ms": round(function(values), 1)
            for name, values in times.items()
            for stat, function in (("median", statistics.median), ("p99", lambda v: percentile(v, 0.99)))
        },
        "queries": rows,
    }
    name = f"search_{connection.vendor}{'_existing' if args.existing else ''}.json"
    (RESULTS / name).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(json.dumps({k: v for k, v in result.items() if k != "queries"}, ensure_ascii=False))  # noqa: T201
    for row in rows:
        print(  # noqa: T201
            f"  {row['query']}: search {row['search_ms']:.1f} ms ({row['search_hits']} hits), "
            f"LIKE {row['like_ms']:.1f} ms ({row['like_hits']} hits), "
            f"site search {row['site_ms']:.1f} ms ({row['site_hits']} hits)"
        )


if __name__ == "__main__":
    main()
