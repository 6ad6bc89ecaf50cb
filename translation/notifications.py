"""E-mail to translators when a Japanese source page they translated is published again.

Connected to Wagtail's ``page_published`` signal (home/apps.py). The people told are the
translators (翻訳者) who saved a revision of a translation of that page; each gets one e-mail
naming the page, the languages they worked on and the link to each translation in the admin.
Sent through Django's e-mail backend (console in development), once the publish is committed:
an import's preview publishes inside a transaction it rolls back, and must tell nobody.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation as django_translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Revision

from home.groups import TRANSLATORS


def translators_of(page: Page) -> dict:
    """{user: [translated pages they saved a revision of]} for the translations of ``page``."""
    translated = list(page.get_translations().select_related("locale"))
    if not translated:
        return {}
    by_id = {str(other.pk): other for other in translated}
    revisions = (
        Revision.page_revisions.filter(object_id__in=list(by_id), user__isnull=False, user__is_active=True)
        .filter(user__groups__city_scope__role=TRANSLATORS)
        .values_list("user_id", "object_id")
        .distinct()
    )
    pages_by_user: dict[int, list[Page]] = {}
    for user_id, object_id in revisions:
        pages = pages_by_user.setdefault(user_id, [])
        if by_id[object_id] not in pages:
            pages.append(by_id[object_id])
    users = get_user_model().objects.in_bulk(list(pages_by_user))
    return {users[user_id]: pages for user_id, pages in pages_by_user.items() if users[user_id].email}


def notify_translators(page: Page) -> int:
    """Send the e-mails for a source page that changed; returns how many were sent."""
    sent = 0
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for user, pages in translators_of(page).items():
        with django_translation.override("en"):
            lines = [
                _("The Japanese page “%(title)s” was changed and published.") % {"title": page.title},
                _("Please check your translations:"),
                "",
            ]
            lines += [
                f"- {other.locale.get_display_name()}: {base}{reverse('wagtailadmin_pages:edit', args=[other.pk])}"
                for other in pages
            ]
            subject = _("Source page changed: %(title)s") % {"title": page.title}
        send_mail(subject, "\n".join(lines), None, [user.email])
        sent += 1
    return sent


def on_page_published(sender, instance, revision=None, **kwargs):
    page = instance
    if page.locale_id != Locale.get_default().pk:
        return
    transaction.on_commit(lambda: notify_translators(page))
