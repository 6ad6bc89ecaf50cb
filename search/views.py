"""The search page, autocomplete suggestions, and the editors' report of what residents searched."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from geo.points import point_from
from home.paging import page_number
from japanese.analysis import MAX_QUERY_CHARS
from search import registry
from search.searching import MAX_RESULTS, PER_KIND, log_click, log_query, query_report, site_search, suggestions

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
    from home.visibility import resident_pages

    site = site_or_default(request)
    if site is None:
        return []
    home = site.root_page
    home = home.get_translation_or_none(Locale.get_active()) or home
    return [
        {"title": page.title, "url": page.get_url(request)}
        for page in resident_pages(Page.objects.child_of(home)).in_menu().specific()[:12]
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


#: Longest result path kept in the click log.
MAX_CLICK_URL = 500


def _result_path(request, url: str) -> str | None:
    """The path (and query) of a result on this site, from a relative URL or one on the requested
    host; None for anything else (another host, a scheme other than http(s), control characters)."""
    from urllib.parse import urlsplit

    if not url or len(url) > MAX_CLICK_URL or any(ord(char) < 32 or char == "\x7f" for char in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if (parts.scheme or parts.netloc) and (parts.scheme not in ("http", "https") or parts.netloc != request.get_host()):
        return None
    if not parts.path.startswith("/") or parts.path.startswith("//"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


@csrf_exempt  # a beacon without cookies or session: nothing to forge, and the counts are capped
@require_POST
def click(request):
    """``POST q, url, kind``: the results page reports which result a resident opened (204).

    No personal data is read or kept: no cookie, user or address, only the query, the result's
    path on this site and its kind. Junk gets a 400 naming the reason; a click for a query not
    searched on this site today a 400; more clicks than searches allow a 429.
    """
    query = request.POST.get("q", "")
    kind = request.POST.get("kind", "")
    if not query.strip() or len(query) > MAX_QUERY_CHARS or "\x00" in query:
        return HttpResponse(_("The search words are missing or too long."), status=400, content_type="text/plain")
    if kind not in registry.kinds() and kind != "promotion":
        return HttpResponse(_("Unknown kind of result."), status=400, content_type="text/plain")
    path = _result_path(request, request.POST.get("url", ""))
    if path is None:
        return HttpResponse(_("The result must be a page of this site."), status=400, content_type="text/plain")
    language_code = translation.get_language() or settings.LANGUAGE_CODE
    outcome = log_click(query, language_code, path, kind, request)
    if outcome == "not searched":
        return HttpResponse(
            _("These words were not searched on this site today."), status=400, content_type="text/plain"
        )
    if outcome == "limit":
        return HttpResponse(_("Too many clicks for this search."), status=429, content_type="text/plain")
    return HttpResponse(status=204)


def report_sites(user):
    """The sites whose searches *user* may read: None (every site) for a superuser, else the sites
    of the cities the user works for."""
    from wagtail.models import Site

    from home.scoping import user_municipalities

    cities = user_municipalities(user)
    if cities is None:
        return None
    return list(Site.objects.filter(portalsettings__municipality__in=cities).order_by("hostname"))


@permission_required("search.view_searchquerylog", raise_exception=True)
def query_report_view(request):
    """Admin report: most frequent searches, searches that found nothing, searches whose results
    nobody opened and the results opened most, per language, for the user's city (a superuser:
    every city, or the one chosen)."""
    from wagtail.models import Site

    languages = dict(settings.LANGUAGES)
    language = request.GET.get("language") or ""
    if language not in languages:
        language = ""
    days = _int(request.GET.get("days"), 30, 1, 366)
    allowed = report_sites(request.user)
    choices = list(Site.objects.order_by("hostname")) if allowed is None else allowed
    chosen = next((site for site in choices if str(site.pk) == request.GET.get("site")), None)
    sites = [chosen] if chosen else allowed
    report = query_report(language or None, days=days, request=request, sites=sites)
    return render(
        request,
        "search/query_report.html",
        {
            "report": report,
            "languages": languages,
            "language": language,
            "days": days,
            "site_choices": choices if len(choices) > 1 else [],
            "site": chosen,
            "many_sites": chosen is None and (allowed is None or len(allowed) > 1),
        },
    )


@permission_required("wagtailsearchpromotions.add_searchpromotion", raise_exception=True)
@require_POST
def promote_query(request):
    """From the report: open the promoted results form of a query (the query is created if new)."""
    from wagtail.contrib.search_promotions.models import Query

    query = request.POST.get("q", "").strip()[:MAX_QUERY_CHARS]
    if not query:
        return HttpResponse(_("The search words are missing or too long."), status=400, content_type="text/plain")
    return redirect("wagtailsearchpromotions:edit", Query.get(query).pk)
