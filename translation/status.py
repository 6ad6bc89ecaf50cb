"""The translation status board: for each language, which pages are untranslated, out of date,
in review or published, with counts and links.

A page's state in a language (``translation_state``):

- ``untranslated``: no translation yet;
- ``in_progress`` (翻訳中): a translation was started ("Translate this page" makes a draft) but is
  neither live nor in review; residents read the Japanese page with a notice;
- ``in_review``: the translated page has a workflow in progress (a translator submitted it);
- ``out_of_date``: the translation is live but the Japanese source was published after it;
- ``published``: live and at least as recent as the source.

Translatable snippets (garbage categories, dictionary items, facility categories, alert banners…)
are counted per model and language: how many of the Japanese ones have a translation.

The board reads a fixed number of queries whatever the number of pages and snippets (sources,
translations, workflow states, locales, two per snippet model), so it stays quick on a large site.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, WorkflowState

from home.groups import EDITORS, TRANSLATORS, has_role, role_homes
from home.sites import city_pages_q

UNTRANSLATED = "untranslated"
IN_PROGRESS = "in_progress"
OUT_OF_DATE = "out_of_date"
IN_REVIEW = "in_review"
PUBLISHED = "published"
STATES = (UNTRANSLATED, IN_PROGRESS, OUT_OF_DATE, IN_REVIEW, PUBLISHED)
STATE_LABELS = {
    UNTRANSLATED: _("Untranslated"),
    IN_PROGRESS: _("In translation"),
    OUT_OF_DATE: _("Out of date"),
    IN_REVIEW: _("In review"),
    PUBLISHED: _("Published"),
}


def translation_state(
    *,
    exists: bool,
    live: bool,
    in_review: bool,
    source_published_at: dt.datetime | None,
    translation_published_at: dt.datetime | None,
) -> str:
    """The state of one page in one language (see the module docstring)."""
    if exists and in_review:
        return IN_REVIEW
    if not exists:
        return UNTRANSLATED
    if not live:
        return IN_PROGRESS
    if source_published_at and translation_published_at and source_published_at > translation_published_at:
        return OUT_OF_DATE
    return PUBLISHED


@dataclass
class BoardRow:
    source: Page
    translated: Page | None
    state: str

    @property
    def source_edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=[self.source.pk])

    @property
    def translation_edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=[self.translated.pk]) if self.translated else ""

    @property
    def translate_url(self) -> str:
        """A POST with ``locale``: the translation into that language is made and opened."""
        return reverse("translation_start", args=[self.source.pk])

    @property
    def submit_url(self) -> str:
        return reverse("translation_submit_for_review", args=[self.translated.pk]) if self.translated else ""


@dataclass
class LanguageBoard:
    locale: Locale
    rows: list[BoardRow] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATES, 0)
        for row in self.rows:
            counts[row.state] += 1
        return counts

    def rows_in(self, state: str) -> list[BoardRow]:
        return [row for row in self.rows if row.state == state]


def status_boards(homes=None) -> list[LanguageBoard]:
    """One board per translation language, over every Japanese page of the cities of *homes*
    (every city for None)."""
    source_locale = Locale.get_default()
    locales = [locale for locale in Locale.objects.order_by("pk") if locale.pk != source_locale.pk]
    in_cities = Q()
    if homes is not None:
        in_cities = Q(pk__in=[])
        for home in homes:
            in_cities |= city_pages_q(home)
    sources = list(
        Page.objects.filter(in_cities, locale=source_locale, depth__gt=1)
        .only("pk", "title", "translation_key", "last_published_at", "live", "depth", "path", "locale_id")
        .order_by("path")
    )
    keys = [page.translation_key for page in sources]
    translated = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys)
        .exclude(locale=source_locale)
        .only("pk", "title", "translation_key", "last_published_at", "live", "locale_id")
    }
    page_type = ContentType.objects.get_for_model(Page)
    in_review = set(
        WorkflowState.objects.active()
        .filter(base_content_type=page_type, object_id__in=[str(page.pk) for page in translated.values()])
        .values_list("object_id", flat=True)
    )
    boards = []
    for locale in locales:
        board = LanguageBoard(locale)
        for source in sources:
            page = translated.get((source.translation_key, locale.pk))
            state = translation_state(
                exists=page is not None,
                live=bool(page and page.live),
                in_review=bool(page and str(page.pk) in in_review),
                source_published_at=source.last_published_at,
                translation_published_at=page.last_published_at if page else None,
            )
            board.rows.append(BoardRow(source, page, state))
        boards.append(board)
    return boards


@dataclass
class SnippetRow:
    model: type
    total: int
    translated: dict[int, int]  # locale pk → translated objects

    @property
    def key(self) -> str:
        return self.model._meta.label_lower

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    def listing_url(self, locale: Locale) -> str:
        meta = self.model._meta
        return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:list") + f"?locale={locale.language_code}"


def snippet_rows(locales: list[Locale]) -> list[SnippetRow]:
    """Translated snippets per model and language: two queries per translatable snippet model."""
    from django.db.models import Count
    from wagtail.models import TranslatableMixin
    from wagtail.snippets.models import get_snippet_models

    source_locale = Locale.get_default()
    rows = []
    for model in get_snippet_models():
        if not issubclass(model, TranslatableMixin):
            continue
        sources = model.objects.filter(locale=source_locale).values("translation_key")
        total = sources.count()
        counts = dict(
            model.objects.filter(translation_key__in=sources)
            .exclude(locale=source_locale)
            .values_list("locale_id")
            .annotate(n=Count("pk"))
            .values_list("locale_id", "n")
        )
        rows.append(SnippetRow(model, total, {locale.pk: counts.get(locale.pk, 0) for locale in locales}))
    return rows


def can_see_board(user) -> bool:
    return has_role(user, TRANSLATORS, EDITORS)


def status_board_view(request):
    """Admin view: counts for every language, and the pages of the chosen one grouped by state."""
    if not can_see_board(request.user):
        raise PermissionDenied
    boards = status_boards(role_homes(request.user, TRANSLATORS, EDITORS))
    chosen = request.GET.get("locale", "")
    current = next((board for board in boards if board.locale.language_code == chosen), boards[0] if boards else None)
    return render(
        request,
        "translation/status.html",
        {
            "summary": [(board, list(board.counts().items())) for board in boards],
            "snippets": [
                (
                    row,
                    [
                        (board.locale, row.translated[board.locale.pk], row.listing_url(board.locale))
                        for board in boards
                    ],
                )
                for row in snippet_rows([board.locale for board in boards])
            ],
            "current": current,
            "states": [(state, STATE_LABELS[state]) for state in STATES],
            "groups": [(state, STATE_LABELS[state], current.rows_in(state)) for state in STATES] if current else [],
        },
    )
