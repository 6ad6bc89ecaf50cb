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
