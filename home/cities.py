"""Setting up a city: its municipality, site, home pages in every language, empty sections, staff.

``setup_city`` is what ``manage.py setup_city`` and the admin's first-run page call, and what
``load_demo`` calls for each demo city. It is idempotent: a second run changes nothing, and a run
with a new name or hostname updates the city in place. The domains add their sections (ごみ, 施設,
保育所, イベント) through ``home.registries.register_section``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Locale, Page, Site

from home import groups
from home.models import HomePage, Municipality, PortalSettings, StandardPage
from home.municipalities import validate_municipality_code
from home.registries import sections
from home.sites import municipality_site

# The home page's title and summary in each language, until a translator writes better ones.
HOME_TEXTS = {
    "ja": ("{name} くらしのポータル", "ごみの収集日、施設、保育所の空き状況、イベントをまとめて探せます。"),
    "en": (
        "{name} life portal",
        "Garbage collection days, public facilities, nursery vacancies and events in one place.",
    ),
    "zh-hans": ("{name} 生活门户", "垃圾收集日、公共设施、保育所空位和活动信息，一站查询。"),
    "ko": ("{name} 생활 포털", "쓰레기 수거일, 공공시설, 보육소 빈자리, 행사 정보를 한곳에서 찾을 수 있습니다."),
    "vi": (
        "Cổng thông tin đời sống {name}",
        "Ngày thu gom rác, cơ sở công cộng, chỗ trống nhà trẻ và sự kiện ở một nơi.",
    ),
    "pt": (
        "Portal da vida em {name}",
        "Dias de coleta de lixo, instalações públicas, vagas em creches e eventos num só lugar.",
    ),
    "ja-x-easy": ("{name}の くらしの ページ", "ごみを 出す 日、しせつ、ほいくしょ、イベントが わかります。"),
}

NEWS = ("news", "お知らせ", "市からのお知らせです。")


@dataclass
class City:
    municipality: Municipality
    site: Site
    home: HomePage
    created: bool


def ensure_locales() -> dict[str, Locale]:
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }


def publish_if_changed(page: Page, **fields) -> Page:
    """Set *fields* and publish, only when something differs or the page is not live."""
    changed = [name for name, value in fields.items() if getattr(page, name) != value]
    if changed or not page.live or page.has_unpublished_changes:
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def _root(locale: Locale) -> Page:
    # A flushed database (transactional tests) has lost the root that migrations create.
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


def _home_page(municipality: Municipality, site: Site | None, locales, texts) -> tuple[HomePage, bool]:
    ja = locales[settings.LANGUAGE_CODE]
    title, summary = texts["ja"]
    home = site.root_page.specific if site is not None and isinstance(site.root_page.specific, HomePage) else None
    if home is None:
        home = HomePage.objects.filter(depth=2, slug=municipality.code, locale=ja).first()
    created = home is None
    if created:
        home = HomePage(title=title, slug=municipality.code, summary=summary, locale=ja)
        _root(ja).add_child(instance=home)
        home.save_revision().publish()
    home = publish_if_changed(home, title=title, summary=summary)
    for code, locale in locales.items():
        if code == settings.LANGUAGE_CODE:
            continue
        translated = home.get_translation_or_none(locale) or home.copy_for_translation(locale)
        title, summary = texts.get(code, texts["ja"])
        publish_if_changed(translated.specific, title=title, summary=summary)
    return home, created


def _site(municipality, home: HomePage, hostname: str | None, default: bool, site_name: str) -> Site:
    site = municipality_site(municipality)
    if site is None and hostname:
        site = Site.objects.filter(hostname=hostname, port=80).first()
    if site is None and not Site.objects.filter(portalsettings__municipality__isnull=False).exists():
        # The first city takes over the site migrate made (Wagtail's welcome page at localhost).
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname=hostname or f"{municipality.code}.localhost", port=80)
    first_city = not Site.objects.filter(is_default_site=True).exclude(pk=site.pk).exists()
    wanted = {
        "root_page_id": home.pk,
        "site_name": site_name,
        "hostname": hostname or site.hostname,
        "is_default_site": site.is_default_site or default or first_city,
    }
    if site.pk is None or any(getattr(site, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(site, name, value)
        if wanted["is_default_site"]:
            Site.objects.filter(is_default_site=True).exclude(pk=site.pk).update(is_default_site=False)
        site.save()
    portal = PortalSettings.for_site(site)
    if portal.municipality_id != municipality.pk:
        portal.municipality = municipality
        portal.save()
    _remove_welcome_page()
    return site


def _remove_welcome_page() -> None:
    """Wagtail's own "Welcome to your new Wagtail site!" (a plain Page) once no site shows it."""
    welcome = Page.objects.filter(
        depth=2, slug="home", content_type__model="page", content_type__app_label="wagtailcore"
    )
    welcome.exclude(pk__in=Site.objects.values("root_page_id")).delete()


