"""Generic helpers for the home page's panels: the page's language and the section pages."""

from django import template
from django.apps import apps
from django.utils import translation
from wagtail.models import Locale

register = template.Library()


def page_locale(context) -> Locale:
    """The locale of the page being rendered, else of the active language, else the default."""
    page = context.get("page")
    if page is not None and getattr(page, "locale_id", None):
        return page.locale
    return Locale.objects.filter(language_code=translation.get_language()).first() or Locale.get_default()


@register.simple_tag(takes_context=True)
def section_page(context, model_label: str):
    """The requested site's live page of a section type (``"facilities.FacilityIndexPage"``) in
    the page's language, else the Japanese one."""
    from home.sites import request_pages_q

    model = apps.get_model(model_label)
    locale = page_locale(context)
    pages = model.objects.live().public().filter(request_pages_q(context.get("request"))).order_by("path")
    return pages.filter(locale=locale).first() or pages.filter(locale=Locale.get_default()).first()
