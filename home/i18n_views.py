"""Resident-facing language views: the not-yet-translated fallback and the ふりがな switch.

- ``untranslated_page`` (``/<lang>/-/untranslated/<page id>/``): a page that has no live
  translation in the reader's language is shown in Japanese, inside that language's site
  chrome, with a notice in the reader's language that says so and links the やさしい日本語
  version when there is one. Where a translation exists it redirects there instead.
- ``route_untranslated``: the same for the URL of a translation that is still a draft
  (``/en/gomi/`` before the translator's work is published), through ``BasePage.route``.
- ``furigana_switch`` (``/<lang>/-/furigana/?on=1&next=…``): remembers the reader's choice in
  a cookie and goes back to the page. ``?furigana=1`` on any page URL works too (for links).
"""

from __future__ import annotations

import re

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import Locale, Page

from home.models import EASY_JAPANESE
from home.visibility import is_resident_page, resident_pages

FURIGANA_COOKIE = "furigana"
FURIGANA_LANGUAGES = {"ja", EASY_JAPANESE}


def furigana_enabled(request) -> bool:
    """Whether the reader asked for ふりがな: ``?furigana=1|0`` wins over the cookie."""
    if request is None:
        return False
    asked = request.GET.get("furigana")
    if asked in {"1", "on"}:
        return True
    if asked in {"0", "off"}:
        return False
    return request.COOKIES.get(FURIGANA_COOKIE) == "1"


_LEADING_SLASHES = re.compile(r"^[/\\]+")


def local_full_path(request) -> str:
    """``request.get_full_path()`` as a path on this host, whatever the request line held.

    A request for ``//evil.example/ja/`` (or ``/\\evil.example/``, which browsers read the same)
    has that as its path; put in a link or in ``translate_url`` it would be a protocol-relative
    URL to another host. Leading slashes and backslashes collapse into one ``/``, so a link built
    from the path stays on the requested host (``/evil.example/ja/``, a 404 here).
    """
    return _LEADING_SLASHES.sub("/", request.get_full_path())


def _safe_next(request, fallback: str) -> str:
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


def furigana_switch(request):
    on = request.GET.get("on") == "1"
    response = HttpResponseRedirect(_safe_next(request, f"/{translation.get_language()}/"))
    if on:
        response.set_cookie(FURIGANA_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax")
    else:
        response.delete_cookie(FURIGANA_COOKIE, samesite="Lax")
    return response


def show_untranslated(request, source: Page) -> None:
    """Mark *request* as reading the Japanese *source* in the reader's language: ``base.html``
    then shows the notice (with the やさしい日本語 link when there is one) and keeps the content
    ``lang="ja"``."""
    language = translation.get_language()
    easy_locale = Locale.objects.filter(language_code=EASY_JAPANESE).first()
    easy = source.get_translation_or_none(easy_locale) if easy_locale and language != EASY_JAPANESE else None
    request.translation_notice = {
        "language": language,
        "source_url": source.get_url(request=request),
        "easy_url": easy.get_url(request=request) if is_resident_page(easy) else "",
    }


def route_untranslated(request, page: Page):
    """The route for the URL of a translation that is not published yet (``BasePage.route``):
    its Japanese source with the notice, or None (a 404) when there is no source residents may read."""
    source_locale = Locale.get_default()
    if page.locale_id == source_locale.pk:
        return None
    source = page.get_translation_or_none(source_locale)
    if not is_resident_page(source, request):
        return None
    source = source.specific
    show_untranslated(request, source)
    # Route as Wagtail does, so routable pages (RoutablePageMixin) get their index view.
    return source.route(request, [])


def untranslated_page(request, page_id: int):
    language = translation.get_language()
    page = get_object_or_404(resident_pages(Page.objects.all()), pk=page_id).specific
    source_locale = Locale.get_default()
    source = page if page.locale_id == source_locale.pk else page.get_translation_or_none(source_locale)
    if source is None or not is_resident_page(source):
        source = page
    source = source.specific
    wanted = Locale.objects.filter(language_code=language).first()
    if wanted is not None:
        translated = source.get_translation_or_none(wanted)
        if translated is not None and is_resident_page(translated):
            return redirect(translated.get_url(request=request))
    show_untranslated(request, source)
    routed_page, args, kwargs = source.route(request, [])
    response = routed_page.serve(request, *args, **kwargs)
    response.headers["X-Robots-Tag"] = "noindex"
    return response
