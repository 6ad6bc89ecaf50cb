"""add_gazetteer_city FILE --prefecture 都道府県 --city 市区町村: more towns for the offline geocoder."""

import json
import math
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from geo.gazetteer import load_gazetteer


class Command(BaseCommand):
    help = (
        "Add a city's 町丁目 to the offline gazetteer from a file in Geolonia's japanese-addresses format "
        "(api/ja/<都道府県>/<市区町村>.json: [{town, koaza, lat, lng}, …]). Replaces the city's file if present."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--prefecture", required=True, help="e.g. 香川県")
        parser.add_argument("--city", required=True, help="as in ja.json, e.g. 丸亀市 or 横浜市中区")

    def handle(self, *args, file, prefecture, city, **options):
        directory = Path(settings.GAZETTEER_DIR)
        index = json.loads((directory / "ja.json").read_text(encoding="utf-8"))
        if city not in index.get(prefecture, []):
            raise CommandError(f"{prefecture}{city} is not a city in {directory / 'ja.json'}.")
        try:
            towns = json.loads(Path(file).read_text(encoding="utf-8-sig"))
        except (OSError, ValueError) as error:
            raise CommandError(f"{file}: not a readable JSON file ({error}).") from None
        if not isinstance(towns, list) or not towns:
            raise CommandError(f"{file}: expected a non-empty list of towns.")
        for number, town in enumerate(towns, start=1):
            if not isinstance(town, dict) or not str(town.get("town") or "").strip():
                raise CommandError(f"{file}, entry {number}: no town name.")
            lat, lng = town.get("lat"), town.get("lng")
            if lat is None and lng is None:
                continue  # the source has a few towns without a point; the geocoder skips them
            if not all(isinstance(v, int | float) and math.isfinite(v) for v in (lat, lng)) or not (
                -90 <= lat <= 90 and -180 <= lng <= 180
            ):
                raise CommandError(f"{file}, entry {number} ({town['town']}): bad lat/lng {lat!r}, {lng!r}.")
        target = directory / "ja" / prefecture / f"{city}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(towns, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        load_gazetteer.cache_clear()
        self.stdout.write(f"Added {len(towns)} town(s) of {prefecture}{city} to {target}.")
