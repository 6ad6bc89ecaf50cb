"""Production collects static files with hashed names: every file must resolve what it references."""

import json

from django.core.management import call_command


def test_collectstatic_with_hashed_names_succeeds(tmp_path, settings):
    """A CSS url() or JS sourceMappingURL to a file not shipped fails a deployment's collectstatic
    (leaflet.js once named a map that is not vendored); Django's manifest storage is the check
    WhiteNoise's compressed one builds on, without the compression time."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    paths = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert {"vendor/leaflet/leaflet.js", "css/portal.css", "search/autocomplete.js"} <= set(paths)
