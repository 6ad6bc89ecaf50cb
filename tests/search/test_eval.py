"""The development query set (tests/fixtures/search-eval) on the real backend of this database."""

from django.db import connection
from wagtail.search.backends import get_search_backend

from home.models import StandardPage


def test_eval_set_recall_and_precision(eval_section, eval_set):
    _corpus, cases = eval_set
    backend = get_search_backend()
    pages = StandardPage.objects.live().descendant_of(eval_section)
    found = expected_total = correct = 0
    failures = []
    for case in cases:
        titles = {page.title for page in backend.search(case["query"], pages)}
        expected = set(case["expected_titles"])
        found += len(titles)
        expected_total += len(expected)
        correct += len(titles & expected)
        if titles != expected:
            failures.append((case["query"], sorted(expected - titles), sorted(titles - expected)))
    recall = correct / expected_total
    precision = correct / found if found else 0.0
    print(f"\nsearch-eval on {connection.vendor}: recall {recall:.2f}, precision {precision:.2f}")  # noqa: T201 - the figure is the point
    for query, missing, extra in failures:
        print(f"  {query}: missing {missing}, extra {extra}")  # noqa: T201
    assert recall >= 0.97
    assert precision >= 0.95
