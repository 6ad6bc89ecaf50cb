"""The admin import: upload -> preview (every row, every error) -> commit, for every domain.

``ImportFlow`` is the flow; a domain's upload is a subclass that says who may use it, how the
files are read (``parse``: rows and ``RowError``s, nothing written) and how they are imported
(``commit``: the same code as its command). The uploaded files wait in the default storage
(shared by every app server) under a random token kept in the user's session until staff
commit or cancel. A domain may add a step between preview and commit where staff choose per
row (``choose``, e.g. which record a row means) and answer the commit its own way
(``committed``). ``KindImportFlow`` serves every KIND registered in ``opendata.kinds``, each
with the permissions its domain registered.
"""

from __future__ import annotations

import functools
import secrets
import tempfile
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils.exceptions import InvalidFileException
from wagtail.admin.menu import MenuItem

from home import audit
from home.models import Municipality
from home.scoping import refuse_other_city, scope_form
from opendata import background, kinds
from opendata.reading import ImportFailed, ImportReport, RowError

#: What reading a file that is not what it claims raises (binary junk, a zip that is not a
#: workbook, a truncated .xlsx, an unknown encoding): a message for staff, not a 500.
UNREADABLE = (ValueError, LookupError, EOFError, zipfile.BadZipFile, ParseError, InvalidFileException)


def unreadable(paths, problem: Exception) -> RowError:
    names = ", ".join(paths)
    return RowError(names, None, None, None, _("This file cannot be read (%(reason)s).") % {"reason": problem})


class _Rehearsed(Exception):
    """Rolls a rehearsed commit back, carrying its report out."""

    def __init__(self, result):
        self.result = result
        super().__init__("rehearsed")


#: The POST names of staff's choice per conflict (``conflict:<key>``: keep or file) and for all.
CONFLICT_PREFIX = "conflict:"
ALL_CONFLICTS = "conflicts-all"
KEEP, TAKE_FILE = "keep", "file"


def chosen_overwrites(post, default: bool = False):
    """What staff chose for the conflicts of the preview: True or False for all of them
    (``conflicts-all``), else the keys of those whose file value they take. A commit posted
    without any choice follows the upload form's “Overwrite with the file's values” (*default*)."""
    everything = post.get(ALL_CONFLICTS, "")
    if everything in (KEEP, TAKE_FILE):
        return everything == TAKE_FILE
    choices = {
        name.removeprefix(CONFLICT_PREFIX): value for name, value in post.items() if name.startswith(CONFLICT_PREFIX)
    }
    if not choices:
        return default
    return sorted(key for key, value in choices.items() if value == TAKE_FILE)


