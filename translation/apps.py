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
        _translate_own_cities_only()


def _translate_own_cities_only():
    """wagtail-localize lets anyone with the model's change right edit a snippet's translation,
    whatever its city: its editor and string API ask ``user_can_edit_instance``, which is
    narrowed here to the user's cities (``home.scoping.in_scope``) and, for a translator, to
    translations (never the Japanese source)."""
    from wagtail.models import Page
    from wagtail_localize.views import edit_translation

    from home.scoping import in_scope, is_source, translates_only

    localize_check = edit_translation.user_can_edit_instance
    if getattr(localize_check, "per_city", False):
        return

    def user_can_edit_instance(user, instance):
        if not localize_check(user, instance):
            return False
        if isinstance(instance, Page):
            return True  # page rights are already per city (home/groups.py)
        return in_scope(user, instance) and not (is_source(instance) and translates_only(user, type(instance)))

    user_can_edit_instance.per_city = True
    edit_translation.user_can_edit_instance = user_can_edit_instance
