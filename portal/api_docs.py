"""/api/v1/docs: Swagger UI from the portal's own static files (static/vendor/swagger-ui, pinned
swagger-ui-dist), started by a static script, so the page needs no CDN and no inline script."""

from ninja.openapi.docs import Swagger


class PortalSwagger(Swagger):
    template = "api/swagger.html"
