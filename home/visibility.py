"""What a resident may see: the one definition every resident output uses.

A page is shown to residents when it is

- live (published; a draft never is, nor an unpublished page, whatever its last title was),
- public: no view restriction on it or on an ancestor (Wagtail's ``.public()``: a login, group or
  password restriction keeps it out of every list, map, feed, search and export, for everyone;
  the page itself still answers whoever the restriction admits),
- not expired: ``expire_at`` empty or in the future (between the expiry time and the scheduler's
  run a page is still ``live``),
- of the requested site (when a request is given: ``home.sites.request_pages_q``).

``resident_pages(queryset, request)`` applies it to a page queryset; ``resident_rows(queryset,
"facility", request)`` to rows that hang off a page (a nursery of a facility page, an occurrence of
an event page); ``resident_snippets`` to rows with drafts of their own (a vacancy notice: published,
not expired); ``is_resident_page(page)`` answers for one page, ``searchable_resident_pages`` is the
same filter in the form a search backend accepts, and ``refuse_to_serve`` is what Wagtail's page
serving adds (``before_serve_page``). Every list, map, nearby block, home card, API, GeoJSON, feed,
iCal, sitemap, search kind, suggestion and open data export goes through these
(``tests/security/test_visibility_architecture.py`` fails on a resident-facing module that filters
``live`` or ``public`` itself). docs/security.md says what residents may see.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import StartsWith
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from home.sites import request_pages_q


def not_expired_q(now=None, prefix: str = "") -> Q:
    """``expire_at`` empty or still ahead (*prefix*: the path to the page, e.g. ``"page__"``)."""
    now = now or timezone.now()
    return Q(**{f"{prefix}expire_at__isnull": True}) | Q(**{f"{prefix}expire_at__gt": now})


def restricted_q(prefix: str = "") -> Q:
    """Pages with a view restriction on themselves or an ancestor, in SQL (no query of its own,
    unlike Wagtail's ``.public()``, which reads every restriction first)."""
    restrictions = PageViewRestriction.objects.filter(StartsWith(OuterRef(f"{prefix}path"), F("page__path")))
    return Q(Exists(restrictions))


def resident_q(now=None, prefix: str = "") -> Q:
    """Live, public and not expired, as one filter on pages (or, with *prefix*, on rows that point
    at a page: ``resident_q(prefix="facility__")``)."""
    return Q(**{f"{prefix}live": True}) & ~restricted_q(prefix) & not_expired_q(now, prefix)


def resident_snippets(queryset, *, now=None):
    """Rows of a model with drafts (Wagtail's ``DraftStateMixin``: a vacancy notice) that residents
    may see: published and not expired. Such rows have no view restrictions or site tree; the
    caller keeps them to the site's municipality."""
    return queryset.filter(live=True).filter(not_expired_q(now))


def resident_pages(queryset=None, request=None, *, now=None):
    """The pages of *queryset* (every page by default) a resident may see: live, public, not
    expired, and of the requested site when *request* is given. No extra query."""
    pages = (Page.objects.all() if queryset is None else queryset).filter(resident_q(now))
    if request is not None:
        pages = pages.filter(request_pages_q(request))
    return pages


def resident_rows(queryset, page_field: str, request=None, *, now=None):
    """The rows of *queryset* whose page (*page_field*, e.g. ``"facility"`` or ``"page"``) a resident
    may see: the same definition through the page they hang off."""
    return queryset.filter(**{f"{page_field}__in": resident_pages(None, request, now=now).values("pk")})


def searchable_resident_pages(queryset, request=None, *, now=None):
    """``resident_pages`` for a queryset a search backend filters: only fields Wagtail indexes
    (``live``, ``path``, ``id``), so restrictions and pages with an expiry are read first (two small
    queries, kept by ``home.lookups`` until a page or restriction changes; the expiry is compared
    with the time on every call) and excluded by path and id."""
    from home.lookups import remember

    def exclusions():
        restricted = list(PageViewRestriction.objects.values_list("page__path", "page__depth"))
        expiring = list(Page.objects.filter(live=True, expire_at__isnull=False).values_list("pk", "expire_at"))
        return restricted, expiring

    restricted, expiring = remember("searchable-exclusions", exclusions)
    pages = queryset.live()
    if restricted:  # Wagtail's ``.public()``, with the restrictions read through ``home.lookups``
        pages = pages.exclude(reduce(or_, (Q(path__startswith=path, depth__gte=depth) for path, depth in restricted)))
    now = now or timezone.now()
    expired = [pk for pk, expire_at in expiring if expire_at <= now]
    if expired:
        pages = pages.exclude(pk__in=expired)
    if request is not None:
        pages = pages.filter(request_pages_q(request))
    return pages


def resident_translation_q(model, locale, key_field: str = "translation_key", *, now=None) -> Q:
    """Rows whose page (by *key_field*) has a translation into *locale* that residents may see, so
    that translation is shown instead: use ``~`` to keep the untranslated originals. A restricted or
    draft translation does not hide its public original."""
    translated = resident_pages(model.objects.filter(locale=locale), now=now).filter(
        translation_key=OuterRef(key_field)
    )
    return Q(Exists(translated))


def resident_ids_among(page_ids, request=None, *, now=None) -> set[int]:
    """Which of *page_ids* residents may see, in one query (e.g. the venues of a list of events)."""
    ids = {pk for pk in page_ids if pk is not None}
    if not ids:
        return set()
    return set(resident_pages(Page.objects.filter(pk__in=ids), request, now=now).values_list("pk", flat=True))


def is_expired(page, now=None) -> bool:
    return page.expire_at is not None and page.expire_at <= (now or timezone.now())


def is_resident_page(page, request=None, *, now=None) -> bool:
    """Whether residents may see *page* (see ``resident_pages``); False for None."""
    if page is None or not page.live or is_expired(page, now):
        return False
    return resident_pages(Page.objects.filter(pk=page.pk), request, now=now).exists()


def refuse_to_serve(page, request) -> None:
    """Raise ``Http404`` when *page* must not be served to this request, beyond what Wagtail checks
    itself (drafts, and view restrictions for anonymous users):

    - an expired page still live (the scheduler has not run yet) is gone;
    - a page behind a login restriction is for the staff of its own city: a user logged in as
      another city's staff is not admitted (Wagtail would admit any logged-in user). A group
      restriction names its groups, a password restriction its password: Wagtail checks those.
    """
    from django.http import Http404

    if is_expired(page):
        raise Http404("This page has expired.")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_superuser:
        return
    restrictions = page.get_view_restrictions()
    if not any(r.restriction_type == PageViewRestriction.LOGIN for r in restrictions):
        return
    from home.scoping import user_municipalities
    from home.sites import site_municipality

    city = site_municipality(page.get_site())
    if city is None or city not in (user_municipalities(user) or []):
        raise Http404("No such page.")
