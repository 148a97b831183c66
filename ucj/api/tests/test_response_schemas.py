"""Every JSON answer of the API has a schema in the OpenAPI document (issue 15): a route
added without `response=` (an untyped dict) fails here, naming it."""

from __future__ import annotations

from ucj.api.router import api


def _typed(schema: dict) -> bool:
    """A reference to a component, or a type with its items or properties spelled out."""
    if "$ref" in schema:
        return True
    if schema.get("type") == "array":
        return _typed(schema.get("items") or {})
    if schema.get("type") == "object":
        return bool(schema.get("properties") or schema.get("additionalProperties"))
    return bool(schema.get("type") or schema.get("anyOf") or schema.get("oneOf"))


def test_every_json_answer_has_a_schema():
    doc = api.get_openapi_schema()
    missing = []
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            for code, answer in operation["responses"].items():
                content = answer.get("content") or {}
                if not code.startswith("2"):
                    continue
                if not content:
                    missing.append(f"{method.upper()} {path} {code}: no content")
                    continue
                for media, body in content.items():
                    if media == "application/json" and not _typed(body.get("schema") or {}):
                        missing.append(f"{method.upper()} {path} {code}")
    assert missing == [], "give these routes a response schema:\n" + "\n".join(missing)
