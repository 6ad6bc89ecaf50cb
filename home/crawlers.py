"""``/sitemap.xml`` and ``/robots.txt`` for the requested site.

Each city's site lists only its own pages: every language's live public pages of the requested
site (``home.sites.request_pages_q``; Wagtail's stock sitemap lists the active language only),
with absolute URLs on the scheme and host the crawler asked for.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.http import HttpResponse
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from home.sites import site_pages_q
from home.visibility import resident_pages


class CitySitemap(Sitemap):
    """The requested site's pages in every language (the default site for an unknown host)."""

    def items(self):
        pages = resident_pages(Page.objects.filter(site_pages_q(self.get_wagtail_site())))
        return pages.order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        scheme, host = self.request.scheme, self.request.get_host()
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            parts = urlsplit(url["location"])
            url["location"] = urlunsplit((scheme, host, parts.path, parts.query, parts.fragment))
        return urls


@require_GET
def sitemap(request):
    return wagtail_sitemap(request, {"pages": CitySitemap(request)})


@require_GET
def robots(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
