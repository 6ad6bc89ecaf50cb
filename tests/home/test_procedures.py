"""くらしの手続き: the six procedure pages of each demo city, their facts, and finding them by search."""

import io
import re

import pytest
from wagtail.models import Locale, Page

from home import demo, demo_procedures
from home.models import StandardPage
from tests.rows import module_rows

pytestmark = pytest.mark.django_db

TAKAMATSU = "takamatsu.localhost"
KAWAGUCHI = "kawaguchi.localhost"
PHONE = re.compile(r"0\d{1,4}-\d{1,4}-\d{4}")


def _build():
    from search import demo as search_demo

    takamatsu = demo.ensure_municipality()
    kawaguchi = demo.setup_demo_city(next(city for city in demo.DEMO_CITIES if city.code == "112038")).municipality
    for municipality in (takamatsu, kawaguchi):
        demo_procedures.load_demo(municipality, io.StringIO())
    search_demo.load_demo(takamatsu, io.StringIO())
    search_demo.load_demo(kawaguchi, io.StringIO())
    return takamatsu.pk, kawaguchi.pk


procedure_rows = module_rows(_build)


def _section(code, language="ja"):
    from home.models import Municipality
    from home.sites import city_home

    section = StandardPage.objects.child_of(city_home(Municipality.objects.get(code=code))).get(slug="procedures")
    return section.get_translation(Locale.objects.get(language_code=language)).specific


def test_each_city_gets_the_section_and_six_pages_in_three_languages(procedure_rows):
    for code in ("372013", "112038"):
        for language in ("ja", "en", "ja-x-easy"):
            section = _section(code, language)
            assert section.live and section.show_in_menus
            children = StandardPage.objects.child_of(section).live()
            assert sorted(children.values_list("slug", flat=True)) == sorted(slug for slug, _b in demo_procedures.PAGES)
    assert _section("372013", "en").title == "Procedures and contacts"
    assert _section("372013", "ja-x-easy").title == "くらしの てつづき"


def test_loading_again_changes_nothing(procedure_rows):
    from home.models import Municipality

    before = Page.objects.count(), sum(page.revisions.count() for page in Page.objects.filter(slug="moving"))
    demo_procedures.load_demo(Municipality.objects.get(code="372013"), io.StringIO())
    after = Page.objects.count(), sum(page.revisions.count() for page in Page.objects.filter(slug="moving"))
    assert before == after


def test_city_facts_come_from_the_open_data_or_are_not_invented(client, procedure_rows):
    takamatsu = StandardPage.objects.child_of(_section("372013")).get(slug="city-office")
    html = client.get(takamatsu.url, HTTP_HOST=TAKAMATSU).content.decode()
    assert "087-839-2011" in html and "番町一丁目8-15" in html and "8時30分〜17時15分" in html
    assert "出典" in html and "AED設置箇所一覧" in html
    kawaguchi = StandardPage.objects.child_of(_section("112038")).get(slug="city-office")
    html = client.get(kawaguchi.url, HTTP_HOST=KAWAGUCHI).content.decode()
    assert "まだ川口市の市役所の所在地・電話番号のデータがありません" in html
    body = " ".join(str(block.value) for block in kawaguchi.body)
    assert not PHONE.search(body)  # no number where the city's data gives none
    bulky = StandardPage.objects.child_of(_section("372013")).get(slug="bulky-waste")
    assert "1m×50cm×50cm" in str(bulky.body[1].value)


def test_the_section_is_in_the_menu_and_links_each_page(client, procedure_rows):
    home_html = client.get("/ja/", HTTP_HOST=TAKAMATSU).content.decode()
    section = _section("372013")
    assert 'href="/ja/procedures/"' in home_html
    section_html = client.get(section.url, HTTP_HOST=TAKAMATSU).content.decode()
    for page in StandardPage.objects.child_of(section):
        assert f'href="/ja/procedures/{page.slug}/"' in section_html
        assert client.get(page.url, HTTP_HOST=TAKAMATSU).status_code == 200


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("引っ越し", "moving"),
        ("転居", "moving"),
        ("住民票 取り方", "residence-certificate"),
        ("マイナカード", "my-number-card"),
        ("粗大ごみ 申し込み", "bulky-waste"),
        ("大型ごみ", "bulky-waste"),
        ("子育て 相談", "childcare-consultation"),
        ("育児相談", "childcare-consultation"),
        ("市役所 電話番号", "city-office"),
        ("区役所 連絡先", "city-office"),
    ],
)
def test_residents_words_find_the_page_first_on_each_city_site(client, procedure_rows, query, slug):
    for code, host in (("372013", TAKAMATSU), ("112038", KAWAGUCHI)):
        expected = StandardPage.objects.child_of(_section(code)).get(slug=slug)
        hits = client.get("/ja/search/", {"q": query}, HTTP_HOST=host).context["hits"]
        assert hits, (query, host)
        assert hits[0].obj.pk == expected.pk, (query, host, [hit.title for hit in hits[:3]])
        # Each site answers with its own city's pages only.
        assert all(
            hit.obj.pk != StandardPage.objects.child_of(_section(other)).get(slug=slug).pk
            for other in {"372013", "112038"} - {code}
            for hit in hits
        )


def test_each_city_promotes_its_own_page_for_a_word_typed_alone(client, procedure_rows):
    for code, host in (("372013", TAKAMATSU), ("112038", KAWAGUCHI)):
        expected = StandardPage.objects.child_of(_section(code)).get(slug="moving")
        promotions = client.get("/ja/search/", {"q": "引っ越し"}, HTTP_HOST=host).context["outcome"].promotions
        assert [(promotion.title, promotion.url) for promotion in promotions] == [
            (expected.title, "/ja/procedures/moving/")
        ]
