"""The staff upload: a vacancy file, a preview of every row matched or not, then a draft notice.

Unmatched or ambiguous rows block the draft (and so publishing) until staff pick a nursery
for each or leave it out. The uploaded file waits in the default storage (shared by every
app server) under a random token kept in the user's session.
"""

from __future__ import annotations

import secrets
import tempfile
from datetime import date
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.models import Municipality
from japanese.dates import parse_date

from .dates import AGE_CLASSES
from .importers import MatchStatus, blocking, parse_vacancies, resolve
from .models import Nursery, VacancyNotice
from .notices import counts_from, match_sheet, save_notice

UPLOAD_DIR = "nurseries/uploads"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
LEAVE_OUT = "leave-out"
SESSION_KEY = "nurseries-uploads"


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


def _check(request):
    if not can_upload(request.user):
        raise PermissionDenied


def upload(request):
    _check(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        token = secrets.token_urlsafe(16)
        stored = default_storage.save(f"{UPLOAD_DIR}/{token}{Path(upload_file.name).suffix.lower()}", upload_file)
        sheet = _parse(stored, upload_file.name, form.cleaned_data["as_of"])
        if sheet.errors:
            default_storage.delete(stored)
            errors = sheet.errors
        else:
            uploads = request.session.get(SESSION_KEY, {})
            uploads[token] = {
                "path": stored,
                "name": upload_file.name,
                "municipality": form.cleaned_data["municipality"].pk,
                "as_of": form.cleaned_data["as_of"].isoformat(),
            }
            request.session[SESSION_KEY] = uploads
            return redirect("nurseries_upload_preview", token=token)
    return TemplateResponse(
        request,
        "services/nurseries/admin/upload.html",
        {"form": form, "errors": errors, "page_title": _("Upload vacancies")},
    )


def _parse(stored: str, name: str, as_of: date):
    with default_storage.open(stored, "rb") as handle:
        data = handle.read()
    # parse_vacancies reads a path; storages may be remote, so go through a local temp file.
    with tempfile.NamedTemporaryFile(suffix=Path(name).suffix) as temp:
        temp.write(data)
        temp.flush()
        return parse_vacancies(temp.name, as_of=as_of, name=name)


def preview(request, token: str):
    _check(request)
    uploads = request.session.get(SESSION_KEY, {})
    entry = uploads.get(token)
    if entry is None or not default_storage.exists(entry["path"]):
        raise Http404(_("This upload has expired: upload the file again."))
    municipality = Municipality.objects.get(pk=entry["municipality"])
    as_of = parse_date(entry["as_of"])
    sheet = _parse(entry["path"], entry["name"], as_of)
    matches = match_sheet(sheet, municipality)
    nurseries = {n.pk: n for n in Nursery.objects.filter(municipality=municipality).select_related("facility")}
    existing = VacancyNotice.objects.filter(municipality=municipality, as_of=as_of).first()

    choices: dict[int, int | None] = {}
    unresolved: list[int] = []
    if request.method == "POST":
        for match in blocking(matches):
            value = request.POST.get(f"row-{match.row.row}", "")
            if value == LEAVE_OUT:
                choices[match.row.row] = None
            elif value.isdigit() and int(value) in nurseries:
                choices[match.row.row] = int(value)
            else:
                unresolved.append(match.row.row)
        if not unresolved and "cancel" not in request.POST:
            resolved = resolve(matches, choices)
            counts = counts_from(resolved)
            if not counts:
                messages.error(request, _("No row is matched to a nursery: nothing to save."))
            else:
                saved = save_notice(municipality, as_of, counts, user=request.user, source_file=entry["name"])
                default_storage.delete(entry["path"])
                uploads.pop(token, None)
                request.session[SESSION_KEY] = uploads
                if saved.changed:
                    messages.success(
                        request,
                        _("Draft saved with %(count)d nurseries. Check it and publish or schedule it.")
                        % {"count": len(counts)},
                    )
                else:
                    messages.info(request, _("The notice already says exactly this; nothing changed."))
                return redirect(reverse("wagtailsnippets_nurseries_vacancynotice:edit", args=[saved.notice.pk]))
        if "cancel" in request.POST:
            default_storage.delete(entry["path"])
            uploads.pop(token, None)
            request.session[SESSION_KEY] = uploads
            return redirect("nurseries_upload")

    rows = []
    for match in matches:
        options = []
        if match.status != MatchStatus.MATCHED:
            candidates = [nurseries[i] for i in match.candidates if i in nurseries] or list(nurseries.values())
            options = [(n.pk, f"{n.facility.title} ({n.number or '—'}, {n.ward})") for n in candidates]
        rows.append(
            {
                "match": match,
                "cells": [match.row.by_age[age] for age in AGE_CLASSES],
                "nursery": nurseries.get(match.nursery_id),
                "options": options,
                "chosen": request.POST.get(f"row-{match.row.row}", ""),
                "unresolved": match.row.row in unresolved,
            }
        )
    context = {
        "page_title": _("Check the vacancy file"),
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
    return TemplateResponse(request, "services/nurseries/admin/preview.html", context)
