"""/api/v1/docs: Swagger UI from the portal's own static files (static/vendor/swagger-ui, pinned
swagger-ui-dist), started by a static script, so the page needs no CDN and no inline script.
Swagger UI's online validator (a badge image from validator.swagger.io carrying the document's
address) is switched off: the page fetches nothing from another host."""

from ninja.openapi.docs import Swagger


class PortalSwagger(Swagger):
    template = "api/swagger.html"
    default_settings = {**Swagger.default_settings, "validatorUrl": None}
