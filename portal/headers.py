"""Security headers: Content-Security-Policy (django-csp) and Permissions-Policy.

Resident pages run only the portal's own script files (``script-src 'self'``, no inline script,
no ``eval``); map tiles come from ``MAP_TILE_URL``'s origin (国土地理院 by default) and media from
the object storage's domain when one is set. The Wagtail admin (``/admin/``) still uses inline
scripts and styles of its own, so there (and only there) the policy adds ``'unsafe-inline'``.
See docs/security.md, "Headers".
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

#: Paths whose pages are the editors' (Wagtail's admin), with the relaxed policy.
ADMIN_PREFIXES = ("/admin/",)

#: What the admin needs on top of the residents' policy (Wagtail's inline scripts and
#: ``blob:``/``data:`` image previews while uploading).
ADMIN_RELAXATION = {
    "script-src": [UNSAFE_INLINE],
    "img-src": ["blob:"],
}

#: Browser features the portal does not use are off; the location is asked for by this origin
#: only ("sort by distance", "near me").
PERMISSIONS_POLICY = ", ".join(
    [
        "geolocation=(self)",
        "camera=()",
        "microphone=()",
        "payment=()",
        "usb=()",
        "serial=()",
        "midi=()",
        "accelerometer=()",
        "gyroscope=()",
        "magnetometer=()",
        "display-capture=()",
        "fullscreen=(self)",
    ]
)


def origin(url: str) -> str | None:
    """https://cyberjapandata.gsi.go.jp for a tile URL template (None for a relative URL)."""
    parts = urlsplit(url.replace("{s}", "a"))
    if not (parts.scheme and parts.netloc):
        return None
    netloc = parts.netloc
    if url.startswith(f"{parts.scheme}://{{s}}."):  # Leaflet's subdomains: https://{s}.tile… → *.tile…
        netloc = "*." + netloc.split(".", 1)[1]
    return f"{parts.scheme}://{netloc}"


def content_security_policy(map_tile_url: str, media_url: str = "") -> dict:
    """django-csp's ``CONTENT_SECURITY_POLICY`` for the residents' pages."""
    images = [SELF, "data:"]
    for url in (map_tile_url, media_url):
        source = origin(url or "")
        if source and source not in images:
            images.append(source)
    if os.environ.get("MEDIA_CUSTOM_DOMAIN"):
        images.append(f"https://{os.environ['MEDIA_CUSTOM_DOMAIN']}")
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF],
            # Styles: the templates' few style="" attributes and Leaflet's; scripts stay strict.
            "style-src": [SELF, UNSAFE_INLINE],
            "img-src": images,
            "font-src": [SELF],
            "connect-src": [SELF],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
            "frame-ancestors": [SELF],
        }
    }


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's relaxation on ``/admin/`` only."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIXES):
            parts.update = {**ADMIN_RELAXATION, **(parts.update or {})}
        return parts


class PermissionsPolicyMiddleware:
    """Adds ``Permissions-Policy`` to every response that has none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