UPLOAD_DIR = "opendata/uploads"
SESSION_KEY = "opendata-uploads"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def _forbidden_is_403(view):
    """A plain 403 for a user without the permissions (Wagtail would redirect to the dashboard)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except PermissionDenied as refused:
            return HttpResponseForbidden(str(refused) or _("You may not import this kind of file."))

    return wrapper


class ImportFlow:
    """Upload -> preview -> commit. Subclasses set ``name``, ``form_class`` and ``title`` and
    implement ``can_import``, ``options``, ``parse`` and ``commit``."""

    name: str  # URL names: <name> (upload and preview) and <name>_commit
    form_class: type[forms.Form]
    title = gettext_lazy("Import open data")
    fix_hint = gettext_lazy("Fix the file, or tick “Import the valid rows” to import the rest.")
    commit_label = gettext_lazy("Import these rows")
    template_name = "opendata/admin/import.html"
    #: True: the preview of a file that can be committed has its own address (``<name>_commit``):
    #: the upload redirects there, and it shows again on GET and while ``choose`` is not done.
    #: False: the upload's response is the preview.
    preview_redirect = False
    #: True: the commit runs in the worker (opendata/background.py) and answers with its progress
    #: page; False: inside the request (a flow whose ``committed`` needs the commit's own result).
    run_in_background = True

    def can_import(self, user) -> bool:
        raise NotImplementedError

    def check(self, user, options: dict) -> None:
        """Raise ``PermissionDenied`` when *user* may not import with *options* (e.g. this KIND)."""
        if not self.can_import(user):
            raise PermissionDenied

    @staticmethod
    def check_city(user, options: dict) -> None:
        """Staff import into their own cities only (home/scoping.py); a superuser into any."""
        if options.get("municipality") is not None:
            refuse_other_city(user, options["municipality"])

    def form(self, request, bound: bool = True) -> forms.Form:
        return self.form_class(request.POST or None, request.FILES or None) if bound else self.form_class()

    def files(self, form) -> list:
        return [form.cleaned_data["file"]]

    def options(self, form) -> dict:
        """What ``parse`` and ``commit`` need of the form, as JSON (it waits in the session)."""
        raise NotImplementedError

    def parse(self, paths: dict[str, Path], options: dict) -> tuple[list[dict], list[RowError]]:
        """The rows to show (dicts: column -> cell) and every problem; writes nothing."""
        raise NotImplementedError

    def commit(self, paths: dict[str, Path], options: dict) -> ImportReport:
        raise NotImplementedError

    def rehearse(self, paths: dict[str, Path], options: dict):
        """What ``commit`` would do, written and rolled back: the report the preview shows
        (created, updated field by field, unchanged, removed, conflicts); None when it would fail."""
        try:
            with transaction.atomic():
                raise _Rehearsed(self.commit(paths, options))
        except _Rehearsed as rehearsed:
            return rehearsed.result
        except ImportFailed:
            return None

    def choose(self, request, paths: dict[str, Path], options: dict, committing: bool) -> tuple[dict, dict | None]:
        """The step between preview and commit where staff choose per row (none by default).

        Returns the context for the preview (``preview.step`` in the template) and, when
        *committing*, what the choices add to ``commit``'s options, or ``None`` while a choice
        is missing (the preview shows again instead of the commit).
        """
        return {}, {}

    def committed(self, request, result):
        """The answer to a commit: by default the report on the import page."""
        context = self.context(self.form(request, bound=False), request)
        context["report"] = result
        return TemplateResponse(request, self.template_name, context)

    def urls(self, route: str) -> list:
        """The upload page at *route* (URL name ``name``) and its commit (``<name>_commit``)."""
        return [
            path(route, self.view, name=self.name),
            path(f"{route}<str:token>/", _forbidden_is_403(self.commit_view), name=f"{self.name}_commit"),
        ]

    @property
    def view(self):
        return _forbidden_is_403(self.upload_view)

    def menu_item(self, label, order: int) -> MenuItem:
        """The admin menu entry, shown to those who may import."""
        flow = self

        class ImportMenuItem(MenuItem):
            def is_shown(self, request):
                return flow.can_import(request.user)

        return ImportMenuItem(label, reverse(self.name), icon_name="upload", order=order)

    # -- the views -----------------------------------------------------------------------

    def upload_view(self, request):
        """Step 1, upload; step 2, the preview of every row and error (nothing written yet)."""
        if not self.can_import(request.user):
            raise PermissionDenied
        form = self.form(request)
        context = self.context(form, request)
        if request.method == "POST" and form.is_valid():
            options = self.options(form)
            self.check(request.user, options)
            self.check_city(request.user, options)
            token = secrets.token_urlsafe(16)
            stored = [
                (default_storage.save(f"{UPLOAD_DIR}/{token}/{Path(upload.name).name}", upload), upload.name)
                for upload in self.files(form)
            ]
            uploads = request.session.get(SESSION_KEY, {})
            uploads[token] = {"flow": self.name, "files": stored, "options": options}
            request.session[SESSION_KEY] = uploads
            with self._local_files(stored) as paths:
                preview = self.preview(request, token, uploads[token], paths)
            if self.preview_redirect and preview["can_commit"]:
                return redirect(preview["commit_url"])
            context["preview"] = preview
        return TemplateResponse(request, self.template_name, context)

    def preview(self, request, token: str, upload: dict, paths, step: dict | None = None) -> dict:
        """Every row and every problem of the stored files, and the choice step's context."""
        options = upload["options"]
        try:
            rows, errors = self.parse(paths, options)
        except ImportFailed as failure:
            rows, errors = [], failure.errors
        except UNREADABLE as problem:  # not a file of the kind at all: say so, write nothing
            rows, errors = [], [unreadable(paths, problem)]
        columns = list(rows[0]) if rows else []
        can_commit = bool(rows) and (not errors or options.get("skip_invalid", False))
        if step is None and can_commit:
            step, _chosen = self.choose(request, paths, options, committing=False)
        # Rehearsed keeping every editor's value, so that every conflict is listed for a choice.
        outcome = self.rehearse(paths, {**options, "overwrite_edits": False}) if can_commit else None
        return {
            "outcome": outcome,
            "take_file": bool(options.get("overwrite_edits")),
            "conflict_prefix": CONFLICT_PREFIX,
            "all_conflicts": ALL_CONFLICTS,
            "commit_url": reverse(f"{self.name}_commit", args=[token]),
            "names": ", ".join(name for _, name in upload["files"]),
            "columns": columns,
            "rows": [[row.get(column, "") for column in columns] for row in rows],
            "errors": errors,
            "skip_invalid": options.get("skip_invalid", False),
            "can_commit": can_commit,
            "step": step or {},
            **self.preview_context(options),
        }

    def commit_view(self, request, token: str):
        """Step 3: import the previewed files, or cancel (or, on GET, the preview at its own address)."""
        if request.method != "POST" and not self.preview_redirect:
            return redirect(self.name)
        upload = request.session.get(SESSION_KEY, {}).get(token)
        if (
            upload is None
            or upload["flow"] != self.name
            or not all(default_storage.exists(s) for s, _ in upload["files"])
        ):
            raise Http404(_("This upload has expired: upload the file again."))
        self.check(request.user, upload["options"])
        self.check_city(request.user, upload["options"])
        if "cancel" in request.POST:
            self._forget(request, token)
            return redirect(self.name)
        with self._local_files(upload["files"]) as paths:
            step, chosen = self.choose(request, paths, upload["options"], committing=request.method == "POST")
            if request.method != "POST" or chosen is None:
                context = self.context(None)  # the preview at its own address: no upload form there
                context["preview"] = self.preview(request, token, upload, paths, step)
                return TemplateResponse(request, self.template_name, context)
            overwrite = chosen_overwrites(request.POST, default=bool(upload["options"].get("overwrite_edits")))
            options = {**upload["options"], **chosen, "overwrite_edits": overwrite}
            if self.run_in_background:  # the worker imports; the answer is its progress page
                return background.enqueue_commit(self, request, token, upload, options)
            try:
                result = self.commit(paths, options)
            except ImportFailed as failure:
                result = failure
        self._forget(request, token)
        if isinstance(result, ImportFailed):
            context = self.context(self.form(request, bound=False), request)
            context["errors"] = result.errors
            return TemplateResponse(request, self.template_name, context)
        audit.record_import(
            source=self.name,
            files=[name for _, name in upload["files"]],
            municipality=upload["options"].get("municipality"),
            report=result,
            user=request.user,
            kind=upload["options"].get("kind", ""),
        )
        return self.committed(request, result)

    def context(self, form, request=None) -> dict:
        if form is not None and request is not None:
            scope_form(form, request.user)  # the municipality choice: only the user's cities
        return {"form": form, "flow": self, "preview": None, "report": None, "errors": []}

    def preview_context(self, options: dict) -> dict:
        return {}

    # -- the stored files ----------------------------------------------------------------

    class _local_files:
        """The stored uploads as local files under their uploaded names (errors name the file)."""

        def __init__(self, stored):
            self.stored = stored

        def __enter__(self) -> dict[str, Path]:
            self.directory = tempfile.TemporaryDirectory()
            paths = {}
            for stored, name in self.stored:
                local = Path(self.directory.name) / Path(name).name
                with default_storage.open(stored, "rb") as source, local.open("wb") as out:
                    for chunk in source.chunks():
                        out.write(chunk)
                paths[Path(name).name] = local
            return paths

        def __exit__(self, *exc):
            self.directory.cleanup()

    @staticmethod
    def _forget(request, token: str) -> None:
        uploads = request.session.get(SESSION_KEY, {})
        upload = uploads.pop(token, None)
        for stored, _name in upload["files"] if upload else []:
            default_storage.delete(stored)
        request.session[SESSION_KEY] = uploads


