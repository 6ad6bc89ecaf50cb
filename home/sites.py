"""One Wagtail Site per municipality: which city a request is for, and where that city's pages are.

A city is set up with ``setup_city`` (home/cities.py): a Site for its hostname whose root is the
city's Japanese home page, the home page's translations beside it (Wagtail keeps each locale's
tree under the root), and ``PortalSettings.municipality`` naming the city. Everything a resident
or an API client sees answers for ``request_municipality(request)``; a host no Site names gets the
default site, the first city set up.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.models import Page, Site

REQUEST_CACHE = "_machi_site_municipality"
PAGES_CACHE = "_machi_site_pages_q"


class CityNotSetUp(Exception):
    """The municipality has no site yet: the message says which command sets it up."""

    def __init__(self, code: str, name: str = ""):
        command = f"python manage.py setup_city {code} --name {name or 'NAME'}"
        who = f"{name} ({code})" if name else code
        super().__init__(f"{who} is not set up on this portal yet: run `{command}` first.")
        self.code = code


def _portal_settings(site: Site | None):
    """The site's ``PortalSettings`` with its municipality, in one query (None without a site)."""
    return None if site is None else site_portal_settings(site.pk)


def site_portal_settings(site_id: int):
    """The ``PortalSettings`` of the site *site_id* with its municipality (through ``home.lookups``)."""
    from home.lookups import remember
    from home.models import PortalSettings

    return remember(
        f"portal-settings:{site_id}",
        lambda: PortalSettings.objects.filter(site_id=site_id).select_related("municipality").first(),
    )


def site_municipality(site: Site | None):
    """The municipality a site serves (``PortalSettings.municipality``), or None."""
    portal = _portal_settings(site)
    return portal.municipality if portal else None


def request_site(request) -> Site | None:
    return Site.find_for_request(request) if request is not None else None


def default_site() -> Site | None:
    from home.lookups import remember

    return remember("default-site", lambda: Site.objects.filter(is_default_site=True).first())


def site_or_default(request) -> Site | None:
    """The requested site; the default site without a request (or before any site matches)."""
    return request_site(request) or default_site()


def request_municipality(request):
    """The municipality of the requested site (by hostname; other hosts get the default site).

    Cached on the request: every view, API route and template tag of one request asks.
    """
    if request is None:
        return default_municipality()
    if not hasattr(request, REQUEST_CACHE):
        from home.models import PortalSettings

        portal = _portal_settings(request_site(request))
        if portal is not None:  # what the templates' ``settings.home.PortalSettings`` reads: no second query
            portal._request = request
            setattr(request, PortalSettings.get_cache_attr_name(), portal)
        setattr(request, REQUEST_CACHE, (portal.municipality if portal else None) or default_municipality())
    return getattr(request, REQUEST_CACHE)


def default_municipality():
    """The default site's municipality: the first city set up (None before any)."""
    return site_municipality(default_site())


def municipality_site(municipality) -> Site | None:
    """The site that serves *municipality*, or None when the city is not set up."""
    from home.lookups import remember

    if municipality is None:
        return None
    return remember(
        f"municipality-site:{municipality.pk}",
        lambda: Site.objects.filter(portalsettings__municipality=municipality).select_related("root_page").first(),
    )


def city_home(municipality):
    """The city's Japanese home page (its site's root), or None when the city is not set up."""
    site = municipality_site(municipality)
    return site.root_page.specific if site else None


def require_city_home(municipality):
    """``city_home``, or ``CityNotSetUp`` that names the command to run."""
    home = city_home(municipality)
    if home is None:
        raise CityNotSetUp(municipality.code, municipality.name)
    return home


def city_section(municipality, page_model, locale=None):
    """The city's section page of *page_model* (e.g. its facility directory), in *locale*."""
    home = city_home(municipality)
    if home is None:
        return None
    pages = page_model.objects.filter(city_pages_q(home), locale_id=locale.pk if locale else home.locale_id)
    return pages.order_by("path").first()


def city_homes(home: Page) -> list[Page]:
    """The city's home page in every locale (Wagtail keeps each translation's tree beside it)."""
    from home.lookups import remember

    return remember(
        f"city-homes:{home.translation_key}",
        lambda: list(Page.objects.filter(translation_key=home.translation_key).order_by("path")),
    )


def city_pages_q(home: Page, *, inclusive: bool = True) -> Q:
    """A filter for the pages of one city, in every language: the trees under its home pages."""
    homes = city_homes(home)
    clauses = [Q(path__startswith=page.path, depth__gte=page.depth if inclusive else page.depth + 1) for page in homes]
    return reduce(or_, clauses, Q(pk__in=[]))


def site_pages_q(site: Site | None) -> Q:
    """The pages of *site* in every language; an empty filter for no site."""
    if site is None:
        return Q(pk__in=[])
    return city_pages_q(site.root_page)


def request_pages_q(request) -> Q:
    """The pages of the requested site (the default site for an unknown host); cached on the request."""
    if request is not None and hasattr(request, PAGES_CACHE):
        return getattr(request, PAGES_CACHE)
    pages = site_pages_q(site_or_default(request))
    if request is not None:
        setattr(request, PAGES_CACHE, pages)
    return pages


def answering_municipality(request, code: str | None = None):
    """The municipality an API call answers for: always the requested site's.

    A ``municipality=`` code may only name that city (kept for clients that send it). A malformed
    code raises ``ValueError``, a well-formed code of another or an unknown city ``LookupError``;
    both messages say what this site serves.
    """
    from home.models import Municipality
    from home.municipalities import is_valid_code

    municipality = request_municipality(request)
    code = (code or "").strip()
    if not code or (municipality is not None and code == municipality.code):
        return municipality
    serves = f"this site serves {municipality.name} ({municipality.code})" if municipality else "no city is set up"
    if not is_valid_code(code):
        raise ValueError(f"municipality {code!r} is not a valid 6-digit local government code; {serves}.")
    other = Municipality.objects.filter(code=code).first()
    who = f"{other.name} ({code})" if other else code
    raise LookupError(f"municipality {who} is not served here: {serves}. Ask that city's own site.")
