"""``{% opendata_downloads "section" %}``: the オープンデータ block of a section page (opendata/downloads.py)."""

from django import template

from home.sites import request_municipality
from opendata import downloads

register = template.Library()


@register.inclusion_tag("opendata/downloads.html", takes_context=True)
def opendata_downloads(context, section: str):
    request = context.get("request")
    page = context.get("page")
    municipality = request_municipality(request)
    items = []
    for entry in downloads.for_section(section):
        url = entry.url(request, page)
        if url:
            items.append({"entry": entry, "url": url, "licence": entry.licence[0], "licence_url": entry.licence[1]})
    return {"items": items, "municipality": municipality, "section": section}
