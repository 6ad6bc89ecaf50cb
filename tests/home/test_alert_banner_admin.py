"""緊急情報 staff write a banner in every language from one form (issue 17); nobody else may."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from home import groups
from home.factories import AlertBannerFactory
from home.models import AlertBanner, Municipality
from services.garbage.apps import GARBAGE_STAFF
from tests.staff import city_staff_group

ADD = reverse("wagtailsnippets_home_alertbanner:add")
LISTING = reverse("wagtailsnippets_home_alertbanner:list")
LANGUAGE_SUFFIXES = ["en", "zh_hans", "ko", "vi", "pt", "ja_x_easy"]
PASSWORD = "correct horse battery staple"


def edit_url(banner):
    return reverse("wagtailsnippets_home_alertbanner:edit", args=[banner.pk])


def banner_form(municipality, **fields):
    empty_languages = {f"{kind}_{code}": "" for kind in ("message", "link_text") for code in LANGUAGE_SUFFIXES}
    return {
        "municipality": municipality.pk,
        "severity": "emergency",
        "message": "",
        "link_url": "",
        "link_text": "",
        "starts_at": "",
        "ends_at": "",
        "enabled": "on",
        **empty_languages,
        **fields,
    }


def texts(banner) -> dict[str, str]:
    """The banner's message in each language that has one."""
    rows = AlertBanner.objects.filter(translation_key=banner.translation_key).select_related("locale")
    return {row.locale.language_code: row.message for row in rows}


@pytest.fixture
def emergency(make_user):
    return make_user(groups.EMERGENCY)


@pytest.fixture
def ichikawa(db):
    return Municipality.objects.create(code="122033", name="市川市", prefecture="千葉県")


