from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import BodyBlock
from home.municipalities import validate_municipality_code
from home.page_forms import PageForm
from home.page_templates import PageTemplatePanel
from home.registries import home_panels
from japanese.index import JapaneseAutocompleteField, JapaneseSearchField


class Municipality(models.Model):
    """A city, ward, town or village: the scope of all municipal data."""

    code = models.CharField(
        _("local government code"),
        max_length=6,
        unique=True,
        validators=[validate_municipality_code],
        help_text=_("全国地方公共団体コード, 6 digits including the check digit (e.g. 372013)."),
    )
    name = models.CharField(_("name"), max_length=100)
    name_kana = models.CharField(_("name (kana)"), max_length=100, blank=True)
    prefecture = models.CharField(_("prefecture"), max_length=10, blank=True)

    panels = ["code", "name", "name_kana", "prefecture"]

    class Meta:
        ordering = ["code"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return f"{self.prefecture}{self.name} ({self.code})"


class CityGroup(models.Model):
    """A staff group that works for one municipality: one per city and role (see home/groups.py)."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="city_scope")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="staff_groups")
    role = models.CharField(_("role"), max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "role"], name="one_group_per_city_and_role")]
        verbose_name = _("city staff group")

    def __str__(self):
        return self.group.name


class LoginThrottle(models.Model):
    """Failed staff sign-ins counted for one user name or one client address (home/login_throttle.py).

    The user name is stored as a hash (people type passwords into it); ``label`` names the
    account for administrators only when it exists.
    """

    key = models.CharField(max_length=80, unique=True)
    label = models.CharField(_("account or address"), max_length=150, blank=True)
    failures = models.PositiveIntegerField(default=0)
    first_failure_at = models.DateTimeField(default=timezone.now)
    locked_until = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("sign-in lock")

    def __str__(self):
        return self.label or self.key


class BasePage(Page):
    """What every public page shares: a summary for listings, search and link previews."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two plain sentences shown in lists, search results and link previews."),
    )

    base_form_class = PageForm  # refuses to publish a page that fails the accessibility check
    content_panels = Page.content_panels + ["summary"]
    search_fields = Page.search_fields + [
        JapaneseSearchField("title", boost=2),
        JapaneseAutocompleteField("title"),
        JapaneseSearchField("summary"),
    ]

    class Meta:
        abstract = True

    @property
    def localized_draft(self):
        """Wagtail's, with the active language's locale from the cache (``home.lookups``)."""
        from home.lookups import locale_for

        locale = locale_for(translation.get_language())
        if locale.pk == self.locale_id:
            return self
        return self.get_translation_or_none(locale) or self

    def route(self, request, path_components):
        """A translation that is still a draft answers with its Japanese source and a notice in the
        reader's language (``home.i18n_views.route_untranslated``) instead of a 404."""
        if not path_components and not self.live and request is not None:
            from home.i18n_views import route_untranslated

            routed = route_untranslated(request, self)
            if routed is not None:
                return routed
        return super().route(request, path_components)


class HomePage(BasePage):
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + ["body"]
    search_fields = BasePage.search_fields + [JapaneseSearchField("body")]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["home_panels"] = home_panels()  # what the installed domains show here
        return context


class ContactMixin(models.Model):
    """問い合わせ先 of a page: its section, phone and e-mail, or else the city's (portal settings)."""

    contact_department = models.CharField(
        _("contact section"),
        max_length=100,
        blank=True,
        help_text=_("e.g. 環境課 ごみ減量係. Empty: the city's contact from the portal settings."),
    )
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    contact_panels = [
        MultiFieldPanel(["contact_department", "contact_phone", "contact_email"], heading=_("Contact (問い合わせ先)"))
    ]

    class Meta:
        abstract = True

    def contact(self) -> dict:
        """``{"department", "phone", "email"}``: the page's own, or its city's default when it has none."""
        own = {"department": self.contact_department, "phone": self.contact_phone, "email": self.contact_email}
        if any(own.values()):
            return own
        from home.sites import site_portal_settings

        url_parts = self.get_url_parts()  # the site from Wagtail's cached root paths: no query
        portal = site_portal_settings(url_parts[0]) if url_parts else None
        if portal is None:
            return own
        return {"department": portal.contact_name, "phone": portal.contact_phone, "email": portal.contact_email}


