"""Garbage speed: one year of every Kanazawa area and category, the area page, the .ics feed, a dictionary query.

Pure part: expands FY2022 (12 months) for all 71 areas × 4 categories of Kanazawa's 5374 data
with week-shift, timed. Django part: imports Kanazawa into a database of its own (SQLite by
default, or DATABASE_URL), then times the collections API for a year, the .ics feed, a
dictionary query and, for the demo city, the area page, and counts SQL queries of each.
Nothing is asserted here; the query bound is asserted in tests/services/garbage. Figures go
in docs/garbage.md.

    .venv/bin/python benchmarks/bench_garbage.py [--repeat 20]
    DATABASE_URL=postgres://root@127.0.0.1:5432/machi_garbage_bench .venv/bin/python benchmarks/bench_garbage.py
"""

from __future__ import annotations

import argparse
import io
import os
from datetime import date

from common import DATA, measure_requests, setup_django, timed


def bench_pure(repeat: int) -> None:
    from services.garbage.importers import read_5374_dir
    from services.garbage.rules import Exceptions, Shutdown, collection_dates

    dataset, _ = read_5374_dir(DATA / "5374-kanazawa")
    centres = {c.name: Shutdown(c.start, c.end) for c in dataset.centres}

    def year():
        total = 0
        for area in dataset.areas:
            exceptions = Exceptions(shutdowns=(centres[area.centre],), week_shift=True)
            for cell in area.cells.values():
                total += len(collection_dates(cell.rules, date(2022, 4, 1), date(2023, 3, 31), exceptions))
        return total

    median, worst = timed(year, repeat)
    print(f"expand FY2022, 71 areas x 4 categories: median {median:.1f} ms, max {worst:.1f} ms, {year()} dates")


def bench_django(repeat: int) -> None:
    from django.core.management import call_command

    from home import demo as home_demo
    from home.cities import setup_city
    from services.garbage import demo
    from services.garbage.models import CollectionArea, GarbageCalendarPage

    town = home_demo.ensure_demo_city().municipality  # 高松市, the default site
    demo.load_demo(town, io.StringIO())
    setup_city("172014", "金沢市", hostname="kanazawa.localhost")  # an import goes to a set-up city only
    call_command(
        "import_5374", str(DATA / "5374-kanazawa"), "--municipality", "172014",
        "--week-shift", stdout=io.StringIO(),
    )  # fmt: skip
    area = CollectionArea.objects.filter(municipality__code="172014").first()
    demo_area = CollectionArea.objects.filter(municipality=town).first()
    page = GarbageCalendarPage.objects.get(locale__language_code="ja", municipality=town)
    targets = {
        "collections API, one year": (
            f"/api/v1/garbage/areas/{area.code}/collections",
            {"start": "2022-04-01", "end": "2023-03-31"},
        ),
        ".ics feed (12 months)": (f"/api/v1/garbage/areas/{area.code}/calendar.ics", {}),
        "dictionary query ぺっとぼとる": ("/api/v1/garbage/items", {"q": "ぺっとぼとる", "municipality": "172014"}),
        "area page (demo city)": (page.url, {"area": demo_area.code}),
    }
    measure_requests(targets, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    args = parser.parse_args()
    bench_pure(args.repeat)
    setup_django("bench_garbage", args.database_url, settings="portal.settings.dev")
    bench_django(args.repeat)


if __name__ == "__main__":
    main()
