"""The demo city's shared part: municipality, locales, home pages in every language, a few pages."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale, Site

from home import cities, groups
from home.models import HomePage, Municipality, PortalSettings, StandardPage
from home.registries import roles
from home.sites import city_home

DEMO_HOSTNAME = "takamatsu.localhost"  # the default site: 127.0.0.1 and localhost answer with it too
DEMO_PORT = 8000  # `make run` serves every demo city on the dev server's port


@dataclass(frozen=True)
class DemoCity:
    """One municipality whose real open data ships in data/opendata/, set up as its own site.

    ``names``: the city's name in each language that does not write it in kanji; ``features``:
    what its own data gives (garbage, facilities, nurseries, events), for the home page's summary.
    The domain loaders decide by ``code`` what they load for it.
    """

    code: str
    name: str
    name_kana: str
    prefecture: str
    romaji: str
    names: dict[str, str]
    features: tuple[str, ...]
    default: bool = False

    @property
    def hostname(self) -> str:
        return f"{self.romaji}.localhost"

    @property
    def url(self) -> str:
        return f"http://{self.hostname}:{DEMO_PORT}/"


DEMO_CITIES = [
    DemoCity(
        "372013",
        "高松市",
        "たかまつし",
        "香川県",
        "takamatsu",
        {"en": "Takamatsu", "zh-hans": "高松市", "ko": "다카마쓰시"},
        ("garbage", "facilities", "nurseries", "events"),
        default=True,
    ),
    DemoCity(
        "141003",
        "横浜市",
        "よこはまし",
        "神奈川県",
        "yokohama",
        {"en": "Yokohama", "zh-hans": "横滨市", "ko": "요코하마시"},
        ("vacancies",),
    ),
    DemoCity(
        "172014",
        "金沢市",
        "かなざわし",
        "石川県",
        "kanazawa",
        {"en": "Kanazawa", "zh-hans": "金泽市", "ko": "가나자와시"},
        ("garbage",),
    ),
    DemoCity(
        "131105",
        "目黒区",
        "めぐろく",
        "東京都",
        "meguro",
        {"en": "Meguro", "zh-hans": "目黑区", "ko": "메구로구"},
        ("garbage",),
    ),
    DemoCity(
        "292095",
        "生駒市",
        "いこまし",
        "奈良県",
        "ikoma",
        {"en": "Ikoma", "zh-hans": "生驹市", "ko": "이코마시"},
        ("garbage",),
    ),
    DemoCity(
        "012025",
        "函館市",
        "はこだてし",
        "北海道",
        "hakodate",
        {"en": "Hakodate", "zh-hans": "函馆市", "ko": "하코다테시"},
        ("garbage",),
    ),
    DemoCity(
        "122033",
        "市川市",
        "いちかわし",
        "千葉県",
        "ichikawa",
        {"en": "Ichikawa", "zh-hans": "市川市", "ko": "이치카와시"},
        ("facilities", "nurseries"),
    ),
    DemoCity(
        "112038",
        "川口市",
        "かわぐちし",
        "埼玉県",
        "kawaguchi",
        {"en": "Kawaguchi", "zh-hans": "川口市", "ko": "가와구치시"},
        ("facilities", "nurseries"),
    ),
]
DEMO_CITY = DEMO_CITIES[0]
DEMO_MUNICIPALITY = {
    "code": DEMO_CITY.code,
    "name": DEMO_CITY.name,
    "name_kana": DEMO_CITY.name_kana,
    "prefecture": DEMO_CITY.prefecture,
}

# Short texts written in each language (not machine translations of each other's pages):
# the title with the city's name, and a summary naming what the city's own data gives.
FEATURES = {
    "ja": {
        "vacancies": "保育所の空き状況",
        "garbage": "ごみの収集日",
        "facilities": "施設",
        "nurseries": "保育所",
        "events": "イベント",
    },
    "en": {
        "vacancies": "Nursery vacancies",
        "garbage": "Garbage collection days",
        "facilities": "public facilities",
        "nurseries": "nurseries",
        "events": "events",
    },
    "zh-hans": {
        "vacancies": "保育所空位情况",
        "garbage": "垃圾收集日",
        "facilities": "公共设施",
        "nurseries": "保育所",
        "events": "活动信息",
    },
    "ko": {
        "vacancies": "보육소 빈자리",
        "garbage": "쓰레기 수거일",
        "facilities": "공공시설",
        "nurseries": "보육소",
        "events": "행사 정보",
    },
    "vi": {
        "vacancies": "Chỗ trống nhà trẻ",
        "garbage": "Ngày thu gom rác",
        "facilities": "cơ sở công cộng",
        "nurseries": "nhà trẻ",
        "events": "sự kiện",
    },
    "pt": {
        "vacancies": "Vagas em creches",
        "garbage": "Dias de coleta de lixo",
        "facilities": "instalações públicas",
        "nurseries": "creches",
        "events": "eventos",
    },
    "ja-x-easy": {
        "vacancies": "ほいくしょの あき",
        "garbage": "ごみを 出す 日",
        "facilities": "しせつ",
        "nurseries": "ほいくしょ",
        "events": "イベント",
    },
}
TEMPLATES = {
    "ja": ("{name} くらしのポータル", "{features}をまとめて探せます。", "、"),
    "en": ("{name} City Life Portal", "{features} in one place.", ", "),
    "zh-hans": ("{name}生活门户", "{features}，一站查询。", "、"),
    "ko": ("{name} 생활 포털", "{features} 정보를 한곳에서 찾을 수 있습니다.", ", "),
    "vi": ("Cổng thông tin đời sống {name}", "{features} ở một nơi.", ", "),
    "pt": ("Portal da Vida em {name}", "{features} num só lugar.", ", "),
    "ja-x-easy": ("{name} くらしの ページ", "{features}が わかります。", "、"),
}


def home_texts(city: DemoCity) -> dict[str, tuple[str, str]]:
    """The home page's title and summary in each language for *city*."""
    texts = {}
    for language, (title, summary, comma) in TEMPLATES.items():
        if language == "ja-x-easy":
            name = city.name_kana
        else:
            name = city.names.get(language, city.names.get("en") if language in ("vi", "pt") else city.name)
        features = comma.join(FEATURES[language][feature] for feature in city.features)
        features = features[:1].upper() + features[1:] if language in ("en", "vi", "pt") else features
        texts[language] = (title.format(name=name), summary.format(features=features))
    return texts


