from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from home.i18n_views import local_full_path
from home.models import HomePage
from home.registries import section_has_content
from home.visibility import resident_pages

SECTIONS_CACHE_SECONDS = 300

register = template.Library()


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
        translations = {
            translated.locale.language_code: translated
            for translated in resident_pages(page.get_translations(inclusive=True)).select_related("locale")
        }
        site_homes = resident_pages(HomePage.objects.all(), request).select_related("locale")
        homes = {home.locale.language_code: home for home in site_homes}
        for code, name in settings.LANGUAGES:
            target = translations.get(code) or homes.get(code)
            if target is None:
                continue
            links.append(
                {
                    "code": code,
                    "name": name,
                    "url": target.get_url(request=request),
                    "current": code == current,
                    "alternate": code in translations,
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
    current = translation.get_language()
    homes = resident_pages(HomePage.objects.all(), context.get("request")).select_related("locale")
    return homes.filter(locale__language_code=current).first() or homes.filter(locale=Locale.get_default()).first()


def resident_sections(home) -> list:
    """The home page's child pages residents may see (``home.visibility``) that have something in
    them (cached a few minutes: the menu is on every page)."""
    key = f"resident-sections:{home.pk}:{home.latest_revision_id}"
    children = list(resident_pages(home.get_children()).specific())
    ids = cache.get(key)
    if ids is None:
        ids = [page.pk for page in children if section_has_content(page)]
        cache.set(key, ids, SECTIONS_CACHE_SECONDS)
    return [page for page in children if page.pk in ids]


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
