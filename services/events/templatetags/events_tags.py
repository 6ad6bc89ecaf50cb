"""``{% upcoming_events %}``: the next event dates, for the events panel of the home page."""

from datetime import timedelta

from django import template

from home.sites import request_pages_q
from home.templatetags.home_widgets import page_locale
from japanese.dates import today_in_japan
from services.events.formatting import format_occurrence
from services.events.queries import EventFilters, find_occurrences

register = template.Library()

UPCOMING_DAYS = 30


@register.simple_tag(takes_context=True)
def upcoming_events(context, limit: int = 5):
    """The requested site's next event dates from today, in the page's language (Japanese where
    untranslated)."""
    locale = page_locale(context)
    today = today_in_japan()
    # Events that start from today: a year-long programme that began in April is not "coming up",
    # nor is a notice that opens next week (補助金の申請受付 for a year).
    found, _total = find_occurrences(
        EventFilters(
            first_day=today, last_day=today + timedelta(days=UPCOMING_DAYS), starting_only=True, notices=False
        ),
        locale,
        request_pages_q(context.get("request")),
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
