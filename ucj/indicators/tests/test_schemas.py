"""The coverage object is a typed contract: the OpenAPI document describes it field by
field, the engine builds no key the schema lacks, and `ucj coverage --json` and the API
answer the same object."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from ucj.indicators import services
from ucj.indicators.schemas import CoverageOut, dump
from ucj.web.tests import data

pytestmark = pytest.mark.django_db


def _fields(schema, doc: dict, name: str) -> set[str]:
    return set(doc["components"]["schemas"][name]["properties"])


def test_openapi_describes_the_coverage_object_field_by_field(client):
    doc = client.get("/api/v1/openapi.json").json()
    fields = _fields(CoverageOut, doc, "CoverageOut")
    assert {"coverage_pct", "headline_pct", "completeness", "projection", "sources"} <= fields
    assert fields == set(CoverageOut.model_fields)
    assert len(fields) >= 50
    props = doc["components"]["schemas"]["CoverageOut"]["properties"]
    assert props["projection"] == {"$ref": "#/components/schemas/Projection"}
    assert {"reach_period", "monthly_needed", "status"} <= _fields(None, doc, "Projection")
    one = doc["paths"]["/api/v1/coverage/{code}"]["get"]["responses"]["200"]
    assert one["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/CoverageOut"
    }
    league = doc["paths"]["/api/v1/coverage/league"]["get"]["responses"]["200"]
    paged = league["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    items = doc["components"]["schemas"][paged]["properties"]["items"]["items"]
    assert items == {"$ref": "#/components/schemas/CoverageOut"}


def test_the_engine_builds_exactly_the_schema_keys():
    blank = services.blank("15.03", "Sarolangun", "regency", None)
    assert set(blank) == set(CoverageOut.model_fields)
    data.load(provinces=("15",))
    for code in ("ID", "15", "15.03"):
        obj = services.coverage(code, data.MONTHS[-1])
        assert set(obj) == set(CoverageOut.model_fields), code
        assert dump(obj) == json.loads(json.dumps(obj)), code  # the schema changes no value


def test_cli_json_and_api_answer_the_same_object(client, personas):
    data.load(provinces=("15",))
    for code in ("ID", "15", "15.03"):
        out = io.StringIO()
        call_command("coverage", code, "--period", "2025-05", "--json", stdout=out)
        cli = json.loads(out.getvalue())
        client.force_login(personas.national)  # sees every count, as the CLI does
        api = client.get(f"/api/v1/coverage/{code}?period=2025-05").json()
        assert cli == api, code
        assert cli["active_participants"] is not None
