"""Open data downloads for residents and developers: each section offers its data as files.

A domain registers what its section offers from its ``AppConfig.ready()``, either a file the
portal writes for the requested site's municipality (``build``) or a link to a feed that already
exists (``link``, e.g. the GeoJSON API or the iCal feed)::

    downloads.register_kind("facilities", "facilities", "public_facilities.csv", label="公共施設一覧", ...)
    downloads.register("events", "events.ics", label="イベント", format="iCalendar", link=feed_url, ...)

``/opendata/<name>`` (``download``) answers a built file for ``request_municipality(request)``
only, named ``<code>_<name>`` (``372013_public_facilities.csv``); the shared block
``{% opendata_downloads "facilities" %}`` (``templatetags/opendata_tags.py``) lists a section's
downloads with format, licence and source. Files of a registered KIND are exactly what
``export_opendata KIND FILE --municipality CODE`` writes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.http import Http404, HttpResponse

from home.sites import request_municipality
from opendata import kinds

CC_BY = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.ja")
CSV = "text/csv; charset=utf-8"


@dataclass(frozen=True)
class Download:
    section: str
    name: str
    label: str
    format: str
    description: str
    build: Callable | None = None  # (municipality) -> (bytes, content type)
    link: Callable | None = None  # (request, page) -> URL or None
    licence: tuple[str, str] = CC_BY
    order: int = 0

    def url(self, request, page=None) -> str | None:
        if self.link is not None:
            return self.link(request, page)
        from django.urls import reverse

        return reverse("opendata_download", args=[self.name])


REGISTRY: dict[str, Download] = {}


def register(section: str, name: str, *, label: str, format: str, description: str, order: int = 0, **options):
    """Offer *name* on *section*'s pages: a file (``build``) or a link (``link``)."""
    REGISTRY[name] = Download(section, name, label, format, description, order=order, **options)


def register_kind(section: str, kind: str, name: str, *, description: str, order: int = 0, label: str = ""):
    """Offer the CSV that ``export_opendata KIND`` writes, for the requested site's municipality."""
    register(
        section,
        name,
        label=label or kinds.get(kind).label,
        format="CSV",
        description=description,
        build=lambda municipality: (kind_csv(kind, municipality), CSV),
        order=order,
    )


def kind_csv(kind: str, municipality) -> bytes:
    """The bytes ``export_opendata KIND FILE --municipality CODE`` writes.

    The exporters write to a path (a command's FILE), so they write to a temporary file here.
    """
    with tempfile.TemporaryDirectory(prefix="opendata-") as folder:
        path = Path(folder) / f"{kind}.csv"
        kinds.get(kind).export_file(str(path), municipality)
        return path.read_bytes()


def for_section(section: str) -> list[Download]:
    return sorted((d for d in REGISTRY.values() if d.section == section), key=lambda d: (d.order, d.name))


def download(request, name: str) -> HttpResponse:
    """``/opendata/<name>``: the file for the requested site's municipality."""
    entry = REGISTRY.get(name)
    municipality = request_municipality(request)
    if entry is None or entry.build is None or municipality is None:
        raise Http404("No such download.")
    data, content_type = entry.build(municipality)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{municipality.code}_{name}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
