"""Synonym groups are checked against the analysis chain before they are saved (admin's clean)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from search.demo import DEMO_SYNONYMS
from search.models import SynonymGroup, split_terms, synonym_problems

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("terms", [terms for terms, _note in DEMO_SYNONYMS])
def test_demo_groups_pass(terms):
    assert synonym_problems(split_terms(terms)) == []
    SynonymGroup(terms=terms).full_clean()


@pytest.mark.parametrize(
    ("terms", "reason"),
    [
        ("ごみ = ゴミ", "同じ語"),  # kana folding already matches them
        ("ＰＥＴ = pet", "同じ語"),  # width and case
        ("！！ = ごみ", "検索できる文字がありません"),
        ("燃える ごみ = 可燃ごみ", "燃える / ごみ"),  # split at the space, never looked up whole
        ("ペット・ボトル = PETボトル", "空白や記号"),
        ("ごみ★ = 塵", "空白や記号"),
        ("保育園", "2つ以上"),
    ],
)
def test_groups_that_cannot_work_are_refused_with_the_reason_in_japanese(terms, reason):
    with translation.override("ja"), pytest.raises(ValidationError) as refused:
        SynonymGroup(terms=terms).full_clean()
    assert reason in " ".join(refused.value.message_dict["terms"])


def test_admin_form_shows_the_reason(client, make_user):
    user = make_user("広報担当")
    client.force_login(user)
    response = client.post(
        "/admin/snippets/search/synonymgroup/add/", {"terms": "ごみ = ゴミ", "note": ""}, HTTP_ACCEPT_LANGUAGE="ja"
    )
    assert response.status_code == 200
    assert "は検索では同じ語です" in response.content.decode()
    assert not SynonymGroup.objects.filter(terms="ごみ = ゴミ").exists()
