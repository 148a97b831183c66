"""Persona matrix: 8 personas × every page, API route and export, at home and away.

Each case asserts allowed or denied, never a server error, and that nobody outside the
Lampung Tengah scope sees its planted SECRET (denied reads reveal nothing; allowed
lists leak nothing). Writes: a kab/kota officer's token and session cannot change
another region's data through any unsafe route.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from ucj.accounts.models import AccessRefusal, ApiToken, MonthApproval
from ucj.accounts.testing import month, region
from ucj.accounts.tests.matrix import (
    API_RULES,
    PAGE_RULES,
    PERSONAS,
    SECRET,
    Rule,
    build_world,
    page_routes,
)
from ucj.api.router import api
from ucj.indicators.models import Target

pytestmark = pytest.mark.django_db
PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\{(\w+)\}")
DENIED = {401, 403, 404}


def api_get_paths() -> list[str]:
    schema = api.get_openapi_schema()
    return sorted(path for path, ops in schema["paths"].items() if "get" in ops)


# Unsafe routes that act only on the caller's own account (tested in test_login).
OWN_ACCOUNT = {("/api/v1/accounts/tokens", "post")}


def api_unsafe_ops() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return sorted(
        (path, method)
        for path, ops in schema["paths"].items()
        for method in ops
        if method in ("post", "put", "patch", "delete") and (path, method) not in OWN_ACCOUNT
    )


def test_every_route_has_a_rule():
    missing = [name for _route, name in page_routes() if name not in PAGE_RULES]
    missing += [path for path in api_get_paths() if path not in API_RULES]
    assert missing == [], f"add these routes to accounts/tests/matrix.py: {missing}"
    assert len(page_routes()) >= 15 and len(api_get_paths()) >= 15


def _fill(route: str, rule: Rule, side: int, objects: dict[str, str]) -> tuple[str, dict]:
    query: dict[str, str] = {}

    def value(name: str) -> str:
        if name not in rule.params:
            raise AssertionError(f"{route}: no value for parameter {name!r} in the rule")
        raw = rule.params[name][side]
        return objects.get(raw, raw)

    url = "/" + PARAM.sub(lambda m: value(m.group(1) or m.group(2)), route).lstrip("/")
    for name in rule.params:
        if f"<{name}>" not in route and f":{name}>" not in route and f"{{{name}}}" not in route:
            query[name] = value(name)
    return url, query


def _body(response: Any) -> str:
    """The text a reader would see: XLSX and PDF are opened, not searched as bytes."""
    if getattr(response, "streaming", False):
        raw = b"".join(response.streaming_content)
    else:
        raw = response.content
    if raw.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(raw)) as book:
            return " ".join(book.read(n).decode(errors="replace") for n in book.namelist())
    if raw.startswith(b"%PDF"):
        run = subprocess.run(["pdftotext", "-", "-"], input=raw, capture_output=True, check=True)
        return run.stdout.decode(errors="replace")
    return raw.decode(errors="replace")


def _client(world: Any, persona: str, token: bool) -> tuple[Client, dict[str, str]]:
    client = Client()
    if persona == "anon":
        return client, {}
    if token:
        return client, {"HTTP_AUTHORIZATION": f"Bearer {world.tokens[persona]}"}
    client.force_login(world.users[persona])
    return client, {}


def _check(response: Any, persona: str, rule: Rule, allowed: bool, where: str) -> list[str]:
    """The problems with one response (empty: as the rule says)."""
    status = response.status_code
    body = _body(response)
    login = status == 302 and "/accounts/login/" in response.get("Location", "")
    problems = []
    if status >= 500:
        problems.append(f"{where}: server error {status}")
    elif rule.post_only:
        if status not in (405, 302, 401, 403, 404):
            problems.append(f"{where}: GET gave {status}")
    elif allowed:
        ok = (200, 302) + ((422,) if rule.unprocessable_ok else ())
        ok += (404,) if rule.absent_ok else ()
        if status not in ok or login:
            problems.append(f"{where}: expected allowed, got {status}")
    elif status not in DENIED and not login:
        problems.append(f"{where}: expected denied, got {status}")
    if persona not in rule.secret_ok and SECRET in body:
        problems.append(f"{where}: leaks the other region's data")
    return problems


def _refused(
    before: int, persona: str, rule: Rule, side: int, response: Any, where: str
) -> list[str]:
    """A cross-region attempt (allowed at home, denied away, answered 403/404) must
    leave an AccessRefusal row for the audit page (issue 14 item 8)."""
    cross = side == 1 and rule.away is not None and persona in rule.home - rule.away
    if not cross or persona == "anon" or response.status_code not in (403, 404):
        return []
    if AccessRefusal.objects.count() > before:
        return []
    return [f"{where}: refused ({response.status_code}) but not recorded"]


@pytest.fixture
def world(db, settings):
    # The walk takes minutes on a loaded machine: the heartbeat planted by build_world must
    # not go stale before /readyz is asked (it answers 503 past the limit).
    settings.UCJ_SCHEDULER_STALE_MINUTES = 24 * 60
    return build_world()


def test_pages_and_exports(world):
    problems: list[str] = []
    for route, name in page_routes():
        rule = PAGE_RULES.get(name)
        if rule is None:
            continue  # reported by test_every_route_has_a_rule
        for side in (0, 1):
            url, query = _fill(route, rule, side, world.objects)
            allowed_set = rule.home if side == 0 or rule.away is None else rule.away
            for persona in PERSONAS:
                client, extra = _client(world, persona, token=False)
                before = AccessRefusal.objects.count()
                response = client.get(url, query, **extra)
                where = f"{persona} GET {url}"
                problems += _check(response, persona, rule, persona in allowed_set, where)
                problems += _refused(before, persona, rule, side, response, where)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("token", [True, False], ids=["token", "session"])
def test_api_reads(world, token):
    problems: list[str] = []
    for path in api_get_paths():
        rule = API_RULES.get(path)
        if rule is None:
            continue  # reported by test_every_route_has_a_rule
        for side in (0, 1):
            url, query = _fill(path, rule, side, world.objects)
            allowed_set = rule.home if side == 0 or rule.away is None else rule.away
            for persona in PERSONAS:
                client, extra = _client(world, persona, token)
                before = AccessRefusal.objects.count()
                response = client.get(url, query, **extra)
                where = f"{persona} GET {url} ({'token' if token else 'session'})"
                problems += _check(response, persona, rule, persona in allowed_set, where)
                problems += _refused(before, persona, rule, side, response, where)
    assert problems == [], "\n".join(problems)


def _away_state() -> tuple[Any, ...]:
    """Rows and audit rows of Lampung Tengah in every model with a region, its approval,
    its targets and the outsider's tokens."""
    away = region("18.02").pk
    counts = tuple(
        (m._meta.label, m._default_manager.filter(region_id=away).count())
        for m in apps.get_models()
        if any(f.name == "region" and f.is_relation for f in m._meta.get_fields())
        # Refused attempts are recorded against the region tried: that row is the point.
        and m._meta.label != "accounts.AccessRefusal"
    )
    approval = MonthApproval.objects.get(region__code="18.02")
    targets = list(Target.objects.filter(region__code="18.02").values_list("pct", flat=True))
    tokens = list(ApiToken.objects.filter(user__username="kab_lamteng").values_list("revoked"))
    return counts, approval.status, approval.reopen_reason, targets, tokens


