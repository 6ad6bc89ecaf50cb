"""Open now / AED usable now, as a resident reads it: 開いています（17:15まで）."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext

from facilities.hours import OpenStatus
from japanese import dates
from japanese.dates import TOKYO

register = template.Library()


def _clock(moment: datetime) -> str:
    return f"{moment.hour}:{moment.minute:02d}"


def opens_text(opens_at: datetime | None, now: datetime | None = None) -> str:
    """``今日 9:30`` / ``明日 9:00`` / ``12/4(金) 9:30``: when a closed place opens next."""
    if opens_at is None:
        return ""
    today = (now or dates.now_in_japan()).astimezone(TOKYO).date()
    day = opens_at.astimezone(TOKYO).date()
    if day == today:
        return gettext("today at %(time)s") % {"time": _clock(opens_at)}
    if day == today + timedelta(days=1):
        return gettext("tomorrow at %(time)s") % {"time": _clock(opens_at)}
    return gettext("%(date)s at %(time)s") % {"date": date_format(day, "n/j (D)"), "time": _clock(opens_at)}


@register.filter
def open_label(status: OpenStatus | None) -> str:
    """開いています（17:15まで） / 閉まっています（明日 9:00から）; "" when the hours are not known."""
    if status is None:
        return ""
    if status.open:
        return gettext("Open now (until %(time)s)") % {"time": _clock(status.closes_at)}
    if status.opens_at:
        return gettext("Closed now (opens %(when)s)") % {"when": opens_text(status.opens_at)}
    return gettext("Closed now")


@register.filter
def aed_label(status: OpenStatus | None) -> str:
    """今使えます（17:15まで） / 使えません（時間外）; "" when its hours are not known."""
    if status is None:
        return ""
    if status.open:
        return gettext("AED usable now (until %(time)s)") % {"time": _clock(status.closes_at)}
    if status.opens_at:
        return gettext("AED not usable now (outside its hours; from %(when)s)") % {"when": opens_text(status.opens_at)}
    return gettext("AED not usable now (outside its hours)")
