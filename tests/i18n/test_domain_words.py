"""One English msgid means one thing: a domain word takes its domain's context (pgettext)."""

from django.template import Context, Template
from django.utils import translation

from services.events.views import EventFilterForm
from services.garbage.forms import RuleTextForm
from services.garbage.models import CollectionRule


def test_event_category_is_not_the_garbage_word_in_japanese():
    with translation.override("ja"):
        assert str(EventFilterForm().fields["tag"].label) == "分類"
        shown = Template('{% load i18n %}{% translate "Categories" context "event" %}').render(Context())
        assert shown == "分類"


def test_garbage_category_keeps_the_garbage_word_in_japanese():
    with translation.override("ja"):
        assert str(RuleTextForm.base_fields["category"].label) == "分別区分"
        assert str(CollectionRule._meta.get_field("category").verbose_name) == "分別区分"


def test_every_language_keeps_its_translation_under_the_context():
    with translation.override("ko"):
        assert str(EventFilterForm().fields["tag"].label) == "분류"
    with translation.override("pt"):
        assert str(RuleTextForm.base_fields["category"].label) == "Categoria"
