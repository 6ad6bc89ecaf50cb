"""Admin views for 環境課: enter a rule as printed text (parsed and shown back), upload a 5374 file set."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import render

from opendata.reading import ImportFailed, decode_bytes

from .calendar import AreaSchedule, today_in_japan
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
    form = RuleTextForm(request.POST or None)
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


def upload_5374_view(request):
    _require(request, "add_collectionarea", "change_collectionarea", "add_collectionrule", "delete_collectionrule")
    form = Upload5374Form(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        texts = {upload.name: decode_bytes(upload.read()) for upload in form.cleaned_data["files"]}
        if "0090.csv" in texts and "area_days.csv" not in texts:
            dataset, errors = read_takamatsu(texts["0090.csv"], texts.get("0074.csv"))
        else:
            dataset, errors = read_5374_texts(texts)
        try:
            report = import_dataset(
                form.cleaned_data["municipality"],
                dataset,
                errors,
                skip_invalid=form.cleaned_data["skip_invalid"],
                week_shift=form.cleaned_data["week_shift"],
            )
        except ImportFailed as failure:
            context["errors"] = failure.errors
        else:
            context["report"] = report
    return render(request, "services/garbage/admin/upload_5374.html", context)
