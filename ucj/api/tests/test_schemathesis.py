"""Schemathesis against the OpenAPI document, as a national analyst's token, a kab/kota
officer's token and anonymously: no generated request gets a 5xx, and every status code
returned is one the document lists for that operation.

Bounded (EXAMPLES per operation and caller, derandomised, so the same requests every
run) to stay within a few minutes on 2 cores. Requests go through the real WSGI
application inside the test transaction.
"""

from __future__ import annotations

import json
import os
import time

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from ucj.accounts.tokens import create_token
from ucj.api.router import api

pytestmark = pytest.mark.django_db
# More for a deeper search by hand: SCHEMATHESIS_EXAMPLES=50 pytest …
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "6"))
BUDGET_S = 240  # the whole run; a slower run fails, so the bound is kept


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


def test_bearer_is_optional_in_the_document(client):
    def unique(pairs):
        keys = [k for k, _v in pairs]
        assert len(keys) == len(set(keys)), f"duplicated keys {keys}"  # Swagger UI refuses
        return dict(pairs)

    json.loads(client.get("/api/v1/openapi.json").content, object_pairs_hook=unique)
    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert {} in operation["security"], f"{method} {path}: anonymous callers allowed"
            assert "401" in operation["responses"], f"{method} {path}: a bad token answers 401"


def test_no_server_errors_and_no_undocumented_status(wsgi_app, personas):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    headers = {
        "national": {"Authorization": f"Bearer {create_token(personas.national, 'fuzz')[1]}"},
        "kabkota": {"Authorization": f"Bearer {create_token(personas.kabkota, 'fuzz')[1]}"},
        "anon": {},
    }
    errors: list[str] = []
    undocumented: set[str] = set()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    started = time.monotonic()
    for operation in operations:
        _fuzz(operation, headers, errors, undocumented)
    took = time.monotonic() - started
    routes = sorted({e.split(" {")[0].split(" ", 1)[1] for e in errors})
    report = f"5xx on {routes}:\n" + "\n".join(errors[:20])
    report += "\nstatus codes the document does not list:\n" + "\n".join(sorted(undocumented))
    assert (errors, undocumented) == ([], set()), report
    assert took < BUDGET_S, f"schemathesis took {took:.0f} s (budget {BUDGET_S} s)"


def _fuzz(operation, headers, errors, undocumented) -> None:
    documented = {str(code) for code in operation.definition.raw.get("responses", {})}

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
            status = response.status_code
            if status >= 500:
                errors.append(
                    f"{who} {case.method} {case.formatted_path} {case.query} "
                    f"{case.body!r:.200} → {status}"
                )
            elif str(status) not in documented and "default" not in documented:
                undocumented.add(f"{case.method} {operation.path} → {status} ({who})")

    run()
