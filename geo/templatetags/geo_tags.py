from django import template
from django.conf import settings

from geo.formatting import walking_text

register = template.Library()


@register.simple_tag
def map_tiles() -> dict:
    """Tile URL and attribution (HTML, from settings) for the map component."""
    return {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}


@register.filter
def walking(metres) -> str:
    """``徒歩約8分 · 650 m`` for a distance in metres; empty for None."""
    return walking_text(metres) if metres is not None else ""
