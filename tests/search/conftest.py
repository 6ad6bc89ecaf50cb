"""Pages for the search tests, published under the Japanese (and English) home pages."""

import json
from pathlib import Path

import pytest

EVAL_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "search-eval"


def add_page(parent, title, body="", summary="", **kwargs):
    from home.models import StandardPage

    page = StandardPage(
        title=title,
        summary=summary,
        body=[("paragraph", f"<p>{body}</p>")] if body else [],
        **kwargs,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def ja_home(site_tree):
    from wagtail.models import Locale

    from home.models import HomePage

    return HomePage.objects.get(locale=Locale.objects.get(language_code="ja"))


@pytest.fixture
def en_home(site_tree):
    from wagtail.models import Locale

    from home.models import HomePage

    return HomePage.objects.get(locale=Locale.objects.get(language_code="en"))


@pytest.fixture
def eval_set():
    corpus = json.loads((EVAL_DIR / "corpus.json").read_text(encoding="utf-8"))
    cases = json.loads((EVAL_DIR / "cases.json").read_text(encoding="utf-8"))
    return corpus, cases


@pytest.fixture
def eval_section(ja_home, eval_set):
    """The 35 pages of the eval corpus under one section page (so other pages do not interfere)."""
    corpus, _cases = eval_set
    section = add_page(ja_home, "評価用コーパス", slug="eval")
    for number, document in enumerate(corpus):
        add_page(section, document["title"], document["body"], slug=f"doc-{number}")
    return section