def test_emergency_staff_write_every_language_in_one_form_and_each_page_shows_its_own(
    client, site_tree, municipality, emergency
):
    client.force_login(emergency)
    form = client.get(ADD).content.decode()
    assert 'name="message_en"' in form
    assert 'lang="zh-hans"' in form  # each language's inputs say their language
    assert 'name="link_text_ja_x_easy"' in form

    response = client.post(
        ADD,
        banner_form(
            municipality,
            message="避難指示が出ています",
            link_url="https://example.jp/hinan",
            link_text="避難所の一覧",
            message_en="Evacuation order issued",
            link_text_en="Evacuation sites",
            message_zh_hans="已发布避难指示",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    banner = AlertBanner.objects.get(message="避難指示が出ています")
    assert banner.locale == Locale.get_default()
    assert texts(banner) == {"ja": "避難指示が出ています", "en": "Evacuation order issued", "zh-hans": "已发布避难指示"}
    english = banner.get_translation(Locale.objects.get(language_code="en"))
    assert (english.municipality, english.severity, english.link_url) == (municipality, "emergency", banner.link_url)

    assert '<a href="https://example.jp/hinan">Evacuation sites</a>' in client.get("/en/").content.decode()
    assert "已发布避难指示" in client.get("/zh-hans/").content.decode()
    assert "避難指示が出ています" in client.get("/vi/").content.decode()

    # The form shows the texts again; emptying one goes back to Japanese, a new window reaches all.
    form = client.get(edit_url(banner)).content.decode()
    assert 'value="Evacuation order issued"' in form
    later = timezone.localtime() + timedelta(days=1)
    response = client.post(
        edit_url(banner),
        banner_form(
            municipality,
            message="避難指示が出ています",
            starts_at=later.strftime("%Y-%m-%d %H:%M"),
            message_zh_hans="已发布避难指示（更新）",
            message_ko="대피 지시가 내려졌습니다",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert texts(banner) == {
        "ja": "避難指示が出ています",
        "zh-hans": "已发布避难指示（更新）",
        "ko": "대피 지시가 내려졌습니다",
    }
    korean = banner.get_translation(Locale.objects.get(language_code="ko"))
    assert korean.starts_at == AlertBanner.objects.get(pk=banner.pk).starts_at is not None
    assert "대피 지시가 내려졌습니다" not in client.get("/ko/").content.decode()  # from tomorrow

    listing = client.get(LISTING).content.decode()
    assert "予定" in listing


def test_a_banner_ending_before_it_starts_is_refused_on_the_field_and_nothing_is_saved(
    client, site_tree, municipality, emergency
):
    client.force_login(emergency)
    now = timezone.localtime()
    response = client.post(
        ADD,
        banner_form(
            municipality,
            message="停電のお知らせ",
            message_en="Power cut",
            starts_at=now.strftime("%Y-%m-%d %H:%M"),
            ends_at=(now - timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        ),
    )
    assert response.status_code == 200
    assert "終了日時は開始日時より後にしてください（このままでは表示されません）。" in response.content.decode()
    assert response.context["form"].errors["ends_at"]
    assert not AlertBanner.objects.filter(message__in=["停電のお知らせ", "Power cut"]).exists()


def test_the_listing_says_what_is_on_the_site_and_filters_by_language(client, site_tree, municipality, emergency):
    now = timezone.now()
    AlertBannerFactory(municipality=municipality, message="いま表示中の掲示")
    AlertBannerFactory(municipality=municipality, message="来週の掲示", starts_at=now + timedelta(days=7))
    AlertBannerFactory(municipality=municipality, message="先週の掲示", ends_at=now - timedelta(days=7))
    client.force_login(emergency)
    listing = client.get(LISTING).content.decode()
    for message, showing in [("いま表示中の掲示", "表示中"), ("来週の掲示", "予定"), ("先週の掲示", "終了")]:
        row = listing[listing.index(message) :].split("</tr>")[0]
        assert showing in row, (message, row)
    assert client.get(LISTING + "?locale=en").status_code == 200
    assert client.get(LISTING + "?locale=ja").status_code == 200


@pytest.mark.parametrize("role", [GARBAGE_STAFF, groups.TRANSLATORS])  # 広報担当 runs the banner too (DESIGN.md)
def test_other_roles_may_neither_add_nor_change_a_banner(client, site_tree, municipality, make_user, role):
    banner = AlertBannerFactory(municipality=municipality, message="大雨警報")
    client.force_login(make_user(role))
    assert client.get(ADD).status_code in (302, 403)
    client.post(ADD, banner_form(municipality, message="偽の警報"))
    client.post(edit_url(banner), banner_form(municipality, message="書き換え", message_en="Rewritten"))
    assert not AlertBanner.objects.filter(message__in=["偽の警報", "書き換え", "Rewritten"]).exists()
    assert texts(banner) == {"ja": "大雨警報"}


def test_another_city_s_emergency_staff_cannot_touch_this_city_s_banner(
    client, site_tree, municipality, make_user, ichikawa
):
    banner = AlertBannerFactory(municipality=municipality, message="高松の大雨警報")
    client.force_login(make_user(city_staff_group(groups.EMERGENCY, ichikawa)))
    assert client.get(edit_url(banner)).status_code == 404
    response = client.post(edit_url(banner), banner_form(ichikawa, message="書き換え", message_en="Rewritten"))
    assert response.status_code == 404
    response = client.post(ADD, banner_form(municipality, message="高松への偽の警報"))
    assert response.status_code == 200  # 高松市 is not among the form's choices
    assert texts(banner) == {"ja": "高松の大雨警報"}
    assert not AlertBanner.objects.filter(message="高松への偽の警報").exists()
    assert "高松の大雨警報" not in client.get(LISTING).content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_form_in_japanese_at_390_px_refuses_a_bad_window_then_saves_every_language(
    live_server, site_tree, browser_page, make_user
):
    make_user(groups.EMERGENCY, username="kinkyu-browser")
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "kinkyu-browser")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}{ADD}")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    page.locator("#id_message").fill("台風接近のため全施設を休館します")
    page.locator("#id_message_en").fill("All facilities are closed: typhoon approaching")
    assert page.locator("#id_message_en").get_attribute("lang") == "en"
    now = timezone.localtime()
    page.locator("#id_starts_at").fill(now.strftime("%Y-%m-%d %H:%M"))
    page.locator("#id_ends_at").fill((now - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"))
    page.locator("button[type=submit]").last.press("Enter")  # by keyboard: the date picker stays open
    page.wait_for_load_state()
    error = page.locator("#panel-child-ends_at-section, [data-field-wrapper]").filter(
        has_text="終了日時は開始日時より後に"
    )
    assert error.first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.locator("#id_ends_at").fill((now + timedelta(hours=6)).strftime("%Y-%m-%d %H:%M"))
    page.locator("button[type=submit]").last.press("Enter")  # by keyboard: the date picker stays open
    page.wait_for_url(f"{live_server.url}{LISTING}**")
    row = page.locator("tr", has_text="台風接近のため全施設を休館します")
    assert "表示中" in row.inner_text()
    page.goto(f"{live_server.url}/en/")
    assert "All facilities are closed: typhoon approaching" in page.locator(".alert-banner").inner_text()
