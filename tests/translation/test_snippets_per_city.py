"""Translators translate the snippets residents read (ごみの分別区分, 分別辞典) of their own city only:
wagtail-localize checks the model right, the portal adds the city and the source language."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from home import demo, groups
from home.cities import setup_city
from home.models import Municipality
from services.garbage.apps import GARBAGE_STAFF
from services.garbage.models import GarbageCategory, SortingItem
from tests.i18n.conftest import save_translation
from tests.rows import module_rows


def _category(municipality, tag):
    ja = Locale.get_default()
    category = GarbageCategory.objects.create(
        municipality=municipality, locale=ja, code=f"burn-{tag}", name="燃やすごみ"
    )
    item = SortingItem.objects.create(municipality=municipality, locale=ja, category=category, name="空き缶")
    vi = Locale.objects.get(language_code="vi")
    made = {}
    for obj in (category, item):
        source, _ = TranslationSource.get_or_create_from_instance(obj)
        translation = Translation.objects.create(source=source, target_locale=vi)
        save_translation(translation, publish=True)  # snippets have no drafts
        made[type(obj).__name__] = {"ja": obj.pk, "vi": obj.get_translation(vi).pk, "translation": translation.pk}
    return made


def _build():
    takamatsu = demo.ensure_municipality()
    ichikawa = setup_city("122033", "市川市", hostname="ichikawa.example.jp").municipality
    return {
        "a": takamatsu.pk,
        "b": ichikawa.pk,
        "objects": {"a": _category(takamatsu, "a"), "b": _category(ichikawa, "b")},
    }


cities = module_rows(_build)
MODELS = {"GarbageCategory": GarbageCategory, "SortingItem": SortingItem}


def _staff(make_user, role, city_pk, name):
    user = make_user(username=name)
    user.groups.add(groups.city_group(role, Municipality.objects.get(pk=city_pk)))
    return user


def _refused(response) -> bool:
    """The admin answers a refusal with a redirect to the dashboard and a message (or a 403)."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def _edit_url(model, pk):
    return reverse(model.snippet_viewset.get_url_name("edit"), args=[pk])


def _put_string(client, translation_pk, value):
    translation = Translation.objects.get(pk=translation_pk)
    segment = StringSegment.objects.filter(source=translation.source).first()
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    return client.put(url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize("model_name", MODELS)
def test_a_translator_translates_their_citys_snippet_in_the_localize_editor(client, cities, make_user, model_name):
    model, own = MODELS[model_name], cities["objects"]["a"][model_name]
    client.force_login(_staff(make_user, groups.TRANSLATORS, cities["a"], "translator-a"))

    response = client.get(_edit_url(model, own["vi"]))
    assert response.status_code == 200
    assert "wagtail-localize" in response.content.decode() or "editor" in response.content.decode()

    response = _put_string(client, own["translation"], "Rác cháy được")
    assert response.status_code in (200, 201)
    assert StringTranslation.objects.filter(data="Rác cháy được", locale__language_code="vi").exists()


@pytest.mark.parametrize("model_name", MODELS)
def test_a_translator_of_one_city_cannot_translate_the_other_citys_snippet(client, cities, make_user, model_name):
    model, other = MODELS[model_name], cities["objects"]["b"][model_name]
    client.force_login(_staff(make_user, groups.TRANSLATORS, cities["a"], "translator-a"))

    assert client.get(_edit_url(model, other["vi"])).status_code == 404
    assert client.get(_edit_url(model, other["ja"])).status_code == 404
    assert _put_string(client, other["translation"], "Bị sửa").status_code == 403
    assert not StringTranslation.objects.filter(data="Bị sửa").exists()


@pytest.mark.parametrize("model_name", MODELS)
def test_a_translator_cannot_change_the_japanese_source(client, cities, make_user, model_name):
    model, own = MODELS[model_name], cities["objects"]["a"][model_name]
    client.force_login(_staff(make_user, groups.TRANSLATORS, cities["a"], "translator-a"))

    assert _refused(client.get(_edit_url(model, own["ja"])))
    assert _refused(client.post(_edit_url(model, own["ja"]), {"name": "書き換え"}))
    assert model.objects.get(pk=own["ja"]).name != "書き換え"


@pytest.mark.parametrize(
    ("role", "city", "own_translation", "other_translation", "own_source"),
    [
        (groups.TRANSLATORS, "a", 200, 404, 403),
        (groups.TRANSLATORS, "b", 200, 404, 403),
        (GARBAGE_STAFF, "a", 200, 404, 200),  # 環境課 keep their own data in every language
        (groups.EDITORS, "a", 403, 404, 403),  # no garbage rights at all; another city's is not there
        (groups.EMERGENCY, "a", 403, 404, 403),
    ],
)
def test_each_role_reaches_only_its_own_citys_garbage_snippets(
    client, cities, make_user, role, city, own_translation, other_translation, own_source
):
    other_city = "b" if city == "a" else "a"
    own, other = cities["objects"][city]["GarbageCategory"], cities["objects"][other_city]["GarbageCategory"]
    user = _staff(make_user, role, cities[city], f"staff-{city}")
    client.force_login(user)

    def status(pk):
        response = client.get(_edit_url(GarbageCategory, pk))
        return 403 if _refused(response) else response.status_code

    assert status(own["vi"]) == own_translation
    assert status(other["vi"]) == other_translation
    assert status(own["ja"]) == own_source
