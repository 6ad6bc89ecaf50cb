"""Search latency: the site search residents wait for, against the stock per-kind backend search it wraps.

Builds its own data (fast: pages and snippets of every registered kind bulk-inserted from real
Takamatsu/Ichikawa text in data/opendata, in a database of its own), indexes it, and times in the
same run, interleaved, a fixed list of resident queries through

- the baseline: one ``backend.search(query, queryset)[:limit]`` per registered kind, as before the
  ranking layer (what ``search.searching.site_search`` wraps);
- ``site_search``: every kind, category names, relaxation of multi-word queries, ranking,
  promotions, and the snippets of the first page of results.

each with a request for the default site's search page, as the view passes (one per search),
at demo size (about the demo's numbers of each kind) and then at 10,000 pages. It prints the
median of each and their ratio per size, writes ``benchmarks/results/search_<vendor>.json``, and
exits 1 when a ratio is above 2.0 (issue 15: within 2× of the stock search).

    .venv/bin/python benchmarks/bench_search.py [--repeat 5] [--pages 10000]
    DATABASE_URL=postgres://root@127.0.0.1:5432/machi_search_bench .venv/bin/python benchmarks/bench_search.py
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
import uuid

from common import DATA, RESULTS, percentile, setup_django

#: Single words, kana for kanji, and questions of two words one of which is found nowhere.
QUERIES = [
    "ごみ",
    "図書館",
    "としょかん",
    "ぺっとぼとる",
    "電池",
    "保育所",
    "花火大会",
    "避難所",
    "子育て支援",
    "AED 近く",
    "市役所 電話番号",
    "公民館 駐車場",
    "図書館 開館時間",
    "粗大ごみ 出し方",
]
#: Roughly the demo city's numbers of each kind (docs/search.md: 3,152 pages in all).
DEMO_SIZE = {"pages": 700, "facilities": 1500, "events": 600, "nurseries": 300, "garbage": 1200}
#: Where the ratio must stay (issue 15).
MAX_RATIO = 2.0
LIMIT = 50  # search.searching.PER_KIND
SHOWN = 10  # results on the first page, whose snippets are built
SECTION = "くらしの情報"  # the standard pages' parent


def _rows(name: str) -> list[list[str]]:
    text = (DATA / "takamatsu-opendata" / name).read_text(encoding="utf-8-sig")
    return [row for row in csv.reader(io.StringIO(text)) if row and not row[0].startswith("#")]


def texts() -> dict[str, list]:
    """Real sentences, facility names, event names and sorting dictionary entries."""
    sentences: list[str] = []
    events = _rows("0081.csv")
    for row in events:
        if len(row) > 10:
            sentences.extend(part.strip() for part in row[10].replace("\r", "").replace("\n", "。").split("。"))
    garbage = [(row[1], row[2], row[3]) for row in _rows("0074.csv") if len(row) > 3 and row[1]]
    sentences.extend(f"{name}は{category}です。{note}" for name, category, note in garbage)
    raw = (DATA / "standard-dataset-ichikawa" / "122033_101_public_facility.csv").read_bytes().decode("cp932")
    facilities = [row["名称"] for row in csv.DictReader(io.StringIO(raw)) if row["名称"]]
    return {
        "sentences": [s for s in sentences if s],
        "facilities": facilities,
        "events": [row[9] for row in events if len(row) > 9 and row[9]],
        "garbage": garbage,
    }


def _step(number: int) -> str:
    """A treebeard path step (4 characters of 0-9A-Z)."""
    from wagtail.models import Page

    return Page._int2str(number).rjust(Page.steplen, "0")


def insert_pages(parent, model, rows: list[dict]) -> list:
    """Live pages of *model* under *parent*, one INSERT batch per table (Page, BasePage, the model).
    Treebeard's ``add_child`` costs ~20 queries a page; 10,000 pages would take minutes."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    content_type = ContentType.objects.get_for_model(model)
    start = parent.numchild
    pages, objects = [], []
    for number, values in enumerate(rows, start=start + 1):
        slug = f"{model._meta.model_name}-{number}"
        common = {
            "title": values["title"],
            "draft_title": values["title"],
            "slug": slug,
            "content_type": content_type,
            "locale_id": parent.locale_id,
            "translation_key": uuid.uuid4(),
            "path": parent.path + _step(number),
            "depth": parent.depth + 1,
            "numchild": 0,
            "url_path": f"{parent.url_path}{slug}/",
            "live": True,
            "has_unpublished_changes": False,
        }
        pages.append(Page(**common))
        objects.append(model(**common, **{k: v for k, v in values.items() if k != "title"}))
    Page.objects.bulk_create(pages, batch_size=500)
    ids = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk"))
    for obj in objects:
        obj.pk = obj.id = ids[obj.path]
    for table in reversed(model._meta.get_parent_list()):
        if table is not Page:
            _insert_table(table, objects)
    _insert_table(model, objects)
    Page.objects.filter(pk=parent.pk).update(numchild=start + len(rows))
    parent.numchild = start + len(rows)
    return objects


