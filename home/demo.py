"""The demo city's shared part: municipality, locales, home pages in every language, a few pages."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale, Site

from home import cities, groups
from home.models import HomePage, Municipality, PortalSettings, StandardPage
from home.registries import roles
from home.sites import city_home

DEMO_HOSTNAME = "takamatsu.localhost"  # the default site: 127.0.0.1 and localhost answer with it too
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
    return cities.ensure_locales()


def ensure_demo_city() -> cities.City:
    """高松市 as the default site, with its home page in every language and empty sections."""
    return cities.setup_city(
        DEMO_MUNICIPALITY["code"],
        DEMO_MUNICIPALITY["name"],
        hostname=DEMO_HOSTNAME,
        default=True,
        name_kana=DEMO_MUNICIPALITY["name_kana"],
        prefecture=DEMO_MUNICIPALITY["prefecture"],
        texts=HOME_TEXTS,
    )


def ensure_municipality() -> Municipality:
    municipality = Municipality.objects.filter(code=DEMO_MUNICIPALITY["code"]).first()
    return municipality if municipality and city_home(municipality) else ensure_demo_city().municipality


def ensure_home_pages(locales: dict[str, Locale] | None = None) -> HomePage:
    """The demo city's Japanese home page (the default site's root), set up when missing."""
    return ensure_demo_city().home


def ensure_standard_pages(home: HomePage) -> None:
    for slug, title, summary, body in STANDARD_PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            page = StandardPage(title=title, slug=slug, summary=summary, body=body, show_in_menus=False)
            home.add_child(instance=page)
            page.save_revision().publish()
        elif page.title != title or page.summary != summary:
            cities.publish_if_changed(page, title=title, summary=summary)


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


def ensure_demo_users(stdout, municipality: Municipality) -> None:
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
            user.groups.add(groups.city_group(group_name, municipality))
        stdout.write(f"  user {username!r} ({group_name or 'administrator'}): password {password}")


@transaction.atomic
def load_demo(stdout, *, with_users: bool) -> Municipality:
    city = ensure_demo_city()
    municipality, home = city.municipality, city.home
    ensure_standard_pages(home)
    ensure_settings(municipality, home)
    if with_users:
        ensure_demo_users(stdout, municipality)
    return municipality
