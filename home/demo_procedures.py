"""くらしの手続き: the six procedure pages residents look for most, for each demo city.

Under each city's home page a standard page 「くらしの手続き」 (in the menu) holds 転入・転出・転居,
住民票の写し, マイナンバーカード, 粗大ごみの申し込み, 子育て相談 and the city office's counters and
phone numbers, in Japanese, English and やさしい日本語 (written here, not machine translated).

What the national rules say is the same in every city (住民基本台帳法: 転入届・転居届は14日以内,
過料は5万円以下; マイナンバーカード: 有効期限, 電子証明書, 継続利用の手続きは転入届から90日以内;
母子保健法: 母子健康手帳, 1歳6か月児・3歳児健診; the national numbers #8000, 189 and the
マイナンバー総合フリーダイヤル 0120-95-0178). City facts (an address, a phone number, opening
hours, what counts as 粗大ごみ) are written ONLY where the city's own open data in
``data/opendata/`` states them; each one names its source below (``source``) and on the page.
Where the data says nothing, the page says so and sends the resident to the city's counter or
official website instead of a guessed number.

The kernel's own demo loader (registered in home/apps.py, after the domains' loaders) calls
:func:`load_demo` for each demo city; it is idempotent. The 粗大ごみ page links the city's
garbage section when that section has content (found by its title, so the kernel names no domain).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Locale, Page

from home.models import StandardPage
from home.registries import section_has_content
from home.sites import city_home

SECTION_SLUG = "procedures"
LANGUAGES = ("ja", "en", "ja-x-easy")


@dataclass(frozen=True)
class Place:
    """A counter or building, as one open data file states it (empty fields: not in the data)."""

    name: dict[str, str]  # {language: name}
    address: str  # as the file writes it (Japanese)
    phone: str = ""
    hours: dict[str, str] = field(default_factory=dict)  # {language: opening hours}
    source: str = ""


@dataclass(frozen=True)
class CityFacts:
    office: str = "市役所"  # where residents go: 市役所, or 区役所 in a ward or a city of wards
    offices: tuple[Place, ...] = ()
    childcare: tuple[Place, ...] = ()
    bulky: dict[str, str] = field(default_factory=dict)  # {language: what counts, fee}; "source"
    note: dict[str, str] = field(default_factory=dict)  # {language: how the city is organised}


TAKAMATSU_SOURCE = "高松市オープンデータ（CC BY 4.0）"
ICHIKAWA_SOURCE = "市川市 自治体標準オープンデータセット「公共施設一覧」"

FACTS: dict[str, CityFacts] = {
    # 高松市. Address: takamatsu-opendata/0081.csv (イベント一覧) gives 高松市役所 子育て支援課 at
    # 番町一丁目 8-15 and 農林水産課 at 番町一丁目8番15号. Phone and hours: 0002.csv (AED設置箇所一覧),
    # row 97 「高松市役所 本庁舎」: 087-839-2011, 月火水木金 08:30–17:15, 祝日、12/29～1/3を除く
    # (that row writes the address 番町一丁目8-5, which no other row of the city's files does:
    # the 8-15 of the two event rows and of the 防災合同庁舎 next door is used).
    # 粗大ごみ: 0074.csv (ごみ分別一覧), category 「臨時・粗大ごみ」 and its notes.
    "372013": CityFacts(
        offices=(
            Place(
                {
                    "ja": "高松市役所 本庁舎",
                    "en": "Takamatsu City Hall (main building)",
                    "ja-x-easy": "たかまつ しやくしょ",
                },
                "香川県高松市番町一丁目8-15",
                "087-839-2011",
                {
                    "ja": "月曜日〜金曜日 8時30分〜17時15分（祝日、12月29日〜1月3日を除く）",
                    "en": "Monday to Friday, 8:30–17:15 (closed on public holidays and 29 December – 3 January)",
                    "ja-x-easy": "げつようび〜きんようび 8じ30ぷん〜17じ15ふん（しゅくじつと 12がつ29にち〜1がつ3かは やすみ）",
                },
                f"{TAKAMATSU_SOURCE}「イベント一覧」「AED設置箇所一覧」",
            ),
        ),
        childcare=(
            Place(
                {
                    "ja": "高松市役所 子育て支援課",
                    "en": "Child-rearing Support Division, Takamatsu City Hall",
                    "ja-x-easy": "しやくしょの こそだて しえんか",
                },
                "香川県高松市番町一丁目8-15",
                source=f"{TAKAMATSU_SOURCE}「イベント一覧」",
            ),
        ),
        bulky={
            "ja": "高松市では、大きさ1m×50cm×50cm又は重量10kgを超えるものは「臨時・粗大ごみ」です。"
            "有料で、大きさ・重さなどでそれぞれ手数料が異なります。請負工事で出たものは収集しません。",
            "en": "In Takamatsu, items over 1 m × 50 cm × 50 cm or over 10 kg are 臨時・粗大ごみ (oversized waste). "
            "It is charged; the fee depends on size and weight. Waste from contracted building work is not collected.",
            "ja-x-easy": "たかまつしでは、1m×50cm×50cmより おおきい もの、10kgより おもい ものが "
            "「そだいごみ」です。おかねが かかります。",
            "source": f"{TAKAMATSU_SOURCE}「ごみ分別一覧」",
        },
    ),
    # 横浜市: nursery-vacancy-yokohama lists the nurseries by 区; no office address or phone.
    "141003": CityFacts(
        office="区役所",
        note={
            "ja": "横浜市では、住所の届け出や証明書の手続きは、お住まいの区の区役所で行います。",
            "en": "In Yokohama, you register your address and get certificates at the ward office (区役所) of "
            "the ward you live in.",
            "ja-x-easy": "よこはましでは、すんでいる 「く」の くやくしょで てつづきを します。",
        },
    ),
    # 金沢市: 5374-kanazawa/target.csv, notices 「70cm超える」 → 有料粗大ごみ, 多量 → 有料戸別収集.
    "172014": CityFacts(
        bulky={
            "ja": "金沢市では、70cmを超えるものは「有料粗大ごみ」です。多量のごみは「有料戸別収集」です。",
            "en": "In Kanazawa, items over 70 cm are 有料粗大ごみ (oversized waste, charged); large amounts of "
            "waste are 有料戸別収集 (door-to-door collection, charged).",
            "ja-x-easy": "かなざわしでは、70cmより おおきい ものは 「ゆうりょう そだいごみ」です。おかねが かかります。",
            "source": "5374.jp 金沢市のごみデータ（target.csv）",
        },
    ),
    # 目黒区: 5374-meguro/target.csv, notices 「一辺が30センチメートル以上のものは粗大ごみ」 and
    # 「粗大ごみ処理の手続き」のページをご覧ください.
    "131105": CityFacts(
        office="区役所",
        bulky={
            "ja": "目黒区では、一辺が30センチメートル以上のものは粗大ごみです。"
            "区の「粗大ごみ処理の手続き」のページをご覧ください。",
            "en": "In Meguro, anything 30 cm or more on a side is 粗大ごみ (oversized waste). See the ward's page "
            "「粗大ごみ処理の手続き」 (oversized waste procedures).",
            "ja-x-easy": "めぐろくでは、ながさが 30cm いじょうの ものは 「そだいごみ」です。",
            "source": "5374.jp 目黒区のごみデータ（target.csv）",
        },
    ),
    # 生駒市: 5374-ikoma/target.csv, notices 「30cmを超えるものは大型ごみ」.
    "292095": CityFacts(
        bulky={
            "ja": "生駒市では、30cmを超えるものは「大型ごみ」です。",
            "en": "In Ikoma, items over 30 cm are 大型ごみ (oversized waste).",
            "ja-x-easy": "いこましでは、30cmより おおきい ものは 「おおがた ごみ」です。",
            "source": "5374.jp 生駒市のごみデータ（target.csv）",
        },
    ),
    # 函館市: its 5374 files give no instructions (description.csv empty, no target.csv).
    "012025": CityFacts(),
    # 市川市: standard-dataset-ichikawa/122033_101_public_facility.csv (公共施設一覧): 第1庁舎
    # 八幡1丁目1-1 and 第2庁舎 南八幡2丁目20-2 (no phone), 行徳支所 末広1丁目1-31 (047)359-1111,
    # 保健センター 南八幡4丁目18-8 (047)377-4511 and 南行徳保健センター 南行徳1丁目21-1
    # (047)359-8785, both 月火水木金 8:45–17:15 年末年始・祝日除く; クリーンセンター 田尻1003 (047)327-0288.
    "122033": CityFacts(
        offices=(
            Place(
                {
                    "ja": "市川市役所 第1庁舎",
                    "en": "Ichikawa City Hall, building 1",
                    "ja-x-easy": "いちかわ しやくしょ（だい1ちょうしゃ）",
                },
                "千葉県市川市八幡1丁目1-1",
                source=ICHIKAWA_SOURCE,
            ),
            Place(
                {
                    "ja": "市川市役所 第2庁舎",
                    "en": "Ichikawa City Hall, building 2",
                    "ja-x-easy": "いちかわ しやくしょ（だい2ちょうしゃ）",
                },
                "千葉県市川市南八幡2丁目20-2",
                source=ICHIKAWA_SOURCE,
            ),
            Place(
                {"ja": "行徳支所", "en": "Gyotoku branch office", "ja-x-easy": "ぎょうとく ししょ"},
                "千葉県市川市末広1丁目1-31",
                "047-359-1111",
                source=ICHIKAWA_SOURCE,
            ),
        ),
        childcare=(
            Place(
                {"ja": "保健センター", "en": "Health Centre", "ja-x-easy": "ほけん センター"},
                "千葉県市川市南八幡4丁目18-8",
                "047-377-4511",
                {
                    "ja": "月曜日〜金曜日 8時45分〜17時15分（年末年始・祝日を除く）",
                    "en": "Monday to Friday, 8:45–17:15 (closed on public holidays and over the New Year)",
                    "ja-x-easy": "げつようび〜きんようび 8じ45ふん〜17じ15ふん",
                },
                ICHIKAWA_SOURCE,
            ),
            Place(
                {
                    "ja": "南行徳保健センター",
                    "en": "Minami-Gyotoku Health Centre",
                    "ja-x-easy": "みなみぎょうとく ほけん センター",
                },
                "千葉県市川市南行徳1丁目21-1",
                "047-359-8785",
                {
                    "ja": "月曜日〜金曜日 8時45分〜17時15分（年末年始・祝日を除く）",
                    "en": "Monday to Friday, 8:45–17:15 (closed on public holidays and over the New Year)",
                    "ja-x-easy": "げつようび〜きんようび 8じ45ふん〜17じ15ふん",
                },
                ICHIKAWA_SOURCE,
            ),
        ),
        bulky={
            "ja": "市の公共施設一覧には、クリーンセンター（千葉県市川市田尻1003、電話 047-327-0288）が載っています。",
            "en": "The city's list of public facilities gives the Clean Centre (クリーンセンター), 田尻1003, "
            "phone 047-327-0288.",
            "ja-x-easy": "いちかわしの クリーンセンターの でんわばんごうは 047-327-0288です。",
            "source": ICHIKAWA_SOURCE,
        },
    ),
    # 川口市: standard-dataset-kawaguchi is its preschool list only.
    "112038": CityFacts(),
}


def _facts(municipality) -> CityFacts:
    return FACTS.get(municipality.code, CityFacts())


# -- building blocks -------------------------------------------------------------------------


def _h(text: str) -> tuple:
    return ("heading", {"text": text, "level": "h2"})


def _p(*sentences: str) -> tuple:
    return ("paragraph", "".join(f"<p>{sentence}</p>" for sentence in sentences if sentence))


def _ul(*items: str) -> tuple:
    return ("paragraph", "<ul>" + "".join(f"<li>{item}</li>" for item in items if item) + "</ul>")


def _notice(text: str, kind: str = "info") -> tuple:
    return ("notice", {"kind": kind, "text": f"<p>{text}</p>"})


def _links(title: str, pages: list[tuple[int | None, str]]) -> tuple:
    """A link list block: its page links are written relative to the requested site (a rich
    text page link is absolute, with the site's port, once an install has several sites)."""
    found = Page.objects.in_bulk([pk for pk, _text in pages if pk])
    links = [{"page": found[pk], "url": "", "text": text} for pk, text in pages if pk in found]
    return ("links", {"title": title, "links": links})


RELATED = {"ja": "関連するページ", "en": "Related pages", "ja-x-easy": "ほかの ページ"}
#: The pages each page links at its end (every page but the office's links the office's).
SEE_ALSO = {
    "my-number-card": ["moving", "city-office"],
    "city-office": ["moving", "residence-certificate", "my-number-card"],
}


SOURCE_LABEL = {"ja": "出典", "en": "Source", "ja-x-easy": "でどころ"}
NO_DATA = {
    "ja": "このポータルには、まだ{city}の{office}の所在地・電話番号のデータがありません。"
    "{city}の公式ホームページでご確認ください。",
    "en": "This portal does not have the address or phone number of {city}'s office yet. "
    "Please check {city}'s official website.",
    "ja-x-easy": "この ページには まだ {city}の {office}の ばしょと でんわばんごうが ありません。"
    "{city}の ホームページを みてください。",
}
ASK = {
    "ja": "詳しくは{office}の担当窓口にお問い合わせください。",
    "en": "For details, please ask the responsible counter at the city office.",
    "ja-x-easy": "くわしくは {office}の まどぐちに きいてください。",
}
PHONE = {"ja": "電話", "en": "Phone", "ja-x-easy": "でんわ"}
ADDRESS = {"ja": "所在地", "en": "Address (in Japanese)", "ja-x-easy": "ばしょ"}
HOURS = {"ja": "受付時間", "en": "Opening hours", "ja-x-easy": "あいている じかん"}


def _place(place: Place, language: str) -> tuple:
    lines = [f"<b>{place.name.get(language, place.name['ja'])}</b>", f"{ADDRESS[language]}: {place.address}"]
    if place.phone:
        lines.append(f'{PHONE[language]}: <a href="tel:{place.phone}">{place.phone}</a>')
    if place.hours.get(language):
        lines.append(f"{HOURS[language]}: {place.hours[language]}")
    if place.source:
        lines.append(f"{SOURCE_LABEL[language]}: {place.source}")
    return ("paragraph", "<p>" + "<br/>".join(lines) + "</p>")


def _names(municipality, language: str) -> dict[str, str]:
    from home.demo import demo_city

    city = demo_city(municipality)
    facts = _facts(municipality)
    if language == "en":
        name = city.names["en"] if city else municipality.name
        return {"city": name, "office": "the ward office" if facts.office == "区役所" else "the city office"}
    if language == "ja-x-easy":
        kana = municipality.name_kana or municipality.name
        return {"city": kana, "office": "くやくしょ" if facts.office == "区役所" else "しやくしょ"}
    return {"city": municipality.name, "office": facts.office}


# -- the pages -------------------------------------------------------------------------------


def _office_title(n: dict[str, str], language: str) -> str:
    return {
        "ja": f"{n['office']}の窓口と電話番号",
        "en": "City office: counters and phone numbers",
        "ja-x-easy": f"{n['office']}の まどぐちと でんわばんごう",
    }[language]


def _office_link(n, language, ids) -> str:
    return _office_title(n, language)


def moving(municipality, language, ids) -> list:
    n = _names(municipality, language)
    note = _facts(municipality).note.get(language, "")
    office = _office_link(n, language, ids)
    if language == "en":
        return [
            _p(
                "When you move, you must tell the city office your new address. Which notification you make "
                "depends on where you move from and to.",
                note,
            ),
            _h(f"Moving to {n['city']} from another municipality (転入届)"),
            _p(f"Within 14 days of starting to live here, make a moving-in notification at {n['office']}. Bring:"),
            _ul(
                "the certificate of moving out (転出証明書) from your previous municipality (not needed if you "
                "made your moving-out notification with your My Number Card);",
                "an identity document (My Number Card, driving licence, passport, …);",
                "the My Number Card of everyone who moves, if they have one.",
            ),
            _p(
                "If you made your moving-out notification with your My Number Card, you must also come within "
                "30 days of the moving date you gave. Have the address on your My Number Card updated at the "
                "same time: if this is not done within 90 days of the moving-in notification, the card becomes "
                "invalid."
            ),
            _h(f"Moving from {n['city']} to another municipality (転出届)"),
            _p(
                "Make a moving-out notification before you move (or, at the latest, within 14 days after). You "
                "receive a certificate of moving out for your new municipality. With a My Number Card you can "
                "do this online on Mynaportal (マイナポータル); you then receive no certificate and bring your card "
                "to the new municipality."
            ),
            _h(f"Moving within {n['city']} (転居届)"),
            _p(
                "Within 14 days of moving, make a change-of-address notification. Bring an identity document "
                "and, if you have one, your My Number Card (its address is updated)."
            ),
            _h("Who can make the notification"),
            _p("You or a member of your household. Anyone else needs a letter of proxy (委任状) signed by you."),
            _notice(
                "A notification made late without good reason can be fined (up to 50,000 yen, Basic Resident "
                "Registration Act).",
                "warning",
            ),
            _p(f"Where and when: {office}."),
        ]
    if language == "ja-x-easy":
        return [
            _p("ひっこしを したら、あたらしい じゅうしょを しやくしょに つたえます。", note),
            _h(f"ほかの まちから {n['city']}に きたとき（てんにゅうとどけ）"),
            _p("すみはじめてから 14にち いないに、まどぐちで 「てんにゅうとどけ」を だします。もっていく もの:"),
            _ul(
                "まえの まちで もらった 「てんしゅつしょうめいしょ」",
                "じぶんだと わかる もの（マイナンバーカード、うんてんめんきょしょう、パスポートなど）",
                "マイナンバーカード（もっている ひと）",
            ),
            _h(f"{n['city']}から ほかの まちに いくとき（てんしゅつとどけ）"),
            _p("ひっこしの まえに 「てんしゅつとどけ」を だします。"),
            _h(f"{n['city']}の なかで ひっこしたとき（てんきょとどけ）"),
            _p("ひっこしてから 14にち いないに 「てんきょとどけ」を だします。"),
            _notice("おくれると、おかね（5まんえん まで）を はらう ことが あります。", "warning"),
            _p(f"ばしょと でんわ: {office}"),
        ]
    return [
        _p(
            "引っ越しをしたときは、住所の届け出が必要です。どこからどこへ引っ越すかで、届け出の種類が変わります。", note
        ),
        _h(f"他の市区町村から{n['city']}へ引っ越してきたとき（転入届）"),
        _p(f"住み始めた日から14日以内に、{n['office']}の窓口で転入届を出してください。持ってくるもの:"),
        _ul(
            "前の住所地で受け取った転出証明書（マイナンバーカードを使って転出届をした人は不要です）",
            "本人確認書類（マイナンバーカード、運転免許証、パスポートなど）",
            "引っ越してきた人全員のマイナンバーカード（持っている人）",
        ),
        _p(
            "マイナンバーカードを使って転出届をした人は、転出届で届けた転出予定日から30日以内にも転入届をしてください。",
            "転入届と同時に、マイナンバーカードの住所変更（継続利用の手続き）もしてください。"
            "転入届をした日から90日以内にこの手続きをしないと、カードは失効します。",
        ),
        _h(f"{n['city']}から他の市区町村へ引っ越すとき（転出届）"),
        _p(
            "引っ越す前に転出届を出してください（引っ越した後になったときは、引っ越した日から14日以内）。"
            "窓口で転出証明書を受け取り、新しい住所地の転入届に使います。",
            "マイナンバーカードを持っている人は、マイナポータルからオンラインで転出届を出せます。"
            "この場合、転出証明書は受け取らず、新しい住所地の窓口にマイナンバーカードを持って行きます。",
        ),
        _h(f"{n['city']}の中で引っ越したとき（転居届）"),
        _p(
            "引っ越した日から14日以内に転居届を出してください。"
            "本人確認書類と、持っている人はマイナンバーカード（住所を書き換えます）を持ってきてください。"
        ),
        _h("届け出ができる人"),
        _p("本人か、同じ世帯の人です。それ以外の人（代理人）が届け出るときは、本人が書いた委任状が必要です。"),
        _notice(
            "正当な理由がなく届け出が遅れると、5万円以下の過料が科されることがあります（住民基本台帳法）。", "warning"
        ),
        _p(f"窓口の場所・電話番号・受付時間は「{office}」をご覧ください。"),
    ]


def residence_certificate(municipality, language, ids) -> list:
    n = _names(municipality, language)
    office = _office_link(n, language, ids)
    if language == "en":
        return [
            _p("You get a copy of your residence record (住民票の写し) from the municipality where you live."),
            _h("How to get a copy"),
            _ul(
                f"At the counter of {n['office']}: fill in a request form and show an identity document "
                "(My Number Card, driving licence, …).",
                "At a convenience store, with a My Number Card (with its user certificate and 4-digit PIN), in "
                "municipalities that take part in the convenience store service (コンビニ交付). Ask the city "
                "whether it does.",
                "By post: ask the responsible counter how.",
            ),
            _h("Who can ask"),
            _p("You or a member of your household. Anyone else needs a letter of proxy (委任状) signed by you."),
            _h("What it shows"),
            _p(
                "When you ask, you choose: the whole household or some members, and whether it shows the "
                "registered domicile (本籍), relationships (続柄) or the My Number. Check what the office you "
                "give it to needs."
            ),
            _p("There is a fee. " + ASK["en"]),
            _p(f"Where and when: {office}."),
        ]
    if language == "ja-x-easy":
        return [
            _p("「じゅうみんひょうの うつし」は、すんでいる まちで もらえます。"),
            _h("もらいかた"),
            _ul(
                f"{n['office']}の まどぐち: じぶんだと わかる もの（マイナンバーカードなど）を もっていきます。",
                "コンビニ: マイナンバーカードで もらえる まちも あります。",
            ),
            _p("おかねが かかります。" + ASK["ja-x-easy"].format(**n)),
            _p(f"ばしょと でんわ: {office}"),
        ]
    return [
        _p("住民票の写しは、住んでいる市区町村で取れます。"),
        _h("住民票の写しの取り方"),
        _ul(
            f"窓口: {n['office']}の窓口で請求書を書いて請求します。本人確認書類（マイナンバーカード、運転免許証など）を持ってきてください。",
            "コンビニ: コンビニ交付サービスを行っている市区町村では、マイナンバーカード（利用者証明用電子証明書と"
            "4桁の暗証番号）を使って、コンビニのマルチコピー機で取れます。行っているかどうかは市にご確認ください。",
            "郵送: 郵送でも請求できます。請求の方法は担当窓口にお問い合わせください。",
        ),
        _h("請求できる人"),
        _p("本人か、同じ世帯の人です。代理人が請求するときは、本人が書いた委任状が必要です。"),
        _h("載せる内容"),
        _p(
            "世帯全員か一部の人か、本籍・続柄・マイナンバー（個人番号）を載せるかを、請求のときに選びます。"
            "必要な内容は、提出先にご確認ください。"
        ),
        _p("手数料がかかります。" + ASK["ja"].format(**n)),
        _p(f"窓口の場所・電話番号・受付時間は「{office}」をご覧ください。"),
    ]


def my_number_card(municipality, language, ids) -> list:
    n = _names(municipality, language)
    office = _office_link(n, language, ids)
    moving_link = TITLES["moving"][language]
    if language == "en":
        return [
            _h("Applying"),
            _p("The first card is free. Apply in one of these ways:"),
            _ul(
                "with a smartphone or a computer (from the QR code on the application form);",
                "by post (with a photo stuck on the application form);",
                "at a photo booth in town that offers it.",
            ),
            _h("Receiving the card"),
            _p(
                "About a month after you apply, a notice (交付通知書, a postcard) arrives. Bring it and an "
                f"identity document to {n['office']} and receive the card in person; you set your PINs there."
            ),
            _h("How long it is valid"),
            _p(
                "Aged 18 or over: until your 10th birthday after it was issued; under 18: until the 5th. The "
                "electronic certificates on it are valid until the 5th birthday after issue, whatever your age."
            ),
            _h("When your address changes"),
            _p(f"Have the card updated when you move: see {moving_link}."),
            _h("If you lose it"),
            _p(
                "Call the My Number general toll-free line 0120-95-0178 to suspend the card at once (24 hours, "
                "every day), report the loss to the police, then ask the city office for a new card."
            ),
            _p(f"Where and when: {office}."),
        ]
    if language == "ja-x-easy":
        return [
            _h("もうしこみ"),
            _p("はじめての カードは ただ（0えん）です。スマートフォン、パソコン、ゆうびんで もうしこめます。"),
            _h("うけとり"),
            _p(
                "1かげつぐらいで はがきが とどきます。はがきと じぶんだと わかる ものを もって、"
                f"{n['office']}に うけとりに いきます。"
            ),
            _h("なくしたとき"),
            _p("すぐに 0120-95-0178に でんわを してください（24じかん）。"),
            _p(f"ばしょと でんわ: {office}"),
        ]
    return [
        _p("マイナンバーカード（マイナカード）の申請から受け取りまでと、なくしたときの連絡先です。"),
        _h("申請のしかた"),
        _p("初めての交付は無料です。次のどれかで申請できます。"),
        _ul(
            "スマートフォンやパソコン（交付申請書のQRコードから）",
            "郵送（交付申請書に顔写真を貼って送る）",
            "まちなかの証明写真機（申請に対応しているもの）",
        ),
        _p(f"交付申請書が手元にないときは、{n['office']}の窓口にご相談ください。"),
        _h("受け取り"),
        _p(
            "申請からおよそ1か月で、交付通知書（はがき）が届きます。交付通知書と本人確認書類を持って、"
            f"本人が{n['office']}の窓口で受け取ります。受け取るときに暗証番号を設定します。"
        ),
        _h("有効期限"),
        _p(
            "カードの有効期限は、18歳以上の人は発行の日から10回目の誕生日まで、18歳未満の人は5回目の誕生日までです。"
            "カードの電子証明書の有効期限は、年齢にかかわらず発行の日から5回目の誕生日までです。"
        ),
        _h("住所が変わったとき"),
        _p(f"引っ越したときは、カードの住所も変更します。「{moving_link}」をご覧ください。"),
        _h("なくしたとき"),
        _p(
            "すぐにマイナンバー総合フリーダイヤル 0120-95-0178 に電話して、カードを一時停止してください（24時間365日受付）。"
            "警察に遺失届を出し、再交付は市の窓口で申請します。"
        ),
        _p(f"窓口の場所・電話番号・受付時間は「{office}」をご覧ください。"),
    ]


def _garbage_section(municipality, language):
    """The city's garbage section in *language*, when it has content (found by its title: ごみ)."""
    home = city_home(municipality)
    if home is None:
        return None
    for page in home.get_children().live().specific():
        if "ごみ" in page.title and section_has_content(page):
            locale = Locale.objects.filter(language_code=language).first()
            return (page.get_translation_or_none(locale) if locale else None) or page
    return None


def bulky_waste(municipality, language, ids) -> list:
    n = _names(municipality, language)
    facts = _facts(municipality)
    garbage = _garbage_section(municipality, language)
    city_text = facts.bulky.get(language, "")
    source = facts.bulky.get("source", "")
    blocks = []
    if language == "en":
        blocks.append(
            _p("What counts as oversized waste (粗大ごみ, 大型ごみ) and how to apply differ from city to city.")
        )
        if city_text:
            blocks.append(_p(city_text, f"{SOURCE_LABEL['en']}: {source}"))
        blocks.append(_p("How to apply, the fee and the collection day: " + ASK["en"]))
        if garbage:
            blocks.append(_links("Collection days and sorting", [(garbage.pk, garbage.title)]))
        return blocks
    if language == "ja-x-easy":
        blocks.append(_p("おおきい ごみ（そだいごみ）は、ふだんの ごみの ひには だせない ことが あります。"))
        if city_text:
            blocks.append(_p(city_text))
        blocks.append(_p("もうしこみかたと おかねは " + ASK["ja-x-easy"].format(**n)))
        if garbage:
            blocks.append(_links("ごみの ひと わけかた", [(garbage.pk, garbage.title)]))
        return blocks
    blocks.append(_p("粗大ごみ（大型ごみ）として扱うものの大きさや、申し込みの方法は、市区町村ごとに決まっています。"))
    if city_text:
        blocks.append(_p(city_text, f"{SOURCE_LABEL['ja']}: {source}"))
    blocks.append(_p("申し込み方法・手数料・収集日は、" + ASK["ja"].format(**n)))
    if garbage:
        blocks.append(_links("ごみの収集日と分け方", [(garbage.pk, garbage.title)]))
    return blocks


def childcare(municipality, language, ids) -> list:
    n = _names(municipality, language)
    places = [_place(place, language) for place in _facts(municipality).childcare]
    office = _office_link(n, language, ids)
    if language == "en":
        return [
            _p("Do not carry worries about raising your child alone: ask for advice."),
            _h("At the city"),
            _p(
                "The city's child-rearing and maternal and child health counters give advice on pregnancy, birth "
                "and raising children. When you are pregnant, notify the city and receive a Maternal and Child "
                "Health Handbook (母子健康手帳). The city runs the check-ups at 18 months and at 3 years (Maternal "
                "and Child Health Act). " + ASK["en"]
            ),
            *([_h(f"Where in {n['city']}")] + places if places else [_p(f"Where and when: {office}.")]),
            _h("At night, on holidays, or urgently"),
            _ul(
                "Sudden illness or injury of a child: children's medical phone advice <b>#8000</b> (run by each "
                "prefecture; hours differ).",
                "If you fear a child is being abused: child guidance centre line <b>189</b> (free, 24 hours).",
            ),
        ]
    if language == "ja-x-easy":
        return [
            _p("こそだてで こまったら、ひとりで なやまないで そうだんして ください。"),
            _h("しやくしょの そうだん"),
            _p("あかちゃんが できたら、しやくしょに つたえて 「ぼしけんこうてちょう」を もらいます。"),
            *([_h(f"{n['city']}の そうだんの ばしょ")] + places if places else [_p(f"ばしょと でんわ: {office}")]),
            _h("よるや やすみの ひ"),
            _ul(
                "こどもが きゅうに びょうきや けがを したとき: <b>#8000</b>",
                "こどもが たたかれて いるかも しれないとき: <b>189</b>（ただ、24じかん）",
            ),
        ]
    return [
        _p("子育てや育児の悩みは、ひとりで抱えずに相談してください。"),
        _h("市の子育て相談"),
        _p(
            "妊娠・出産・子育ての相談は、市の子育て・母子保健の担当窓口で受けられます。"
            "妊娠したら妊娠の届け出をして、母子健康手帳を受け取ってください。"
            "1歳6か月児健診と3歳児健診は市が行います（母子保健法）。" + ASK["ja"].format(**n)
        ),
        *(
            [_h(f"{n['city']}の相談窓口")] + places
            if places
            else [_p(f"窓口の場所・電話番号は「{office}」をご覧ください。")]
        ),
        _h("夜間・休日や、急いで相談したいとき"),
        _ul(
            "子どもの急な病気やけが: 子ども医療電話相談 <b>#8000</b>（都道府県が行っています。受付時間は都道府県によって違います）",
            "子どもへの虐待が心配なとき: 児童相談所虐待対応ダイヤル <b>189</b>（通話料無料、24時間）",
        ),
    ]


def city_office(municipality, language, ids) -> list:
    n = _names(municipality, language)
    facts = _facts(municipality)
    blocks = [_p(facts.note[language])] if facts.note.get(language) else []
    if facts.offices:
        blocks += [_place(place, language) for place in facts.offices]
    else:
        blocks.append(_p(NO_DATA[language].format(**n)))
    return blocks


TITLES = {
    "moving": {
        "ja": "転入・転出・転居（引っ越し）",
        "en": "Moving in, out or within the city",
        "ja-x-easy": "ひっこしの てつづき",
    },
    "residence-certificate": {
        "ja": "住民票の写し",
        "en": "Copy of your residence record (住民票)",
        "ja-x-easy": "じゅうみんひょう",
    },
    "my-number-card": {"ja": "マイナンバーカード", "en": "My Number Card", "ja-x-easy": "マイナンバーカード"},
    "bulky-waste": {"ja": "粗大ごみの申し込み", "en": "Oversized waste", "ja-x-easy": "おおきい ごみ（そだいごみ）"},
    "childcare-consultation": {
        "ja": "子育て相談",
        "en": "Advice on raising children",
        "ja-x-easy": "こそだての そうだん",
    },
}
SUMMARIES = {
    "moving": {
        "ja": "引っ越しのときの住所の届け出（転入届・転出届・転居届）の期限と持ち物です。",
        "en": "Notifying your new address when you move: deadlines and what to bring.",
        "ja-x-easy": "ひっこしの ときの とどけでです。",
    },
    "residence-certificate": {
        "ja": "住民票の写しの取り方（窓口・コンビニ・郵送）と、請求できる人です。",
        "en": "How to get a copy of your residence record, and who may ask for it.",
        "ja-x-easy": "じゅうみんひょうの もらいかたです。",
    },
    "my-number-card": {
        "ja": "マイナンバーカード（マイナカード）の申請・受け取り・有効期限と、なくしたときの連絡先です。",
        "en": "Applying for and receiving the card, how long it is valid, and what to do if you lose it.",
        "ja-x-easy": "マイナンバーカードの もうしこみと うけとりです。",
    },
    "bulky-waste": {
        "ja": "粗大ごみ（大型ごみ）の目安と申し込み先です。",
        "en": "What counts as oversized waste and where to apply.",
        "ja-x-easy": "おおきい ごみの だしかたです。",
    },
    "childcare-consultation": {
        "ja": "子育て・育児の悩みの相談先です。",
        "en": "Where to ask for advice on pregnancy and raising children.",
        "ja-x-easy": "こそだての そうだんの ばしょです。",
    },
    "city-office": {
        "ja": "{office}の場所・電話番号・受付時間です。",
        "en": "Where the city office is, its phone number and opening hours.",
        "ja-x-easy": "{office}の ばしょと でんわばんごうです。",
    },
}
SECTION = {
    "ja": ("くらしの手続き", "引っ越し、住民票、マイナンバーカード、粗大ごみ、子育て相談、窓口と電話番号。"),
    "en": (
        "Procedures and contacts",
        "Moving, residence records, My Number Card, oversized waste, childcare advice, contacts.",
    ),
    "ja-x-easy": (
        "くらしの てつづき",
        "ひっこし、じゅうみんひょう、マイナンバーカード、ごみ、こそだて、でんわばんごう。",
    ),
}
PAGES = [
    ("moving", moving),
    ("residence-certificate", residence_certificate),
    ("my-number-card", my_number_card),
    ("bulky-waste", bulky_waste),
    ("childcare-consultation", childcare),
    ("city-office", city_office),
]


def page_title(slug: str, municipality, language: str) -> str:
    if slug == "city-office":
        return _office_title(_names(municipality, language), language)
    return TITLES[slug][language]


def _without_ids(value):
    """A stored block value without the ids Wagtail gives list items afresh on every save."""
    if isinstance(value, dict):
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value


def _prepared(body) -> list:
    """A body as stored (without block ids), to tell whether a page needs publishing again."""
    stored = (body if hasattr(body, "get_prep_value") else StandardPage(body=body).body).get_prep_value()
    return [(block["type"], _without_ids(block["value"])) for block in stored]


def _publish(page: Page, *, title: str, summary: str, body: list, show_in_menus: bool) -> Page:
    page = page.specific
    if (
        (page.title, page.summary, page.show_in_menus) != (title, summary, show_in_menus)
        or _prepared(list(body)) != _prepared(page.body)
        or not page.live
        or page.has_unpublished_changes
    ):
        page.title, page.summary, page.show_in_menus, page.body = title, summary, show_in_menus, body
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def _child(parent: Page, slug: str, title: str) -> Page:
    """The standard page *slug* under *parent* (created as a draft when missing: ``_publish``
    publishes it once, with its content)."""
    page = StandardPage.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = StandardPage(title=title, slug=slug, locale_id=parent.locale_id, live=False)
        parent.add_child(instance=page)
    return page


def _translation(page: Page, locale: Locale) -> Page:
    """*page* in *locale* (a draft copy when missing: ``_publish`` publishes it with its content)."""
    return (page.get_translation_or_none(locale) or page.copy_for_translation(locale)).specific


@transaction.atomic
def load_demo(municipality, stdout) -> None:
    """The city's くらしの手続き section and its six pages, in Japanese, English and やさしい日本語 (idempotent)."""
    home = city_home(municipality)
    if home is None:
        return
    locales = [locale for code in LANGUAGES if (locale := Locale.objects.filter(language_code=code).first())]
    default = Locale.get_default()
    section = _child(home, SECTION_SLUG, SECTION["ja"][0])
    source_pages = {slug: _child(section, slug, page_title(slug, municipality, "ja")) for slug, _build in PAGES}
    for locale in locales:
        language = locale.language_code
        if locale.pk == default.pk:
            translated_section, pages = section, source_pages
        else:
            if home.get_translation_or_none(locale) is None:
                continue
            translated_section = _translation(section, locale)
            pages = {slug: _translation(page, locale) for slug, page in source_pages.items()}
        ids = {slug: page.pk for slug, page in pages.items()}
        n = _names(municipality, language)
        for slug, build in PAGES:
            see_also = SEE_ALSO.get(slug, ["city-office"])
            related = _links(RELATED[language], [(ids[o], page_title(o, municipality, language)) for o in see_also])
            _publish(
                pages[slug],
                title=page_title(slug, municipality, language),
                summary=SUMMARIES[slug][language].format(**n),
                body=[*build(municipality, language, ids), related],
                show_in_menus=False,
            )
        title, summary = SECTION[language]
        links = _links("", [(ids[slug], page_title(slug, municipality, language)) for slug, _build in PAGES])
        _publish(translated_section, title=title, summary=summary, body=[links], show_in_menus=True)
    stdout.write(f"  procedures: {len(PAGES)} pages in {len(locales)} languages")