# -- every registered KIND -----------------------------------------------------------------


class OpenDataImportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of file"))
    municipality = forms.ModelChoiceField(Municipality.objects.all(), label=gettext_lazy("Municipality"))
    file = forms.FileField(
        label=gettext_lazy("Open data file"),
        help_text=gettext_lazy("CSV in the 2021 or 2024 standard layout (or Takamatsu's), UTF-8 or Shift_JIS."),
    )
    skip_invalid = forms.BooleanField(label=gettext_lazy("Import the valid rows and list the others"), required=False)
    overwrite_edits = forms.BooleanField(
        label=gettext_lazy("Overwrite with the file's values"),
        help_text=gettext_lazy(
            "For fields an editor changed since the last import. Unticked, the editor's values are kept; "
            "the preview lists every such field, and you can still choose for each."
        ),
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (entry.kind, f"{entry.label} ({entry.kind})") for entry in kinds.importable_by(user)
        ]

    def clean_municipality(self):
        """Only into a city set up on this portal: the imports write into its own sections."""
        from home.sites import CityNotSetUp, city_home

        municipality = self.cleaned_data["municipality"]
        if city_home(municipality) is None:
            raise forms.ValidationError(str(CityNotSetUp(municipality.code, municipality.name)))
        return municipality

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() != ".csv":
            raise forms.ValidationError(_("Upload a .csv file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


class KindImportFlow(ImportFlow):
    name = "opendata_import"
    form_class = OpenDataImportForm

    def can_import(self, user) -> bool:
        """True when *user* may import at least one registered kind."""
        return bool(kinds.importable_by(user))

    def check(self, user, options: dict) -> None:
        try:
            entry = kinds.get(options["kind"])
        except kinds.UnknownKind:
            raise Http404(options["kind"]) from None
        if not entry.can_import(user):
            raise PermissionDenied

    def form(self, request, bound: bool = True):
        if not bound:
            return self.form_class(user=request.user)
        if request.method == "POST" and request.POST.get("kind"):
            self.check(request.user, {"kind": request.POST["kind"]})  # 403 before the form hides the kind
        return self.form_class(request.POST or None, request.FILES or None, user=request.user)

    def options(self, form) -> dict:
        data = form.cleaned_data
        return {
            "kind": data["kind"],
            "municipality": data["municipality"].pk,
            "skip_invalid": data["skip_invalid"],
            "overwrite_edits": data["overwrite_edits"],
        }

    def preview_context(self, options: dict) -> dict:
        return {
            "kind": kinds.get(options["kind"]),
            "municipality": Municipality.objects.get(pk=options["municipality"]),
        }

    def parse(self, paths, options):
        (path,) = paths.values()
        return kinds.get(options["kind"]).parse(str(path))

    def commit(self, paths, options):
        (path,) = paths.values()
        municipality = Municipality.objects.get(pk=options["municipality"])
        extra = {"overwrite_edits": options["overwrite_edits"]} if options.get("overwrite_edits") else {}
        entry = kinds.get(options["kind"])
        return entry.import_file(str(path), municipality, skip_invalid=options["skip_invalid"], **extra)


kind_import = KindImportFlow()
