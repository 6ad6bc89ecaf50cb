from django.conf import settings
from django.utils import translation
from wagtail.models import Locale

from home.models import AlertBanner
from home.sites import request_municipality


def portal(request):
    """Active alert banners of the requested site's city and of every site, in the current language
    (Japanese where untranslated)."""
    if request.path_info.startswith(("/admin/", "/api/")):
        return {}
    try:
        locale = Locale.objects.get(language_code=translation.get_language())
    except Locale.DoesNotExist:
        locale = Locale.get_default()
    return {
        "alert_banners": AlertBanner.objects.for_municipality(request_municipality(request)).for_locale(locale),
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
