"""The facility directory: filters, near-me search and the map data for FacilityIndexPage."""

from __future__ import annotations


def directory_context(request, page) -> dict:
    return {}
