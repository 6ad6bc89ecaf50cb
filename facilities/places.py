"""One place, several datasets: when an AED or evacuation-site row is a facility already listed.

The standard datasets list one building once per role: 高松市中央図書館 in 公共施設一覧, its AED
(named 中央図書館) in AED設置箇所一覧, a school in 指定緊急避難場所一覧. A resident wants one page
for the place, with its roles on it. :func:`same_place` is the rule, pure and tested directly:

- **name**: after width folding, dropping spaces and the city's own name (高松市), one name equals
  or contains the other (中央図書館 ⊂ 高松市中央図書館) and the shorter keeps at least 3
  characters, so 中央 alone never matches;
- **and the place**: the addresses are the same once written alike (一丁目 = １丁目 = 1-,
  番地/番/号 = -, the prefecture and city left out), or the two positions are within
  :data:`NEAR_M` metres (the same building; coordinates in the files differ by a few metres).

A name match alone is not enough (two 中央公民館 in a merged city), neither is a position alone
(a station and the shop inside it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.gazetteer import normalize_address
from geo.points import distance_m
from japanese.text import compact

NEAR_M = 100
MIN_NAME = 3
#: Which page keeps a merged place: the facility list first, then childcare, then evacuation.
HOST_ORDER = ("facilities", "childcare", "evacuation", "aed")
#: The kinds that become a role on another place's page.
GUEST_KINDS = ("aed", "evacuation")


@dataclass(frozen=True)
class Place:
    name: str
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None


def place_name(name: str, city_names: tuple[str, ...] = ()) -> str:
    text = compact(name).replace("　", "")
    for city in city_names:
        if city and text.startswith(city) and len(text) > len(city):
            text = text[len(city) :]
    return text


def place_address(address: str, city_names: tuple[str, ...] = ()) -> str:
    text = normalize_address(address)
    text = re.sub(r"^.{2,3}?[都道府県]", "", text)
    for city in city_names:
        if city and text.startswith(city):
            text = text[len(city) :]
    text = re.sub(r"(\d+)丁目", r"\1-", text)
    text = re.sub(r"(\d+)(?:番地の|番地|番の|番|号|の)", r"\1-", text)
    return text.rstrip("-")


def same_place(a: Place, b: Place, city_names: tuple[str, ...] = ()) -> bool:
    """True when *a* and *b* are the same building by the rule in the module docstring."""
    name_a, name_b = place_name(a.name, city_names), place_name(b.name, city_names)
    shorter, longer = sorted((name_a, name_b), key=len)
    if len(shorter) < MIN_NAME or shorter not in longer:
        return False
    address_a, address_b = place_address(a.address, city_names), place_address(b.address, city_names)
    if address_a and address_a == address_b:
        return True
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    return distance_m((a.latitude, a.longitude), (b.latitude, b.longitude)) <= NEAR_M
