"""The production settings with benchmarks/bare_urls.py as URLconf: benchmarks/run.py serves the
portal with these so that its baseline, a bare Django view, runs in the same server. Never deployed."""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bare_urls"
