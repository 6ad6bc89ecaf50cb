"""Near-me over many facilities, and importing the Ichikawa files. Not run by the test suite.

    DATABASE_URL=sqlite:////tmp/bench_facilities.sqlite3 .venv/bin/python benchmarks/bench_facilities.py
    DATABASE_URL=postgres://root@127.0.0.1:5432/machi_facilities_bench .venv/bin/python benchmarks/bench_facilities.py

It migrates the database it is given (use a scratch one), generates N facilities (default
100,000) spread over Japan's populated area, and times in the same run:

- near me: ``geo.nearest.nearest`` (bounding box on the indexed columns, then exact
  geodesic distance of the remainder, then the found rows loaded), for random points and a 2 km radius;
- full scan: every row's position read and its geodesic distance computed, then sorted;

and checks both give the same answer. Then it times ``import_opendata`` of the four Ichikawa files
(CP932, 2024 layout) and their second, idempotent run. Figures go to docs/facilities.md by hand.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

from facilities.loading import directory_page, ensure_categories  # noqa: E402
from facilities.models import FacilityPage  # noqa: E402
from geo.nearest import nearest  # noqa: E402
from geo.points import distance_m  # noqa: E402

# Rough boxes around Japan's populated areas: (lat_min, lat_max, lng_min, lng_max, weight)
REGIONS = [
    (35.4, 36.0, 139.3, 140.2, 30),  # Kanto
    (34.5, 35.1, 135.1, 135.9, 15),  # Kansai
    (34.9, 35.3, 136.7, 137.2, 8),  # Chubu
    (33.4, 34.5, 130.2, 134.5, 15),  # Kyushu north, Chugoku, Shikoku
    (38.0, 38.5, 140.6, 141.2, 5),  # Sendai
    (42.9, 43.2, 141.2, 141.5, 5),  # Sapporo
    (31.5, 45.0, 129.8, 145.0, 22),  # everywhere else, thinly
]


def random_point(rng: random.Random) -> tuple[float, float]:
    lat0, lat1, lng0, lng1, _ = rng.choices(REGIONS, weights=[r[4] for r in REGIONS])[0]
    return rng.uniform(lat0, lat1), rng.uniform(lng0, lng1)


def generate(n: int, rng: random.Random) -> None:
    """Insert *n* facility pages fast: page rows with computed tree paths, then the facility rows."""
    from django.contrib.contenttypes.models import ContentType

    call_command("migrate", verbosity=0)
    from home import demo

    locales = demo.ensure_locales()
    demo.ensure_home_pages(locales)
    index = directory_page(demo.ensure_municipality())
    category = ensure_categories()["other"]
    existing = FacilityPage.objects.count()
    if existing >= n:
        return
    content_type = ContentType.objects.get_for_model(FacilityPage)
    locale = Locale.get_default()
    steplen, alphabet = Page.steplen, Page.alphabet

    def step(number: int) -> str:
        digits = ""
        while number:
            number, rest = divmod(number, len(alphabet))
            digits = alphabet[rest] + digits
        return digits.rjust(steplen, "0")

    fields = [f for f in FacilityPage._meta.local_concrete_fields if f.column != "page_ptr_id"]
    columns = ["page_ptr_id"] + [f.column for f in fields]
    sql = (
        f"INSERT INTO {FacilityPage._meta.db_table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608 - model metadata, no input
    )
    batch = 5000
    for start in range(existing, n, batch):
        count = min(batch, n - start)
        with transaction.atomic():
            pages = [
                Page(
                    title=f"施設{start + i}",
                    slug=f"bench-{start + i}",
                    path=index.path + step(start + i + 1),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}bench-{start + i}/",
                    content_type=content_type,
                    locale=locale,
                    live=True,
                    draft_title=f"施設{start + i}",
                )
                for i in range(count)
            ]
            created = Page.objects.bulk_create(pages)
            rows = []
            for page in created:
                lat, lng = random_point(rng)
                values = {"latitude": lat, "longitude": lng, "category_id": category.pk, "kind": "facilities"}
                row = [page.pk]
                for field in fields:
                    value = values.get(field.attname, field.get_default())
                    row.append(field.get_db_prep_save(value, connection))
                rows.append(row)
            with connection.cursor() as cursor:
                cursor.executemany(sql, rows)
        print(f"  generated {start + count}", file=sys.stderr)
    Page.objects.filter(pk=index.pk).update(numchild=n)


def full_scan(lat: float, lng: float, radius_m: float) -> list[tuple[int, float]]:
    found = []
    for pk, row_lat, row_lng in FacilityPage.objects.values_list("pk", "latitude", "longitude"):
        metres = distance_m((lat, lng), (row_lat, row_lng))
        if metres <= radius_m:
            found.append((pk, metres))
    found.sort(key=lambda pair: (pair[1], pair[0]))
    return found


def near_me(base, lat: float, lng: float, radius_m: float) -> list[tuple[int, float]]:
    found, _count = nearest(base, (lat, lng), radius_m)
    return [(page.pk, page.distance_m) for page in found]


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--facilities", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=30)
    parser.add_argument("--full-scans", type=int, default=3)
    parser.add_argument("--radius", type=float, default=2000)
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()
    rng = random.Random(20261127)

    print(f"database: {connection.vendor}", file=sys.stderr)
    generate(args.facilities, rng)
    total = FacilityPage.objects.count()
    base = FacilityPage.objects.order_by("pk").only("latitude", "longitude")
    points = [random_point(rng) for _ in range(args.queries)]
    near_ms, sizes = [], []
    for lat, lng in points:
        found, ms = timed(near_me, base, lat, lng, args.radius)
        near_ms.append(ms)
        sizes.append(len(found))
    scan_ms = []
    for lat, lng in points[: args.full_scans]:
        expected, ms = timed(full_scan, lat, lng, args.radius)
        scan_ms.append(ms)
        if expected != near_me(base, lat, lng, args.radius):
            raise SystemExit("the bounding box lost a point")
    print(f"{connection.vendor}: {total} facilities, radius {args.radius:.0f} m, {args.queries} queries")
    print(
        f"  near me (bbox + geodesic): median {statistics.median(near_ms):.1f} ms, "
        f"max {max(near_ms):.1f} ms, median {statistics.median(sizes)} results"
    )
    if scan_ms:
        print(f"  full scan ({args.full_scans} queries): median {statistics.median(scan_ms):.0f} ms")

    if args.skip_import:
        return
    from home.cities import setup_city

    # an import goes to a set-up city only
    ichikawa = setup_city("122033", "市川市", prefecture="千葉県", hostname="ichikawa.localhost").municipality
    data = ROOT / "data" / "opendata" / "standard-dataset-ichikawa"
    for kind, name in [
        ("facilities", "122033_101_public_facility.csv"),
        ("evacuation", "122033_103_evacuation_space.csv"),
        ("childcare", "122033_105_preschool.csv"),
        ("aed", "122033_108_aed.csv"),
    ]:
        timings = []
        for _run in range(2):
            start = time.perf_counter()
            out = StringIO()
            call_command("import_opendata", kind, str(data / name), "--municipality", ichikawa.code, stdout=out)
            timings.append(time.perf_counter() - start)
        summary = out.getvalue().splitlines()[0]
        print(f"  import {name}: first {timings[0]:.1f} s, second {timings[1]:.1f} s ({summary})")


if __name__ == "__main__":
    main()
