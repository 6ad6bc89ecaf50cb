from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from home.models import HomePage, Municipality


def snapshot() -> dict[str, object]:
    """Row counts of every table, plus the newest primary key of each (a re-created row shows)."""
    state = {}
    for model in apps.get_models():
        manager = model._base_manager
        state[model._meta.label] = (manager.count(), manager.order_by("-pk").values_list("pk", flat=True).first())
    return state


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing():
    first = StringIO()
    call_command("load_demo", force=True, stdout=first)
    assert "password" in first.getvalue()
    before = snapshot()

    second = StringIO()
    call_command("load_demo", force=True, stdout=second)
    assert snapshot() == before
    assert "password" not in second.getvalue()  # existing users keep their passwords

    assert Municipality.objects.filter(code="372013", name="高松市").exists()
    assert set(HomePage.objects.live().values_list("locale__language_code", flat=True)) == {
        "ja",
        "en",
        "zh-hans",
        "ko",
        "vi",
        "pt",
        "ja-x-easy",
    }


@pytest.mark.django_db
def test_load_demo_refuses_without_debug_or_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo", stdout=StringIO())
