"""Nursery speed: importing Yokohama's snapshot, and the page and API over 1,221 nurseries × 24 notices.

Builds a database of its own (SQLite by default, or DATABASE_URL): the home pages, Yokohama's
1,221 nurseries from data/opendata/nursery-vacancy-yokohama (facility pages with positions,
as load_demo makes them), then

1. times ``import_vacancies``' work on 202408-kanou.csv: read, match, save and publish (the
   first run creates the notice; the second finds nothing changed);
2. publishes 23 more monthly notices (counts varied from the real ones) so there are 24;
3. times, with Django's test client, the nursery page (age 1 + 空きあり, and near an address)
   and the API (all, age 1 + has_vacancy, near a point, a nursery's history), counting SQL
   queries of each.

Nothing is asserted; the query bound is asserted in tests/services/nurseries/test_queries.py.
Figures go in docs/nurseries.md.

    .venv/bin/python benchmarks/bench_nurseries.py [--repeat 5]
    DATABASE_URL=postgres://root@127.0.0.1:5432/machi_nurseries_bench .venv/bin/python benchmarks/bench_nurseries.py
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date

from common import measure_requests, setup_django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--notices", type=int, default=24)
    parser.add_argument("--reuse", action="store_true", help="measure the requests on the database of the last run")
    args = parser.parse_args()
    setup_django("bench_nurseries", os.environ.get("DATABASE_URL"), fresh=not args.reuse)

    from django.db import transaction

    from home import demo
    from services.nurseries import demo as nursery_demo
    from services.nurseries.factories import notice_counts
    from services.nurseries.importers import parse_vacancies
    from services.nurseries.models import Nursery, VacancyNotice
    from services.nurseries.notices import counts_from, match_sheet, save_notice

    class Out:
        def write(self, text):
            print(text)

    if args.reuse:
        measure_nurseries(args)
        return
    start = time.perf_counter()
    with transaction.atomic():
        demo.load_demo(Out(), with_users=False)
        from home.models import Municipality

        yokohama, _ = Municipality.objects.update_or_create(
            code=nursery_demo.YOKOHAMA["code"], defaults=nursery_demo.YOKOHAMA
        )
        nursery_demo.ensure_yokohama_nurseries(
            yokohama,
            nursery_demo.YOKOHAMA_DIR / "202408-kanou.csv",
            nursery_demo.YOKOHAMA_DIR / "202408-location.csv",
        )
        nursery_demo.ensure_nursery_page()
    print(f"setup: {Nursery.objects.count()} nurseries in {time.perf_counter() - start:.1f} s")

    source = nursery_demo.YOKOHAMA_DIR / "202408-kanou.csv"

    def import_snapshot():
        with transaction.atomic():
            sheet = parse_vacancies(source, as_of=date(2024, 8, 1))
            return save_notice(yokohama, date(2024, 8, 1), counts_from(match_sheet(sheet, yokohama)), publish=True)

    start = time.perf_counter()
    first = import_snapshot()
    first_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    second = import_snapshot()
    second_ms = (time.perf_counter() - start) * 1000
    print(
        f"import 202408-kanou.csv (1,221 rows): first {first_ms:.0f} ms (created={first.created}), "
        f"again {second_ms:.0f} ms (changed={second.changed})"
    )

    nurseries = list(Nursery.objects.filter(municipality=yokohama))
    start = time.perf_counter()
    for month in range(1, args.notices):
        year, month_of_year = divmod(7 - month, 12)
        with transaction.atomic():
            save_notice(
                yokohama, date(2024 + year, month_of_year + 1, 1), notice_counts(nurseries, month), publish=True
            )
    print(
        f"{VacancyNotice.objects.filter(live=True).count()} published notices "
        f"({time.perf_counter() - start:.1f} s for the extra ones)"
    )

    measure_nurseries(args)


def measure_nurseries(args) -> None:
    from services.nurseries import demo as nursery_demo
    from services.nurseries.models import Nursery

    page = nursery_demo.ensure_nursery_page()
    baba = Nursery.objects.get(number="1410051018778")
    measure_requests(
        {
            "page: age 1 + 空きあり": (page.url, {"age": 1, "vacancy": "on"}),
            "page: near 鶴見中央1丁目, 2 km": (page.url, {"address": "横浜市鶴見区鶴見中央1丁目", "radius_m": 2000}),
            "API: all (limit 1000)": ("/api/v1/nurseries", {"limit": 1000}),
            "API: age 1 + has_vacancy": ("/api/v1/nurseries", {"age": 1, "has_vacancy": "true", "limit": 1000}),
            "API: near a point, 3 km": ("/api/v1/nurseries", {"lat": 35.5089, "lng": 139.6779, "radius_m": 3000}),
            "API: one nursery's history": (f"/api/v1/nurseries/{baba.pk}/vacancies", {}),
        },
        args.repeat,
    )


if __name__ == "__main__":
    main()
