"""A designated city's town written without its ward (横浜市's 18 wards, from the shipped gazetteer).

On 横浜市's site a resident types 日吉本町1丁目, not 横浜市港北区日吉本町1丁目: the town is found in
whichever ward has it; a name that two wards share (吉田町: 中区 and 戸塚区) is not guessed but
answered at city level with both towns as candidates.
"""

import json
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

import pytest

from geo.gazetteer import LEVEL_CITY, LEVEL_TOWN, load_gazetteer, match_address
from geo.geocoding import geocode

GAZETTEER = Path(__file__).resolve().parents[2] / "data" / "opendata" / "gazetteer-geolonia"
YOKOHAMA = ("神奈川県", "横浜市")


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(str(GAZETTEER))


def yokohama_towns() -> dict[str, set[str]]:
    """Every town of 横浜市 in the shipped files -> the wards that have it."""
    wards = defaultdict(set)
    for path in sorted((GAZETTEER / "ja" / "神奈川県").glob("横浜市*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8")):
            if entry.get("lat") is not None and not entry.get("koaza"):
                wards[entry["town"]].add(path.stem)
    return wards


@pytest.mark.parametrize(
    ("typed", "matched"),
    [
        ("日吉本町1丁目", "神奈川県横浜市港北区日吉本町一丁目"),
        ("日吉本町１－２－３", "神奈川県横浜市港北区日吉本町一丁目"),
        ("横浜市日吉本町一丁目2番3号", "神奈川県横浜市港北区日吉本町一丁目"),
        ("山下町279", "神奈川県横浜市中区山下町"),
        ("神奈川県横浜市あざみ野2丁目", "神奈川県横浜市青葉区あざみ野二丁目"),
    ],
)
def test_a_town_typed_without_its_ward_is_found(gazetteer, typed, matched):
    match = match_address(gazetteer, typed, YOKOHAMA)
    assert (match.level, match.matched, match.candidates) == (LEVEL_TOWN, matched, ())


def test_every_town_one_ward_has_is_found_without_the_ward(gazetteer):
    towns = yokohama_towns()
    unique = {town: next(iter(wards)) for town, wards in towns.items() if len(wards) == 1}
    assert len(unique) > 1500
    missed = []
    for town, ward in unique.items():
        match = match_address(gazetteer, town, YOKOHAMA)
        if match is None or match.level != LEVEL_TOWN or (match.city, match.town) != (ward, town):
            missed.append((town, ward, match and match.matched))
    assert not missed, missed[:10]


def test_a_town_two_wards_have_is_not_guessed(gazetteer):
    shared = {town: wards for town, wards in yokohama_towns().items() if len(wards) > 1}
    assert "吉田町" in shared
    for town, wards in shared.items():
        match = match_address(gazetteer, town, YOKOHAMA)
        assert match.level == LEVEL_CITY and match.city == "横浜市"
        assert sorted(match.candidates) == sorted(f"神奈川県{ward}{town}" for ward in wards)
        # Named with its ward, or on a ward's own site, it is that ward's town.
        ward = sorted(wards)[0]
        assert match_address(gazetteer, f"{ward}{town}", YOKOHAMA).matched == f"神奈川県{ward}{town}"
        assert match_address(gazetteer, town, ("神奈川県", ward)).matched == f"神奈川県{ward}{town}"


def test_the_portal_geocoder_reads_a_ward_less_address_in_the_sites_city():
    yokohama = SimpleNamespace(prefecture="神奈川県", name="横浜市")
    found = geocode("日吉本町1丁目", yokohama)
    assert found.raw["level"] == LEVEL_TOWN
    assert found.raw["matched"] == "神奈川県横浜市港北区日吉本町一丁目"
    shared = geocode("吉田町", yokohama)
    assert shared.raw["level"] == LEVEL_CITY
    assert len(shared.raw["candidates"]) == 2