def _insert_table(table, objects) -> None:
    for obj in objects:
        for field in table._meta.local_concrete_fields:
            if field.one_to_one and field.remote_field.parent_link:
                setattr(obj, field.attname, obj.pk)
    for batch in range(0, len(objects), 500):
        table._base_manager._insert(objects[batch : batch + 500], fields=table._meta.local_concrete_fields)


def build_demo_size(rng: random.Random, pool: dict[str, list]) -> None:
    """Every registered kind at about the demo's size, in the demo city 高松市."""
    from facilities.loading import directory_page, ensure_categories
    from facilities.models import FacilityPage
    from home import demo
    from home.models import StandardPage
    from services.events.imports import events_index
    from services.events.models import EventPage
    from services.garbage.models import GarbageCategory, SortingItem, item_search_key
    from services.nurseries.models import Nursery

    city = demo.ensure_demo_city()
    municipality, home = city.municipality, city.home
    sentences = pool["sentences"]

    def body(count: int = 3) -> str:
        return "。".join(rng.sample(sentences, count))[:1500]

    section = insert_pages(home, StandardPage, [{"title": SECTION, "summary": body()}])[0]
    insert_pages(
        section,
        StandardPage,
        [
            {"title": f"{rng.choice(pool['events'])}のお知らせ", "summary": body()}
            for _ in range(DEMO_SIZE["pages"] - 1)
        ],
    )
    categories = list(ensure_categories().values())
    by_code = {category.code: category for category in categories}
    directory = directory_page(municipality)
    facility_rows = []
    for _ in range(DEMO_SIZE["facilities"]):
        category = rng.choice(categories)
        name = rng.choice(pool["facilities"])
        facility_rows.append(
            {
                "title": f"{name}（{category.name}）" if category.code == "aed" else name,
                "summary": body(1),
                "municipality": municipality,
                "category": category,
                "kind": category.kind,
                "address": "香川県高松市番町一丁目8-15",
                "latitude": 34.30 + rng.random() * 0.08,
                "longitude": 134.00 + rng.random() * 0.10,
                "description": body(2),
                "parking": rng.choice(["駐車場あり（20台）", "駐車場はありません", ""]),
            }
        )
    insert_pages(directory, FacilityPage, facility_rows)
    nursery_pages = insert_pages(
        directory,
        FacilityPage,
        [
            {
                "title": f"{rng.choice(['高松', '中央', '栗林', '屋島', '香西'])}保育所{number}",
                "summary": body(1),
                "municipality": municipality,
                "category": by_code["childcare"],
                "kind": "childcare",
                "latitude": 34.30 + rng.random() * 0.08,
                "longitude": 134.00 + rng.random() * 0.10,
            }
            for number in range(DEMO_SIZE["nurseries"])
        ],
    )
    Nursery.objects.bulk_create(
        [
            Nursery(facility=page, municipality=municipality, number=f"{number:08d}", contact="こども保育教育課")
            for number, page in enumerate(nursery_pages)
        ]
    )
    events = events_index(municipality)
    insert_pages(
        events,
        EventPage,
        [
            {
                "title": rng.choice(pool["events"]),
                "summary": body(2),
                "start_date": datetime_date(rng),
                "venue_name": rng.choice(pool["facilities"]),
                "address": "香川県高松市",
                "lat": 34.30 + rng.random() * 0.08,
                "lng": 134.00 + rng.random() * 0.10,
            }
            for _ in range(DEMO_SIZE["events"])
        ],
    )
    garbage_categories = {}
    for name in sorted({category for _name, category, _note in pool["garbage"]}):
        garbage_categories[name], _ = GarbageCategory.objects.get_or_create(
            municipality=municipality, code=f"c{len(garbage_categories)}", defaults={"name": name}
        )
    items = [pool["garbage"][index % len(pool["garbage"])] for index in range(DEMO_SIZE["garbage"])]
    SortingItem.objects.bulk_create(
        [
            SortingItem(
                municipality=municipality,
                category=garbage_categories[category],
                name=name,
                notice=note,
                search_key=item_search_key(name),
                locale_id=home.locale_id,
                translation_key=uuid.uuid4(),
                sort_order=number,
            )
            for number, (name, category, note) in enumerate(items)
        ],
        batch_size=500,
    )


def datetime_date(rng: random.Random):
    import datetime

    return datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randrange(730))


def grow_pages(rng: random.Random, pool: dict[str, list], total: int) -> None:
    """Standard pages until the site has *total* pages."""
    from wagtail.models import Page

    from home.models import StandardPage

    section = StandardPage.objects.get(title=SECTION)
    missing = total - Page.objects.count()
    rows = [
        {
            "title": f"{rng.choice(pool['facilities'] + pool['events'])} {number}",
            "summary": "。".join(rng.sample(pool["sentences"], 4))[:2000],
        }
        for number in range(missing)
    ]
    insert_pages(section, StandardPage, rows)


def index_all() -> float:
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics, as autovacuum keeps them on a live site
    return time.perf_counter() - started