def _away_body(path: str) -> dict[str, Any]:
    # A well-formed body aimed at Lampung Tengah, so only the scope check can refuse it.
    if path.startswith("/api/v1/targets"):
        return {"region": "18.02", "year": 2025, "pct": "99", "issuer": "rpjmd"}
    return {"region": "18.02", "reason": "coba ubah data tetangga", "name": "x"}


@pytest.mark.parametrize("token", [True, False], ids=["token", "session"])
def test_kabkota_cannot_change_another_region(world, token):
    before = _away_state()
    client, extra = _client(world, "kabkota", token)
    for path, method in api_unsafe_ops():
        rule = API_RULES.get(path) or Rule(params={})
        params = {**rule.params, "code": ("15.03", "18.02"), "period": ("2025-03", "2025-03")}
        params |= {"action": ("submit", "submit"), "target_id": ("target_home", "target_away")}
        params |= {"session_id": ("session_home", "session_away")}
        params |= {"follow_up_id": ("follow_up_home", "follow_up_away")}
        params |= {"token_id": ("1", world.objects.get("outsider_token", "999999"))}
        url, _query = _fill(path, Rule(params=params), 1, world.objects)
        send = getattr(client, method)
        response = send(url, _away_body(path), content_type="application/json", **extra)
        assert response.status_code in (400, 401, 403, 404, 405, 422), f"{method} {url}"
        assert SECRET not in _body(response)
    for action in ("submit", "approve", "accept", "reopen"):
        session = Client()
        session.force_login(world.users["kabkota"])
        url = f"/accounts/persetujuan/18.02/{action}/"
        response = session.post(url, {"period": "2025-03", "reason": "coba ubah"})
        assert response.status_code == 404
    assert _away_state() == before
    assert AccessRefusal.objects.filter(region__code="18.02").exists()  # and recorded


