"""Fixtures for the language tests: a Japanese source page and translations made with wagtail-localize."""

import pytest
from django.test import TestCase
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from home.groups import EDITORS, TRANSLATORS
from home.models import StandardPage

SOURCE_BODY = [("paragraph", "<p>燃やすごみは月曜日と木曜日に出してください。</p>")]


@pytest.fixture
def source_page(site_tree):
    page = StandardPage(
        title="ごみの出し方",
        slug="gomi",
        summary="燃やすごみの出し方です。",
        body=SOURCE_BODY,
    )
    site_tree.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def editor(make_user):
    return make_user(EDITORS, username="editor")


@pytest.fixture
def translator(make_user):
    return make_user(TRANSLATORS, username="translator")


def save_translation(translation: Translation, *, user=None, publish: bool = False) -> None:
    """wagtail-localize publishes on commit; run those callbacks inside the test's transaction."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(user=user, publish=publish)


def start_translation(page, language_code: str, *, user=None, publish: bool = False) -> Translation:
    """What "Translate this page" does: a translation source and a page in the locale (a draft unless published)."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=Locale.objects.get(language_code=language_code)
    )
    save_translation(translation, user=user, publish=publish)
    return translation


@pytest.fixture
def translate():
    return start_translation
