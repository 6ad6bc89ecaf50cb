"""Admin views for 環境課: enter a rule as printed text (parsed and shown back), upload a 5374 file set
(through the shared upload -> preview -> commit of ``opendata.admin_views``)."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from home.models import Municipality
from home.scoping import scope_form
from japanese.dates import today_in_japan
from opendata.admin_views import ImportFlow
from opendata.reading import read_text

from .calendar import AreaSchedule
from .forms import RuleTextForm, Upload5374Form
from .importers import read_5374_texts, read_takamatsu
from .loading import import_dataset
from .models import CollectionRule
from .rule_text import describe


def _require(request, *permissions):
    if not all(request.user.has_perm(f"garbage.{codename}") for codename in permissions):
        raise PermissionDenied


def rule_text_view(request):
    """Step 1: type the rule; step 2: see it read back with its dates; confirm to save."""
    _require(request, "add_collectionrule", "delete_collectionrule")
    form = scope_form(RuleTextForm(request.POST or None), request.user)  # the user's cities' areas only
    context = {"form": form, "saved": False}
    if request.method == "POST" and form.is_valid():
        area, category, rules = form.cleaned_data["area"], form.cleaned_data["category"], form.cleaned_data["rules"]
        context["understood"] = describe(rules)
        today = today_in_japan()
        from . import rules as engine

        context["dates"] = engine.collection_dates(rules, today, today + timedelta(days=62)) if rules else []
        if request.POST.get("confirm") == "1":
            with transaction.atomic():
                CollectionRule.objects.filter(area=area, category=category).delete()
                CollectionRule.objects.bulk_create(
                    CollectionRule.from_rule(rule, area=area, category=category, position=position)
                    for position, rule in enumerate(rules)
                )
            context["saved"] = True
            context["collections"] = AreaSchedule.load(area).collections(today, today + timedelta(days=62))
    return render(request, "services/garbage/admin/rule_text.html", context)


class Upload5374Flow(ImportFlow):
    """A 5374 file set (or Takamatsu's 0090/0074) through the shared upload -> preview -> commit."""

    name = "garbage_upload_5374"
    form_class = Upload5374Form
    title = gettext_lazy("Upload 5374 files")
    fix_hint = gettext_lazy("Fix the files, or tick “Import the valid rows” to import the rest.")
    permissions = ("add_collectionarea", "change_collectionarea", "add_collectionrule", "delete_collectionrule")

    def can_import(self, user) -> bool:
        return all(user.has_perm(f"garbage.{codename}") for codename in self.permissions)

    def files(self, form):
        return form.cleaned_data["files"]

    def options(self, form) -> dict:
        data = form.cleaned_data
        return {
            "municipality": data["municipality"].pk,
            "skip_invalid": data["skip_invalid"],
            "week_shift": data["week_shift"],
        }

    def parse(self, paths, options):
        dataset, errors = _read(paths)
        rows = [
            {"地名": area.name, "分別区分": "、".join(label for label, cell in area.cells.items() if cell.rules)}
            for area in dataset.areas
        ]
        return rows, errors

    def commit(self, paths, options):
        dataset, errors = _read(paths)
        return import_dataset(
            Municipality.objects.get(pk=options["municipality"]),
            dataset,
            errors,
            skip_invalid=options["skip_invalid"],
            week_shift=options["week_shift"],
            overwrite_edits=options.get("overwrite_edits", False),
        )


def _read(paths):
    texts = {name: read_text(path) for name, path in paths.items()}
    if "0090.csv" in texts and "area_days.csv" not in texts:
        return read_takamatsu(texts["0090.csv"], texts.get("0074.csv"))
    return read_5374_texts(texts)


upload_5374 = Upload5374Flow()
