"""Site search: every registered kind of content, in the current language first, one list.

:func:`site_search` is what the search page and ``/api/v1/search`` call. It searches each
registered model (search/registry.py) through the configured backend, ranks results whose
title matches the whole query first, builds highlighted snippets, adds editors' promotions,
and, when nothing is found, a "did you mean" suggestion and the synonyms it tried.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from modelsearch.backends.base import FilterFieldError
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from geo.formatting import format_distance
from geo.nearest import nearest
from home.sites import request_pages_q
from japanese.analysis import (
    MAX_QUERY_CHARS,
    AnalysedQuery,
    analyse_query,
    highlight_needles,
    only_function_words,
    query_matches,
    reading_key,
)
from japanese.index import as_text
from japanese.text import clean_query, normalise
from search import registry
from search.highlight import make_snippet
from search.synonyms import current_synonyms

#: Results fetched per kind: enough for the first pages of results, constant whatever the data size.
PER_KIND = 50
#: The result window: matches of one kind a resident (page) or client (API) can page through;
#: the counts still say how many match. Deeper pages are clamped (page) or refused (API, 422).
#: Each request ranks up to this many of each kind, so it bounds the cost of a deep page.
MAX_RESULTS = 200
#: Items one API answer carries (a larger ``limit`` is clamped; ``next`` walks on): each needs
#: its snippet built.
MAX_ITEMS = 50


@dataclass
class SearchHit:
    kind: str
    kind_label: str
    title: str
    language_code: str
    title_match: bool
    rank: int
    obj: object = None
    distance_m: float | None = None
    #: (url, plain snippet, HTML snippet), computed only for the hits a page or answer shows: a
    #: deep page ranks up to MAX_RESULTS hits of each kind, and a snippet costs milliseconds each.
    describe: Callable[[], tuple[str, str, str]] = field(default=lambda: ("", "", ""), repr=False)

    @cached_property
    def _description(self) -> tuple[str, str, str]:
        return self.describe()

    @property
    def url(self) -> str:
        return self._description[0]

    @property
    def snippet(self) -> str:
        return self._description[1]

    @property
    def snippet_html(self) -> str:
        return self._description[2]

    @property
    def distance_text(self) -> str:
        return format_distance(self.distance_m) if self.distance_m is not None else ""


@dataclass
class Promotion:
    title: str
    url: str
    description: str


@dataclass
class SearchOutcome:
    query: str
    analysed: AnalysedQuery
    hits: list[SearchHit] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # kind -> number of all matches
    promotions: list[Promotion] = field(default_factory=list)
    suggestion: str = ""  # もしかして
    synonyms_tried: tuple[str, ...] = ()
    #: The query is only particles (の, は, を): not searched, the resident is asked for a word.
    too_common: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _locales(language_code: str) -> list[Locale]:
    """The current locale, then the default one (untranslated content still shows)."""
    locales = []
    for code in dict.fromkeys([language_code, Locale.get_default().language_code]):
        locale = Locale.objects.filter(language_code=code).first()
        if locale is not None:
            locales.append(locale)
    return locales


def _queryset(entry: registry.SearchableType, locales: list[Locale], request):
    queryset = entry.site_queryset(request)
    if entry.model is Page or entry.is_page and entry.model._meta.concrete_model is Page:
        others = [e.model for e in registry.entries() if e.is_page and e.model is not Page]
        if others:
            queryset = queryset.not_type(*others)
    if locales and any(f.name == "locale" for f in entry.model._meta.get_fields()):
        queryset = queryset.filter(locale__in=locales)
    return queryset


def _run(backend, query: str, entry, locales, limit: int, request, autocomplete: bool = False):
    """(objects in rank order, count of all matches) for one registered kind, on the requested site."""
    queryset = _queryset(entry, locales, request)
    method = backend.autocomplete if autocomplete else backend.search
    try:
        results = method(query, queryset)
        objects = list(results[:limit])
        count = results.count() if len(objects) >= limit else len(objects)
    except FilterFieldError:
        # The queryset filters on a field the model does not index (e.g. a related page's
        # ``live``): search the whole model, then keep what the queryset allows, in rank order.
        candidates = [obj.pk for obj in method(query, entry.model._default_manager.all())[: limit * 4]]
        allowed = queryset.in_bulk(candidates)
        objects = [allowed[pk] for pk in candidates if pk in allowed][:limit]
        count = len(objects)
    return objects, count


def _specific(objects: list) -> list:
    """Pages as their specific class, in one query per page type; other objects as they are."""
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if not pages:
        return objects
    specific = {page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()}
    return [specific.get(obj.pk, obj) if isinstance(obj, Page) else obj for obj in objects]


def _title(obj) -> str:
    return getattr(obj, "title", None) or str(obj)


def _text(obj) -> str:
    """The text a snippet is taken from: the object's search fields other than the title."""
    parts = []
    for search_field in obj.get_search_fields():
        name = getattr(search_field, "field_name", "")
        if (
            name == "title"
            or not hasattr(search_field, "get_value")
            or search_field.__class__.__name__
            in {
                "FilterField",
                "AutocompleteField",
                "JapaneseAutocompleteField",
                "RelatedFields",
            }
        ):
            continue
        raw = (
            search_field.raw_value(obj) if hasattr(search_field, "raw_value") else as_text(search_field.get_value(obj))
        )
        if raw and raw not in parts:
            parts.append(raw)
    return " ".join(parts)


