"""The planning API's answers are typed (issue 15) and lose nothing on the way through
their schemas: each equals what the domain function (and so `ucj plan … --json`)
returns, key for key, and validates against the schema the OpenAPI document names."""

from __future__ import annotations

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from ucj.accounts.testing import region
from ucj.planning import reach as reach_service
from ucj.planning.funding import summary
from ucj.planning.overview import default_request, overview
from ucj.planning.schemas import (
    BudgetOut,
    CostOut,
    FundingOut,
    NextCategoryOut,
    OverviewOut,
    ReachOut,
)
from ucj.planning.services import CostRequest, cost, parse_month
from ucj.planning.tests.test_web import sarolangun  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
BASE = "/api/v1/planning"


def plain(obj):
    return json.loads(json.dumps(obj, cls=DjangoJSONEncoder))


def req(**kw):
    return CostRequest(**{"segment": "BPU", "programs": ("JKK", "JKM"), **kw})


def test_answers_equal_the_domain_objects(client, sarolangun):  # noqa: F811
    when = parse_month("2024-09")
    cases = [
        ("/cost", {"months": 3, "start": "2025-01", "workers": 10}, CostOut,
         cost(req(workers=10, months=3, start=parse_month("2025-01")))),
        ("/15.03/reach", {"target_pct": 65, "months": 3, "period": "2024-09"}, ReachOut,
         reach_service.reach("15.03", 65, req(months=3), when)),
        ("/15.03/budget", {"amount": 1_000_000_000, "period": "2024-09"}, BudgetOut,
         reach_service.budget("15.03", 1_000_000_000, req(), when)),
        ("/15.03/next-category", {"period": "2024-09"}, NextCategoryOut,
         reach_service.next_category("15.03", req(), when)),
    ]  # fmt: skip
    for path, params, schema, domain in cases:
        answer = client.get(BASE + path, params)
        assert answer.status_code == 200, (path, answer.content)
        body = answer.json()
        schema.model_validate(body)
        assert body == plain(domain), path
    client.force_login(sarolangun.kabkota)
    body = client.get(f"{BASE}/15.03/overview").json()
    OverviewOut.model_validate(body)
    assert body == plain(overview(region("15.03"), sarolangun.kabkota))
    assert default_request().months == 12
    body = client.get(f"{BASE}/15.03/funding").json()
    FundingOut.model_validate(body)
    assert body == plain(summary(sarolangun.kabkota, region("15.03")))
    assert body["rows"][0]["committed_amount"] == 1_241_856_000


def test_refusals_are_typed_and_bilingual(client, sarolangun):  # noqa: F811
    bad = client.get(f"{BASE}/cost", {"segment": "BPU", "programs": "JP"})
    assert bad.status_code == 422
    assert set(bad.json()) == {"error", "message_id", "message_en", "field"}
    assert bad.json()["message_en"].startswith("Program JP is not available to segment BPU")
    unknown = client.get(f"{BASE}/99.99/reach", {"target_pct": 60})
    assert unknown.status_code == 404 and unknown.json()["field"] == "code"
    assert unknown.json()["message_id"] == "Kode wilayah tidak dikenal: 99.99"
    client.force_login(sarolangun.outsider)  # Lampung Tengah's officer
    away = client.get(f"{BASE}/15.03/overview")
    assert away.status_code == 404
    assert away.json()["error"] == "unknown region or outside your scope"  # kept for clients
    assert away.json()["message_en"] == "unknown region or outside your scope"
