"""A machine translation engine that fails is a message to the translator, not a server error.

wagtail-localize's "Machine translate" view calls the engine without catching its failures; the
portal's translators raise ``MachineTranslationUnavailable`` (translation/machine.py), which this
middleware turns into an error message on the page the translator came from (the view's ``next``,
as on success). Nothing is saved: the strings stay as they were.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from wagtail.admin.utils import get_valid_next_url_from_request

from translation.machine import MachineTranslationUnavailable


class MachineTranslationErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, MachineTranslationUnavailable):
            return None
        messages.error(request, exception.message)
        return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")