def test_kabkota_pages_cannot_change_another_region(world):
    """POST to every page with Lampung Tengah in the URL and the form: nothing changes."""
    before = _away_state()
    client, _extra = _client(world, "kabkota", token=False)
    form = {
        "region": "18.02",
        "region_code": "18.02",
        "regions": "18.02",
        "code": "18.02",
        "period": "2025-03",
        "reason": "coba ubah data tetangga",
        "name": "coba",
        "title": "coba",
        "text": "coba",
        "year": "2025",
        "amount": "1000",
    }
    problems = []
    for route, name in page_routes():
        rule = PAGE_RULES.get(name)
        if rule is None or name in ("accounts:logout", "set_language", "accounts:login"):
            continue
        params = {**rule.params, "token_id": ("0", "outsider_token")}
        if "action" in params:
            params["action"] = ("submit", "submit")
        away = Rule(params=params)
        url, _query = _fill(route, away, 1, world.objects)
        response = client.post(url, form)
        if response.status_code >= 500:
            problems.append(f"POST {url}: {response.status_code}")
        if SECRET in _body(response):
            problems.append(f"POST {url}: leaks the other region's data")
    assert problems == [], "\n".join(problems)
    assert _away_state() == before
    assert AccessRefusal.objects.filter(region__code="18.02").exists()  # and recorded


def test_small_cells_hidden_from_public(world, settings):
    """A count under UCJ_PUBLIC_MIN_CELL appears on no page or API route for anonymous
    and public visitors (aggregates only), while the region's own officer sees it."""
    from ucj.indicators.models import Participation

    settings.UCJ_PUBLIC_MIN_CELL = 60000
    for segment, count in (("PU", 987650), ("BPU", 54321)):
        Participation.objects.create(
            region=region("18.02"), period=month("2025-03"), segment=segment, count=count
        )
    urls = [("/api/v1/coverage/18.02", {"period": "2025-03"}), ("/api/v1/coverage/league", {})]
    urls += [
        (_fill(route, PAGE_RULES[name], 1, world.objects)[0], {})
        for route, name in page_routes()
        if name in PAGE_RULES and not PAGE_RULES[name].post_only
    ]
    problems = []
    for persona in ("anon", "public", "kabkota"):
        client, extra = _client(world, persona, token=False)
        for url, query in urls:
            body = _body(client.get(url, query, **extra))
            if "54321" in body or "54.321" in body:
                problems.append(f"{persona} GET {url}: shows a suppressed cell")
    assert problems == [], "\n".join(problems)
    officer, extra = _client(world, "outsider", token=True)
    mine = officer.get("/api/v1/coverage/18.02", {"period": "2025-03"}, **extra).json()
    assert mine["by_segment"]["BPU"] == 54321


def test_admin_site_is_for_admins_only(world):
    urls = ["/admin/", "/admin/accounts/roleassignment/", "/admin/accounts/monthapproval/"]
    for persona in PERSONAS:
        client, _extra = _client(world, persona, token=False)
        for url in urls:
            response = client.get(url)
            if persona == "admin":
                assert response.status_code == 200, url
            else:
                assert response.status_code == 302 and "/admin/login/" in response["Location"]
                assert SECRET not in _body(response)
