"""The admin import of every registered KIND: upload -> preview (every row, every error) -> commit.

The upload is parsed without writing anything and shown row by row, with each problem's row,
column and value; the file waits in the default storage (shared by every app server) under a
random token kept in the user's session until staff commit it, with the same code as
``import_opendata``. Each kind is imported only by users with the permissions its domain
registered (``opendata.kinds``).
"""

from __future__ import annotations

import functools
import secrets
import tempfile
from pathlib import Path

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.models import Municipality
from opendata import kinds
from opendata.reading import ImportFailed

UPLOAD_DIR = "opendata/uploads"
SESSION_KEY = "opendata-uploads"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def can_import(user) -> bool:
    """True when *user* may import at least one registered kind."""
    return bool(kinds.importable_by(user))


class OpenDataImportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of file"))
    municipality = forms.ModelChoiceField(Municipality.objects.all(), label=gettext_lazy("Municipality"))
    file = forms.FileField(
        label=gettext_lazy("Open data file"),
        help_text=gettext_lazy("CSV in the 2021 or 2024 standard layout (or Takamatsu's), UTF-8 or Shift_JIS."),
    )
    skip_invalid = forms.BooleanField(label=gettext_lazy("Import the valid rows and list the others"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (entry.kind, f"{entry.label} ({entry.kind})") for entry in kinds.importable_by(user)
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() != ".csv":
            raise forms.ValidationError(_("Upload a .csv file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


def _forbidden_is_403(view):
    """A plain 403 for a user without the kind's permissions (Wagtail would redirect to the dashboard)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return HttpResponseForbidden(_("You may not import this kind of file."))

    return wrapper


def _kind_for(request, kind: str) -> kinds.Kind:
    try:
        entry = kinds.get(kind)
    except kinds.UnknownKind:
        raise Http404(kind) from None
    if not entry.can_import(request.user):
        raise PermissionDenied
    return entry


def _local_copy(stored: str, name: str, directory: str) -> Path:
    """The stored upload as a local file under its uploaded name (error messages name the file)."""
    path = Path(directory) / Path(name).name
    with default_storage.open(stored, "rb") as source, path.open("wb") as out:
        for chunk in source.chunks():
            out.write(chunk)
    return path


def _forget(request, token: str) -> None:
    uploads = request.session.get(SESSION_KEY, {})
    entry = uploads.pop(token, None)
    if entry is not None:
        default_storage.delete(entry["path"])
    request.session[SESSION_KEY] = uploads


@_forbidden_is_403
def import_view(request):
    """Step 1, upload; step 2, the preview of every row and error (nothing written yet)."""
    if not can_import(request.user):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("kind"):
        _kind_for(request, request.POST["kind"])
    form = OpenDataImportForm(request.POST or None, request.FILES or None, user=request.user)
    context = {"form": form, "preview": None}
    if request.method == "POST" and form.is_valid():
        entry = _kind_for(request, form.cleaned_data["kind"])
        upload = form.cleaned_data["file"]
        token = secrets.token_urlsafe(16)
        stored = default_storage.save(f"{UPLOAD_DIR}/{token}.csv", upload)
        uploads = request.session.get(SESSION_KEY, {})
        uploads[token] = {
            "path": stored,
            "name": upload.name,
            "kind": entry.kind,
            "municipality": form.cleaned_data["municipality"].pk,
            "skip_invalid": form.cleaned_data["skip_invalid"],
        }
        request.session[SESSION_KEY] = uploads
        context["preview"] = _preview(entry, uploads[token], token)
    return TemplateResponse(request, "opendata/admin/import.html", context)


def _preview(entry: kinds.Kind, upload: dict, token: str) -> dict:
    with tempfile.TemporaryDirectory() as directory:
        path = _local_copy(upload["path"], upload["name"], directory)
        try:
            rows, errors = entry.parse(str(path))
        except ImportFailed as failure:
            rows, errors = [], failure.errors
    columns = list(rows[0]) if rows else []
    return {
        "token": token,
        "kind": entry,
        "name": upload["name"],
        "municipality": Municipality.objects.get(pk=upload["municipality"]),
        "skip_invalid": upload["skip_invalid"],
        "columns": columns,
        "rows": [[row.get(column, "") for column in columns] for row in rows],
        "errors": errors,
        "can_commit": bool(rows) and (not errors or upload["skip_invalid"]),
    }


@_forbidden_is_403
def commit_view(request, token: str):
    """Step 3: import the previewed file, or cancel it."""
    if request.method != "POST":
        return redirect("opendata_import")
    upload = request.session.get(SESSION_KEY, {}).get(token)
    if upload is None or not default_storage.exists(upload["path"]):
        raise Http404(_("This upload has expired: upload the file again."))
    entry = _kind_for(request, upload["kind"])
    if "cancel" in request.POST:
        _forget(request, token)
        return redirect("opendata_import")
    context = {"form": OpenDataImportForm(user=request.user), "preview": None, "report": None, "errors": []}
    with tempfile.TemporaryDirectory() as directory:
        path = _local_copy(upload["path"], upload["name"], directory)
        municipality = Municipality.objects.get(pk=upload["municipality"])
        try:
            context["report"] = entry.import_file(str(path), municipality, skip_invalid=upload["skip_invalid"])
        except ImportFailed as failure:
            context["errors"] = failure.errors
    _forget(request, token)
    return TemplateResponse(request, "opendata/admin/import.html", context)
