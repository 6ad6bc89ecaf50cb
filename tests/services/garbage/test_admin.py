"""Garbage data in the admin: who may edit it, rule text entry, the 5374 upload, the calendar preview."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from home.groups import TRANSLATORS
from services.garbage.apps import GARBAGE_STAFF, TRANSLATED
from services.garbage.models import CollectionArea, CollectionRule, GarbageCategory
from services.garbage.rules import RuleKind
from services.nurseries.apps import CHILDCARE_STAFF
from tests.services.garbage.test_importers import FIXTURES, OPENDATA

MODELS = ["garbagecategory", "collectionarea", "collectionrule", "collectionexception", "disposalcentre", "sortingitem"]


@pytest.mark.parametrize("model", MODELS)
def test_garbage_staff_can_add_and_list_garbage_data(client, site_tree, make_user, model):
    client.force_login(make_user(GARBAGE_STAFF))
    assert client.get(f"/admin/snippets/garbage/{model}/").status_code == 200
    assert client.get(f"/admin/snippets/garbage/{model}/add/").status_code == 200


@pytest.mark.parametrize("group", [CHILDCARE_STAFF, TRANSLATORS])
@pytest.mark.parametrize("model", MODELS)
def test_other_staff_cannot_reach_garbage_data(client, site_tree, make_user, group, model):
    client.force_login(make_user(group))
    urls = [f"/admin/snippets/garbage/{model}/add/"]
    if not (group == TRANSLATORS and model in TRANSLATED):  # translators list what they translate
        urls.append(f"/admin/snippets/garbage/{model}/")
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert response.status_code != 200


@pytest.mark.parametrize("group", [CHILDCARE_STAFF, TRANSLATORS])
def test_other_staff_cannot_use_rule_entry_or_upload(client, site_tree, make_user, group):
    client.force_login(make_user(group))
    for url in ("/admin/garbage/rule-text/", "/admin/garbage/upload-5374/"):
        response = client.get(url)
        assert (response.status_code, response.get("Location")) in ((302, "/admin/"), (403, None))


def test_garbage_staff_and_administrators_use_rule_entry_and_upload(client, site_tree, make_user):
    from django.contrib.auth import get_user_model

    client.force_login(make_user(GARBAGE_STAFF))
    assert client.get("/admin/garbage/rule-text/").status_code == 200
    assert client.get("/admin/garbage/upload-5374/").status_code == 200
    admin = get_user_model().objects.create_superuser("root", "root@example.invalid", "x")
    client.force_login(admin)
    assert client.get("/admin/garbage/upload-5374/").status_code == 200


def test_garbage_staff_can_edit_an_area_and_see_its_computed_calendar(client, takamatsu, make_user):
    client.force_login(make_user(GARBAGE_STAFF))
    area = CollectionArea.objects.get(municipality=takamatsu, name__startswith="高松第一")
    html = client.get(f"/admin/snippets/garbage/collectionarea/edit/{area.pk}/").content.decode()
    assert "燃やせるごみ" in html
    assert html.count("<time datetime=") > 10


def test_rule_text_is_read_back_then_saved_on_confirmation(client, takamatsu, make_user):
    client.force_login(make_user(GARBAGE_STAFF))
    area = CollectionArea.objects.get(municipality=takamatsu, name__startswith="高松第一")
    category = GarbageCategory.objects.get(municipality=takamatsu, locale__language_code="ja", name="紙・布")
    form = {"area": area.pk, "category": category.pk, "text": "隔週水曜日（1月8日から）"}
    html = client.post("/admin/garbage/rule-text/", form).content.decode()
    assert "隔週水曜日（" in html and "data-rule-confirmation" in html
    assert CollectionRule.objects.filter(area=area, category=category).count() == 2  # unchanged until confirmed
    html = client.post("/admin/garbage/rule-text/", {**form, "confirm": "1"}).content.decode()
    assert "data-rule-saved" in html
    (rule,) = CollectionRule.objects.filter(area=area, category=category)
    assert rule.kind == RuleKind.BIWEEKLY and rule.weekday == 2


def test_rule_text_that_cannot_be_read_says_why(client, takamatsu, make_user):
    client.force_login(make_user(GARBAGE_STAFF))
    area = CollectionArea.objects.get(municipality=takamatsu, name__startswith="高松第一")
    category = GarbageCategory.objects.get(municipality=takamatsu, locale__language_code="ja", name="紙・布")
    html = client.post(
        "/admin/garbage/rule-text/", {"area": area.pk, "category": category.pk, "text": "第６月曜日"}
    ).content.decode()
    assert "is not a rule" in html
    assert CollectionRule.objects.filter(area=area, category=category).count() == 2


def _uploads(folder):
    return [
        SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv") for path in sorted(folder.iterdir())
    ]


def test_upload_preview_gives_the_same_error_report_as_the_command(client, takamatsu, make_user):
    client.force_login(make_user(GARBAGE_STAFF))
    with pytest.raises(CommandError) as raised:
        call_command(
            "import_5374", str(FIXTURES / "hakodate-malformed"), "--municipality", "372013", stdout=io.StringIO()
        )
    command_lines = [line.strip() for line in str(raised.value).splitlines()[1:-1]]
    rules = CollectionRule.objects.count()
    html = client.post(
        "/admin/garbage/upload-5374/",
        {"municipality": takamatsu.pk, "files": _uploads(FIXTURES / "hakodate-malformed")},
    ).content.decode()
    assert "何も取り込んでいません: 問題が 1 件あります。" in html
    assert 'name="commit"' not in html  # strict: a file set with a problem cannot be committed
    from django.utils.html import escape

    for line in command_lines:
        assert escape(line) in html
    assert CollectionRule.objects.count() == rules


def test_upload_gives_the_same_result_as_the_command(client, db, make_user, site_tree):
    from home.cities import setup_city
    from home.groups import city_group

    kanazawa = setup_city("172014", "金沢市").municipality  # import_5374 goes to a set-up city only
    client.force_login(make_user(city_group(GARBAGE_STAFF, kanazawa)))  # 金沢市's own staff
    preview = client.post(
        "/admin/garbage/upload-5374/",
        {"municipality": kanazawa.pk, "files": _uploads(OPENDATA / "5374-kanazawa"), "week_shift": "on"},
    )
    assert "data-import-rows" in preview.content.decode()
    rules = CollectionRule.objects.filter(area__municipality=kanazawa)  # the module shares 高松市's rules
    assert not rules.exists()  # the preview writes nothing
    response = client.post(preview.context["preview"]["commit_url"], {"commit": "1"})
    assert "data-import-report" in response.content.decode()
    uploaded = sorted(rules.values_list("area__name", "category__name", "kind", "weekday", "nth"))
    output = io.StringIO()
    call_command(
        "import_5374", str(OPENDATA / "5374-kanazawa"), "--municipality", "172014", "--week-shift", stdout=output
    )
    assert output.getvalue().startswith("created 0, updated 0, unchanged ")
    assert sorted(rules.values_list("area__name", "category__name", "kind", "weekday", "nth")) == uploaded
    assert len(uploaded) > 71 * 4


def test_upload_refuses_files_that_are_not_5374(client, takamatsu, make_user):
    client.force_login(make_user(GARBAGE_STAFF))
    upload = SimpleUploadedFile("evil.exe", b"MZ", content_type="application/octet-stream")
    html = client.post(
        "/admin/garbage/upload-5374/", {"municipality": takamatsu.pk, "files": [upload]}
    ).content.decode()
    assert "evil.exe は 5374 形式のファイルではありません" in html or "evil.exe is not a 5374 file" in html
