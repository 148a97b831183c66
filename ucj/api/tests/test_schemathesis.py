"""Schemathesis against the OpenAPI document: generated requests never get a 5xx.

Bounded (a few examples per operation, derandomised) so it runs in about a minute.
Requests go through the real WSGI application inside the test transaction.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from ucj.accounts.tokens import create_token

pytestmark = pytest.mark.django_db
EXAMPLES = 8


@pytest.fixture
def wsgi_app():
    # As Django's test client does: keep the test transaction's connection open.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_no_server_errors(wsgi_app, personas):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    headers = {
        "admin": {"Authorization": f"Bearer {create_token(personas.admin, 'fuzz')[1]}"},
        "kabkota": {"Authorization": f"Bearer {create_token(personas.kabkota, 'fuzz')[1]}"},
        "anon": {},
    }
    errors: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        _fuzz(operation, headers, errors)
    routes = sorted({e.split(" {")[0].split(" ", 1)[1] for e in errors})
    assert errors == [], f"5xx on {routes}:\n" + "\n".join(errors[:20])


def _fuzz(operation, headers, errors) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case) -> None:
        for who, extra in headers.items():
            response = case.call(headers=extra)
            if response.status_code >= 500:
                errors.append(
                    f"{who} {case.method} {case.formatted_path} {case.query} "
                    f"{case.body!r:.200} → {response.status_code}"
                )

    run()
