"""The demo city's shared part: municipality, locales, home pages in every language, a few pages."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Locale, Page, Site

from home import groups
from home.models import HomePage, Municipality, PortalSettings, StandardPage
from home.registries import roles

DEMO_MUNICIPALITY = {"code": "372013", "name": "高松市", "name_kana": "たかまつし", "prefecture": "香川県"}

# Short texts written in each language (not machine translations of each other's pages).
HOME_TEXTS = {
    "ja": ("高松市 くらしのポータル", "ごみの収集日、施設、保育所の空き状況、イベントをまとめて探せます。"),
    "en": (
        "Takamatsu City Life Portal",
        "Garbage collection days, public facilities, nursery vacancies and events in one place.",
    ),
    "zh-hans": ("高松市生活门户", "垃圾收集日、公共设施、保育所空位和活动信息，一站查询。"),
    "ko": ("다카마쓰시 생활 포털", "쓰레기 수거일, 공공시설, 보육소 빈자리, 행사 정보를 한곳에서 찾을 수 있습니다."),
    "vi": (
        "Cổng thông tin đời sống thành phố Takamatsu",
        "Ngày thu gom rác, cơ sở công cộng, chỗ trống nhà trẻ và sự kiện ở một nơi.",
    ),
    "pt": (
        "Portal da Vida em Takamatsu",
        "Dias de coleta de lixo, instalações públicas, vagas em creches e eventos num só lugar.",
    ),
    "ja-x-easy": ("たかまつし くらしの ページ", "ごみを 出す 日、しせつ、ほいくしょ、イベントが わかります。"),
}

ABOUT_BODY = [
    ("heading", {"text": "使っているオープンデータ", "level": "h2"}),
    (
        "paragraph",
        "<p>このデモサイトは次の公開データを使っています。高松市オープンデータ（CC BY 4.0）、"
        "Geolonia 住所データ（CC BY 4.0）、自治体標準オープンデータセット（市川市・川口市）、"
        "横浜市「保育所等の入所状況」（CC BY 4.0）、5374.jp のごみデータ（金沢市・目黒区・函館市・生駒市）。</p>"
        "<p>高松市のイベント情報は2020〜2021年のものです。デモで今後の予定として見えるよう、"
        "各イベントを年単位でずらしています（曜日が大切な催しは同じ曜日になるようにしています）。</p>",
    ),
]

STANDARD_PAGES = [
    ("about", "このサイトについて", "このポータルの内容と、使っているオープンデータの出典です。", ABOUT_BODY),
    (
        "contact",
        "お問い合わせ",
        "ご意見・ご質問は市の広報担当へお寄せください。",
        [("paragraph", "<p>高松市 広報広聴課　電話 087-839-2111（平日 8時30分〜17時15分）</p>")],
    ),
]


def ensure_locales() -> dict[str, Locale]:
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }


def ensure_municipality() -> Municipality:
    municipality, _ = Municipality.objects.update_or_create(code=DEMO_MUNICIPALITY["code"], defaults=DEMO_MUNICIPALITY)
    return municipality


def _publish_if_changed(page: Page, **fields) -> Page:
    changed = [name for name, value in fields.items() if getattr(page, name) != value]
    if changed or not page.live or page.has_unpublished_changes:
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def ensure_home_pages(locales: dict[str, Locale]) -> HomePage:
    """The Japanese home page as the default site's root, and its translation in every language."""
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locales["ja"])
    )  # a flushed database (transactional tests) has lost the root that migrations create
    title, summary = HOME_TEXTS["ja"]
    home = HomePage.objects.filter(locale=locales["ja"]).first()
    if home is None:
        # Wagtail's own "Welcome" page (a plain Page) gives way to the portal's home page.
        Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
        home = HomePage(title=title, slug="home", summary=summary, locale=locales["ja"])
        root.add_child(instance=home)
        home.save_revision().publish()
    home = _publish_if_changed(home, title=title, summary=summary)

    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    if site.root_page_id != home.pk or site.site_name != title:
        site.root_page = home
        site.site_name = title
        site.save()

    for code, locale in locales.items():
        if code == "ja":
            continue
        translated = home.get_translation_or_none(locale)
        if translated is None:
            translated = home.copy_for_translation(locale)
        title, summary = HOME_TEXTS[code]
        _publish_if_changed(translated.specific, title=title, summary=summary)
    return home


def ensure_standard_pages(home: HomePage) -> None:
    for slug, title, summary, body in STANDARD_PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            page = StandardPage(title=title, slug=slug, summary=summary, body=body, show_in_menus=False)
            home.add_child(instance=page)
            page.save_revision().publish()
        elif page.title != title or page.summary != summary:
            _publish_if_changed(page, title=title, summary=summary)


def ensure_settings(municipality: Municipality, home: HomePage) -> None:
    site = Site.objects.get(root_page=home)
    portal = PortalSettings.for_site(site)
    wanted = {
        "municipality": municipality,
        "contact_name": "高松市 広報広聴課",
        "contact_phone": "087-839-2111",
        "contact_address": "香川県高松市番町一丁目8番15号",
    }
    if any(getattr(portal, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(portal, name, value)
        portal.save()


def ensure_demo_users(stdout) -> None:
    """One user per staff role and an administrator; a password is printed only when created."""
    User = get_user_model()
    accounts = [("admin", None)] + [(role.demo_username, name) for name, role in roles().items() if role.demo_username]
    for username, group_name in accounts:
        user = User.objects.filter(username=username).first()
        if user is not None:
            continue
        password = secrets.token_urlsafe(12)
        if group_name is None:
            user = User.objects.create_superuser(username, f"{username}@example.invalid", password)
        else:
            user = User.objects.create_user(username, f"{username}@example.invalid", password)
            user.groups.add(Group.objects.get(name=group_name))
        stdout.write(f"  user {username!r} ({group_name or 'administrator'}): password {password}")


@transaction.atomic
def load_demo(stdout, *, with_users: bool) -> Municipality:
    locales = ensure_locales()
    municipality = ensure_municipality()
    home = ensure_home_pages(locales)
    ensure_standard_pages(home)
    ensure_settings(municipality, home)
    groups.sync_groups()
    if with_users:
        ensure_demo_users(stdout)
    return municipality
