"""add_gazetteer_city adds a city's towns to the offline geocoder; get_geocoder follows GEOCODER."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from geopy.geocoders import Nominatim

from geo.gazetteer import load_gazetteer
from geo.geocoding import GazetteerGeocoder, get_geocoder

SOURCE = Path(__file__).resolve().parents[2] / "data" / "opendata" / "gazetteer-geolonia"


@pytest.fixture
def gazetteer(tmp_path, settings):
    directory = tmp_path / "gazetteer"
    directory.mkdir()
    shutil.copy(SOURCE / "ja.json", directory / "ja.json")
    settings.GAZETTEER_DIR = directory
    yield directory
    load_gazetteer.cache_clear()


def test_a_new_city_becomes_geocodable(gazetteer, tmp_path):
    # Takamatsu's real file, installed as if it were a new city.
    assert GazetteerGeocoder(gazetteer).geocode("高松市番町一丁目") is None
    out = StringIO()
    call_command(
        "add_gazetteer_city",
        str(SOURCE / "ja/香川県/高松市.json"),
        "--prefecture",
        "香川県",
        "--city",
        "高松市",
        stdout=out,
    )
    assert "Added 255 town(s)" in out.getvalue()
    assert GazetteerGeocoder(gazetteer).geocode("高松市番町一丁目").raw["level"] == "town"


def test_bad_files_are_refused(gazetteer, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"town": "番町一丁目", "koaza": "", "lat": 134.0, "lng": 434.3}]), encoding="utf-8")
    with pytest.raises(CommandError, match="entry 1 .*bad lat/lng"):
        call_command("add_gazetteer_city", str(bad), "--prefecture", "香川県", "--city", "高松市")
    with pytest.raises(CommandError, match="is not a city"):
        call_command("add_gazetteer_city", str(bad), "--prefecture", "香川県", "--city", "どこか市")


def test_get_geocoder_follows_the_setting(settings, gazetteer):
    settings.GEOCODER = "gazetteer"
    assert isinstance(get_geocoder(), GazetteerGeocoder)
    settings.GEOCODER = "nominatim"
    assert isinstance(get_geocoder(), Nominatim)  # built only; no request is made
    settings.GEOCODER = "google"
    with pytest.raises(ValueError, match="Unknown GEOCODER"):
        get_geocoder()
