"""Site search: every registered kind of content, in the current language first, one list.

:func:`site_search` is what the search page and ``/api/v1/search`` call. It searches each
registered model (search/registry.py) through the configured backend, ranks results whose
title matches the whole query first, builds highlighted snippets, adds editors' promotions,
and, when nothing is found, a "did you mean" suggestion and the synonyms it tried.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from modelsearch.backends.base import FilterFieldError
from wagtail.models import Locale, Page

from geo.formatting import format_distance
from geo.nearest import nearest
from home.lookups import default_locale, locale_or_none, remember
from home.visibility import resident_pages
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
from search.backends import search_memo, shared_matches
from search.fallback import falls_back_to_database, search_backend
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
    date: datetime.date | None = None  # dated content: the next (or else the latest) day
    past: bool = False
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
    not_found: tuple[str, ...] = ()  # words of the query that matched nothing (left out of the search)
    #: The query is only particles (の, は, を): not searched, the resident is asked for a word.
    too_common: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _locales(language_code: str) -> list[Locale]:
    """The current locale, then the default one (untranslated content still shows); looked up
    once per :func:`site_search`."""
    memo = search_memo()
    if memo is not None and ("locales", language_code) in memo:
        return memo["locales", language_code]
    locales = []
    for code in dict.fromkeys([language_code, default_locale().language_code]):
        locale = locale_or_none(code)
        if locale is not None:
            locales.append(locale)
    if memo is not None:
        memo["locales", language_code] = locales
    return locales


def _queryset(entry: registry.SearchableType, locales: list[Locale], request):
    """What residents of the requested site may find of *entry* in *locales*; built once per
    :func:`site_search` (each costs queries: the site's pages, its municipality, visibility)."""
    memo = search_memo()
    key = ("queryset", entry.model, tuple(locale.pk for locale in locales), id(request))
    if memo is not None and key in memo:
        return memo[key]
    queryset = _build_queryset(entry, locales, request)
    if memo is not None:
        memo[key] = queryset
    return queryset


def _build_queryset(entry: registry.SearchableType, locales: list[Locale], request):
    queryset = entry.site_queryset(request)
    if entry.model is Page or entry.is_page and entry.model._meta.concrete_model is Page:
        others = [e.model for e in registry.entries() if e.is_page and e.model is not Page]
        if others:
            queryset = queryset.not_type(*others)
    if locales and any(f.name == "locale" for f in entry.model._meta.get_fields()):
        queryset = queryset.filter(locale__in=locales)
    return queryset


def _run(backend, query: str, entry, queryset, limit: int, autocomplete: bool = False, counted: bool = True):
    """(objects in rank order, count of all matches) for one registered kind in *queryset* (its
    ``_queryset``: what the requested site shows). Without *counted*, the count is of the objects
    fetched only (one query fewer when there are more)."""
    method = backend.autocomplete if autocomplete else backend.search
    try:
        results = method(query, queryset)
        objects = list(results[:limit])
        count = results.count() if counted and len(objects) >= limit else len(objects)
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
    # A kind registered for a page class (facilities, events) is fetched as that class already.
    pages = [obj for obj in objects if isinstance(obj, Page) and type(obj) is not obj.specific_class]
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
    locale = locale_or_none(language_code)
    # Promoted pages of the requested site only: another city's editors promote their own pages.
    site_pages = resident_pages(None, request)
    for pick in picks.select_related("page").order_by("sort_order"):
        if pick.page_id:
            page = pick.page.specific
            page = (page.get_translation_or_none(locale) if locale else None) or page
            if site_pages.filter(pk=page.pk).exists():
                promotions.append(Promotion(page.title, page.get_url(request) or "", pick.description))
        elif pick.external_link_url:
            promotions.append(Promotion(pick.external_link_text, pick.external_link_url, pick.description))
    return promotions


#: A query of several words whose words all occur together fewer times than this also shows
#: what matches only some of its words (ranked below); words that match nothing are dropped.
FEW = 20
#: Results fetched per kind for each word of such a query searched alone: they rank below what
#: matches the whole query, so fewer are needed than PER_KIND (each is a model instance to build).
RELAXED_PER_KIND = 20


@dataclass
class _Candidate:
    entry: registry.SearchableType
    obj: object
    rank: int
    terms: set = field(default_factory=set)  # indexes of the query terms it matches
    category_terms: set = field(default_factory=set)  # ... through its category's name
    full: bool = False  # found by the whole query


def _single(analysed: AnalysedQuery, index: int) -> AnalysedQuery:
    return AnalysedQuery(text=analysed.terms[index].text, terms=(analysed.terms[index],))


def _category_matches(entry, analysed: AnalysedQuery) -> dict[int, list]:
    """{term index: ids of the categories whose name that term matches} for a kind with categories
    (of every category: whether the site has anything in one is known when its objects are fetched)."""
    related = entry.model._meta.get_field(entry.category_field).related_model
    matches: dict[int, list] = {}
    categories = remember(
        f"search-categories:{related._meta.label_lower}", lambda: list(related._default_manager.all())
    )
    for category in categories:
        for index in range(len(analysed.terms)):
            if query_matches(_single(analysed, index), str(category)):
                matches.setdefault(index, []).append(category.pk)
    return matches


@lru_cache(maxsize=2048)
def _reading(text: str) -> str:
    return reading_key(text)


_PARENTHESISED = re.compile(r"[（(【「［\[].*?[）)】」］\]]")


def _is_exact(title: str, query: str) -> bool:
    """The title names what was typed: equal once normalised, without a parenthesised note
    (ペットボトル（飲料・酒・醤油用など）), or read the same (傘 = かさ)."""
    wanted = normalise(query).replace(" ", "")
    core = normalise(_PARENTHESISED.sub("", title)).replace(" ", "")
    if wanted in (normalise(title).replace(" ", ""), core):
        return True
    return len(core) <= 12 and bool(wanted) and _reading(core) == _reading(wanted)


def _dated_state(entry, obj, today: datetime.date) -> tuple[int, datetime.date | None]:
    """(0 not dated, 1 current or upcoming, 2 past; the date to show)."""
    if entry.dates is None:
        return 0, None
    first, last = entry.dates(obj)
    if first is None:
        return 1, None
    if (last or first) >= today:
        return 1, max(first, today) if first < today else first
    return 2, first


def _collect(
    query, language_code, kind, limit, request, analysed, near=None
) -> tuple[list[SearchHit], dict[str, int], tuple[str, ...]]:
    """Every kind's results for *query*, one per real thing, ranked for residents; the counts
    per kind, and the words of the query that matched nothing."""
    backend = search_backend()
    locales = _locales(language_code)
    codes = {locale.pk: locale.language_code for locale in locales}

    def language_of(obj) -> str:
        return codes.get(getattr(obj, "locale_id", None), language_code)

    terms = analysed.terms
    everything = set(range(len(terms)))
    entries = [entry for entry in registry.entries() if not kind or entry.kind == kind]
    # Built once per search: each costs queries (the site's pages, its municipality, visibility).
    querysets = {entry.model: _queryset(entry, locales, request) for entry in entries}
    candidates: dict[tuple, _Candidate] = {}
    unfetched: dict[str, int] = {}  # kind -> matches of the whole query beyond those fetched

    def add(entry, objects, matched, *, full=False, via_category=False):
        for rank, obj in enumerate(objects):
            key = (entry.kind, obj.pk)
            candidate = candidates.get(key)
            if candidate is None:
                candidate = candidates[key] = _Candidate(entry, obj, rank if not via_category else limit + rank)
            candidate.terms |= matched
            candidate.full = candidate.full or full
            if via_category:
                candidate.category_terms |= matched

    total = 0
    for entry in entries:
        objects, count = _run(backend, query, entry, querysets[entry.model], limit)
        add(entry, objects, everything, full=True)
        unfetched[entry.kind] = max(count - len(objects), 0)
        total += count

    found_terms = set(everything) if total else set()
    # Objects of a category a word names (AED, 図書館), added after the searches (ranked after them).
    in_categories: list[tuple] = []  # (entry, term index, objects)
    for entry in (entry for entry in entries if entry.category_field):
        for index, ids in _category_matches(entry, analysed).items():
            in_category = querysets[entry.model].filter(**{f"{entry.category_field}__in": ids})
            objects = list(in_category[:limit])
            if objects:
                found_terms.add(index)
                in_categories.append((entry, index, objects))
            if len(objects) == limit:
                unfetched[entry.kind] = max(unfetched[entry.kind], in_category.count() - limit)
    if len(terms) > 1 and total < FEW:
        # Relaxed: each word alone; words found nowhere are reported and lower no result. Their
        # counts are not needed (the counts are of what is fetched, for relaxed matches).
        found_in: dict[type, set] = {}  # model -> indexes of the words found in it alone
        for index, term in enumerate(terms):
            for entry in entries:
                objects, _count = _run(
                    backend, term.text, entry, querysets[entry.model], min(limit, RELAXED_PER_KIND), counted=False
                )
                if objects:
                    found_terms.add(index)
                    found_in.setdefault(entry.model, set()).add(index)
                add(entry, objects, {index})
        found = sorted(found_terms)
        if 1 < len(found) < len(terms):
            rest = " ".join(terms[index].text for index in found)
            # Only where each of those words alone finds something: all of them together cannot otherwise.
            for entry in entries:
                if found_in.get(entry.model, set()) >= set(found):
                    objects, _count = _run(backend, rest, entry, querysets[entry.model], limit, counted=False)
                    add(entry, objects, set(found))
    for entry, index, objects in in_categories:
        add(entry, objects, {index}, via_category=True)

    # One result per real thing: a page's translations (current language first), and for dated
    # kinds every page of one title (a repeating event) as the next (or else the latest) date.
    needles = highlight_needles(analysed)
    today = timezone.localdate()
    by_kind: dict[str, list[_Candidate]] = {}
    for candidate in candidates.values():
        by_kind.setdefault(candidate.entry.kind, []).append(candidate)
    hits: list[SearchHit] = []
    counts: dict[str, int] = {}
    ranking: dict[int, tuple] = {}
    matched: dict[int, set] = {}  # id(hit) -> indexes of the query terms it matches
    positions: dict[int, tuple[float, float]] = {}  # id(hit) -> (lat, lng), for the distance sort
    for kind_name, group in by_kind.items():
        objects = _specific([candidate.obj for candidate in group])
        for candidate, obj in zip(group, objects, strict=True):
            candidate.obj = obj
        group.sort(key=lambda candidate: (language_of(candidate.obj) != language_code, candidate.rank))
        chosen: dict[tuple, tuple] = {}
        for candidate in group:
            entry, obj = candidate.entry, candidate.obj
            state, when = _dated_state(entry, obj, today)
            key = (
                ("title", normalise(_title(obj)))
                if entry.dates is not None
                else ("thing", getattr(obj, "translation_key", None) or obj.pk)
            )
            order = (state, (when - today).days if state == 1 and when else -(when.toordinal() if when else 0))
            previous = chosen.get(key)
            if previous is not None:
                kept, kept_order, _kept_when = previous
                kept.terms |= candidate.terms
                kept.category_terms |= candidate.category_terms
                if entry.dates is None or kept_order <= order:
                    continue
                candidate.terms |= kept.terms
                candidate.category_terms |= kept.category_terms
                candidate.rank = min(candidate.rank, kept.rank)
            chosen[key] = (candidate, order, when)
        counts[kind_name] = len(chosen) + unfetched.get(kind_name, 0)
        for candidate, order, when in chosen.values():
            entry, obj = candidate.entry, candidate.obj
            title = _title(obj)
            title_terms = {
                index for index in candidate.terms if query_matches(_single(analysed, index), title)
            } | candidate.category_terms
            hit = SearchHit(
                kind=entry.kind,
                kind_label=str(entry.label),
                title=title,
                describe=lambda entry=entry, obj=obj: (
                    _url(entry, obj, request),
                    *make_snippet(_text(obj), needles),
                ),
                language_code=language_of(obj),
                title_match=bool(terms) and title_terms >= everything,
                rank=candidate.rank,
                obj=obj,
                date=when,
                past=order[0] == 2,
            )
            hits.append(hit)
            matched[id(hit)] = candidate.terms | candidate.category_terms
            surface = normalise(title)
            ranking[id(hit)] = (
                hit.language_code != language_code,
                not _is_exact(title, query),
                -len(title_terms),
                # Written in the title as typed (not only by reading or category): びん → 一升びん before 花瓶.
                -sum(1 for term in terms if normalise(term.text).replace(" ", "") in surface),
                order[0],
                -len(candidate.terms),
                len(title) if hit.title_match else 0,
                candidate.rank,
            )
            if near is not None and entry.location is not None:
                position = entry.location(obj)
                if position is not None and None not in position:
                    positions[id(hit)] = position
    for entry in entries:
        counts.setdefault(entry.kind, 0)
    hits.sort(key=lambda hit: ranking[id(hit)])
    # Words left out: found nowhere, or (when the words never occur together) not in the best result.
    missing = everything - found_terms
    if not total and hits and len(terms) > 1:
        missing |= everything - matched[id(hits[0])]
    not_found = tuple(term.text for index, term in enumerate(terms) if index in missing)
    if near is not None:
        # Nearest first among results that have a position; the others keep their order after them.
        placed, _count = nearest(hits, near, point=lambda hit: positions.get(id(hit)))
        hits = placed + [hit for hit in hits if id(hit) not in positions]
    return hits, counts, not_found


def _suggestion(query: str, analysed: AnalysedQuery, language_code: str, request, kind: str | None = None) -> str:
    """もしかして: the reading, a title completing the query, or (when the search was of one *kind*)
    one of several terms that finds something."""
    candidates = []
    key = reading_key(query)
    if key and key != normalise(query).replace(" ", ""):
        candidates.append(key)
    backend = search_backend()
    locales = _locales(language_code)
    for entry in registry.entries():
        completion, _count = _run(backend, query, entry, _queryset(entry, locales, request), 1, autocomplete=True)
        if completion:
            candidates.append(_title(completion[0]))
            break
    if len(analysed.terms) > 1 and kind:
        # Searched in every kind, each word alone was searched already (relaxed) and found nothing.
        candidates.extend(term.text for term in analysed.terms)
    for candidate in candidates[:4]:
        if normalise(candidate) == normalise(query):
            continue
        hits, _counts, _not_found = _collect(candidate, language_code, None, 1, request, analyse_query(candidate))
        if hits:
            return candidate
    return ""


@falls_back_to_database
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
    with shared_matches():  # each distinct full-text match once for all kinds and words
        outcome.hits, outcome.counts, outcome.not_found = _collect(
            query, language_code, kind, limit, request, analysed, near
        )
        outcome.promotions = _promotions(query, language_code, request)
        if not outcome.hits and with_help:
            outcome.suggestion = _suggestion(query, analysed, language_code, request, kind)
    return outcome


@falls_back_to_database
def suggestions(query: str, *, language_code: str = "ja", limit: int = 8, request=None) -> list[SearchHit]:
    """Autocomplete: titles whose words (or their readings) start with what was typed."""
    hits: list[SearchHit] = []
    query = clean_query(query)
    if not normalise(query) or only_function_words(query):
        return hits
    backend = search_backend()
    locales = _locales(language_code)
    codes = {locale.pk: locale.language_code for locale in locales}
    for entry in registry.entries():
        objects, _count = _run(backend, query, entry, _queryset(entry, locales, request), limit, autocomplete=True)
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


#: Clicks counted for one query on one day, per search of it (a resident opens a few results).
CLICKS_PER_SEARCH = 5
#: Distinct result URLs kept for one query on one day.
MAX_CLICKED_URLS = 50


def log_click(query: str, language_code: str, url: str, kind: str, request=None) -> str:
    """Count that a result (*url*, of *kind*) was opened after searching *query* on the requested
    site; one row per day, site, language, query and URL. Nothing about who clicked.

    Returns ``"counted"``, ``"not searched"`` (no search of *query* on this site today or
    yesterday: nothing to attach the click to) or ``"limit"`` (more clicks than
    ``CLICKS_PER_SEARCH`` per search, or more than ``MAX_CLICKED_URLS`` results: junk is not kept).
    """
    from django.db.models import Sum

    from search.models import SearchClickLog, SearchQueryLog

    normalised = normalise(clean_query(query))[:200]
    if not normalised:
        return "not searched"
    site = _site(request)
    today = timezone.localdate()
    searched = (
        SearchQueryLog.objects.filter(
            date__gte=today - datetime.timedelta(days=1), site=site, language_code=language_code, query=normalised
        )
        .order_by("-date")
        .values_list("date", "hits")
        .first()
    )
    if searched is None:
        return "not searched"
    day, searches = searched
    rows = SearchClickLog.objects.filter(date=day, site=site, language_code=language_code, query=normalised)
    if (rows.aggregate(total=Sum("clicks"))["total"] or 0) >= searches * CLICKS_PER_SEARCH:
        return "limit"
    if rows.filter(url=url).update(clicks=F("clicks") + 1):
        return "counted"
    if rows.count() >= MAX_CLICKED_URLS:
        return "limit"
    try:
        with transaction.atomic():
            rows.create(
                date=day, site=site, language_code=language_code, query=normalised, url=url, kind=kind, clicks=1
            )
    except IntegrityError:  # another request created it meanwhile
        rows.filter(url=url).update(clicks=F("clicks") + 1)
    return "counted"


def query_report(
    language_code: str | None = None, days: int = 30, limit: int = 50, request=None, sites=...
) -> dict[str, list[dict]]:
    """What residents searched for over the last *days*: the most frequent searches (with their
    clicks), the searches that found nothing, the searches whose results nobody opened, and the
    results opened most.

    *sites*: the sites to report on (a city's editors see their city's only); None for every
    site; by default the requested site.
    """
    from django.db.models import Max, Sum

    from search.models import SearchClickLog, SearchQueryLog

    if sites is ...:
        sites = [_site(request)]
    since = timezone.localdate() - datetime.timedelta(days=days)
    rows = SearchQueryLog.objects.filter(date__gte=since)
    clicks = SearchClickLog.objects.filter(date__gte=since)
    if sites is not None:
        rows, clicks = rows.filter(site__in=sites), clicks.filter(site__in=sites)
    if language_code:
        rows, clicks = rows.filter(language_code=language_code), clicks.filter(language_code=language_code)
    grouped = rows.values("site__site_name", "language_code", "query").annotate(
        searches=Sum("hits"), without_results=Sum("zero_result_hits"), last_results=Max("last_result_count")
    )
    opened = {
        (row["site__site_name"], row["language_code"], row["query"]): row["clicks"]
        for row in clicks.values("site__site_name", "language_code", "query").annotate(clicks=Sum("clicks"))
    }

    def with_clicks(found):
        for row in found:
            row["clicks"] = opened.get((row["site__site_name"], row["language_code"], row["query"]), 0)
        return found

    top = with_clicks(list(grouped.order_by("-searches", "query")[:limit]))
    zero = list(grouped.filter(without_results__gt=0).order_by("-without_results", "query")[:limit])
    # Found something, yet nobody opened a result: the results do not answer the question.
    answered = with_clicks(list(grouped.filter(searches__gt=F("without_results")).order_by("-searches", "query")))
    unclicked = [row for row in answered if not row["clicks"]][:limit]
    clicked = list(
        clicks.values("site__site_name", "language_code", "query", "url", "kind")
        .annotate(clicks=Sum("clicks"))
        .order_by("-clicks", "query", "url")[:limit]
    )
    return {"top": top, "zero": zero, "unclicked": unclicked, "clicked": clicked}


def prune_logs(months: int = 13) -> tuple[int, int]:
    """Delete query and click rows older than *months* (30-day months); (queries, clicks) deleted."""
    from search.models import SearchClickLog, SearchQueryLog

    before = timezone.localdate() - datetime.timedelta(days=30 * months)
    queries, _ = SearchQueryLog.objects.filter(date__lt=before).delete()
    clicks, _ = SearchClickLog.objects.filter(date__lt=before).delete()
    return queries, clicks
