"""The resident evaluation set (tests/fixtures/search-resident/cases.json) and its measures.

Each case is a query typed as a 高松市 resident types it, with graded judgments written from
what the resident wants (3 = what was asked for, 2 = clearly useful, 1 = related). A judgment
names a kind and a title (``title`` exact, ``title_re`` a pattern) or a field value
(``field``/``value``, e.g. a facility's category). Results are graded by the best judgment they
meet; a second result for the same thing (same kind and title) earns nothing.

- nDCG@5: gain ``2**grade - 1``, discount ``log2(rank + 1)``; the ideal ranking is every object
  of the site graded by the same judgments, one per thing, best first.
- first relevant: the first result has grade 2 or more.

Cases marked ``procedure`` are judged by title pattern against くらしの手続き pages that another
part of the demo provides; they run only when the site has a page meeting their first judgment.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

CASES_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "search-resident" / "cases.json"
RELEVANT = 2
DEPTH = 5


def load_cases() -> dict:
    return json.loads(CASES_FILE.read_text(encoding="utf-8"))


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "")


def grade(judgments: list[dict], kind: str, title: str, obj) -> int:
    best = 0
    title = _norm(title)
    for judgment in judgments:
        if judgment.get("kind") and judgment["kind"] != kind:
            continue
        if "title" in judgment and title != _norm(judgment["title"]):
            continue
        if "title_re" in judgment and not re.search(_norm(judgment["title_re"]), title):
            continue
        if "field" in judgment and str(getattr(obj, judgment["field"], "")) != judgment["value"]:
            continue
        best = max(best, judgment["grade"])
    return best


def _dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(rank + 2) for rank, g in enumerate(grades[:DEPTH]))


@dataclass
class CaseResult:
    query: str
    how: str
    procedure: bool
    ndcg: float = 0.0
    first_relevant: bool = False
    skipped: str = ""
    top: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, title, grade)


def site_objects(request) -> list[tuple[str, str, object]]:
    """(kind, title, object) of everything the site search can return for *request*'s site."""
    from search import registry
    from search.searching import _locales, _queryset, _title

    objects = []
    locales = _locales("ja")
    for entry in registry.entries():
        for obj in _queryset(entry, locales, request):
            objects.append((entry.kind, _title(obj), obj))
    return objects


def evaluate(search, request, cases: list[dict] | None = None) -> list[CaseResult]:
    """Run every case through ``search(query) -> hits`` (SearchHit-like: kind, title, obj)."""
    cases = cases if cases is not None else load_cases()["cases"]
    universe = site_objects(request)
    results = []
    for case in cases:
        judged = case["relevant"]
        result = CaseResult(case["q"], case["how"], bool(case.get("procedure")))
        ideal: dict[tuple[str, str], int] = {}
        for kind, title, obj in universe:
            value = grade(judged, kind, title, obj)
            if value:
                key = (kind, _norm(title))
                ideal[key] = max(ideal.get(key, 0), value)
        first = judged[0]
        if result.procedure and not any(grade([first], kind, title, obj) for kind, title, obj in universe):
            result.skipped = f"no {first.get('kind', '')} titled like {first.get('title_re') or first.get('title')}"
        elif not any(value >= RELEVANT for value in ideal.values()):
            result.skipped = "no relevant object on the site"
        if result.skipped:
            results.append(result)
            continue
        seen = set()
        grades = []
        for hit in search(case["q"])[:DEPTH]:
            key = (hit.kind, _norm(hit.title))
            value = 0 if key in seen else grade(judged, hit.kind, hit.title, hit.obj)
            seen.add(key)
            grades.append(value)
            result.top.append((hit.kind, hit.title, value))
        result.ndcg = _dcg(grades) / _dcg(sorted(ideal.values(), reverse=True))
        result.first_relevant = bool(grades) and grades[0] >= RELEVANT
        results.append(result)
    return results


def summary(results: list[CaseResult]) -> dict:
    ran = [r for r in results if not r.skipped]
    return {
        "cases": len(results),
        "ran": len(ran),
        "skipped": len(results) - len(ran),
        "ndcg@5": sum(r.ndcg for r in ran) / len(ran) if ran else 0.0,
        "first_relevant": sum(r.first_relevant for r in ran) / len(ran) if ran else 0.0,
    }


def report(results: list[CaseResult]) -> str:
    lines = []
    for r in results:
        if r.skipped:
            lines.append(f"  SKIP {r.query} ({'procedure' if r.procedure else r.how}): {r.skipped}")
            continue
        mark = "ok " if r.first_relevant else "MISS"
        first = r.top[0][:2] if r.top else ("", "(nothing)")
        lines.append(f"  {mark} {r.ndcg:.2f} {r.query} [{r.how}] → {first[0]} {first[1]}")
    groups = {"all": results, "procedure": [r for r in results if r.procedure]}
    for name, part in groups.items():
        s = summary(part)
        lines.append(
            f"{name}: {s['ran']} of {s['cases']} ran ({s['skipped']} skipped), nDCG@5 {s['ndcg@5']:.3f}, "
            f"first result relevant {s['first_relevant']:.3f}"
        )
    return "\n".join(lines)
