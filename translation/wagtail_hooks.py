"""Wagtail admin hooks of the language work: the status board, starting a translation, review
submission, the Easy Japanese check, their menu items and page buttons, and the note in the
translation editor when no machine translation engine is configured.
"""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator

from translation.admin_views import can_check, easy_japanese_check, start_translation, submit_for_review
from translation.status import can_see_board, status_board_view


@hooks.register("register_admin_urls")
def translation_admin_urls():
    return [
        path("translations/status/", status_board_view, name="translation_status"),
        path("translations/<int:page_id>/start/", start_translation, name="translation_start"),
        path("translations/<int:page_id>/submit/", submit_for_review, name="translation_submit_for_review"),
        path("easy-japanese/", easy_japanese_check, name="translation_easy_japanese_check"),
    ]


class _VisibleTo(MenuItem):
    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check

    def is_shown(self, request):
        return self.check(request.user)


@hooks.register("register_admin_menu_item")
def translation_status_menu_item():
    return _VisibleTo(
        _("Translation status"), reverse("translation_status"), icon_name="globe", order=900, check=can_see_board
    )


@hooks.register("register_admin_menu_item")
def easy_japanese_menu_item():
    return _VisibleTo(
        _("Easy Japanese check"),
        reverse("translation_easy_japanese_check"),
        icon_name="doc-full",
        order=910,
        check=can_check,
    )


@hooks.register("register_page_header_buttons")
def easy_japanese_page_button(page, user, view_name, next_url=None):
    if page.depth > 1 and page.locale_id == Locale.get_default().pk and can_check(user):
        yield Button(
            _("Easy Japanese check"),
            reverse("translation_easy_japanese_check") + f"?page={page.pk}",
            icon_name="doc-full",
            priority=80,
        )


@hooks.register("before_edit_page", order=-1)  # before wagtail-localize's, which answers with its editor
def explain_missing_machine_translation(request, page):
    """Without a configured engine wagtail-localize shows no "Machine translate" button and says
    nothing: the translator is told why, in the editor of a translated page."""
    if request.method != "GET" or page.locale_id == Locale.get_default().pk:
        return
    if get_machine_translator() is None:
        messages.info(
            request,
            _("Machine translation is not available: no engine is configured (an administrator sets DEEPL_API_KEY)."),
        )