def _url(entry, obj, request) -> str:
    if entry.url is not None:
        return entry.url(obj, request)
    if isinstance(obj, Page):
        return obj.get_url(request) or ""
    if hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    return ""


def _promotions(query: str, language_code: str, request) -> list[Promotion]:
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.search.utils import normalise_query_string

    picks = SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
    promotions = []
    locale = Locale.objects.filter(language_code=language_code).first()
    # Promoted pages of the requested site only: another city's editors promote their own pages.
    site_pages = Page.objects.filter(request_pages_q(request)).live().public()
    for pick in picks.select_related("page").order_by("sort_order"):
        if pick.page_id:
            page = pick.page.specific
            page = (page.get_translation_or_none(locale) if locale else None) or page
            if site_pages.filter(pk=page.pk).exists():
                promotions.append(Promotion(page.title, page.get_url(request) or "", pick.description))
        elif pick.external_link_url:
            promotions.append(Promotion(pick.external_link_text, pick.external_link_url, pick.description))
    return promotions


def _collect(query, language_code, kind, limit, request, analysed, near=None) -> tuple[list[SearchHit], dict[str, int]]:
    backend = get_search_backend()
    locales = _locales(language_code)
    codes = {locale.pk: locale.language_code for locale in locales}

    def language_of(obj) -> str:
        return codes.get(getattr(obj, "locale_id", None), language_code)

    needles = highlight_needles(analysed)
    hits: list[SearchHit] = []
    counts: dict[str, int] = {}
    seen_keys: set = set()
    positions: dict[int, tuple[float, float]] = {}  # id(hit) -> (lat, lng), for the distance sort
    for entry in registry.entries():
        if kind and entry.kind != kind:
            continue
        objects, count = _run(backend, query, entry, locales, limit, request)
        objects = _specific(objects)
        # Current language first; a default-language original only when no translation matched.
        objects.sort(key=lambda obj: language_of(obj) != language_code)
        for rank, obj in enumerate(objects):
            key = (entry.kind, getattr(obj, "translation_key", None) or obj.pk)
            if key in seen_keys:
                count -= 1
                continue
            seen_keys.add(key)
            title = _title(obj)
            hits.append(
                SearchHit(
                    kind=entry.kind,
                    kind_label=str(entry.label),
                    title=title,
                    describe=lambda entry=entry, obj=obj: (
                        _url(entry, obj, request),
                        *make_snippet(_text(obj), needles),
                    ),
                    language_code=language_of(obj),
                    title_match=query_matches(analysed, title),
                    rank=rank,
                    obj=obj,
                )
            )
            if near is not None and entry.location is not None:
                position = entry.location(obj)
                if position is not None and None not in position:
                    positions[id(hits[-1])] = position
        counts[entry.kind] = counts.get(entry.kind, 0) + max(count, 0)
    if near is not None:
        # Nearest first among results that have a position; the others keep their order after them.
        hits.sort(key=lambda hit: (not hit.title_match, hit.rank))
        placed, _count = nearest(hits, near, point=lambda hit: positions.get(id(hit)))
        hits = placed + [hit for hit in hits if id(hit) not in positions]
    else:
        hits.sort(key=lambda hit: (hit.language_code != language_code, not hit.title_match, hit.rank))
    return hits, counts


def _suggestion(query: str, analysed: AnalysedQuery, language_code: str, request) -> str:
    """もしかして: the reading, a title completing the query, or one of several terms that finds something."""
    candidates = []
    key = reading_key(query)
    if key and key != normalise(query).replace(" ", ""):
        candidates.append(key)
    backend = get_search_backend()
    for entry in registry.entries():
        completion, _count = _run(backend, query, entry, _locales(language_code), 1, request, autocomplete=True)
        if completion:
            candidates.append(_title(completion[0]))
            break
    if len(analysed.terms) > 1:
        candidates.extend(term.text for term in analysed.terms)
    for candidate in candidates[:4]:
        if normalise(candidate) == normalise(query):
            continue
        hits, _counts = _collect(candidate, language_code, None, 1, request, analyse_query(candidate))
        if hits:
            return candidate
    return ""


