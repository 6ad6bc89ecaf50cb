import time

from django.conf import settings
from django.utils import translation

from home.caching import banner_horizon
from home.lookups import LOOKUP_SECONDS, locale_for, remember
from home.models import AlertBanner
from home.sites import request_municipality


def alert_banners(municipality, locale) -> list:
    """The banners in force for *municipality*'s site in *locale*, read through the cache until
    the next banner starts or ends (a saved banner moves ``home.lookups``' generation at once)."""
    now = time.time()
    lifetime = int(min(LOOKUP_SECONDS, banner_horizon(now) - now))
    key = f"banners:{municipality.pk if municipality else 0}:{locale.pk}"
    return remember(key, lambda: AlertBanner.objects.for_municipality(municipality).for_locale(locale), lifetime)


def portal(request):
    """Active alert banners of the requested site's city and of every site, in the current language
    (Japanese where untranslated)."""
    if request.path_info.startswith(("/admin/", "/api/")):
        return {}
    return {
        "alert_banners": alert_banners(request_municipality(request), locale_for(translation.get_language())),
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
