"""Admin forms: rules entered as the Japanese text cities print, and a 5374 file-set upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .importers import FILES_5374
from .models import CollectionArea, GarbageCategory
from .rule_text import RuleTextError, parse_rule_text


class RuleTextForm(forms.Form):
    area = forms.ModelChoiceField(queryset=CollectionArea.objects.all(), label=_("Area"))
    category = forms.ModelChoiceField(
        queryset=GarbageCategory.objects.none(), label=pgettext_lazy("garbage", "Category")
    )
    text = forms.CharField(
        label=_("Rule as printed"),
        max_length=300,
        help_text=_(
            "For example 毎週火・金曜日, 第２・４月曜日, 隔週水曜日（1月8日から）. Replaces the area's rules of this category."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from wagtail.models import Locale

        self.fields["category"].queryset = GarbageCategory.objects.filter(locale=Locale.get_default(), scheduled=True)

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("text")
        if text:
            try:
                cleaned["rules"] = parse_rule_text(text)
            except RuleTextError as problem:
                self.add_error("text", str(problem))
        area, category = cleaned.get("area"), cleaned.get("category")
        if area and category and area.municipality_id != category.municipality_id:
            self.add_error("category", _("This category belongs to another municipality."))
        return cleaned


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class Upload5374Form(forms.Form):
    municipality = forms.ModelChoiceField(queryset=None, label=_("Municipality"))
    files = MultipleFileField(
        label=_("5374 files"),
        help_text=_(
            "Select area_days.csv, center.csv, description.csv, remarks.csv and target.csv (or Takamatsu's 0090.csv and 0074.csv)."
        ),
    )
    week_shift = forms.BooleanField(
        required=False, label=_("Move collections in a centre shutdown a week later (Kanazawa)")
    )
    skip_invalid = forms.BooleanField(required=False, label=_("Import the valid rows and list the skipped ones"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from home.models import Municipality

        self.fields["municipality"].queryset = Municipality.objects.all()

    def clean_files(self):
        files = self.cleaned_data["files"]
        known = set(FILES_5374) | {"0090.csv", "0074.csv"}
        for upload in files:
            if upload.name not in known:
                raise forms.ValidationError(
                    _("%(name)s is not a 5374 file: expected %(known)s.")
                    % {"name": upload.name, "known": ", ".join(sorted(known))}
                )
            if upload.size > 5 * 1024 * 1024:
                raise forms.ValidationError(_("%(name)s is larger than 5 MB.") % {"name": upload.name})
        return files
