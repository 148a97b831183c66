"""The JSON API at /api/v1 with its OpenAPI document at /api/v1/docs."""

from __future__ import annotations

from ninja import NinjaAPI

from ucj.regions.api import router as regions_router

api = NinjaAPI(title="UCJ Monev API", version="1", urls_namespace="api-v1")
api.add_router("/regions", regions_router)
