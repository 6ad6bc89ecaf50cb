"""The nursery page and a nursery's own page, as residents see them, in two languages."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from services.nurseries.notices import save_notice


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def row_names(page):
    return [row.th.a.get_text(strip=True) for row in page.select("tr.nursery-row")]


def test_nursery_page_shows_the_latest_notice_as_a_table(client, nursery_page, published_notice):
    page = soup(client.get(nursery_page.url))

    assert page.html["lang"] == "ja"
    assert "2024年8月1日" in page.select_one(".nursery-as-of").get_text()
    assert len(page.select("tr.nursery-row")) == 24
    baba = next(row for row in page.select("tr.nursery-row") if "横浜市馬場保育園" in row.th.get_text())
    cells = [td.get_text(" ", strip=True) for td in baba.select("td.num")]
    assert cells[0].startswith("－")  # no 0歳児 class, said in words for screen readers
    assert cells[1:6] == ["1", "0", "0", "0", "3"]


def test_nursery_page_renders_in_english(client, nursery_page, published_notice):
    english = nursery_page.get_translation(nursery_page.locale.__class__.objects.get(language_code="en"))
    page = soup(client.get(english.url))

    assert page.html["lang"] == "en"
    assert page.h1.get_text(strip=True) == english.title  # setup_city's section, until a translator names it
    assert "1 Aug 2024" in page.select_one(".nursery-as-of").get_text()  # CLDR, day first
    assert len(page.select("tr.nursery-row")) == 24


def test_stale_notice_is_warned_about(client, nursery_page, published_notice):
    page = soup(client.get(nursery_page.url))

    warning = page.select_one(".nursery-stale")
    assert warning is not None and "2024年8月1日" in warning.get_text()


def test_a_current_notice_has_no_warning(client, nursery_page, nurseries, yokohama):
    today = date.today().replace(day=1)
    baba = nurseries["1410051018778"]
    save_notice(yokohama, today, {str(baba.pk): [None, 1, 0, 0, 0, 0]}, publish=True)

    page = soup(client.get(nursery_page.url))

    assert page.select_one(".nursery-stale") is None


def test_filters_age_and_vacancy_keep_nurseries_with_a_place(client, nursery_page, published_notice):
    page = soup(client.get(nursery_page.url, {"age": 1, "vacancy": "on"}))

    assert sorted(row_names(page)) == sorted(
        [
            "横浜市馬場保育園",
            "横浜市鶴見保育園",
            "横浜市芦穂崎保育園",
            "幸いづみ保育園",
            "ミアヘルサ保育園ひびき羽沢横浜国大",
            "ふれあいの家　にこにこ保育園",
        ]
    )


def test_filter_by_birth_date_uses_the_age_class(client, nursery_page, published_notice):
    by_birth = soup(client.get(nursery_page.url, {"birth_date": "2023-04-01", "vacancy": "on"}))
    by_age = soup(client.get(nursery_page.url, {"age": 1, "vacancy": "on"}))

    assert row_names(by_birth) == row_names(by_age)


def test_filter_by_type_and_ward(client, nursery_page, published_notice):
    small = row_names(soup(client.get(nursery_page.url, {"type": "small"})))
    kohoku = row_names(soup(client.get(nursery_page.url, {"ward": "港北区"})))

    assert "三色えのぐの保育園" in small and "横浜市馬場保育園" not in small
    assert kohoku == ["めぐみ保育園"]


def test_address_search_lists_nearest_first_with_distances(client, nursery_page, published_notice):
    page = soup(client.get(nursery_page.url, {"address": "横浜市鶴見区鶴見中央1丁目", "radius_m": 2000}))

    distances = [td.get_text(strip=True) for td in page.select("td.nursery-distance")]
    assert distances and all(d.endswith("m") for d in distances)
    metres = [float(d.split()[0]) * (1000 if d.endswith("km") else 1) for d in distances]
    assert metres == sorted(metres)


def test_unknown_address_is_explained(client, nursery_page, published_notice):
    page = soup(client.get(nursery_page.url, {"address": "どこにもない町"}))

    assert page.select_one('[role="alert"]') is not None
    assert len(page.select("tr.nursery-row")) == 24


def test_bad_filter_values_do_not_break_the_page(client, nursery_page, published_notice):
    page = soup(client.get(nursery_page.url, {"age": "9", "birth_date": "yesterday", "lat": "abc"}))

    assert page.select_one('[role="alert"]') is not None


def test_user_text_is_escaped(client, nursery_page, published_notice):
    response = client.get(nursery_page.url, {"address": "<script>alert(1)</script>"})

    assert b"<script>alert(1)</script>" not in response.content


def test_nursery_detail_shows_history_and_contact(client, nursery_page, published_notice, nurseries, yokohama):
    baba = nurseries["1410051018778"]
    save_notice(yokohama, date(2024, 7, 1), {str(baba.pk): [None, 4, 1, 0, 0, 0]}, publish=True)

    page = soup(client.get(f"{nursery_page.url}{baba.pk}/"))

    assert page.h1.get_text(strip=True) == "横浜市馬場保育園"
    assert "鶴見区 こども家庭支援課" in page.select_one(".nursery-facts").get_text()
    dates = [th.get_text(strip=True) for th in page.select(".nursery-history tbody th")]
    assert dates == ["2024年8月1日", "2024年7月1日"]


def test_unknown_nursery_is_404(client, nursery_page, published_notice):
    assert client.get(f"{nursery_page.url}999999/").status_code == 404


@pytest.mark.parametrize("language", ["ja", "en"])
def test_nursery_detail_renders_in_two_languages(client, nursery_page, published_notice, nurseries, language):
    from wagtail.models import Locale

    page_in_language = nursery_page.get_translation(Locale.objects.get(language_code=language))
    baba = nurseries["1410051018778"]
    page = soup(client.get(f"{page_in_language.url}{baba.pk}/"))

    assert page.html["lang"] == language
    assert len(page.select(".nursery-history tbody tr")) == 1


def test_a_search_without_a_distance_shows_the_default_distance_for_the_next_search(
    client, nursery_page, published_notice
):
    page = soup(client.get(nursery_page.url, {"ward": "鶴見区"}))

    assert page.select_one("#id_radius_m option[selected]")["value"] == "5000"


def test_a_wrong_birth_date_is_explained_on_its_field_in_japanese_and_the_other_filters_apply(
    client, nursery_page, published_notice
):
    kept = row_names(soup(client.get(nursery_page.url, {"age": "1", "vacancy": "on"})))
    page = soup(client.get(nursery_page.url, {"age": "1", "vacancy": "on", "birth_date": "2024-09-01"}))

    error = page.select_one("#id_birth_date_error").get_text(strip=True)
    assert "生年月日が空き状況の基準日（2024年8月1日）より後" in error
    assert page.select_one("#id_birth_date")["aria-describedby"].split() == [
        "id_birth_date_helptext",
        "id_birth_date_error",
    ]
    assert page.select_one("#id_birth_date_helptext") is not None
    assert row_names(page) == kept and 0 < len(kept) < 24
