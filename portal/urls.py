from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import crawlers
from home import views as home_views
from home.login_throttle import ThrottledLoginView
from opendata import downloads
from portal.api import api

urlpatterns = [
    path("", home_views.root_redirect, name="root"),
    # Wagtail's login, answering 429 while a sign-in is locked (home/login_throttle.py).
    path("admin/login/", ThrottledLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("healthz", home_views.healthz, name="healthz"),
    path("sitemap.xml", crawlers.sitemap, name="sitemap"),
    path("robots.txt", crawlers.robots, name="robots"),
    path("opendata/<str:name>", downloads.download, name="opendata_download"),
]

urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("", include("home.i18n_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "home.views.bad_request"
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
