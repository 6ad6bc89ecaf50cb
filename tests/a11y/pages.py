"""Every kind of page the portal shows, in every language it exists in, checked with axe-core.

Checked on the demo city (``tests/a11y/test_demo_city.py``): every feature in every language. The page list
comes from the database: the first live page of each page type in each locale, plus the views a
resident reaches from those pages (a garbage area with its calendar and a dictionary answer, the
printable calendar, a nursery, the events calendar, facilities near an address, the Japanese page
shown in another language's chrome, ふりがな on), the search page with a query and the 404 page.
Each is checked with axe-core's WCAG 2.1 A/AA rules at desktop width, its own stylesheets, scripts
and images must load, and at 320 px wide it must not scroll sideways. Every problem on every page
is collected, then reported at once.
"""

from __future__ import annotations

from urllib.parse import quote

from tests.a11y.checks import horizontal_overflow, run_axe

PAGE_RESOURCES = {"stylesheet", "script", "image", "font"}
SEARCH_QUERIES = {"ja": "ごみ", "en": "garbage", "ja-x-easy": "ごみ"}


def _path(page) -> str:
    return page.specific.get_url_parts()[2]


def extra_views(page, language: str) -> list[tuple[str, str]]:
    """The sub-views of a routable page a resident reaches from it, as (label, path)."""
    name = type(page).__name__
    base = _path(page)
    views: list[tuple[str, str]] = []
    if name == "GarbageCalendarPage":
        from services.garbage.models import CollectionArea

        area = CollectionArea.objects.filter(municipality=page.municipality).order_by("pk").first()
        if area is not None:
            views.append(("garbage area + dictionary", f"{base}?area={quote(area.code)}&q={quote('電池')}"))
            views.append(("garbage area search", f"{base}?where={quote(area.name[:2])}"))
            views.append(("garbage print", f"{base}print/?area={quote(area.code)}"))
    elif name == "NurseryIndexPage":
        from services.nurseries.models import Nursery

        nurseries = Nursery.objects.order_by("pk")
        if page.municipality_id:
            nurseries = nurseries.filter(municipality_id=page.municipality_id)
        nursery = nurseries.first()
        if nursery is not None:
            views.append(("nursery detail", f"{base}{nursery.pk}/"))
            views.append(("nurseries filtered", f"{base}?age=1&vacancy=on"))
    elif name == "EventIndexPage":
        views.append(("events calendar", f"{base}calendar/"))
    elif name == "FacilityIndexPage":
        facility = page.get_children().live().specific().first()
        address = getattr(facility, "full_address", "") or getattr(facility, "address", "")
        if address:
            views.append(("facilities near an address", f"{base}?address={quote(address)}&radius=1000"))
    return views


def discover_urls() -> list[tuple[str, str]]:
    """(label, path) for one live page of every page type in every locale, and the views around them."""
    from wagtail.models import Locale, Page

    first_of_kind: dict[tuple[int, str], int] = {}
    rows = Page.objects.live().public().filter(depth__gt=1).order_by("path")
    for pk, content_type_id, language in rows.values_list("pk", "content_type_id", "locale__language_code"):
        first_of_kind.setdefault((content_type_id, language), pk)

    urls: list[tuple[str, str]] = []
    pages = Page.objects.filter(pk__in=first_of_kind.values()).specific().select_related("locale")
    for page in sorted(pages, key=lambda p: (p.locale.language_code, p.path)):
        language = page.locale.language_code
        urls.append((f"{type(page).__name__} ({language})", _path(page)))
        urls.extend((f"{label} ({language})", path) for label, path in extra_views(page, language))

    languages = sorted(Locale.objects.values_list("language_code", flat=True))
    for language in languages:
        query = SEARCH_QUERIES.get(language, "Takamatsu")
        urls.append((f"search ({language})", f"/{language}/search/?q={quote(query)}"))
    urls.append(("search, nothing found (ja)", f"/ja/search/?q={quote('存在しない語ぴよぴよ')}"))
    urls.append(("404 (ja)", "/ja/no-such-page/"))
    urls.append(("404 (en)", "/en/no-such-page/"))

    # A Japanese page with no English translation, shown in the English site's chrome.
    untranslated = (
        Page.objects.live()
        .public()
        .filter(locale__language_code="ja", depth__gt=2)
        .exclude(translation_key__in=Page.objects.filter(locale__language_code="en").values("translation_key"))
        .order_by("path")
        .first()
    )
    if untranslated is not None:
        urls.append(("untranslated page (en)", f"/en/-/untranslated/{untranslated.pk}/"))
    # ふりがな on (Japanese and Easy Japanese).
    urls.append(("home with ふりがな (ja-x-easy)", "/ja-x-easy/?furigana=1"))
    return urls


def check_pages(page, origin: str, urls: list[tuple[str, str]]) -> list[dict]:
    """Every problem axe-core, the network and the 320 px check find on these pages."""
    failed: list[str] = []  # the page's own stylesheets, scripts and images that did not load
    page.on(
        "response",
        lambda r: (
            failed.append(f"{r.status} {r.url}")
            if r.url.startswith(origin) and r.status >= 400 and r.request.resource_type in PAGE_RESOURCES
            else None
        ),
    )
    found: list[dict] = []

    def problem(where, width, rule, target, help_text, impact="serious", detail=""):
        found.append(
            {"page": where, "width": width, "rule": rule, "impact": impact, "target": target, "help": help_text}
            | ({"detail": detail} if detail else {})
        )

    for label, path in urls:
        where = f"{label} {path}"
        failed.clear()
        page.set_viewport_size({"width": 1280, "height": 900})
        response = page.goto(origin + path, wait_until="load")
        expected = 404 if label.startswith("404") else 200
        if response is None or response.status != expected:
            problem(where, "-", "http-status", "document", f"answered {response and response.status}, not {expected}")
            continue
        for violation in run_axe(page):
            for node in violation["targets"]:
                detail = f"{node['summary']} | {node['html']}"
                problem(
                    where, "1280px", violation["id"], node["target"], violation["help"], violation["impact"], detail
                )
        for failure in failed:
            problem(where, "-", "resource-failed", failure, "a stylesheet, script or image of the page did not load")

        page.set_viewport_size({"width": 320, "height": 640})
        overflow, culprits = horizontal_overflow(page)
        if overflow > 0:
            target = ", ".join(culprits) or "document"
            problem(where, "320px", "horizontal-scroll", target, f"the page scrolls {overflow} px sideways at 320 px")
    return found
