"""The editors' report of frequent and fruitless searches, per language, and who may see it."""

import pytest

from home import groups
from services.garbage.apps import GARBAGE_STAFF
from tests.search.conftest import add_page

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/search-queries/"


@pytest.fixture
def searches(client, ja_home):
    add_page(ja_home, "図書館の休館日", "休館日の案内です。")
    for query in ["図書館", "図書館", "としょかん", "粗大ごみ"]:
        client.get("/ja/search/", {"q": query})
    client.get("/en/search/", {"q": "bulky waste"})


def test_editor_sees_top_and_zero_result_queries_per_language(client, searches, make_user):
    client.force_login(make_user(groups.EDITORS))
    response = client.get(REPORT, {"language": "ja"})
    assert response.status_code == 200
    top = response.context["report"]["top"]
    assert [(row["query"], row["searches"]) for row in top] == [("図書館", 2), ("としょかん", 1), ("粗大ごみ", 1)]
    zero = response.context["report"]["zero"]
    assert [row["query"] for row in zero] == ["粗大ごみ"]
    english = client.get(REPORT, {"language": "en"}).context["report"]
    assert [row["query"] for row in english["zero"]] == ["bulky waste"]
    assert "粗大ごみ" in response.content.decode()


@pytest.mark.parametrize("group", [GARBAGE_STAFF, groups.TRANSLATORS, groups.EMERGENCY])
def test_other_staff_may_not_see_the_report(client, searches, make_user, group):
    client.force_login(make_user(group))
    response = client.get(REPORT)
    # Wagtail's admin answers a permission error by sending the user back to the dashboard.
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_anonymous_visitor_is_sent_to_login(client, searches):
    response = client.get(REPORT)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_report_escapes_what_residents_typed(client, ja_home, make_user):
    client.get("/ja/search/", {"q": "<script>alert(1)</script>"})
    client.force_login(make_user(groups.EDITORS))
    html = client.get(REPORT).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_editor_may_edit_synonyms_and_promotions(make_user):
    editor = make_user(groups.EDITORS)
    assert editor.has_perm("search.add_synonymgroup")
    assert editor.has_perm("wagtailsearchpromotions.add_searchpromotion")
    assert not make_user(groups.TRANSLATORS).has_perm("search.add_synonymgroup")


@pytest.fixture
def two_sites(site_tree):
    """Search rows of 高松市's site and of another site."""
    import datetime

    from django.utils import timezone
    from wagtail.models import Site

    from search.models import SearchClickLog, SearchQueryLog

    today = timezone.localdate()
    takamatsu = Site.objects.get(is_default_site=True)
    other = Site.objects.create(hostname="other.localhost", root_page_id=site_tree.pk, site_name="他の市")
    SearchQueryLog.objects.create(
        date=today, site=takamatsu, language_code="ja", query="住民票", hits=4, last_result_count=3
    )
    SearchQueryLog.objects.create(
        date=today, site=takamatsu, language_code="ja", query="引っ越し", hits=2, last_result_count=5
    )
    SearchQueryLog.objects.create(
        date=today - datetime.timedelta(days=1), site=other, language_code="ja", query="よその検索", hits=9
    )
    SearchClickLog.objects.create(
        date=today,
        site=takamatsu,
        language_code="ja",
        query="住民票",
        url="/ja/procedures/residence-certificate/",
        kind="pages",
        clicks=3,
    )
    return takamatsu, other


def test_a_city_editor_sees_only_the_city_log_with_click_through(client, two_sites, make_user):
    client.force_login(make_user(groups.EDITORS))
    response = client.get(REPORT)
    report = response.context["report"]
    assert [(row["query"], row["clicks"]) for row in report["top"]] == [("住民票", 3), ("引っ越し", 0)]
    # Found something, nobody opened it: the place to add a synonym or a promotion.
    assert [row["query"] for row in report["unclicked"]] == ["引っ越し"]
    assert [(row["url"], row["clicks"]) for row in report["clicked"]] == [("/ja/procedures/residence-certificate/", 3)]
    html = response.content.decode()
    assert "よその検索" not in html and 'name="site"' not in html
    assert "/admin/snippets/search/synonymgroup/add/?terms=%E5%BC%95%E3%81%A3%E8%B6%8A%E3%81%97" in html
    assert 'action="/admin/reports/search-queries/promote/"' in html
    # Another site's choice in the URL changes nothing for a city editor.
    _takamatsu, other = two_sites
    forged = client.get(REPORT, {"site": other.pk}).context["report"]
    assert "よその検索" not in [row["query"] for row in forged["top"]]


def test_a_superuser_sees_every_site_or_the_one_chosen(client, two_sites, make_user):
    client.force_login(make_user(is_superuser=True))
    everything = client.get(REPORT)
    assert {row["query"] for row in everything.context["report"]["top"]} == {"住民票", "引っ越し", "よその検索"}
    assert "他の市" in everything.content.decode()
    _takamatsu, other = two_sites
    chosen = client.get(REPORT, {"site": other.pk}).context["report"]
    assert [row["query"] for row in chosen["top"]] == ["よその検索"]


def test_the_synonym_link_fills_in_the_query_and_promote_opens_its_form(client, site_tree, make_user):
    from wagtail.contrib.search_promotions.models import Query

    client.force_login(make_user(groups.EDITORS))
    form = client.get("/admin/snippets/search/synonymgroup/add/", {"terms": "引っ越し = "}).context["form"]
    assert form.initial["terms"] == "引っ越し = "
    response = client.post("/admin/reports/search-queries/promote/", {"q": "引っ越し"})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/searchpicks/{Query.objects.get(query_string='引っ越し').pk}/"
    assert client.post("/admin/reports/search-queries/promote/", {"q": ""}).status_code == 400
