"""Import a standard open data file from the admin: the same code as ``import_opendata``."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from facilities.importers import REGISTRY
from home.models import Municipality
from opendata.reading import ImportFailed

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def can_import(user) -> bool:
    return user.is_active and user.has_perms(
        ["wagtailadmin.access_admin", "facilities.add_facilitypage", "facilities.change_facilitypage"]
    )


class OpenDataImportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of file"))
    municipality = forms.ModelChoiceField(Municipality.objects.all(), label=gettext_lazy("Municipality"))
    file = forms.FileField(
        label=gettext_lazy("Open data file"),
        help_text=gettext_lazy("CSV in the 2021 or 2024 standard layout (or Takamatsu's), UTF-8 or Shift_JIS."),
    )
    skip_invalid = forms.BooleanField(label=gettext_lazy("Import the valid rows and list the others"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, f"{entry.label} ({kind})") for kind, entry in sorted(REGISTRY.items())]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() != ".csv":
            raise forms.ValidationError(_("Upload a .csv file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


def import_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    form = OpenDataImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "report": None, "errors": []}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with tempfile.TemporaryDirectory() as directory:
            # Keep the uploaded name: error messages name the file.
            path = Path(directory) / Path(upload.name).name
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            entry = REGISTRY[form.cleaned_data["kind"]]
            try:
                context["report"] = entry.import_file(
                    str(path), form.cleaned_data["municipality"], skip_invalid=form.cleaned_data["skip_invalid"]
                )
            except ImportFailed as failure:
                context["errors"] = [str(error) for error in failure.errors]
    return TemplateResponse(request, "facilities/admin/import.html", context)
