"""The event editor's repeat choices, turned into the stored RFC 5545 recurrence.

The editor picks daily / weekly on weekdays / monthly on a day or on the nth weekday /
yearly, an interval, an end date or a count, and excluded and added dates. On save these
become ``rrule``, ``exdates`` and ``rdates`` (see recurrence.build_recurrence). "Custom"
keeps an RRULE typed as text. Errors are shown on the field they concern.
"""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.utils.translation import gettext_lazy as _

from home.page_forms import PageForm

from . import recurrence
from .recurrence import TOKYO, RecurrenceError, RepeatChoice

CUSTOM = "custom"
FREQUENCY_CHOICES = [
    (recurrence.NONE, _("Does not repeat")),
    (recurrence.DAILY, _("Every day")),
    (recurrence.WEEKLY, _("Every week on the chosen weekdays")),
    (recurrence.MONTHLY_BY_DAY, _("Every month on a day of the month")),
    (recurrence.MONTHLY_BY_WEEKDAY, _("Every month on the nth weekday (e.g. 第2土曜)")),
    (recurrence.YEARLY, _("Every year")),
    (CUSTOM, _("Custom rule (RRULE text below)")),
]
WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
WEEK_OF_MONTH_CHOICES = [
    ("", "—"),
    (1, _("1st")),
    (2, _("2nd")),
    (3, _("3rd")),
    (4, _("4th")),
    (5, _("5th")),
    (-1, _("last")),
]

REPEAT_FIELDS = {
    "frequency": "repeat_frequency",
    "interval": "repeat_interval",
    "weekdays": "repeat_weekdays",
    "month_day": "repeat_month_day",
    "week_of_month": "repeat_week_of_month",
    "weekday": "repeat_weekday",
    "until": "repeat_until",
    "count": "repeat_count",
    "excluded": "repeat_excluded",
    "added": "repeat_added",
    "exdates": "repeat_excluded",
    "rdates": "repeat_added",
    "rrule": "rrule",
    "start": "start_date",
    "end": "end_date",
}


class EventPageForm(PageForm):
    repeat_frequency = forms.ChoiceField(label=_("Repeats"), choices=FREQUENCY_CHOICES, required=False)
    repeat_interval = forms.IntegerField(
        label=_("Every … (interval)"), min_value=1, initial=1, required=False, help_text=_("2 = every other.")
    )
    repeat_count = forms.IntegerField(label=_("Number of times"), min_value=1, required=False)
    repeat_until = forms.DateField(label=_("Repeat until"), required=False)
    repeat_weekdays = forms.TypedMultipleChoiceField(
        label=_("On weekdays"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    repeat_month_day = forms.IntegerField(
        label=_("Day of the month"), min_value=-1, max_value=31, required=False, help_text=_("-1 = last day.")
    )
    repeat_week_of_month = forms.TypedChoiceField(
        label=_("Week of the month"), choices=WEEK_OF_MONTH_CHOICES, coerce=int, empty_value=None, required=False
    )
    repeat_weekday = forms.TypedChoiceField(
        label=_("Weekday"), choices=[("", "—"), *WEEKDAY_CHOICES], coerce=int, empty_value=None, required=False
    )
    repeat_excluded = forms.CharField(
        label=_("Excluded dates"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One date per line, e.g. 2026-08-08."),
    )
    repeat_added = forms.CharField(
        label=_("Added dates"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One date per line, at the event's usual time."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        if self.is_bound:
            return
        excluded = recurrence.parse_date_list(page.exdates) if page.exdates else ()
        added = recurrence.parse_date_list(page.rdates) if page.rdates else ()
        self.initial["repeat_excluded"] = "\n".join(day.isoformat() for day in excluded)
        self.initial["repeat_added"] = "\n".join(day.isoformat() for day in added)
        try:
            choice = recurrence.choice_from_recurrence(recurrence.Recurrence(page.rrule or "", excluded, added))
        except RecurrenceError:
            self.initial["repeat_frequency"] = CUSTOM
            return
        self.initial.update(
            repeat_frequency=choice.frequency,
            repeat_interval=choice.interval,
            repeat_count=choice.count,
            repeat_until=choice.until,
            repeat_weekdays=list(choice.weekdays),
            repeat_month_day=choice.month_day,
            repeat_week_of_month=choice.week_of_month,
            repeat_weekday=choice.weekday,
        )

    def clean(self):
        cleaned = super().clean()
        start_date = cleaned.get("start_date")
        if start_date is None:
            return cleaned
        all_day = cleaned.get("all_day") or cleaned.get("start_time") is None
        start = datetime.combine(start_date, cleaned.get("start_time") or time(0), tzinfo=TOKYO)
        try:
            excluded = recurrence.parse_date_list(cleaned.get("repeat_excluded", ""), "excluded")
            added = recurrence.parse_date_list(cleaned.get("repeat_added", ""), "added")
            frequency = cleaned.get("repeat_frequency") or recurrence.NONE
            if frequency == CUSTOM:
                rule = recurrence.normalise_rrule(cleaned.get("rrule", ""), start, all_day)
                built = recurrence.Recurrence(rule, excluded, tuple(sorted(set(added) - set(excluded))))
            else:
                built = recurrence.build_recurrence(
                    RepeatChoice(
                        frequency=frequency,
                        interval=cleaned.get("repeat_interval") or 1,
                        weekdays=tuple(cleaned.get("repeat_weekdays") or ()),
                        month_day=cleaned.get("repeat_month_day"),
                        week_of_month=cleaned.get("repeat_week_of_month"),
                        weekday=cleaned.get("repeat_weekday"),
                        until=cleaned.get("repeat_until"),
                        count=cleaned.get("repeat_count"),
                        excluded=excluded,
                        added=added,
                    ),
                    start,
                    all_day,
                )
        except RecurrenceError as error:
            self.add_error(REPEAT_FIELDS.get(error.field, "rrule"), error.message)
            return cleaned
        cleaned["rrule"] = built.rrule
        self.instance.rrule = built.rrule
        self.instance.exdates = recurrence.format_date_list(built.exdates)
        self.instance.rdates = recurrence.format_date_list(built.rdates)
        return cleaned
