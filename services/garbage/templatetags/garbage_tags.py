"""``{% garbage_notice %}``: "明日は燃やすごみの日です" for the area this browser remembers.

The lead includes it on the home page (``{% load garbage_tags %}{% garbage_notice %}``). The
area comes from the ``garbage_area`` cookie, which the garbage page sets together with
localStorage when a resident picks their area; only an area of the requested site's city counts,
and the link goes to that city's calendar page.
"""

from datetime import timedelta

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from home.lookups import locale_by_id, locale_for, remember
from home.sites import request_municipality, request_site
from home.visibility import is_expired, resident_pages
from japanese.dates import today_in_japan
from services.garbage.calendar import AreaSchedule, localised_categories
from services.garbage.models import CollectionArea, GarbageCalendarPage
from services.garbage.views import AREA_COOKIE

register = template.Library()


def _join(names: list[str]) -> str:
    separator = "・" if (get_language() or "ja").startswith("ja") else ", "
    return separator.join(names)


@register.inclusion_tag("services/garbage/_home_notice.html", takes_context=True)
def garbage_notice(context):
    request = context.get("request")
    page = context.get("page")
    locale_id = getattr(page, "locale_id", None)
    locale = locale_by_id(locale_id) if locale_id else locale_for(get_language())
    # The site's own city only: another city's calendar page or a cookie of its area is not ours.
    municipality = request_municipality(request)
    site = request_site(request)
    calendar_page = remember(
        f"garbage-calendar-page:{site.pk if site else 0}:{municipality.pk if municipality else 0}:{locale.pk}",
        lambda: (
            resident_pages(GarbageCalendarPage.objects.all(), request)
            .filter(municipality=municipality, locale=locale)
            .order_by("path")
            .first()
        ),
    )
    if calendar_page is not None and is_expired(calendar_page):
        calendar_page = None
    code = request.COOKIES.get(AREA_COOKIE, "")[:40] if request else ""
    area = None
    notices = []
    if code and municipality is not None:
        areas = CollectionArea.objects.select_related("municipality__garbage_policy", "centre")
        area = areas.filter(municipality=municipality, code=code).first()
    if area:
        today = today_in_japan()
        categories = localised_categories(area.municipality, locale)
        collections = AreaSchedule.load(area).collections(today, today + timedelta(days=1), categories)
        for day, message in (
            (today, _("Today is %(categories)s day.")),
            (today + timedelta(days=1), _("Tomorrow is %(categories)s day.")),
        ):
            found = [c.category for c in collections if c.date == day]
            if found:
                notices.append(
                    {"text": message % {"categories": _join([c.name for c in found])}, "colour": found[0].colour}
                )
    return {"notices": notices, "area": area, "calendar_page": calendar_page, "request": request}