def ensure_section(home: HomePage, model: type[Page], slug: str, title: str, summary: str, **fields) -> Page:
    """The city's section page of *model* under its home page, live in every locale the home is in.

    An existing page of that type and slug counts; an edited title or summary is left as the
    editors made it.
    """
    page = model.objects.child_of(home).filter(slug=slug).first()
    if page is None:
        page = model(title=title, slug=slug, summary=summary, show_in_menus=True, **fields)
        home.add_child(instance=page)
        page.save_revision().publish()
    for translated_home in home.get_translations():
        translated = page.get_translation_or_none(translated_home.locale)
        if translated is None:
            translated = page.copy_for_translation(translated_home.locale)
            translated.save_revision().publish()
    return page


def has_live_descendants(page: Page, model: type[Page]) -> bool:
    """Whether *page*, or its source-language version, has a page of *model* under it that residents
    may see (``home.visibility``; a translated section may have no translated children yet)."""
    from home.visibility import resident_pages

    source = page.get_translation_or_none(Locale.get_default()) or page
    return resident_pages(model.objects.descendant_of(source, inclusive=False)).exists()


def has_notices(page: Page) -> bool:
    """The お知らせ section holds a live notice (other standard pages always count as content)."""
    if page.slug != NEWS[0] or page.depth != 3:
        return True
    return has_live_descendants(page, Page)


def ensure_news(home: HomePage, municipality) -> Page:
    slug, title, summary = NEWS
    return ensure_section(home, StandardPage, slug, title, summary)


@transaction.atomic
def setup_city(
    code: str,
    name: str,
    *,
    hostname: str | None = None,
    default: bool = False,
    name_kana: str = "",
    prefecture: str = "",
    texts: dict[str, tuple[str, str]] | None = None,
    approval: bool | None = None,
) -> City:
    """The city *code* ready for its staff and residents; safe to run again.

    *approval* switches the city's 承認 workflow on or off (``PortalSettings.approval_workflow``);
    None leaves it as it is (on for a new city).
    """
    code = (code or "").strip()
    name = (name or "").strip()
    validate_municipality_code(code)
    if not name:
        raise ValidationError("The city needs a name (--name), e.g. 高松市.")
    if hostname is not None:
        hostname = hostname.strip().lower() or None
    defaults = {"name": name}
    if name_kana:
        defaults["name_kana"] = name_kana
    if prefecture:
        defaults["prefecture"] = prefecture
    municipality, _ = Municipality.objects.update_or_create(code=code, defaults=defaults)

    locales = ensure_locales()
    texts = {language: (title.format(name=name), summary) for language, (title, summary) in HOME_TEXTS.items()} | (
        texts or {}
    )
    home, created = _home_page(municipality, municipality_site(municipality), locales, texts)
    site = _site(municipality, home, hostname, default, site_name=texts["ja"][0])
    portal = PortalSettings.for_site(site)
    if approval is not None and portal.approval_workflow != approval:
        portal.approval_workflow = approval
        portal.save()
    for section in sections():
        section.build(home, municipality)
    groups.sync_city_groups(municipality, home)
    return City(municipality, site, home, created)


def set_up_cities() -> list[Municipality]:
    """The municipalities that have a site, default site first."""
    found = PortalSettings.objects.filter(municipality__isnull=False).select_related("municipality", "site")
    ordered = sorted(found, key=lambda portal: (not portal.site.is_default_site, portal.municipality.code))
    return [portal.municipality for portal in ordered]
