"""A Japanese page that is published again brings its translations' sources up to date.

wagtail-localize keeps a snapshot of the source (``TranslationSource``) that its editor translates;
by default it is refreshed only when an editor runs "Sync translated pages", so translators kept
seeing the old Japanese. On Wagtail's ``page_published`` signal for a page of the source language
this does what that action does without publishing: refresh the snapshot and its strings
(``update_from_db``) and carry view restrictions over to the translations. Strings already
translated stay in translation memory; the changed ones show as untranslated in the editor, and
the translated pages stay as they are until a translator's work is published.
"""

from __future__ import annotations

from wagtail.models import Locale
from wagtail_localize.models import TranslationSource


def sync_translation_sources(page) -> int:
    """Refresh the translation sources of *page*; returns how many there were (0 or 1)."""
    synced = 0
    for source in TranslationSource.objects.filter(object_id=page.translation_key, locale_id=page.locale_id):
        source.update_from_db()
        for translation in source.translations.filter(enabled=True).select_related("target_locale"):
            source.update_target_view_restrictions(translation.target_locale)
        synced += 1
    return synced


def on_page_published(sender, instance, revision=None, **kwargs):
    if instance.locale_id == Locale.get_default().pk:
        sync_translation_sources(instance)
