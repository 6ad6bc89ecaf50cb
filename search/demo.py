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

    if municipality != default_municipality():
        return
    for terms, note in DEMO_SYNONYMS:
        SynonymGroup.objects.update_or_create(terms=terms, defaults={"note": note})
    stdout.write(f"  search: {len(DEMO_SYNONYMS)} synonym groups")
