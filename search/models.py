"""Editor-maintained synonyms and the log of what residents searched for."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from japanese.text import normalise


def split_terms(text: str) -> list[str]:
    """保育園 = 保育所, 保育施設 → [保育園, 保育所, 保育施設] (separators: = , 、 ， and new lines)."""
    for separator in ("＝", "、", "，", ",", "\n"):
        text = text.replace(separator, "=")
    return [term.strip() for term in text.split("=") if term.strip()]


class SynonymGroup(models.Model):
    """Words a resident may type for the same thing; searching one also finds the others."""

    terms = models.TextField(
        _("terms"),
        help_text=_("Words that mean the same, separated by “=” or commas, e.g. 保育園 = 保育所 = 保育施設."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = ["terms", "note"]

    class Meta:
        ordering = ["terms"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonyms")

    def __str__(self):
        return " = ".join(self.term_list)

    @property
    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def clean(self):
        from django.core.exceptions import ValidationError

        problems = synonym_problems(self.term_list)
        if problems:
            raise ValidationError({"terms": problems})


def synonym_problems(terms: list[str]) -> list[str]:
    """Why a synonym group cannot work, checked by running each term through the query analysis
    (the same chain every backend uses); [] when it can.

    Refused: fewer than two terms; a term that analyses to nothing (only symbols); a term the
    query analysis splits or trims (spaces, punctuation: a resident's query is split there, so the
    whole term is never looked up); two terms that are the same word after analysis (width, kana,
    case: ゴミ is ごみ already).
    """
    from japanese.analysis import analyse_query
    from japanese.text import clean

    problems: list[str] = []
    seen: dict[str, str] = {}
    for term in terms:
        parts = [part.text for part in analyse_query(term).terms]
        if not parts:
            problems.append(_("“%(term)s” has nothing to search for: it is only symbols or spaces.") % {"term": term})
            continue
        if parts != [clean(term).strip()]:
            problems.append(
                _(
                    "“%(term)s” contains spaces or symbols: a search is split there (into %(parts)s), "
                    "so this term would never be matched whole. Write it without them."
                )
                % {"term": term, "parts": " / ".join(parts)}
            )
            continue
        key = normalise(term)
        if key in seen:
            problems.append(
                _(
                    "“%(term)s” and “%(other)s” are the same word for the search (full/half width, "
                    "katakana/hiragana and case are already matched): keep one."
                )
                % {"term": term, "other": seen[key]}
            )
        else:
            seen[key] = term
    if not problems and len(seen) < 2:
        problems.append(_("Give at least two different words."))
    return problems


class SearchQueryLog(models.Model):
    """How often a (normalised) query was searched on a day, on a site, in a language, and with
    what result.

    One row per day × site × language × query keeps the table small and stores nothing about who
    searched. Each city's site has its own rows: its editors see what their residents looked for.
    """

    date = models.DateField(_("date"), db_index=True)
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("site"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    language_code = models.CharField(_("language"), max_length=20)
    query = models.CharField(_("query"), max_length=200)
    hits = models.PositiveIntegerField(_("searches"), default=0)
    zero_result_hits = models.PositiveIntegerField(_("searches without results"), default=0)
    last_result_count = models.PositiveIntegerField(_("results (last search)"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["date", "site", "language_code", "query"], name="search_log_unique_day_site_query"
            )
        ]
        verbose_name = _("search query log")
        verbose_name_plural = _("search query logs")

    def __str__(self):
        return f"{self.date} {self.language_code} {self.query} ×{self.hits}"


class SearchClickLog(models.Model):
    """Which result residents opened after a logged search: one row per day × site × language ×
    query × result URL, with a count. No user, no IP, no cookie: the results page sends the
    query, the result's path and its kind (``search.views.click``)."""

    date = models.DateField(_("date"), db_index=True)
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("site"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    language_code = models.CharField(_("language"), max_length=20)
    query = models.CharField(_("query"), max_length=200)
    url = models.CharField(_("result"), max_length=500)
    kind = models.CharField(_("kind"), max_length=40, blank=True)
    clicks = models.PositiveIntegerField(_("clicks"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["date", "site", "language_code", "query", "url"], name="search_click_unique_day_site_query_url"
            )
        ]
        verbose_name = _("search click")
        verbose_name_plural = _("search clicks")

    def __str__(self):
        return f"{self.date} {self.language_code} {self.query} → {self.url} ×{self.clicks}"
