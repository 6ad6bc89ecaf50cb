"""schemathesis over the OpenAPI document, against the portal itself (in-process WSGI): every
operation, valid and invalid inputs, all checks (no 5xx, documented status codes and content
types, answers matching their schemas, exact enums and formats). Derandomized and bounded:
a few examples per operation."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance


@pytest.fixture
def wsgi_app(site_tree):
    """The portal as a WSGI app sharing the test's database connection (as Django's test client
    does: no connection closing between requests)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_every_operation_conforms_to_the_openapi_document(wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    failures = []
    for operation in operations:

        @settings(max_examples=8, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def conforms(case):
            # Not "valid data is accepted": pairs such as lat/lng (both or neither) are rules
            # OpenAPI 3.0 cannot state, so a lone lat is schema-valid yet rightly a 422.
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        try:
            conforms()
        except Exception as failure:  # noqa: BLE001 - collected so one run names every failing operation
            failures.append(f"{operation.method.upper()} {operation.path}: {failure}")
    assert not failures, "\n\n".join(failures)
