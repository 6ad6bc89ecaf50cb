"""Template tags of the language work: the switcher's links, ふりがな and the translation notice.

- ``{% translation_links as languages %}``: the switcher's links (``portal_tags.language_links``),
  where a page has no translation in a language the link goes to the not-yet-translated view
  (the Japanese page with a notice in that language) instead of that language's home page; the
  query string (a chosen garbage area, say) is kept.
- ``{% furigana %}…{% endfurigana %}``: when the reader turned ふりがな on and the page is in
  Japanese or やさしい日本語, the kanji of the enclosed HTML get ``<ruby>`` readings. The result
  is cached in Django's cache by the hash of the HTML, so an unchanged page is analysed once.
- ``{% furigana_state as state %}``: {"available", "on", "on_url", "off_url"} for the switch.
"""

from __future__ import annotations

import hashlib

from django import template
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from wagtail.models import Page

from home.i18n_views import FURIGANA_LANGUAGES, furigana_enabled, local_full_path
from home.templatetags.portal_tags import language_links
from japanese.furigana import ruby_html_fragment

register = template.Library()

FURIGANA_CACHE_SECONDS = 24 * 3600


@register.simple_tag(takes_context=True)
def translation_links(context):
    links = language_links(context)
    page = context.get("page")
    if not isinstance(page, Page):
        return links
    request = context.get("request")
    # Keep the query (the chosen garbage area, a search) when switching language on the same page.
    query = f"?{request.GET.urlencode()}" if request is not None and request.GET else ""
    for link in links:
        if not link["alternate"] and not link["current"] and page.depth > 2:
            with translation.override(link["code"]):
                link["url"] = reverse("untranslated_page", args=[page.pk])
        link["url"] += query
    return links


def cached_furigana(html: str) -> str:
    key = "furigana:" + hashlib.sha256(html.encode()).hexdigest()
    result = cache.get(key)
    if result is None:
        result = ruby_html_fragment(html)
        cache.set(key, result, FURIGANA_CACHE_SECONDS)
    return result


class FuriganaNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        if translation.get_language() in FURIGANA_LANGUAGES and furigana_enabled(context.get("request")):
            return mark_safe(cached_furigana(html))  # noqa: S308 - template output; ruby_html_fragment escapes all text
        return html


@register.tag("furigana")
def do_furigana(parser, token):
    nodelist = parser.parse(("endfurigana",))
    parser.delete_first_token()
    return FuriganaNode(nodelist)


@register.simple_tag(takes_context=True)
def furigana_state(context):
    request = context.get("request")
    language = translation.get_language()
    available = request is not None and language in FURIGANA_LANGUAGES
    if not available:
        return {"available": False}
    path = local_full_path(request)
    switch = reverse("furigana_switch")
    return {
        "available": True,
        "on": furigana_enabled(request),
        "on_url": f"{switch}?{urlencode({'on': '1', 'next': path})}",
        "off_url": f"{switch}?{urlencode({'on': '0', 'next': path})}",
    }
