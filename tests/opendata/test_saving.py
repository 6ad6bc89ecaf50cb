"""set_changed: what an import's second run finds changed (nothing, when the file is the same)."""

from home.models import Municipality
from opendata.saving import set_changed
from services.garbage.models import GarbageCategory


def test_only_differing_fields_are_set_and_named():
    takamatsu = Municipality(code="372013", name="香川県高松市")
    assert set_changed(takamatsu, {"code": "372013", "name": "香川県高松市"}) == []
    assert set_changed(takamatsu, {"code": "372013", "name": "高松市"}) == ["name"]
    assert takamatsu.name == "高松市"


def test_a_foreign_key_is_compared_by_id_without_a_query():
    # No database in this test: reading category.municipality would fail.
    category = GarbageCategory(municipality_id=1, name="燃やせるごみ")
    assert set_changed(category, {"municipality": Municipality(pk=1), "name": "燃やせるごみ"}) == []
    assert set_changed(category, {"municipality": Municipality(pk=2)}) == ["municipality"]
    assert category.municipality_id == 2
