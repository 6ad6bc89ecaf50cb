"""Admin views of the translators' and editors' language work.

- ``start_translation``: "Translate" on the status board, for translators and editors of the
  page's city: wagtail-localize's TranslationCreator makes the translation into the board's
  language (a draft, see ``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE``) and the translator
  lands in its editor. wagtail-localize's own "Translate this page" checks one global permission
  and no city, so translators are not given it.
- ``submit_for_review``: a translator saves the strings they translated in wagtail-localize's
  editor into a draft of the translated page and submits it to the page's workflow (Wagtail's
  default "モデレーターの承認" — named in English by Wagtail, renamed by a home migration —
  whose approvers are 広報担当). wagtail-localize's own editor
  only offers "Publish", which translators do not have; an editor publishes by approving.
- ``easy_japanese_check``: the やさしい日本語 check of a text an editor pastes, or of a page's
  latest draft, with the sentence each finding is about.
"""

from __future__ import annotations

import re
from functools import reduce
from html import unescape
from operator import or_

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from home.groups import EDITORS, TRANSLATORS, has_role, role_homes
from home.sites import city_pages_q
from translation.easy_japanese import MAX_KANJI_SHARE, MAX_SENTENCE_CHARS, check_easy_japanese

_TAG = re.compile(r"<[^>]+>")


def in_users_cities(user, page: Page, *role_names: str) -> bool:
    """Whether *page* belongs to a city where *user* has one of *role_names* (superusers: any)."""
    homes = role_homes(user, *role_names)
    if homes is None:
        return True
    cities = reduce(or_, (city_pages_q(home) for home in homes), Q(pk__in=[]))
    return Page.objects.filter(cities, pk=page.pk).exists()  # one query, whatever the number of cities


@require_POST
def start_translation(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id, depth__gt=1)
    source_locale = Locale.get_default()
    locale = Locale.objects.filter(language_code=request.POST.get("locale", "")).exclude(pk=source_locale.pk).first()
    if locale is None or page.locale_id != source_locale.pk:
        raise Http404
    if not has_role(request.user, TRANSLATORS, EDITORS) or not in_users_cities(
        request.user, page, TRANSLATORS, EDITORS
    ):
        raise PermissionDenied
    translated = page.get_translation_or_none(locale)
    if translated is None:
        with transaction.atomic():
            TranslationCreator(request.user, [locale]).create_translations(page.specific)
        translated = page.get_translation_or_none(locale)
    if translated is None:  # e.g. its parent page is not translated and could not be made
        messages.error(request, _("This page could not be translated; ask an editor."))
        return redirect(reverse("translation_status") + f"?locale={locale.language_code}")
    return redirect("wagtailadmin_pages:edit", translated.pk)


@require_POST
def submit_for_review(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    if page.locale_id == Locale.get_default().pk:
        raise PermissionDenied  # the Japanese source is not translated work
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()
    if translation is not None:
        translation.save_target(user=request.user, publish=False)
        page.refresh_from_db()
    workflow = page.get_workflow()
    if workflow is None:
        messages.error(request, _("No review workflow applies to this page; ask an editor to publish it."))
    elif page.workflow_in_progress:
        messages.info(request, _("This translation is already in review."))
    else:
        workflow.start(page, request.user)
        messages.success(
            request,
            _("'%(title)s' in %(language)s was submitted for review.")
            % {"title": page.title, "language": page.locale.get_display_name()},
        )
    return redirect(reverse("translation_status") + f"?locale={page.locale.language_code}")


class EasyJapaneseForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Japanese text"),
        widget=forms.Textarea(attrs={"rows": 8, "lang": "ja"}),
        max_length=20_000,
    )


def page_text(page: Page) -> str:
    """The text a resident reads on a page's latest draft: title, summary and body, tags stripped."""
    revision = page.get_latest_revision_as_object()
    parts = [revision.title, getattr(revision, "summary", "")]
    body = getattr(revision, "body", None)
    if body is not None:
        parts.append(unescape(_TAG.sub("\n", str(body))))
    return "\n".join(part for part in parts if part)


def can_check(user) -> bool:
    return has_role(user, EDITORS)


def easy_japanese_check(request):
    if not can_check(request.user):
        raise PermissionDenied
    page = None
    if request.method == "POST":
        form = EasyJapaneseForm(request.POST)
    elif request.GET.get("page", "").isdigit():
        page = get_object_or_404(Page, pk=int(request.GET["page"]))
        if not page.permissions_for_user(request.user).can_edit():
            raise Http404  # another city's page, or one this editor may not read in the admin
        form = EasyJapaneseForm({"text": page_text(page)})
    else:
        form = EasyJapaneseForm()
    findings = check_easy_japanese(form.cleaned_data["text"]) if form.is_bound and form.is_valid() else None
    return render(
        request,
        "translation/easy_check.html",
        {
            "form": form,
            "page": page,
            "findings": findings,
            "max_sentence_chars": MAX_SENTENCE_CHARS,
            "max_kanji_share": int(MAX_KANJI_SHARE * 100),
        },
    )
