"""Events speed: the list for one month, the month calendar and the API over 10,000 events (500 recurring).

Builds a database of its own (SQLite by default, or DATABASE_URL): an events index and N event
pages, R of them recurring (weekly or monthly 第n曜日 over a year), spread over 2030 across the
Takamatsu area, with their occurrences materialised exactly as saving a page does. Pages are
inserted in bulk (tree paths computed, no revisions, no search index) because creating 10,000
pages one by one through the admin API takes longer than what is measured. Then times, with
Django's test client, the list for one month, the calendar for that month, the API for that
month (limit 100) and near a point, and counts their SQL queries. Nothing is asserted; the
query bound is asserted in tests/services/events. Figures go in docs/events.md.

    .venv/bin/python benchmarks/bench_events.py [--events 10000] [--recurring 500] [--repeat 10]
    DATABASE_URL=postgres://root@127.0.0.1:5432/machi_events_bench .venv/bin/python benchmarks/bench_events.py
"""

from __future__ import annotations

import argparse
import os
import random
import uuid
from datetime import date, timedelta
from datetime import time as clock

from common import measure_requests, setup_django

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's path alphabet, 4 characters a step


def step(number: int) -> str:
    text = ""
    for _ in range(4):
        number, digit = divmod(number, len(ALPHABET))
        text = ALPHABET[digit] + text
    return text


def build(events: int, recurring: int) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from taggit.models import Tag
    from wagtail.models import Page

    from home import demo as home_demo
    from services.events import recurrence
    from services.events.imports import events_index
    from services.events.models import EventOccurrence, EventPage, EventPageTag

    locales = home_demo.ensure_locales()
    home_demo.ensure_home_pages(locales)
    index = events_index(home_demo.ensure_municipality())
    existing = EventPage.objects.child_of(index).count()
    if existing == events:
        print(f"database already holds {events} events")
        return
    rng = random.Random(20300101)  # the same events every run
    content_type = ContentType.objects.get_for_model(EventPage)
    locale = locales["ja"]
    fields = [f for f in EventPage._meta.local_concrete_fields]
    with transaction.atomic():
        EventOccurrence.objects.filter(page__in=EventPage.objects.child_of(index)).delete()
        Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).delete()
        pages, children, occurrences = [], [], []
        for number in range(events):
            start_day = date(2030, 1, 1) + timedelta(days=rng.randrange(365))
            hour = rng.randrange(8, 19)
            rule = ""
            if number < recurring:
                if number % 2:
                    rule = f"FREQ=WEEKLY;UNTIL={(start_day + timedelta(days=364)).strftime('%Y%m%d')}T145959Z"
                else:
                    nth = (start_day.day - 1) // 7 + 1
                    code = recurrence.WEEKDAY_CODES[start_day.weekday()]
                    rule = f"FREQ=MONTHLY;COUNT=12;BYDAY={nth}{code}"
            slug = f"bench-{number}"
            page = Page(
                title=f"ベンチマーク催し{number}",
                draft_title=f"ベンチマーク催し{number}",
                slug=slug,
                content_type=content_type,
                locale=locale,
                translation_key=uuid.uuid4(),
                path=index.path + step(number + 1),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
            )
            pages.append(page)
            child = EventPage(
                start_date=start_day,
                start_time=clock(hour),
                end_time=clock(hour + 2),
                rrule=rule,
                venue_name=f"会場{number % 300}",
                address="香川県高松市",
                lat=34.30 + rng.random() * 0.08,
                lng=134.00 + rng.random() * 0.10,
                fee=rng.choice([0, 0, 300, 500, None]),
                audience=rng.choice(["everyone", "families", "seniors"]),
            )
            children.append(child)
        Page.objects.bulk_create(pages, batch_size=500)
        saved = {p.path: p.pk for p in Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)}
        for page, child in zip(pages, children, strict=True):
            page_id = saved[page.path]
            child.page_ptr_id = child.pk = page_id
            child.id = page_id
            for occurrence in recurrence.materialise(child.schedule()):
                occurrences.append(EventOccurrence(page_id=page_id, start=occurrence.start, end=occurrence.end))
        for batch in range(0, len(children), 500):
            EventPage._base_manager._insert(children[batch : batch + 500], fields=fields)
        EventOccurrence.objects.bulk_create(occurrences, batch_size=2000)
        health, _ = Tag.objects.get_or_create(name="健康", defaults={"slug": "健康"})
        EventPageTag.objects.bulk_create(
            [EventPageTag(content_object_id=child.pk, tag=health) for child in children[::5]], batch_size=2000
        )
        Page.objects.filter(pk=index.pk).update(numchild=events)
    print(f"built {events} events ({recurring} recurring), {len(occurrences)} occurrences")


def bench(repeat: int) -> None:
    from home import demo as home_demo
    from services.events.imports import events_index
    from services.events.models import EventOccurrence

    index = events_index(home_demo.ensure_municipality())
    june = {"when": "range", "start": "2030-06-01", "end": "2030-06-30"}
    in_june = EventOccurrence.objects.filter(start__date__gte=date(2030, 6, 1), start__date__lte=date(2030, 6, 30))
    print(f"occurrences starting in June 2030: {in_june.count()}")
    targets = {
        "list, one month (30 a page)": (index.url, june),
        "month calendar": (index.url + "calendar/2030/6/", {}),
        "API, one month, limit 100": ("/api/v1/events", {"start": "2030-06-01", "end": "2030-06-30", "limit": 100}),
        "API, one month, within 1 km": (
            "/api/v1/events",
            {"start": "2030-06-01", "end": "2030-06-30", "lat": 34.34, "lng": 134.05, "radius_m": 1000},
        ),
        "feed of one category (about 1/5 of all events)": (index.url + "tags/健康/feed/", {}),
    }
    measure_requests(targets, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--recurring", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    args = parser.parse_args()
    setup_django("bench_events", args.database_url)
    from django.db import connection

    print(f"database: {connection.vendor}")
    build(args.events, args.recurring)
    bench(args.repeat)


if __name__ == "__main__":
    main()
