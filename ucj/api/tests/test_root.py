"""`api` is the API root only (router, auth, errors, OpenAPI); each app's routes live in
its own `api.py`, and the routes that moved there kept their paths and operationIds."""

from __future__ import annotations

from pathlib import Path

from ucj.api.router import api

API = Path(__file__).resolve().parents[1]

MOVED = {  # path, method → operationId, as before the routes left `ucj/api/`
    ("/api/v1/accounts/audit", "get"): "ucj_accounts_api_audit_entries",
    ("/api/v1/coverage/{code}", "get"): "ucj_api_coverage_coverage",
    ("/api/v1/coverage/national", "get"): "ucj_api_coverage_national",
    ("/api/v1/coverage/league", "get"): "ucj_api_coverage_league",
    ("/api/v1/targets/", "put"): "ucj_api_targets_set_target",
    ("/api/v1/targets/{target_id}", "delete"): "ucj_api_targets_delete_target",
    ("/api/v1/imports/", "post"): "ucj_api_imports_commit",
    ("/api/v1/imports/dry-run", "post"): "ucj_api_imports_dry_run",
    ("/api/v1/imports/jobs/{job_id}", "get"): "ucj_api_imports_job_status",
}


def test_api_holds_only_the_root():
    modules = {p.stem for p in API.glob("*.py")}
    assert modules == {"__init__", "apps", "auth", "errors", "openapi", "router", "urls"}


def test_moved_routes_keep_their_paths_and_operation_ids():
    paths = api.get_openapi_schema()["paths"]
    for (path, method), operation_id in MOVED.items():
        assert paths[path][method]["operationId"] == operation_id
