from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from home.i18n_views import local_full_path
from home.lookups import remember
from home.models import HomePage
from home.registries import section_has_content
from home.sites import request_site
from home.visibility import is_expired, resident_pages

register = template.Library()


def _per_request(request, key: str, compute):
    """*compute()* once per request (the base template and the switcher ask the same)."""
    if request is None:
        return compute()
    memo = request.__dict__.setdefault("_machi_portal_tags", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _unexpired(pages):
    return [page for page in pages if page is not None and not is_expired(page)]


def _language_targets(page, request) -> dict:
    """``{code: (page, alternate)}``: the resident translation of *page* in each language, else the
    site's home page in it (read through ``home.lookups``; expiry is checked on every read)."""
    site = request_site(request)

    def find():
        translations = list(resident_pages(page.get_translations(inclusive=True)).select_related("locale"))
        homes = list(resident_pages(HomePage.objects.all(), request).select_related("locale"))
        return translations, homes

    translations, homes = remember(f"language-targets:{site.pk if site else 0}:{page.pk}", find)
    by_code = {home.locale.language_code: (home, False) for home in _unexpired(homes)}
    by_code.update({translated.locale.language_code: (translated, True) for translated in _unexpired(translations)})
    return by_code


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the translation of this page, else that language's home page.

    ``alternate`` is true where a real translation exists (for ``hreflang`` links).
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    links = []
    if isinstance(page, Page):
        targets = _per_request(request, f"language-targets:{page.pk}", lambda: _language_targets(page, request))
        for code, name in settings.LANGUAGES:
            if code not in targets:
                continue
            target, alternate = targets[code]
            links.append(
                {
                    "code": code,
                    "name": name,
                    "url": target.get_url(request=request),
                    "current": code == current,
                    "alternate": alternate,
                }
            )
    elif request is not None:
        path = local_full_path(request)
        for code, name in settings.LANGUAGES:
            links.append(
                {
                    "code": code,
                    "name": name,
                    "url": translate_url(path, code),
                    "current": code == current,
                    "alternate": True,
                }
            )
    return links


@register.simple_tag(takes_context=True)
def site_home(context):
    """The requested site's home page in the current language (or the default one)."""
    request = context.get("request")
    current = translation.get_language()

    def find():
        site = request_site(request)

        def homes():
            pages = resident_pages(HomePage.objects.all(), request).select_related("locale")
            return [
                pages.filter(locale__language_code=current).first(),
                pages.filter(locale=Locale.get_default()).first(),
            ]

        return _unexpired(remember(f"site-home:{site.pk if site else 0}:{current}", homes))[:1]

    found = _per_request(request, f"site-home:{current}", find)
    return found[0] if found else None


def resident_sections(home) -> list:
    """The home page's child pages residents may see (``home.visibility``) that have something in
    them (through ``home.lookups``: the menu is on every page)."""

    def find():
        children = resident_pages(home.get_children()).specific()
        return [page for page in children if section_has_content(page)]

    return _unexpired(remember(f"resident-sections:{home.pk}", find))


@register.simple_tag(takes_context=True)
def main_menu(context):
    home = site_home(context)
    if home is None:
        return []
    return [page for page in resident_sections(home) if page.show_in_menus]


@register.simple_tag
def home_sections(home) -> list:
    """The sections listed on the home page: those with something in them."""
    return resident_sections(home)


@register.filter
def table_rows(text: str) -> list[list[str]]:
    """Rows of a table block: one line per row, cells separated by ``|``."""
    return [[cell.strip() for cell in line.split("|")] for line in (text or "").splitlines() if line.strip()]