def site_search(
    query: str,
    *,
    language_code: str = "ja",
    kind: str | None = None,
    limit: int = PER_KIND,
    request=None,
    with_help: bool = True,
    near: tuple[float, float] | None = None,
) -> SearchOutcome:
    """Search everything registered for *query* (a kind only, when *kind* is given); with
    *near* (lat, lng), results that have a position (facilities, nurseries) come nearest first."""
    query = clean_query((query or "")[: MAX_QUERY_CHARS * 2])
    analysed = analyse_query(query, current_synonyms())
    outcome = SearchOutcome(query=query, analysed=analysed, synonyms_tried=analysed.synonyms_tried)
    if analysed.is_empty:
        return outcome
    if only_function_words(query):
        outcome.too_common = True
        return outcome
    outcome.hits, outcome.counts = _collect(query, language_code, kind, limit, request, analysed, near)
    outcome.promotions = _promotions(query, language_code, request)
    if not outcome.hits and with_help:
        outcome.suggestion = _suggestion(query, analysed, language_code, request)
    return outcome


def suggestions(query: str, *, language_code: str = "ja", limit: int = 8, request=None) -> list[SearchHit]:
    """Autocomplete: titles whose words (or their readings) start with what was typed."""
    hits: list[SearchHit] = []
    query = clean_query(query)
    if not normalise(query) or only_function_words(query):
        return hits
    backend = get_search_backend()
    locales = _locales(language_code)
    codes = {locale.pk: locale.language_code for locale in locales}
    for entry in registry.entries():
        objects, _count = _run(backend, query, entry, locales, limit, request, autocomplete=True)
        for rank, obj in enumerate(_specific(objects)):
            hits.append(
                SearchHit(
                    kind=entry.kind,
                    kind_label=str(entry.label),
                    title=_title(obj),
                    describe=lambda entry=entry, obj=obj: (_url(entry, obj, request), "", ""),
                    language_code=codes.get(getattr(obj, "locale_id", None), language_code),
                    title_match=True,
                    rank=rank,
                    obj=obj,
                )
            )
    hits.sort(key=lambda hit: (hit.language_code != language_code, hit.rank))
    return hits[:limit]


def log_query(query: str, language_code: str, result_count: int, request=None) -> None:
    """Count a resident's search for the reports (one row per day, site, language and query)."""
    normalised = normalise(clean_query(query))[:200]
    if not normalised:
        return
    from search.models import SearchQueryLog

    today = timezone.localdate()
    zero = 1 if result_count == 0 else 0
    site = _site(request)
    rows = SearchQueryLog.objects.filter(date=today, site=site, language_code=language_code, query=normalised)
    updated = rows.update(
        hits=F("hits") + 1, zero_result_hits=F("zero_result_hits") + zero, last_result_count=result_count
    )
    if not updated:
        try:
            with transaction.atomic():
                SearchQueryLog.objects.create(
                    date=today,
                    site=site,
                    language_code=language_code,
                    query=normalised,
                    hits=1,
                    zero_result_hits=zero,
                    last_result_count=result_count,
                )
        except IntegrityError:  # another request created it meanwhile
            log_query(query, language_code, result_count, request)


def _site(request):
    """The requested site (the default site for an unknown host or no request)."""
    from home.sites import site_or_default

    return site_or_default(request)


def query_report(
    language_code: str | None = None, days: int = 30, limit: int = 50, request=None
) -> dict[str, list[dict]]:
    """The most frequent searches and the searches that found nothing on the requested site,
    over the last *days*."""
    from django.db.models import Max, Sum

    from search.models import SearchQueryLog

    since = timezone.localdate() - datetime.timedelta(days=days)
    rows = SearchQueryLog.objects.filter(date__gte=since, site=_site(request))
    if language_code:
        rows = rows.filter(language_code=language_code)
    grouped = rows.values("language_code", "query").annotate(
        searches=Sum("hits"), without_results=Sum("zero_result_hits"), last_results=Max("last_result_count")
    )
    top = list(grouped.order_by("-searches", "query")[:limit])
    zero = list(grouped.filter(without_results__gt=0).order_by("-without_results", "query")[:limit])
    return {"top": top, "zero": zero}
