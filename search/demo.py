"""Demo content of the search domain, called by the load_demo command: synonyms and promotions."""

from search.models import SynonymGroup

DEMO_SYNONYMS = [
    ("保育園 = 保育所 = 保育施設", "保育所 is the legal term; residents say 保育園."),
    ("ごみ = ゴミ = 塵", ""),
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

# query → page type whose first live page is promoted (app label, model name)
DEMO_PROMOTIONS = [
    ("ごみ", ("garbage", "GarbageCalendarPage"), "収集日・分別の案内はこちら"),
    ("保育園", ("nurseries", "NurseryIndexPage"), "空き状況と施設の一覧"),
]


def load_demo(municipality, stdout) -> None:
    """Create or update this domain's demo content for *municipality* (idempotent)."""
    from django.apps import apps
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import Locale

    for terms, note in DEMO_SYNONYMS:
        SynonymGroup.objects.update_or_create(terms=terms, defaults={"note": note})
    japanese = Locale.get_default()
    for query, (app_label, model_name), description in DEMO_PROMOTIONS:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        page = model.objects.live().filter(locale=japanese).first()
        if page is None:
            continue
        SearchPromotion.objects.update_or_create(
            query=Query.get(query), page=page, defaults={"description": description, "sort_order": 0}
        )
    stdout.write(f"  search: {len(DEMO_SYNONYMS)} synonym groups, promotions for {len(DEMO_PROMOTIONS)} queries")
