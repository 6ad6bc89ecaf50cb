"""The search's demo content: synonym groups; ``promote`` lets each domain's demo promote its pages."""

from search.models import SynonymGroup

DEMO_SYNONYMS = [
    ("保育園 = 保育所 = 保育施設", "保育所 is the legal term; residents say 保育園."),
    ("ごみ = 塵", "ゴミ needs no synonym: katakana and hiragana are matched already."),
    (
        "燃やせるごみ = 燃やすごみ = 燃えるごみ = 可燃ごみ",
        "Each city names its categories its own way; residents type the name they know.",
    ),
    (
        "燃やせないごみ = 燃やさないごみ = 燃えないごみ = 不燃ごみ = 破砕ごみ",
        "高松市 collects what other cities call 燃やせないごみ as 破砕ごみ.",
    ),
    ("粗大ごみ = 大型ごみ", ""),
    ("コミュニティセンター = 公民館 = 地区センター", "高松市 calls its community halls コミュニティセンター."),
    ("子育て = 育児", ""),
    ("避難所 = 避難場所", ""),
    # How residents ask for the くらしの手続き pages (home/demo_procedures.py).
    (
        "引っ越し = 引越し = 引越 = 転入 = 転出 = 転居",
        "Residents say 引っ越し; the notifications are 転入届, 転出届 and 転居届.",
    ),
    (
        "マイナンバーカード = マイナカード = 個人番号カード",
        "個人番号カード is the legal name; マイナカード the everyday one.",
    ),
    ("子育て相談 = 育児相談", ""),
    ("市役所 = 区役所 = 役所 = 役場", "A ward (目黒区) or a city of wards (横浜市) answers at its 区役所."),
    ("電話番号 = 連絡先 = 問い合わせ先 = 問合せ先", ""),
]


# Words residents type alone for a くらしの手続き page (home/demo_procedures.py): each city's own
# page comes first, above the city's events that mention the same word (promotions of another
# site are not shown).
PROCEDURE_PROMOTIONS = [
    ("引っ越し", "moving"),
    ("引越し", "moving"),
    ("住民票", "residence-certificate"),
    ("マイナカード", "my-number-card"),
    ("マイナンバーカード", "my-number-card"),
    ("粗大ごみ", "bulky-waste"),
]


def promote(query: str, page, description: str) -> None:
    """Show *page* first for *query* (idempotent). Each domain's demo promotes its own pages."""
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    SearchPromotion.objects.update_or_create(
        query=Query.get(query), page=page, defaults={"description": description, "sort_order": 0}
    )


def load_demo(municipality, stdout) -> None:
    """Create or update the demo's synonym groups (idempotent); they serve every city, so they are
    loaded with the default city only."""
    from home.sites import default_municipality

    _promote_procedures(municipality)
    if municipality != default_municipality():
        return
    for terms, note in DEMO_SYNONYMS:
        SynonymGroup.objects.update_or_create(terms=terms, defaults={"note": note})
    stdout.write(f"  search: {len(DEMO_SYNONYMS)} synonym groups")


def _promote_procedures(municipality) -> None:
    from home.demo_procedures import SECTION_SLUG
    from home.models import StandardPage
    from home.sites import city_home

    home = city_home(municipality)
    section = StandardPage.objects.child_of(home).filter(slug=SECTION_SLUG).first() if home else None
    if section is None:
        return
    pages = {page.slug: page for page in StandardPage.objects.child_of(section)}
    for query, slug in PROCEDURE_PROMOTIONS:
        if slug in pages:
            promote(query, pages[slug], pages[slug].summary)
