"""What the home page gathers from the domains: the next events and the section pages."""

from datetime import timedelta

from django import template
from django.apps import apps
from django.utils import translation
from wagtail.models import Locale

register = template.Library()

UPCOMING_DAYS = 30


def _locale(context) -> Locale:
    page = context.get("page")
    if page is not None and getattr(page, "locale_id", None):
        return page.locale
    return Locale.objects.filter(language_code=translation.get_language()).first() or Locale.get_default()


@register.simple_tag(takes_context=True)
def section_page(context, model_label: str):
    """The live page of a section type (``"facilities.FacilityIndexPage"``) in the page's language,
    else the Japanese one."""
    model = apps.get_model(model_label)
    locale = _locale(context)
    pages = model.objects.live()
    return pages.filter(locale=locale).first() or pages.filter(locale=Locale.get_default()).first()


@register.simple_tag(takes_context=True)
def upcoming_events(context, limit: int = 5):
    """The next event dates from today, in the page's language (Japanese where untranslated)."""
    from japanese.dates import today_in_japan
    from services.events.formatting import format_occurrence
    from services.events.queries import EventFilters, find_occurrences

    locale = _locale(context)
    today = today_in_japan()
    # Events that start from today: a year-long programme that began in April is not "coming up".
    found, _total = find_occurrences(
        EventFilters(first_day=today, last_day=today + timedelta(days=UPCOMING_DAYS), starting_only=True),
        locale,
        limit=limit,
    )
    return [
        {
            "page": item.page,
            "when": format_occurrence(item.occurrence.as_occurrence(), locale.language_code, with_year=False),
            "start": item.occurrence.start,
        }
        for item in found
    ]
