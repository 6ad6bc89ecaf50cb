"""Search as 高松市's residents use it: the evaluation set of tests/fixtures/search-resident on the
demo city's real content (facilities, evacuation sites, AEDs, events, garbage dictionary,
nurseries), loaded once for this module by the domains' own demo loaders and rolled back after;
loading it a second time must change nothing (load_demo is idempotent, on each database).

Prints nDCG@5 and the share of queries whose first result is relevant (the figures of
docs/search.md) and fails below 0.9 first-result relevance. Cases marked ``procedure`` (くらしの
手続き pages, judged by title) run only when the site has such pages, and are reported apart.
"""

import io
import time

import pytest
from django.db import transaction

from search.searching import site_search
from tests.rows import table_state
from tests.search.resident_eval import evaluate, load_cases, report, summary

THRESHOLD = 0.9

pytestmark = pytest.mark.heavy


@pytest.fixture(scope="module")
def takamatsu(django_db_setup, django_db_blocker):
    """高松市's demo domains, as load_demo loads them, for this module only."""
    from home import demo
    from home.indexing import indexing_deferred
    from home.registries import demo_loaders

    with django_db_blocker.unblock(), transaction.atomic():
        started = time.monotonic()
        with indexing_deferred():  # as load_demo indexes
            municipality = demo.ensure_municipality()
            demo.ensure_standard_pages(demo.ensure_demo_city().home)
            for loader in demo_loaders():
                loader.loader(municipality, io.StringIO())
        print(f"\n高松市 demo loaded in {time.monotonic() - started:.0f} s")  # noqa: T201 - its cost
        before, started = table_state(), time.monotonic()
        for loader in demo_loaders():
            loader.loader(municipality, io.StringIO())
        after = table_state()
        print(f"loaded again in {time.monotonic() - started:.0f} s")  # noqa: T201 - its cost
        municipality.second_load_changes = {
            label: (before[label], after[label]) for label in before if after[label] != before[label]
        }
        yield municipality
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def results(takamatsu, django_db_blocker):
    with django_db_blocker.unblock():
        started = time.monotonic()
        outcome = evaluate(lambda query: site_search(query).hits, None)
        print(f"{len(outcome)} queries in {time.monotonic() - started:.0f} s\n{report(outcome)}")  # noqa: T201 - the figures are the point
        return outcome


@pytest.mark.django_db
def test_loading_the_demo_again_changes_nothing(takamatsu):
    """Every domain's demo loader, run a second time on 高松市, creates, re-creates and deletes
    nothing (load_demo runs them for every city)."""
    assert takamatsu.second_load_changes == {}


@pytest.mark.django_db
def test_first_result_is_relevant_for_residents(results):
    figures = summary(results)
    unanswerable = [r.query for r in results if r.skipped and not r.procedure]
    assert not unanswerable, f"judgments that meet nothing in the demo content: {unanswerable}"
    assert len(load_cases()["cases"]) >= 80
    assert figures["first_relevant"] >= THRESHOLD, report(results)


@pytest.mark.django_db
def test_procedure_cases(results):
    procedure = [r for r in results if r.procedure]
    ran = [r for r in procedure if not r.skipped]
    if not ran:
        pytest.skip(f"{len(procedure)} procedure cases skipped: the site has no くらしの手続き pages they name")
    figures = summary(ran)
    print(  # noqa: T201 - the figures are the point
        f"procedure cases: {len(ran)} of {len(procedure)} ran, first result relevant {figures['first_relevant']:.2f}"
    )
    assert figures["first_relevant"] >= THRESHOLD, report(procedure)


@pytest.mark.django_db
def test_words_found_nowhere_are_named_and_dropped(takamatsu):
    outcome = site_search("AED 近く")
    assert outcome.not_found == ("近く",)
    assert outcome.hits and all(str(hit.obj.category) == "AED" for hit in outcome.hits[:5])


@pytest.mark.django_db
def test_a_repeating_event_is_one_result_with_its_next_date(takamatsu):
    from django.utils import timezone

    outcome = site_search("子育てリフレッシュサロン", kind="events")
    salons = [hit for hit in outcome.hits if hit.title == "子育てリフレッシュサロン"]
    assert len(salons) == 1
    assert salons[0].date >= timezone.localdate() and not salons[0].past
    titles = [hit.title for hit in outcome.hits]
    assert len(titles) == len(set(titles))
