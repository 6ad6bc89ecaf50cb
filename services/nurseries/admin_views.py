"""The staff upload: a vacancy file, a preview of every row matched or not, then a draft notice.

The shared upload -> preview -> commit of ``opendata.admin_views``; its choice step is the
matching: unmatched or ambiguous rows block the draft (and so publishing) until staff pick a
nursery for each or leave it out.
"""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.models import Municipality
from japanese.dates import parse_date
from opendata.admin_views import ImportFlow
from opendata.reading import ImportReport

from .dates import AGE_CLASSES
from .importers import MatchStatus, blocking, parse_vacancies, resolve
from .models import Nursery, VacancyNotice
from .notices import counts_from, match_sheet, save_notice

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
LEAVE_OUT = "leave-out"


def can_upload(user) -> bool:
    return user.is_active and user.has_perms(
        ["wagtailadmin.access_admin", "nurseries.add_vacancynotice", "nurseries.change_vacancynotice"]
    )


class UploadForm(forms.Form):
    municipality = forms.ModelChoiceField(Municipality.objects.all(), label=gettext_lazy("Municipality"))
    as_of = forms.DateField(
        label=gettext_lazy("As of"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("The date the places were counted (…現在)."),
    )
    file = forms.FileField(
        label=gettext_lazy("Vacancy file"),
        help_text=gettext_lazy(
            "CSV or XLSX: the per-age layout (受入可能数, by facility number) or the simple layout "
            "(facility number or name, date, one column per age)."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in {".csv", ".xlsx"}:
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class VacancyUploadFlow(ImportFlow):
    """A vacancy file: its preview is every row with the nursery it matched; the commit a draft notice."""

    name = "nurseries_upload"
    form_class = UploadForm
    title = gettext_lazy("Upload vacancies")
    fix_hint = gettext_lazy("Fix the file and upload it again.")
    commit_label = gettext_lazy("Save as draft notice")
    template_name = "services/nurseries/admin/upload.html"
    preview_redirect = True
    run_in_background = False  # a snapshot of a few hundred counts; the answer opens the draft it saved

    def can_import(self, user) -> bool:
        return can_upload(user)

    def options(self, form) -> dict:
        data = form.cleaned_data
        return {"municipality": data["municipality"].pk, "as_of": data["as_of"].isoformat()}

    @staticmethod
    def _sheet(paths, options):
        ((name, path),) = paths.items()
        return parse_vacancies(path, as_of=parse_date(options["as_of"]), name=name)

    def parse(self, paths, options):
        sheet = self._sheet(paths, options)
        rows = [
            {"施設番号": row.number, "施設名": row.name, **{f"{age}歳児": row.by_age[age] for age in AGE_CLASSES}}
            for row in sheet.rows
        ]
        return rows, sheet.errors

    def choose(self, request, paths, options, committing):
        """Every row with the nursery it matched; on commit, staff's pick for each blocking row."""
        municipality = Municipality.objects.get(pk=options["municipality"])
        as_of = parse_date(options["as_of"])
        sheet = self._sheet(paths, options)
        matches = match_sheet(sheet, municipality)
        nurseries = {n.pk: n for n in Nursery.objects.filter(municipality=municipality).select_related("facility")}
        existing = VacancyNotice.objects.filter(municipality=municipality, as_of=as_of).first()

        choices: dict[int, int | None] = {}
        unresolved: list[int] = []
        chosen = None
        if committing:
            for match in blocking(matches):
                value = request.POST.get(f"row-{match.row.row}", "")
                if value == LEAVE_OUT:
                    choices[match.row.row] = None
                elif value.isdigit() and int(value) in nurseries:
                    choices[match.row.row] = int(value)
                else:
                    unresolved.append(match.row.row)
            if not unresolved:
                counts = counts_from(resolve(matches, choices))
                if not counts:
                    messages.error(request, _("No row is matched to a nursery: nothing to save."))
                else:
                    chosen = {"counts": counts, "user": request.user}

        rows = []
        for match in matches:
            choice_options = []
            if match.status != MatchStatus.MATCHED:
                candidates = [nurseries[i] for i in match.candidates if i in nurseries] or list(nurseries.values())
                choice_options = [(n.pk, f"{n.facility.title} ({n.number or '—'}, {n.ward})") for n in candidates]
            rows.append(
                {
                    "match": match,
                    "cells": [match.row.by_age[age] for age in AGE_CLASSES],
                    "nursery": nurseries.get(match.nursery_id),
                    "options": choice_options,
                    "chosen": request.POST.get(f"row-{match.row.row}", ""),
                    "unresolved": match.row.row in unresolved,
                }
            )
        context = {
            "sheet": sheet,
            "municipality": municipality,
            "as_of": as_of,
            "rows": rows,
            "ages": list(AGE_CLASSES),
            "matched": sum(1 for m in matches if m.status == MatchStatus.MATCHED),
            "blocking": len(blocking(matches)),
            "unresolved": unresolved,
            "existing": existing,
            "leave_out": LEAVE_OUT,
            "not_listed": len(nurseries) - len({m.nursery_id for m in matches if m.nursery_id}),
        }
        return context, chosen

    def commit(self, paths, options):
        (name,) = paths
        municipality = Municipality.objects.get(pk=options["municipality"])
        as_of = parse_date(options["as_of"])
        saved = save_notice(
            municipality,
            as_of,
            options["counts"],
            user=options.get("user"),
            source_file=name,
            report=options.get("report"),
            overwrite_edits=options.get("overwrite_edits", False),
        )
        return saved

    def rehearse(self, paths, options):
        """The draft the matched rows would make (rows still to choose for left out), rolled back:
        how many nurseries are new to the notice, changed, unchanged, and the places an editor changed."""
        municipality = Municipality.objects.get(pk=options["municipality"])
        counts = counts_from(match_sheet(self._sheet(paths, options), municipality))
        if not counts:
            return None
        existing = VacancyNotice.objects.filter(municipality=municipality, as_of=parse_date(options["as_of"])).first()
        before = {}
        if existing is not None:
            before = (existing.get_latest_revision_as_object() if existing.latest_revision_id else existing).counts
        report = ImportReport()
        saved = super().rehearse(paths, {**options, "counts": counts, "report": report})
        if saved is None:
            return None
        after = saved.notice.counts or {}
        for nursery_id, places in after.items():
            if nursery_id not in (before or {}):
                report.created += 1
            elif before[nursery_id] != places:
                report.updated += 1
            else:
                report.unchanged += 1
        return report

    def committed(self, request, saved):
        if saved.changed:
            messages.success(
                request,
                _("Draft saved with %(count)d nurseries. Check it and publish or schedule it.")
                % {"count": len(saved.notice.counts)},
            )
        else:
            messages.info(request, _("The notice already says exactly this; nothing changed."))
        return redirect(reverse("wagtailsnippets_nurseries_vacancynotice:edit", args=[saved.notice.pk]))


vacancy_upload = VacancyUploadFlow()
