from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    """The language work: wagtail-localize workflow, glossary, machine translators, the status
    board, translator notifications and the Easy Japanese check."""

    name = "translation"
    verbose_name = _("Translation")

    def ready(self):
        from wagtail.signals import page_published

        from home.groups import EDITORS
        from home.registries import register_role
        from translation import notifications, sync

        page_published.connect(sync.on_page_published, dispatch_uid="translation.sync_sources")
        page_published.connect(notifications.on_page_published, dispatch_uid="translation.notify_translators")
        register_role(EDITORS, permissions=["wagtail_localize.submit_translation"])  # 広報担当 ask for translations
