"""Reverse lookup (position -> town) over the gazetteer in settings.GAZETTEER_DIR."""

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from geo.gazetteer import nearest_town

SOURCE = Path(__file__).resolve().parents[2] / "data" / "opendata" / "gazetteer-geolonia"
TAKAMATSU = SimpleNamespace(prefecture="香川県", name="高松市")


def towns(prefecture: str, city: str) -> list[dict]:
    return json.loads((SOURCE / "ja" / prefecture / f"{city}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["番町一丁目", "松島町一丁目", "屋島西町"])
def test_a_town_point_finds_that_town(name):
    town = next(t for t in towns("香川県", "高松市") if t["town"] == name and t["lat"] is not None)
    assert nearest_town(TAKAMATSU, town["lat"], town["lng"]) == name


def test_a_designated_city_is_searched_across_its_wards():
    town = next(t for t in towns("神奈川県", "横浜市中区") if t["town"].startswith("山下町") and t["lat"] is not None)
    yokohama = SimpleNamespace(prefecture="神奈川県", name="横浜市")
    assert nearest_town(yokohama, town["lat"], town["lng"]) == town["town"]


def test_a_city_without_towns_answers_none():
    assert nearest_town(SimpleNamespace(prefecture="香川県", name="丸亀市"), 34.29, 133.80) is None