HOME_TEXTS = home_texts(DEMO_CITY)

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


def setup_demo_city(city: DemoCity) -> cities.City:
    """*city* as its own site at ``<romaji>.localhost``, with its home page in every language and empty sections."""
    return cities.setup_city(
        city.code,
        city.name,
        hostname=city.hostname,
        default=city.default,
        name_kana=city.name_kana,
        prefecture=city.prefecture,
        texts=home_texts(city),
    )


def ensure_demo_city() -> cities.City:
    """高松市 as the default site, with its home page in every language and empty sections."""
    return setup_demo_city(DEMO_CITY)


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
    """The kernel's part of the demo for the default city (高松市); returns its municipality."""
    return load_demo_cities(stdout, with_users=with_users)[0]


@transaction.atomic
def load_demo_cities(stdout, *, with_users: bool) -> list[Municipality]:
    """Every demo city set up as its own site (default city first), the default city's pages,
    settings and staff; the domains' loaders then fill each city from its own data."""
    set_up = [setup_demo_city(city) for city in DEMO_CITIES]
    default = set_up[0]
    ensure_standard_pages(default.home)
    ensure_settings(default.municipality, default.home)
    if with_users:
        ensure_demo_users(stdout, default.municipality)
    return [city.municipality for city in set_up]


def demo_city(municipality) -> DemoCity | None:
    """The demo table's entry for *municipality*, or None for a city outside the demo."""
    return next((city for city in DEMO_CITIES if city.code == municipality.code), None)