def resident_request(query: str):
    """A request for the search page of the default site, as the view gets one (a new one per
    search: what the site caches on a request, such as its pages and municipality, lasts one search)."""
    from django.test import RequestFactory
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    return RequestFactory().get("/ja/search/", {"q": query}, HTTP_HOST=site.hostname)


def stock_search(query: str) -> int:
    """The baseline: each registered kind's backend search, first LIMIT results, as before ranking."""
    from modelsearch.backends.base import FilterFieldError
    from wagtail.search.backends import get_search_backend

    from search import registry
    from search.searching import _locales, _queryset

    backend = get_search_backend()
    locales = _locales("ja")
    request = resident_request(query)
    found = 0
    for entry in registry.entries():
        queryset = _queryset(entry, locales, request)
        try:
            found += len(list(backend.search(query, queryset)[:LIMIT]))
        except FilterFieldError:
            found += len(list(backend.search(query, entry.model._default_manager.all())[:LIMIT]))
    return found


def resident_search(query: str) -> int:
    """What a resident waits for: site_search and the snippets of the first page of results."""
    from search.searching import site_search

    outcome = site_search(query, request=resident_request(query))
    for hit in outcome.hits[:SHOWN]:
        hit.snippet_html  # noqa: B018 - built lazily, as the results page does
    return outcome.total


def measure(repeat: int) -> dict:
    """Interleaved timings (baseline, then site search, for each query in each round), so a
    machine that is busy part of the time burdens both alike."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rows = []
    for query in QUERIES:  # warm-up: Sudachi, caches; and the counts
        with CaptureQueriesContext(connection) as stock_sql:
            stock_hits = stock_search(query)
        with CaptureQueriesContext(connection) as site_sql:
            site_hits = resident_search(query)
        rows.append(
            {
                "query": query,
                "stock_hits": stock_hits,
                "site_hits": site_hits,
                "stock_queries": len(stock_sql),
                "site_queries": len(site_sql),
                "stock_ms": [],
                "site_ms": [],
            }
        )
    for _ in range(repeat):
        for row in rows:
            for name, function in (("stock", stock_search), ("site", resident_search)):
                started = time.perf_counter()
                function(row["query"])
                row[f"{name}_ms"].append((time.perf_counter() - started) * 1000)
    stock = [ms for row in rows for ms in row["stock_ms"]]
    site = [ms for row in rows for ms in row["site_ms"]]
    for row in rows:
        row["stock_ms"] = round(statistics.median(row["stock_ms"]), 1)
        row["site_ms"] = round(statistics.median(row["site_ms"]), 1)
    return {
        "stock_median_ms": round(statistics.median(stock), 1),
        "stock_p99_ms": round(percentile(stock, 0.99), 1),
        "site_median_ms": round(statistics.median(site), 1),
        "site_p99_ms": round(percentile(site, 0.99), 1),
        "ratio": round(statistics.median(site) / statistics.median(stock), 2),
        "queries": rows,
    }


def report(label: str, pages: int, indexed_s: float, result: dict) -> None:
    print(  # noqa: T201
        f"\n{label}: {pages:,} pages, indexed in {indexed_s:.1f} s\n"
        f"  stock per-kind search: median {result['stock_median_ms']} ms, p99 {result['stock_p99_ms']} ms\n"
        f"  site search:           median {result['site_median_ms']} ms, p99 {result['site_p99_ms']} ms\n"
        f"  ratio {result['ratio']:.2f} (at most {MAX_RATIO})"
    )
    print(f"  {'query':16} {'stock ms':>9} {'site ms':>8} {'SQL':>9} {'hits':>11}")  # noqa: T201
    for row in result["queries"]:
        print(  # noqa: T201
            f"  {row['query']:16} {row['stock_ms']:9.1f} {row['site_ms']:8.1f} "
            f"{row['stock_queries']:4d}/{row['site_queries']:<4d} {row['stock_hits']:5d}/{row['site_hits']:<5d}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000, help="pages of the large size")
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds over the queries")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    setup_django("bench_search", args.database_url, fresh=True, migrate=False)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from wagtail.models import Page

    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False  # indexed once, after building
    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":  # SQLite starts from a fresh file
        call_command("flush", interactive=False, verbosity=0)
    rng = random.Random(15)
    pool = texts()
    results = {"database": connection.vendor}
    with transaction.atomic():
        build_demo_size(rng, pool)
    for label, grow in (("demo size", None), (f"{args.pages:,} pages", args.pages)):
        if grow:
            with transaction.atomic():
                grow_pages(rng, pool, grow)
        indexed = index_all()
        result = measure(args.repeat)
        pages = Page.objects.count()
        report(label, pages, indexed, result)
        results[label] = {"pages": pages, "index_seconds": round(indexed, 1), **result}
    (RESULTS / f"search_{connection.vendor}.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    over = [label for label, result in results.items() if isinstance(result, dict) and result["ratio"] > MAX_RATIO]
    if over:
        print(f"\nsite search above {MAX_RATIO}× the stock search at: {', '.join(over)}")  # noqa: T201
        sys.exit(1)


if __name__ == "__main__":
    main()
