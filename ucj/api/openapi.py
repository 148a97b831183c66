"""The OpenAPI document told the truth: optional Bearer auth and every status code.

ninja marks the auth object's scheme as *required* on every operation, but `UcjAuth`
lets anonymous callers through (they see public rows only), so each operation lists
"no credentials" as an alternative (`security: [{}, {"UcjAuth": []}]`).

Status codes: ninja documents only the success codes a route declares. The codes the
shared machinery answers with are added here by what is true of every route of a kind
(`COMMON`), the rest per operation (`EXTRA`); `ucj/api/tests/test_schemathesis.py`
fails on any code a route returns that the document does not list, so a route added
later that answers something new is caught.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

ERROR_SCHEMA = {
    "type": "object",
    "description": "An error: `detail`, or `message_id`/`message_en` (Bahasa Indonesia, "
    "English), or `error`, with any further fields the route adds.",
    "properties": {
        "detail": {},
        "message_id": {"type": "string"},
        "message_en": {"type": "string"},
        "error": {},
    },
    "additionalProperties": True,
}

REASONS = {
    "201": "Created",
    "400": "Bad request (unreadable body or a value the route refuses)",
    "401": "A wrong, expired or revoked Bearer token, a second factor still owed, or "
    "log-in required",
    "403": "Not allowed for this account (role), or the CSRF check of a browser session",
    "404": "Not found, or outside the caller's regions (the same answer)",
    "409": "Conflicts with the current state (e.g. an approval step out of order)",
    "413": "Too large",
    "422": "Input that does not fit the parameters or schema",
}

UNSAFE = {"post", "put", "patch", "delete"}

# Codes particular to one operation, beyond COMMON (method, path without /api/v1).
EXTRA: dict[tuple[str, str], set[str]] = {
    ("get", "/accounts/me"): set(),
    ("get", "/accounts/audit"): {"403"},
    ("get", "/accounts/approvals"): {"400", "403"},
    ("get", "/accounts/approvals/{code}/{period}"): {"400"},
    ("post", "/accounts/approvals/{code}/{period}/{action}"): {"409"},
    ("post", "/imports/dry-run"): {"413"},  # a file over UCJ_IMPORT_MAX_MB
    ("post", "/imports/"): {"413"},
    ("post", "/monev/sessions"): {"201"},
    ("post", "/monev/sessions/{session_id}/findings"): {"201"},
    ("get", "/coverage/league"): {"400", "404"},  # 400: a period that is not YYYY-MM
    ("get", "/coverage/national"): {"400"},
    ("get", "/coverage/{code}"): {"400"},
    ("get", "/monev/follow-ups"): {"404"},  # an unknown region code
    ("get", "/regions/resolve"): {"404"},
    ("get", "/monev/benefits"): {"404"},  # an unknown region code
    ("post", "/monev/packs/{code}/{period}/{action}"): {"409"},  # a step out of order
}


def _common(method: str, path: str, operation: dict[str, Any]) -> set[str]:
    codes = {"401"}  # any route: a bad token is refused, not taken as anonymous
    if operation.get("parameters") or operation.get("requestBody"):
        # 422: ninja's validation of parameters and body (and our bounds); 400: a value a
        # route refuses (e.g. a period that is not YYYY-MM) or control characters, which
        # the edge middleware refuses before any route runs.
        codes |= {"400", "422"}
    if method in UNSAFE:
        codes |= {"400", "403", "404"}  # unreadable body, CSRF/role, outside scope
    if "{" in path:
        codes.add("404")  # the object (or region) does not exist or is not the caller's
    return codes


def complete(schema: dict[str, Any], prefix: str) -> dict[str, Any]:
    """Add optional auth and the undeclared status codes to a generated document."""
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    schemes = list(components.get("securitySchemes", {}))
    for path, operations in schema.get("paths", {}).items():
        short = path.removeprefix(prefix.rstrip("/"))
        for method, operation in operations.items():
            if schemes:
                operation["security"] = [{}, *({name: []} for name in schemes)]
            # ninja keys its own codes by int: one key per code, else the JSON has two "400".
            responses = {str(k): v for k, v in operation.get("responses", {}).items()}
            operation["responses"] = responses
            for code in sorted(
                _common(method, path, operation) | EXTRA.get((method, short), set())
            ):
                responses.setdefault(
                    code,
                    {
                        "description": REASONS.get(code, "Error"),
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                        },
                    },
                )
    return schema


# Routes that moved out of `api` into their apps (issue 15) keep the operationId their
# old module gave them: clients generated from the OpenAPI document name calls by it.
OPERATION_MODULES = {
    "ucj.indicators.api": "ucj.api.coverage",
    "ucj.indicators.api_targets": "ucj.api.targets",
    "ucj.intake.api": "ucj.api.imports",
    "ucj.audit.api": "ucj.accounts.api",
}


class UcjApi(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        module = operation.view_func.__module__
        module = OPERATION_MODULES.get(module, module)
        return f"{module}_{operation.view_func.__name__}".replace(".", "_")

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        prefix = path_prefix if path_prefix is not None else self.get_root_path(path_params or {})
        return complete(schema, prefix)
