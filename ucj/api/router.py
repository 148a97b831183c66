"""The JSON API at /api/v1 with its OpenAPI document at /api/docs (and /api/v1/docs).

To add an app's endpoints: one `api.add_router("/<name>", <app>.api.router)` line below.
Every route gets `api_auth` (Bearer token or session; anonymous callers see only public
rows through `for_user`); routes that need an account call `login_required(request)`.
"""

from __future__ import annotations

from ucj.accounts.api import router as accounts_router
from ucj.api.auth import api_auth
from ucj.api.errors import install_error_handlers
from ucj.api.openapi import UcjApi
from ucj.audit.api import router as audit_router
from ucj.indicators.api import router as coverage_router
from ucj.indicators.api_targets import router as targets_router
from ucj.intake.api import router as imports_router
from ucj.regions.api import router as regions_router

api = UcjApi(
    title="UCJ Monev API",
    version="1",
    urls_namespace="api-v1",
    auth=api_auth,
    description="Monitoring Universal Coverage Jamsostek. Bearer token: /accounts/token/.",
)
install_error_handlers(api)

api.add_router("/regions", regions_router)
api.add_router("/accounts", accounts_router)
api.add_router("/accounts", audit_router)  # /accounts/audit: the path is a contract
api.add_router("/coverage", coverage_router)
api.add_router("/targets", targets_router)
api.add_router("/imports", imports_router)
api.add_router("/planning", "ucj.planning.api.router")
api.add_router("/monev", "ucj.monev.api.router")
api.add_router("/campaigns", "ucj.campaigns.api.router")
