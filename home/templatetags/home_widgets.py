"""Generic helpers for the home page's panels: the page's language, the site's section pages, the
cities of this install."""

from dataclasses import dataclass

from django import template
from django.apps import apps
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Locale

from home.cities import set_up_cities
from home.lookups import default_locale, locale_by_id, locale_for, remember
from home.sites import municipality_site, request_site
from home.visibility import is_expired, resident_pages

register = template.Library()


def page_locale(context) -> Locale:
    """The locale of the page being rendered, else of the active language, else the default."""
    page = context.get("page")
    if page is not None and getattr(page, "locale_id", None):
        return locale_by_id(page.locale_id)
    return locale_for(translation.get_language())


@register.simple_tag(takes_context=True)
def section_page(context, model_label: str):
    """The requested site's live page of a section type (``"facilities.FacilityIndexPage"``) in
    the page's language, else the Japanese one."""
    request = context.get("request")
    site = request_site(request)
    model = apps.get_model(model_label)
    locale = page_locale(context)

    def find():
        pages = resident_pages(model.objects.all(), request).order_by("path")
        return [pages.filter(locale=locale).first(), pages.filter(locale=default_locale()).first()]

    found = remember(f"section-page:{site.pk if site else 0}:{model_label}:{locale.pk}", find)
    return next((page for page in found if page is not None and not is_expired(page)), None)


@register.simple_tag(takes_context=True)
def site_has(context, model_label: str) -> bool:
    """Whether the requested site has any live page of a type (``"events.EventPage"``): a section
    with none says so instead of showing an empty search."""
    request = context.get("request")
    site = request_site(request)
    model = apps.get_model(model_label)
    return remember(
        f"site-has:{site.pk if site else 0}:{model_label}",
        lambda: resident_pages(model.objects.all(), request).exists(),
    )


@dataclass(frozen=True)
class PortalCity:
    name: str  # the municipality's name, e.g. 金沢市
    prefecture: str
    title: str  # its home page's title in the page's language
    language: str  # the language of that title
    url: str


def site_root_url(request, site) -> str:
    """``scheme://hostname[:port]/`` of *site* as this request reaches it: the request's port, so a
    link from the dev server at :8000 stays on :8000."""
    port = str(site.port)
    scheme = "https" if site.port == 443 else "http"
    if request is not None:  # the port the browser used is in the Host header (runserver, a proxy)
        scheme = request.scheme
        _domain, host_port = split_domain_port(request.get_host())
        port = host_port or {"http": "80", "https": "443"}[scheme]
    default = {"http": "80", "https": "443"}[scheme]
    return f"{scheme}://{site.hostname}{'' if port == default else ':' + port}/"


@register.simple_tag(takes_context=True)
def portal_cities(context) -> list[PortalCity]:
    """The other cities set up on this install, for the default site's home page (empty on any
    other site, and when the install serves one city)."""
    request = context.get("request")
    site = request_site(request)
    if site is None or not site.is_default_site:
        return []
    locale = page_locale(context)

    def find() -> list[tuple]:
        cities = set_up_cities()
        if len(cities) < 2:
            return []
        found = []
        for municipality in cities:
            city_site = municipality_site(municipality)
            if city_site is None or city_site.pk == site.pk:
                continue
            home = city_site.root_page.specific
            shown = home.get_translation_or_none(locale) or home
            language = locale_by_id(shown.locale_id).language_code
            found.append((municipality.name, municipality.prefecture, shown.title, language, city_site))
        return found

    prefix = translation.get_language()
    return [
        PortalCity(name, prefecture, title, language, f"{site_root_url(request, city_site)}{prefix or language}/")
        for name, prefecture, title, language, city_site in remember(f"portal-cities:{site.pk}:{locale.pk}", find)
    ]
