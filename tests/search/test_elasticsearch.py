"""Elasticsearch 8 / 9 and OpenSearch 2 (``SEARCH_URL``) without a cluster.

- what the real clients send (index settings, mapping, bulk lines, search bodies) is captured on a
  local HTTP endpoint and compared with the recorded fixtures in ``tests/fixtures/search-es/``
  (``UPDATE_SEARCH_FIXTURES=1`` rewrites them after a deliberate change);
- the search bodies are run in Python, by Elasticsearch's rules for the query types they use, on
  the documents the backend would index: they find what the database backend finds on the eval set;
- ``test_live_cluster_finds_japanese`` runs against a real cluster when ``SEARCH_URL`` is set
  (docs/search.md says how to start one with docker).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from search.elasticsearch import ENGINES, _http_url, backend_class, elasticsearch_backend, engine_for, index_settings
from tests.search.cluster_recorder import ClusterRecorder

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "search-es"
UPDATE = bool(os.environ.get("UPDATE_SEARCH_FIXTURES"))

#: The synonym groups the recorded search bodies were made with (the demo's garbage and shelter
#: groups; fixed here so that new demo groups do not change the fixtures).
SYNONYMS = [
    "燃やせるごみ = 燃やすごみ = 燃えるごみ = 可燃ごみ",
    "避難所 = 避難場所",
]
FIXTURE_QUERIES = ["もえるごみ", "としょかん", "ひなんじょ", "ペットボトル", "市役所 電話番号"]

#: (URL scheme, Accept header the cluster must receive) for each supported engine.
ENGINE_URLS = {
    "elasticsearch9": ("elasticsearch", "application/vnd.elasticsearch+json; compatible-with=9"),
    "elasticsearch8": ("elasticsearch8", "application/vnd.elasticsearch+json; compatible-with=8"),
    "opensearch": ("opensearch", None),
}


def _compare_with_fixture(name: str, actual) -> None:
    path = FIXTURES / name
    if UPDATE:
        FIXTURES.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(actual, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert actual == expected, f"{name} differs from the recorded fixture (UPDATE_SEARCH_FIXTURES=1 rewrites it)"


def _stable_document(line: dict) -> dict:
    """A bulk line without what differs between databases and runs (ids, dates, tree paths)."""
    if "index" in line:
        return {"index": {**line["index"], "_id": "<varies>"}}
    varying = re.compile(r"^pk$|(?<!^title)_filter$")
    return {key: "<varies>" if varying.search(key) else value for key, value in line.items()}


@pytest.fixture
def synonym_groups(db):
    from search.models import SynonymGroup

    for terms in SYNONYMS:
        SynonymGroup.objects.create(terms=terms)


@pytest.fixture
def cluster():
    with ClusterRecorder() as recorder:
        yield recorder


# --- configuration --------------------------------------------------------------------------


def test_search_url_schemes_pick_the_engine():
    assert engine_for("elasticsearch://search:9200") == ("elasticsearch9", "http")
    assert engine_for("https://search:9200") == ("elasticsearch9", "https")
    assert engine_for("elasticsearch8+https://search:9200") == ("elasticsearch8", "https")
    assert engine_for("opensearch://search:9200") == ("opensearch", "http")
    assert _http_url("opensearch+https://user:pw@search:9200") == "https://user:pw@search:9200"
    assert _http_url("elasticsearch8://search:9200/prefix") == "http://search:9200/prefix"
    assert backend_class("elasticsearch://x").__name__ == "JapaneseElasticsearch9SearchBackend"
    assert backend_class("opensearch://x").__name__ == "JapaneseOpenSearchSearchBackend"


def test_unknown_scheme_is_a_configuration_error():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="opensearch://"):
        engine_for("solr://search:8983")


def test_index_settings_need_no_plugin_and_hold_no_synonym(synonym_groups):
    analysis = index_settings()["settings"]["analysis"]
    text = json.dumps(analysis)
    assert "kuromoji" not in text and "synonym" not in text
    assert analysis["analyzer"]["default"] == {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}


def test_the_app_starts_and_checks_with_search_url_alone_and_no_server():
    """A fresh process with only ``SEARCH_URL`` set: ``check`` passes and the backend is built
    (the client connects lazily; nothing listens on port 9). One process for time's sake: the
    other schemes build their backends (and so their clients) in the fixture tests below."""
    scheme = "opensearch+https"
    code = (
        "import django; django.setup();"
        "from django.core.management import call_command; call_command('check');"
        "from wagtail.search.backends import get_search_backend; print(type(get_search_backend()).__name__)"
    )
    env = {**os.environ, "SEARCH_URL": f"{scheme}://127.0.0.1:9", "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=django_settings.BASE_DIR, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "JapaneseOpenSearchSearchBackend" in result.stdout


# --- what the real clients send, against the recorded fixtures -----------------------------


def _backend(cluster, engine: str):
    scheme, _accept = ENGINE_URLS[engine]
    return elasticsearch_backend(f"{scheme}://127.0.0.1:{cluster.port}", {})


@pytest.mark.parametrize("engine", list(ENGINE_URLS))
def test_requests_match_the_recorded_fixtures(engine, cluster, ja_home, synonym_groups):
    from home.models import StandardPage
    from tests.search.conftest import add_page

    pages = [
        add_page(ja_home, "燃えるごみの出し方", "燃えるごみは月曜日と木曜日に出してください。", slug="es-burnable"),
        add_page(ja_home, "中央図書館", "市役所の隣にある図書館です。電話番号は087-839-2345です。", slug="es-library"),
    ]
    backend = _backend(cluster, engine)
    index = backend.get_index_for_model(StandardPage)
    index.put()
    index.add_model(StandardPage)
    index.add_items(StandardPage, pages)
    for query in FIXTURE_QUERIES:
        list(backend.search(query, StandardPage)[:10])
    list(backend.autocomplete("としょ", StandardPage)[:5])

    _scheme, accept = ENGINE_URLS[engine]
    requests = cluster.recorded
    for request in requests:  # the version the cluster is asked to answer as
        if accept:
            assert request.headers["accept"] == accept
        else:
            assert "compatible-with" not in request.headers.get("accept", "")
    create, mapping, bulk, *searches = requests
    assert (create.method, create.path) == ("PUT", "/machi_wagtailcore_page")
    _compare_with_fixture("create_index.json", create.json())
    assert mapping.path == "/machi_wagtailcore_page/_mapping"
    _compare_with_fixture("mapping_standardpage.json", mapping.json())
    assert bulk.path.endswith("/_bulk")
    _compare_with_fixture("bulk.json", [_stable_document(line) for line in bulk.ndjson()])
    assert [request.path for request in searches] == ["/machi_wagtailcore_page/_search"] * 6
    bodies = [request.json()["query"] for request in searches]
    _compare_with_fixture("search.json", dict(zip([*FIXTURE_QUERIES, "autocomplete:としょ"], bodies, strict=True)))


# --- the search bodies' logic, run in Python on the indexed documents ------------------------

POSITION_GAP = 100  # Elasticsearch's position_increment_gap between the values of a text field


class IndexedDocument:
    """A document as the cluster indexes it with the mapping: every text field's tokens (whitespace,
    lower-cased) with positions, ``copy_to`` targets filled, autocomplete fields edge-n-grammed."""

    def __init__(self, document: dict, mapping: dict):
        values: dict[str, list[str]] = {}
        properties = mapping["properties"]
        for name, spec in properties.items():
            value = document.get(name)
            if spec.get("type") != "text" or value in (None, ""):
                continue
            items = value if isinstance(value, list) else [value]
            targets = spec.get("copy_to", [])
            for target in [name, *([targets] if isinstance(targets, str) else targets)]:
                values.setdefault(target, []).extend(str(item) for item in items)
        self.positions: dict[str, list[tuple[int, str]]] = {}
        for name, items in values.items():
            edge = properties.get(name, {}).get("analyzer") == "ja_autocomplete"
            position, tokens = 0, []
            for item in items:
                for token in item.lower().split():
                    grams = [token[:size] for size in range(1, min(len(token), 30) + 1)] if edge else [token]
                    tokens.extend((position, gram) for gram in grams)
                    position += 1
                position += POSITION_GAP
            self.positions[name] = tokens

    def has_all(self, field: str, terms: list[str]) -> bool:
        present = {token for _position, token in self.positions.get(field, [])}
        return all(term in present for term in terms)

    def has_any(self, field: str, terms: list[str]) -> bool:
        present = {token for _position, token in self.positions.get(field, [])}
        return any(term in present for term in terms)

    def has_phrase(self, field: str, terms: list[str]) -> bool:
        at = {(position, token) for position, token in self.positions.get(field, [])}
        starts = [position for position, token in self.positions.get(field, []) if token == terms[0]]
        return any(all((start + offset, term) in at for offset, term in enumerate(terms)) for start in starts)


def _field(name: str) -> str:
    return name.split("^", 1)[0]


def es_matches(query: dict, doc: IndexedDocument) -> bool:
    """Whether Elasticsearch would match ``doc`` with ``query`` (the query types the backend emits)."""
    ((kind, spec),) = query.items()
    if kind == "match_all":
        return True
    if kind == "bool":

        def listed(key):
            value = spec.get(key, [])
            return value if isinstance(value, list) else [value]

        must = listed("must") + listed("filter")
        should = listed("should")
        if not all(es_matches(q, doc) for q in must) or any(es_matches(q, doc) for q in listed("must_not")):
            return False
        return not should or bool(must) or any(es_matches(q, doc) for q in should)
    if kind == "dis_max":
        return any(es_matches(q, doc) for q in spec["queries"])
    if kind in {"match", "match_phrase"}:
        ((field, body),) = spec.items()
        body = body if isinstance(body, dict) else {"query": body}
        terms = body["query"].lower().split()
        if kind == "match_phrase":
            return doc.has_phrase(field, terms)
        return (doc.has_all if body.get("operator", "or") == "and" else doc.has_any)(field, terms)
    if kind == "multi_match":
        terms = spec["query"].lower().split()
        for field in map(_field, spec["fields"]):
            if spec.get("type") == "phrase":
                if doc.has_phrase(field, terms):
                    return True
            elif (doc.has_all if spec.get("operator", "or") == "and" else doc.has_any)(field, terms):
                return True
        return False
    raise AssertionError(f"the backend sent a query type this check does not know: {kind}")


def _es_titles(es_backend, query: str, pages) -> set[str]:
    from home.models import StandardPage

    mapping_class = es_backend.mapping_class
    mapping = mapping_class(StandardPage).get_mapping()
    inner = es_backend.search(query, StandardPage).query_compiler.get_inner_query()
    return {
        page.title
        for page in pages
        if es_matches(inner, IndexedDocument(mapping_class(StandardPage).get_document(page), mapping))
    }


def test_elasticsearch_query_logic_finds_what_the_database_finds_on_the_eval_set(eval_section, eval_set):
    from wagtail.search.backends import get_search_backend

    from home.models import StandardPage

    _corpus, cases = eval_set
    database = get_search_backend()
    es_backend = elasticsearch_backend("elasticsearch://127.0.0.1:9", {})
    pages = list(StandardPage.objects.live().descendant_of(eval_section).specific())
    correct = found = expected_total = 0
    for case in cases:
        es_titles = _es_titles(es_backend, case["query"], pages)
        db_titles = {
            page.title
            for page in database.search(case["query"], StandardPage.objects.filter(pk__in=[page.pk for page in pages]))
        }
        assert es_titles == db_titles, case["query"]
        expected = set(case["expected_titles"])
        correct += len(es_titles & expected)
        found += len(es_titles)
        expected_total += len(expected)
    recall, precision = correct / expected_total, correct / found
    print(f"\nsearch-eval, Elasticsearch query logic: recall {recall:.2f}, precision {precision:.2f}")  # noqa: T201
    assert recall >= 0.97 and precision >= 0.95


def test_kana_finds_kanji_through_readings_and_synonyms(ja_home, synonym_groups):
    """The issue's examples: もえるごみ finds 燃えるごみ (a synonym group's reading), としょかん
    finds 図書館 (the reading is indexed whole, not the single token かん), ひなんしょ finds 避難所
    (Sudachi reads it so; ひなんじょ, with rendaku, is found by neither backend), as the database does."""
    from wagtail.search.backends import get_search_backend

    from home.models import StandardPage
    from tests.search.conftest import add_page

    pages = [
        add_page(ja_home, "燃えるごみの出し方", "燃えるごみは月曜日に出してください。", slug="es-burnable"),
        add_page(ja_home, "中央図書館", "本の貸出と返却。", slug="es-library"),
        add_page(ja_home, "避難所の一覧", "地震のときの避難所です。", slug="es-shelter"),
        add_page(ja_home, "缶の出し方", "かんは水曜日です。", slug="es-cans"),
    ]
    es_backend = elasticsearch_backend("opensearch://127.0.0.1:9", {})
    assert _es_titles(es_backend, "もえるごみ", pages) == {"燃えるごみの出し方"}
    assert _es_titles(es_backend, "としょかん", pages) == {"中央図書館"}
    assert _es_titles(es_backend, "ひなんしょ", pages) == {"避難所の一覧"}
    assert _es_titles(es_backend, "燃やすごみ", pages) == {"燃えるごみの出し方"}  # a synonym, as typed
    database, mine = get_search_backend(), StandardPage.objects.filter(pk__in=[page.pk for page in pages])
    for query in [*FIXTURE_QUERIES, "ひなんしょ", "燃やすごみ", "かん"]:
        assert _es_titles(es_backend, query, pages) == {page.title for page in database.search(query, mine)}, query


def test_engines_are_all_listed():
    assert {engine for engine, _scheme in ENGINES.values()} == set(ENGINE_URLS)


# --- a live cluster ---------------------------------------------------------------------------


@pytest.mark.search_cluster
@pytest.mark.skipif(not os.environ.get("SEARCH_URL"), reason="needs a live cluster: set SEARCH_URL to run")
def test_live_cluster_finds_japanese(eval_section, eval_set, settings):
    """Against the cluster at ``SEARCH_URL``: index the eval pages, then every eval query finds
    what the database backend finds (see docs/search.md for the docker commands)."""
    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend

    from home.models import StandardPage
    from search.backends import database_backend_class

    _corpus, cases = eval_set
    settings.SEARCH_URL = os.environ["SEARCH_URL"]
    prefix = f"machi_test_{os.getpid()}_"
    os.environ["SEARCH_INDEX_PREFIX"] = prefix
    try:
        call_command("update_index", backend_name="default", stdout=open(os.devnull, "w"))  # noqa: SIM115
        cluster = get_search_backend()
        database = database_backend_class()({})
        pages = StandardPage.objects.live().descendant_of(eval_section)
        for case in cases:
            live = {page.title for page in cluster.search(case["query"], pages)}
            assert live == {page.title for page in database.search(case["query"], pages)}, case["query"]
        assert {"図書館の休館日", "図書館おはなし会"} & {page.title for page in cluster.autocomplete("としょ", pages)}
    finally:
        cluster = get_search_backend()
        for name in cluster.es.indices.get(index=f"{prefix}*"):  # wildcard deletes may be refused
            cluster.es.indices.delete(index=name)
        os.environ.pop("SEARCH_INDEX_PREFIX", None)
