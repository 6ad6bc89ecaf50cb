"""The database backend itself: relevance order, the queryset's filters, counts, scores, slices.

On SQLite the ``MATCH`` must run once per search, not once per candidate row (the stock
backend's plan, which took seconds to minutes at 10,000 pages): checked on the query plan of
every statement a search runs, so it needs no timing.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from home.models import StandardPage
from tests.search.conftest import add_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(ja_home, en_home):
    section = add_page(ja_home, "テスト用の区分", slug="backend")
    made = {
        "title": add_page(section, "中央図書館のご案内", "開館時間をお知らせします。", slug="b-title"),
        "body": add_page(section, "お知らせ", "夏休みは中央図書館で本を借りよう。", slug="b-body"),
        "other": add_page(section, "公民館の予約", "会議室を借りられます。", slug="b-other"),
        "english": add_page(en_home, "Central library", "中央図書館 in English.", slug="b-en"),
    }
    draft = StandardPage(title="中央図書館の下書き", slug="b-draft", live=False)
    section.add_child(instance=draft)
    made["draft"] = draft
    return made


def live_ja():
    """The live Japanese pages of the test's section (the set-up city's お知らせ is a StandardPage too)."""
    from wagtail.models import Locale

    section = StandardPage.objects.get(slug="backend")
    pages = StandardPage.objects.live().filter(locale=Locale.objects.get(language_code="ja"))
    return pages.descendant_of(section, inclusive=True)


def test_title_match_ranks_first_and_the_querysets_filters_hold(pages):
    results = get_search_backend().search("図書館", live_ja())
    assert [page.slug for page in results] == ["b-title", "b-body"]
    assert results.count() == 2


def test_slices_scores_and_unordered_results(pages):
    backend = get_search_backend()
    results = backend.search("図書館", live_ja())
    assert [page.slug for page in results[1:]] == ["b-body"]
    assert results[1:].count() == 1
    scored = list(backend.search("図書館", live_ja()).annotate_score("_score"))
    assert all(page._score is not None for page in scored)
    unordered = backend.search("図書館", live_ja().order_by("-first_published_at"), order_by_relevance=False)
    assert [page.slug for page in unordered] == ["b-body", "b-title"]


def test_match_all_and_negated_queries_count_as_the_stock_backend(pages):
    from modelsearch.query import MATCH_ALL, Not, PlainText

    backend = get_search_backend()
    assert backend.search(MATCH_ALL, live_ja()).count() == live_ja().count()
    assert backend.search(Not(MATCH_ALL), live_ja()).count() == 0
    assert {page.slug for page in backend.search(Not(PlainText("予約")), live_ja())} == {"backend", "b-title", "b-body"}


def test_autocomplete_keeps_the_same_guarantees(pages):
    results = get_search_backend().autocomplete("としょ", live_ja())
    assert [page.slug for page in results] == ["b-title"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite FTS5 query plans only")
def test_sqlite_never_runs_the_match_once_per_row(pages):
    backend = get_search_backend()
    with CaptureQueriesContext(connection) as captured:
        list(backend.search("図書館", live_ja()))
        backend.search("図書館", live_ja()).count()
        list(backend.autocomplete("としょ", live_ja()))
    statements = [query["sql"] for query in captured.captured_queries if " MATCH " in query["sql"]]
    assert statements
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan = [row[-1] for row in cursor.fetchall()]
            # FTS5 marks a MATCH constrained by rowid "=" in its index string (e.g. "0:=M3"):
            # that is the MATCH being re-run for each row of another table.
            per_row = [step for step in plan if re.search(r"VIRTUAL TABLE INDEX \d+:=", step)]
            assert not per_row, (sql, plan)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plans only")
def test_postgres_matches_the_expression_the_document_index_covers(pages):
    """The backend matches ``title || body``; search.0002 indexes that expression, and the
    planner can answer the match from the index alone. A change on either side fails here."""
    document = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@ '
    with CaptureQueriesContext(connection) as captured:
        list(get_search_backend().search("図書館", live_ja()))
    assert any(document in query["sql"] for query in captured.captured_queries)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            'EXPLAIN SELECT id FROM wagtailsearch_indexentry WHERE ("wagtailsearch_indexentry"."title" || '
            '"wagtailsearch_indexentry"."body") @@ to_tsquery(%s, %s)',
            ["simple", "図書"],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_indexentry_document_gin" in plan, plan
