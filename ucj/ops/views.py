"""Probes for a load balancer: /healthz says the process answers, /readyz that it can
serve (database reachable, migrations applied, scheduler alive). No log-in, plain HTTP
(exempt from the HTTPS redirect), no details beyond ok/failing checks."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from ucj.ops import status


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    db = status.database()
    checks = {
        "database": db["reachable"],
        "migrations": db["reachable"] and not db.get("unapplied_migrations"),
    }
    checks["scheduler"] = bool(checks["migrations"] and status.heartbeat()["recent"])
    if settings.CACHES["default"]["BACKEND"].endswith(("RedisCache", "SharedCache")):
        checks["cache"] = _cache_answers()
    ready = all(checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "failing", "checks": checks}, status=200 if ready else 503
    )


def _cache_answers() -> bool:
    """Redis answers (UCJ_REDIS_URL). Pages still work without it (computed per request,
    `ucj.web.shared_cache`), but every one pays for the engine: a server whose Redis is
    unreachable is taken out of the balancer while another one has it."""
    try:
        cache.set("ucj:readyz", 1, 10)
        return bool(cache.get("ucj:readyz") == 1)
    except Exception:  # any client error means the same: not ready
        return False
