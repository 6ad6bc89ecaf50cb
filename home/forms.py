"""The alert banner's form: the Japanese banner and its texts in every other language, in one save.

An emergency cannot wait for a translation round: the editor of 緊急情報 writes each language's
text beside the Japanese one. Each text is kept as the banner's row in that locale (what
wagtail-localize makes too, so both ways meet), whose timing and link follow the Japanese banner.
A language left empty has no row, and its pages show the Japanese text marked lang="ja".
"""

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.models import Locale


def other_languages() -> list[tuple[str, str]]:
    """``(language code, name)`` of every content language but the source (Japanese)."""
    return [(code, name) for code, name in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE]


def field_names(code: str) -> tuple[str, str]:
    """The form fields holding the message and link text in *code* (``message_zh_hans``)."""
    suffix = code.replace("-", "_")
    return f"message_{suffix}", f"link_text_{suffix}"


def _language_fields() -> dict[str, forms.Field]:
    fields = {}
    for code, _name in other_languages():
        message, link_text = field_names(code)
        fields[message] = forms.CharField(
            label=_("message"),
            max_length=300,
            required=False,
            widget=forms.TextInput(attrs={"lang": code}),
            help_text=_("Empty: this language's pages show the Japanese message."),
        )
        fields[link_text] = forms.CharField(
            label=_("link text"), max_length=100, required=False, widget=forms.TextInput(attrs={"lang": code})
        )
    return fields


class BaseAlertBannerForm(WagtailAdminModelForm):
    """The banner's fields and, on a Japanese banner, its message and link text in each other
    language; saving writes, updates or removes the banner's row in each of those locales."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_source:
            # A banner in another language is one text already: no languages beside it.
            for code, _name in other_languages():
                for name in field_names(code):
                    self.fields.pop(name, None)
            return
        if self.instance.pk:
            for translation in self.instance.get_translations().select_related("locale"):
                message, link_text = field_names(translation.locale.language_code)
                if message in self.fields:
                    self.initial.setdefault(message, translation.message)
                    self.initial.setdefault(link_text, translation.link_text)

    @property
    def is_source(self) -> bool:
        locale_id = self.instance.locale_id
        return locale_id is None or locale_id == Locale.get_default().pk

    def save(self, commit=True):
        with transaction.atomic():
            banner = super().save(commit)
            if commit and self.is_source:
                self.save_translations(banner)
        return banner

    def save_translations(self, banner) -> None:
        existing = {row.locale.language_code: row for row in banner.get_translations().select_related("locale")}
        for code, _name in other_languages():
            message_field, link_text_field = field_names(code)
            message = self.cleaned_data.get(message_field, "").strip()
            row = existing.get(code)
            if not message:
                if row is not None:
                    row.delete()  # back to the Japanese text on this language's pages
                continue
            if row is None:
                locale, _created = Locale.objects.get_or_create(language_code=code)
                row = banner.copy_for_translation(locale)
            for name in banner.synchronized_fields:
                setattr(row, name, getattr(banner, name))
            row.message = message
            row.link_text = self.cleaned_data.get(link_text_field, "").strip()
            row.save()


# The language fields are declared (not added per instance) so that panels can name them.
AlertBannerForm = type("AlertBannerForm", (BaseAlertBannerForm,), {"__module__": __name__, **_language_fields()})


def alert_banner_edit_handler() -> ObjectList:
    """The panels of the banner's form: the banner, then one group per other language."""
    languages = [
        MultiFieldPanel(
            [FieldPanel(name) for name in field_names(code)],
            heading=name,
            attrs={"lang": code},
        )
        for code, name in other_languages()
    ]
    return ObjectList(
        [
            FieldPanel("municipality"),
            FieldPanel("severity"),
            FieldPanel("message"),
            MultiFieldPanel(["link_url", "link_text"], heading=_("Link")),
            MultiFieldPanel(["starts_at", "ends_at", "enabled"], heading=_("When")),
            *languages,
        ],
        base_form_class=AlertBannerForm,
    )
