"""Real facility names, garbage items and event titles (tests/fixtures/search), searched the way
residents type them: as written, in hiragana, in half-width katakana. Prints the figures."""

import json
import unicodedata
from pathlib import Path

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from home.models import StandardPage
from japanese.text import fold_kana, normalise
from tests.search.conftest import add_page

pytestmark = pytest.mark.django_db

REAL = json.loads(
    (Path(__file__).resolve().parent.parent / "fixtures" / "search" / "real_content.json").read_text(encoding="utf-8")
)


def half_width(katakana: str) -> str:
    """Full-width katakana as a resident's phone keyboard might send it (ﾄｼｮｶﾝ)."""
    table = dict(
        zip(
            "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
            "ァィゥェォッャュョー",
            "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｯｬｭｮｰ",
            strict=True,
        )
    )
    out = []
    for char in katakana:
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        out.append(table.get(base, base) + marks.replace("\u3099", "ﾞ").replace("\u309a", "ﾟ"))
    return "".join(out)


@pytest.fixture
def real_pages(ja_home):
    section = add_page(ja_home, "実データ", slug="real")
    pages = {}
    for number, facility in enumerate(REAL["facilities"]):
        pages[facility["name"]] = add_page(
            section, facility["name"], facility["address"], summary=facility["kana"], slug=f"f{number}"
        )
    for number, item in enumerate(REAL["garbage_items"]):
        pages[item["name"]] = add_page(section, item["name"], f"{item['category']} {item['note']}", slug=f"g{number}")
    for number, event in enumerate(REAL["events"]):
        pages[event["title"]] = add_page(
            section, event["title"], f"{event['venue']} {event['overview']}", slug=f"e{number}"
        )
    return section, pages


def queries():
    """(query, the title it must find, how it was typed)."""
    for facility in REAL["facilities"]:
        kana = unicodedata.normalize("NFKC", facility["kana"])
        yield facility["name"], facility["name"], "name"
        yield fold_kana(kana), facility["name"], "hiragana reading"
        yield half_width(kana), facility["name"], "half-width kana"
    for item in REAL["garbage_items"]:
        yield item["name"], item["name"], "name"
    for event in REAL["events"]:
        yield event["title"], event["title"], "name"


def test_real_names_are_found_first(real_pages):
    section, _pages = real_pages
    backend = get_search_backend()
    scope = StandardPage.objects.live().descendant_of(section)
    all_titles = [page.title for page in scope]
    found = first = returned = relevant_returned = total = 0
    misses = []
    for query, title, how in queries():
        results = [page.title for page in backend.search(query, scope)[:10]]
        total += 1
        found += title in results
        first += bool(results) and results[0] == title
        # Relevant: the title contains what was typed (normalised), or is the one it must find.
        relevant = {t for t in all_titles if normalise(query) in normalise(t)} | {title}
        returned += len(results)
        relevant_returned += len(set(results) & relevant)
        if title not in results:
            misses.append((how, query, title))
    recall = found / total
    precision = relevant_returned / returned if returned else 0.0
    print(  # noqa: T201 - the figures are the point
        f"\nreal content on {connection.vendor}: {total} queries, recall@10 {recall:.2f}, "
        f"first hit {first / total:.2f}, precision {precision:.2f}"
    )
    for miss in misses:
        print("  missed:", *miss)  # noqa: T201
    assert recall >= 0.95
    assert first / total >= 0.9