class StandardPage(BasePage, ContactMixin):  # noqa: DJ008 (Page.__str__ is its title)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [PageTemplatePanel(), *BasePage.content_panels, "body", *ContactMixin.contact_panels]
    override_translatable_fields = [SynchronizedField("contact_phone"), SynchronizedField("contact_email")]
    search_fields = BasePage.search_fields + [JapaneseSearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


#: やさしい日本語: a language of its own, and what a resident reads where their language has no text.
EASY_JAPANESE = "ja-x-easy"


class AlertBannerQuerySet(models.QuerySet):
    def active(self, at=None):
        at = at or timezone.now()
        return self.filter(
            Q(starts_at__isnull=True) | Q(starts_at__lte=at),
            Q(ends_at__isnull=True) | Q(ends_at__gt=at),
            enabled=True,
        )

    def for_municipality(self, municipality):
        """The banners of *municipality*'s site: its own and those for every site."""
        if municipality is None:
            return self.filter(municipality__isnull=True)
        return self.filter(Q(municipality__isnull=True) | Q(municipality=municipality))

    def for_locale(self, locale: Locale, at=None):
        """The banners in force, each with ``text``: the row whose message to show in *locale*.

        The Japanese banner decides whether, when and how a banner shows; its translation only
        gives the words, so switching off or ending the Japanese banner ends it in every language.
        Without a translation ``text`` is the やさしい日本語 row where one is written (shown with
        lang="ja-x-easy"), else the Japanese banner itself (shown with lang="ja"). A
        banner written in another language with no Japanese source shows in its language only.
        """
        from home.lookups import default_locale

        default = default_locale()
        shown = list(self.active(at).filter(locale=default).select_related("locale"))
        for banner in shown:
            banner.text = banner
        if locale.pk != default.pk:
            keys = [banner.translation_key for banner in shown]
            # A translation is shown while its source is, whatever its own (copied) window says.
            # A language with no text of its own reads the やさしい日本語 one, where written.
            languages = [locale.language_code] + [EASY_JAPANESE] * (locale.language_code != EASY_JAPANESE)
            rows = self.filter(locale__language_code__in=languages, translation_key__in=keys).select_related("locale")
            texts = {}
            for text in sorted(rows, key=lambda row: languages.index(row.locale.language_code), reverse=True):
                texts[text.translation_key] = text
            for banner in shown:
                banner.text = texts.get(banner.translation_key, banner)
            sourced = self.model.objects.filter(locale=default).values("translation_key")
            orphans = self.active(at).filter(locale=locale).exclude(translation_key__in=sourced)
            for banner in orphans.select_related("locale"):
                banner.text = banner
                shown.append(banner)
        return sorted(shown, key=lambda banner: (banner.severity_rank, -banner.pk))


class AlertBanner(TranslatableMixin, index.Indexed, models.Model):
    """A message shown on every page of its city's site (or of every site, for a banner of no
    city, which only a superuser may make) while it is enabled and inside its time window.

    The Japanese banner is the banner; its rows in other locales hold the texts in those languages
    (written in the Japanese banner's form, ``home.forms.AlertBannerForm``, or with wagtail-localize).
    """

    class Severity(models.TextChoices):
        EMERGENCY = "emergency", _("Emergency")  # 緊急
        WARNING = "warning", _("Warning")  # 警報
        NOTICE = "notice", _("Notice")  # お知らせ

    class Showing(models.TextChoices):
        NOW = "now", _("Showing")  # 表示中
        SCHEDULED = "scheduled", _("Scheduled")  # 予定
        OVER = "over", _("Ended")  # 終了
        OFF = "off", _("Switched off")  # 停止中

    municipality = models.ForeignKey(
        Municipality,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alert_banners",
        verbose_name=_("municipality"),
        help_text=_("The site that shows the banner; empty for every site."),
    )
    severity = models.CharField(_("severity"), max_length=12, choices=Severity.choices, default=Severity.NOTICE)
    message = models.CharField(_("message"), max_length=300)
    link_url = models.URLField(_("link"), blank=True)
    link_text = models.CharField(_("link text"), max_length=100, blank=True)
    starts_at = models.DateTimeField(_("shown from"), null=True, blank=True)
    ends_at = models.DateTimeField(_("shown until"), null=True, blank=True)
    enabled = models.BooleanField(_("switched on"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AlertBannerQuerySet.as_manager()

    search_fields = [index.SearchField("message"), index.FilterField("locale"), index.FilterField("municipality")]
    override_translatable_fields = [SynchronizedField("municipality")]
    # What a translation takes from its Japanese banner whenever that is saved.
    synchronized_fields = ["municipality", "severity", "link_url", "starts_at", "ends_at", "enabled"]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("alert banner")
        verbose_name_plural = _("alert banners")

    def __str__(self):
        return self.message

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("The banner must end after it starts: it would never be shown.")},
                code="ends_before_start",
            )

    @property
    def severity_rank(self) -> int:
        return list(self.Severity.values).index(self.severity)

    @property
    def dismiss_key(self) -> str:
        """Changes when the banner is edited, so an edited banner shows again after dismissal."""
        return f"alert-{self.translation_key}-{int(self.updated_at.timestamp())}"

    def showing(self, at=None) -> "AlertBanner.Showing":
        """Whether the banner is on the site at *at* (now), is yet to come, is over or is off."""
        at = at or timezone.now()
        if not self.enabled:
            return self.Showing.OFF
        if self.starts_at and self.starts_at > at:
            return self.Showing.SCHEDULED
        if self.ends_at and self.ends_at <= at:
            return self.Showing.OVER
        return self.Showing.NOW

    @property
    def showing_label(self) -> str:
        return self.showing().label


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("municipality")
    )
    contact_name = models.CharField(_("contact name"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_address = models.CharField(_("contact address"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    approval_workflow = models.BooleanField(
        _("approval before publishing (承認)"),
        default=True,
        help_text=_(
            "On: pages written by department staff and translators go to the city's 広報担当 for approval. "
            "Off: the city's pages have no approval workflow; those who may publish publish directly."
        ),
    )

    panels = [
        FieldPanel("municipality"),
        "contact_name",
        "contact_phone",
        "contact_email",
        "contact_address",
        "approval_workflow",
    ]

    class Meta:
        verbose_name = _("portal settings")


class PeriodicJobRun(models.Model):
    """When a periodic job (home/jobs.py) last started and finished, so ``scheduler`` knows what is due."""

    name = models.CharField(max_length=100, unique=True)
    last_started = models.DateTimeField(null=True, blank=True)
    last_finished = models.DateTimeField(null=True, blank=True)
    last_succeeded = models.BooleanField(null=True)

    class Meta:
        verbose_name = _("periodic job run")

    def __str__(self):
        return self.name
