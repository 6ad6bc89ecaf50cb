"""The search page, autocomplete suggestions, and the editors' report of what residents searched."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from geo.points import point_from
from home.paging import page_number
from japanese.analysis import MAX_QUERY_CHARS
from search import registry
from search.searching import MAX_RESULTS, PER_KIND, log_query, query_report, site_search, suggestions

PAGE_SIZE = 20


def _int(value, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(value), low), high)
    except (TypeError, ValueError):
        return default


def _position(request) -> tuple[float, float] | None:
    """(lat, lng) from ``?lat=&lng=`` when both are valid coordinates, else None."""
    return point_from(request.GET.get("lat"), request.GET.get("lng"))


def _section_links(request):
    """The requested site's main sections (its home page's menu children, in the current
    language), offered when nothing was found."""
    from wagtail.models import Locale, Page

    from home.sites import site_or_default

    site = site_or_default(request)
    if site is None:
        return []
    home = site.root_page
    home = home.get_translation_or_none(Locale.get_active()) or home
    return [
        {"title": page.title, "url": page.get_url(request)}
        for page in Page.objects.child_of(home).live().public().in_menu().specific()[:12]
    ]


@require_GET
def search(request):
    """Site search: results from every kind of content, filterable by kind, with help when empty."""
    query = request.GET.get("q", "")[: MAX_QUERY_CHARS * 2]
    kinds = registry.kinds()
    kind = request.GET.get("type") or ""
    if kind not in kinds:
        kind = ""
    language_code = translation.get_language() or settings.LANGUAGE_CODE
    near = _position(request)
    number = page_number(request.GET.get("page"), PAGE_SIZE, MAX_RESULTS)
    start = (number - 1) * PAGE_SIZE
    # Enough of each kind for this page and to know whether there is a next one.
    limit = min(max(PER_KIND, start + PAGE_SIZE + 1), MAX_RESULTS)
    outcome = site_search(
        query, language_code=language_code, kind=kind or None, request=request, near=near, limit=limit
    )
    hits = outcome.hits[start : start + PAGE_SIZE]
    if query.strip() and number == 1:
        log_query(query, language_code, outcome.total, request)
    context = {
        "query": query,
        "outcome": outcome,
        "hits": hits,
        "kind_tabs": [(code, label, outcome.counts.get(code)) for code, label in kinds.items()],
        "kind": kind,
        "page_number": number,
        "near": near,
        "can_sort_by_distance": any(
            hit.obj is not None
            and registry.entry_for(hit.obj) is not None
            and registry.entry_for(hit.obj).location is not None
            for hit in outcome.hits
        ),
        "has_next": len(outcome.hits) > start + PAGE_SIZE and number < MAX_RESULTS // PAGE_SIZE,
        # What the previous/next links keep: the query, the kind, and the position sorted by.
        "page_params": urlencode(
            {"q": query, **({"type": kind} if kind else {}), **({"lat": near[0], "lng": near[1]} if near else {})}
        ),
        "sections": _section_links(request) if query.strip() and not outcome.hits else [],
    }
    return render(request, "search/search.html", context)


@require_GET
def suggest(request):
    """Autocomplete: ``{"items": [{"title", "url", "type"}]}`` for what has been typed so far."""
    query = request.GET.get("q", "")[:MAX_QUERY_CHARS]
    limit = _int(request.GET.get("limit"), 8, 1, 20)
    language_code = translation.get_language() or settings.LANGUAGE_CODE
    items = [
        {"title": hit.title, "url": hit.url, "type": hit.kind, "type_label": hit.kind_label}
        for hit in suggestions(query, language_code=language_code, limit=limit, request=request)
    ]
    return JsonResponse({"items": items})


@permission_required("search.view_searchquerylog", raise_exception=True)
def query_report_view(request):
    """Admin report: most frequent searches and searches that found nothing, per language."""
    languages = dict(settings.LANGUAGES)
    language = request.GET.get("language") or ""
    if language not in languages:
        language = ""
    days = _int(request.GET.get("days"), 30, 1, 366)
    report = query_report(language or None, days=days, request=request)
    return render(
        request,
        "search/query_report.html",
        {"report": report, "languages": languages, "language": language, "days": days},
    )
