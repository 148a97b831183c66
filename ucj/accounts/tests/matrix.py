"""The persona matrix's data: personas, planted secrets, every route with its rule.

Routes are enumerated from the URL resolver and the OpenAPI document, so a route added
later without a rule here makes `test_every_route_has_a_rule` fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from ucj.accounts.models import MonthApproval, Role
from ucj.accounts.testing import make_personas, make_user, month, region
from ucj.accounts.tokens import create_token
from ucj.intake.testing import system_actor

# Strings planted in the other region's (18.02) non-public data: no route may show them
# to anyone outside that region's scope (or to national/admin readers).
SECRET = "RAHASIA-LAMTENG-7731"

PERSONAS = ("admin", "national", "province", "kabkota", "branch", "public", "outsider", "anon")
GLOBAL = {"admin", "national"}
SIGNED_IN = set(PERSONAS) - {"anon"}
EVERYONE = set(PERSONAS)


@dataclass(frozen=True)
class Rule:
    """Who may GET the route at the 'home' URL (Jambi/Sarolangun) and the 'away' URL
    (Lampung Tengah, the outsider's region). `post_only`: GET answers 405 (or a log-in
    redirect). `secret_ok`: personas allowed to see SECRET at the away URL."""

    home: set[str] = field(default_factory=lambda: set(EVERYONE))
    away: set[str] | None = None  # None: same as home
    post_only: bool = False
    secret_ok: set[str] = field(default_factory=lambda: {"admin", "national", "outsider"})
    params: dict[str, tuple[str, str]] = field(default_factory=dict)
    # 422 counts as allowed: the request passed the access check but the test database
    # lacks the data (rates, potentials) the computation needs.
    unprocessable_ok: bool = False
    # 404 counts as allowed: a public resource the test database does not hold.
    absent_ok: bool = False


KAB = {"code": ("15.03", "18.02")}
PROV = {"code": ("15", "18")}
HOME_SCOPE = {"admin", "national", "province", "kabkota"}
AWAY_SCOPE = {"admin", "national", "outsider"}
# The audit trail: everything for national/admin, their own regions' part for officers.
AUDIT_READERS = GLOBAL | {"province", "kabkota", "branch", "outsider"}
# Writers of Pemda data: national analysts read it but write only targets and schemes.
HOME_WRITERS = {"admin", "province", "kabkota"}
AWAY_WRITERS = {"admin", "outsider"}

# Django pages (url name → rule). API routes are in API_RULES.
PAGE_RULES: dict[str, Rule] = {
    "set_language": Rule(post_only=True),
    "api-v1:openapi-json": Rule(),
    "api-v1:openapi-view": Rule(),
    "api-v1:api-root": Rule(home=set()),  # ninja answers 404 at the bare root
    "api-docs": Rule(),
    "api-docs-slash": Rule(),
    "api-openapi": Rule(),
    "accounts:login": Rule(),
    "accounts:logout": Rule(home=set(), post_only=True),
    "accounts:tokens": Rule(home=SIGNED_IN),
    # The second factor: any signed-in user may set one up; the code step sends a user
    # without a device to the set-up (302).
    "accounts:mfa-setup": Rule(home=SIGNED_IN),
    "accounts:mfa-verify": Rule(home=SIGNED_IN),
    "accounts:token-revoke": Rule(home=set(), post_only=True, params={"token_id": ("1", "2")}),
    "accounts:approvals": Rule(home=SIGNED_IN),
    "accounts:approval-action": Rule(
        home=set(), post_only=True, params={"code": ("15.03", "18.02"), "action": ("a", "b")}
    ),
    "audit:audit": Rule(home=AUDIT_READERS),
    "audit:audit-csv": Rule(home=AUDIT_READERS),
    "audit:audit-xlsx": Rule(home=AUDIT_READERS),
    "web:home": Rule(),
    "web:province": Rule(params=PROV),
    "web:scorecard": Rule(params=KAB),
    "web:boundaries": Rule(absent_ok=True, params={"layer": ("provinsi", "kabkota")}),
    "web:favicon": Rule(),
    "web:mine": Rule(),  # a redirect to the user's home
    "web:region-search": Rule(params={"q": ("Sarolangun", "Lampung Tengah")}),
    "web:region-list": Rule(),
    "monev:home": Rule(home=SIGNED_IN),
    "monev:session_create": Rule(home=SIGNED_IN),
    "monev:session": Rule(
        home=HOME_SCOPE | {"branch"},
        away=AWAY_SCOPE,
        params={"pk": ("session_home", "session_away")},
    ),
    "monev:finding_add": Rule(
        home=set(), post_only=True, params={"pk": ("session_home", "session_away")}
    ),
    "monev:follow_ups": Rule(home=SIGNED_IN),
    "monev:follow_up": Rule(
        home=HOME_SCOPE | {"branch"},
        away=AWAY_SCOPE,
        params={"pk": ("follow_up_home", "follow_up_away")},
    ),
    "monev:regulations": Rule(),
    "monev:regulation_create": Rule(home=SIGNED_IN),
    "monev:matrix_regulations": Rule(),
    "monev:matrix_plan": Rule(),
    "monev:brief": Rule(params=KAB),
    "monev:national_pdf": Rule(home=SIGNED_IN),
    "monev:export": Rule(home=SIGNED_IN, params={"what": ("sesi", "tindak-lanjut")}),
    "monev:session_hold": Rule(
        home=set(), post_only=True, params={"pk": ("session_home", "session_away")}
    ),
    # Evidence and regulation documents: no file is planted here (monev's own tests
    # cover them with files); ids of follow-ups in and out of scope, no such file: 404.
    "monev:evidence": Rule(
        home=set(),
        params={"pk": ("follow_up_home", "follow_up_away"), "evidence_id": ("999999", "999999")},
    ),
    "monev:regulation_document": Rule(home=set(), params={"pk": ("999999", "999999")}),
    "monev:packs": Rule(home=SIGNED_IN),
    # Packs are read by the region's officers and the national level (not branches, not
    # the public); the nation's pack only nationally.
    "monev:pack_file": Rule(
        home=HOME_SCOPE,
        away=AWAY_SCOPE,
        params={**KAB, "period": ("2025-Q3", "2025-Q3"), "fmt": ("pdf", "xlsx")},
    ),
    "monev:pack_action": Rule(
        post_only=True, params={**KAB, "period": ("2025-Q3", "2025-Q3"), "action": ("submit",) * 2}
    ),
    "monev:obstacles": Rule(home=SIGNED_IN),
    # The planted finding has no dimension yet: the '-'/'-' cell holds it.
    "monev:obstacle_cell": Rule(
        home=SIGNED_IN, params={"dimension": ("-", "-"), "obstacle": ("-", "-")}
    ),
    "registry:overview": Rule(home=SIGNED_IN),
    "registry:persons": Rule(
        home=HOME_SCOPE, away=AWAY_SCOPE, params={"pk": ("rec_home", "rec_away")}
    ),
    "registry:export": Rule(
        home=HOME_SCOPE, away=AWAY_SCOPE, params={"pk": ("rec_home", "rec_away")}
    ),
    # Group coverage per kecamatan/desa: the reconciliation's readers; the contest league
    # is public like every region page (small cells suppressed, no names of people).
    "registry:areas": Rule(home=HOME_SCOPE, away=AWAY_SCOPE, params=KAB),
    "registry:contest": Rule(params=KAB),
    "campaigns:list": Rule(home=SIGNED_IN),
    # Campaign.write_policy = REGION: region officers in their regions (admins always).
    "campaigns:create": Rule(home=HOME_WRITERS | AWAY_WRITERS),
    "campaigns:edit": Rule(
        home=HOME_WRITERS, away=AWAY_WRITERS, params={"pk": ("campaign_home", "campaign_away")}
    ),
    "campaigns:detail": Rule(
        home=HOME_SCOPE, away=AWAY_SCOPE, params={"pk": ("campaign_home", "campaign_away")}
    ),
    "campaigns:confirm": Rule(
        home=set(), post_only=True, params={"pk": ("campaign_home", "campaign_away")}
    ),
    "campaigns:field": Rule(
        home=HOME_SCOPE,
        away=AWAY_SCOPE,
        params={"pk": ("campaign_home", "campaign_away"), "code": ("desa_home", "desa_away")},
    ),
    "campaigns:field_entry": Rule(
        home=HOME_SCOPE,
        away=AWAY_SCOPE,
        params={
            "pk": ("campaign_home", "campaign_away"),
            "code": ("desa_home", "desa_away"),
            "entry_id": ("entry_home", "entry_away"),
        },
    ),
    "intake:index": Rule(home=SIGNED_IN),
    "intake:history": Rule(home=SIGNED_IN),
    "intake:undo": Rule(home=set(), post_only=True, params={"batch_id": ("1", "2")}),
    # A background import job is seen only by whoever started it (none of the personas).
    "intake:job": Rule(home=set(), params={"job_id": ("1", "2")}),
    "intake:job-confirm": Rule(home=set(), post_only=True, params={"job_id": ("1", "2")}),
    # The upload page of a kind: who may write its model somewhere (national analysts
    # do not write participant figures; issue 14).
    "intake:upload": Rule(
        home=SIGNED_IN - {"public", "national"},
        params={"name": ("participants", "participants")},
    ),
    "intake:template": Rule(
        home=SIGNED_IN, params={"name": ("participants", "participants"), "fmt": ("csv", "xlsx")}
    ),
    "planning:index": Rule(home=SIGNED_IN),
    "planning:funding-edit": Rule(
        home=HOME_WRITERS,
        away=AWAY_WRITERS,
        params={"code": ("15.03", "18.02"), "pk": ("funding_home", "funding_away")},
    ),
    "planning:region": Rule(home=HOME_SCOPE | {"branch"}, away=AWAY_SCOPE, params=KAB),
    "planning:scenario": Rule(
        home=HOME_SCOPE, away=AWAY_SCOPE, params={"pk": ("scenario_home", "scenario_away")}
    ),
    # A write form: branch officers do not write Pemda funding (issue 6, roles).
    "planning:funding-new": Rule(home=HOME_WRITERS, away=AWAY_WRITERS, params=KAB),
    "planning:workspace": Rule(home=HOME_SCOPE | {"branch"}, away=AWAY_SCOPE, params=KAB),
    "planning:import": Rule(home=HOME_SCOPE, away=AWAY_SCOPE, params=KAB, post_only=True),
    "planning:export-xlsx": Rule(home=HOME_SCOPE | {"branch"}, away=AWAY_SCOPE, params=KAB),
    "planning:export-pdf": Rule(home=HOME_SCOPE | {"branch"}, away=AWAY_SCOPE, params=KAB),
    # Selection (issue 20): who may read the region's rosters; the person list (download)
    # only for the region's own offices, national analysts get counts.
    "selection:run": Rule(home=HOME_SCOPE, away=AWAY_SCOPE, params=KAB),
    "selection:export": Rule(
        home=HOME_WRITERS, away=AWAY_WRITERS, params=KAB, unprocessable_ok=True
    ),
    "selection:save": Rule(home=set(), post_only=True, params=KAB),
    # Load-balancer probes: everyone, no log-in (build_world plants a scheduler heartbeat
    # so /readyz answers 200 rather than 503).
    "ops:healthz": Rule(),
    "ops:readyz": Rule(),
    # Each user's own inbox: nothing region-scoped, every signed-in persona.
    "notify:inbox": Rule(home=SIGNED_IN),
    "notify:read": Rule(home=set(), post_only=True),
    "notify:preferences": Rule(home=set(), post_only=True),
    # The monev cycle (issue 19): letters, the recommendation to the Minister, evidence
    # files, data requests to BPJS TK branches, Paritrana readiness.
    "monev:letter_draft": Rule(
        home=set(), post_only=True, params={"pk": ("session_home", "session_away")}
    ),
    "monev:letter": Rule(
        home=HOME_SCOPE | {"branch"},
        away=AWAY_SCOPE,
        params={"pk": ("letter_home", "letter_away")},
    ),
    "monev:letter_issue": Rule(
        home=set(), post_only=True, params={"pk": ("letter_home", "letter_away")}
    ),
    "monev:letter_file": Rule(
        home=HOME_SCOPE | {"branch"},
        away=AWAY_SCOPE,
        params={"pk": ("letter_home", "letter_away"), "fmt": ("pdf", "docx")},
    ),
    "monev:minister_list": Rule(home=SIGNED_IN),
    "monev:minister": Rule(
        home=HOME_SCOPE, away=AWAY_SCOPE, params={"pk": ("minister_home", "minister_away")}
    ),
    "monev:minister_issue": Rule(
        home=set(), post_only=True, params={"pk": ("minister_home", "minister_away")}
    ),
    "monev:minister_file": Rule(
        home=HOME_SCOPE,
        away=AWAY_SCOPE,
        params={"pk": ("minister_home", "minister_away"), "fmt": ("docx", "pdf")},
    ),
    "monev:attachment_add": Rule(
        home=set(),
        post_only=True,
        params={"parent": ("sesi", "sesi"), "pk": ("session_home", "session_away")},
    ),
    "monev:attachment": Rule(
        home=HOME_SCOPE | {"branch"},
        away=AWAY_SCOPE,
        params={"pk": ("attachment_home", "attachment_away")},
    ),
    "monev:data_requests": Rule(home=SIGNED_IN),
    "monev:data_request": Rule(
        home=HOME_SCOPE | {"branch"},
        away=AWAY_SCOPE,
        params={"pk": ("request_home", "request_away")},
    ),
    "monev:request_sent": Rule(
        home=set(), post_only=True, params={"pk": ("request_home", "request_away")}
    ),
    "monev:paritrana": Rule(home=SIGNED_IN, params=KAB),
}

# API GET routes (OpenAPI path → rule). Unsafe methods are covered by the write tests.
API_RULES: dict[str, Rule] = {
    "/api/v1/campaigns/": Rule(home=SIGNED_IN),
    "/api/v1/campaigns/{campaign_id}/funnel": Rule(
        home=HOME_SCOPE,
        away=AWAY_SCOPE,
        params={"campaign_id": ("campaign_home", "campaign_away")},
    ),
    "/api/v1/regions/": Rule(),
    "/api/v1/regions/resolve": Rule(params={"text": ("Sarolangun", "Lampung Tengah")}),
    "/api/v1/regions/{code}": Rule(params=KAB),
    "/api/v1/accounts/me": Rule(home=SIGNED_IN),
    "/api/v1/accounts/tokens": Rule(home=SIGNED_IN),
    "/api/v1/accounts/audit": Rule(home=AUDIT_READERS),
    "/api/v1/accounts/approvals": Rule(home=SIGNED_IN, params={"period": ("2025-03", "2025-03")}),
    "/api/v1/accounts/approvals/{code}/{period}": Rule(
        home={"admin", "national", "province", "kabkota", "branch"},
        away=AWAY_SCOPE,
        params={"code": ("15.03", "18.02"), "period": ("2025-03", "2025-03")},
    ),
    "/api/v1/coverage/national": Rule(),
    "/api/v1/coverage/national/published": Rule(),
    "/api/v1/coverage/league": Rule(),
    "/api/v1/coverage/{code}": Rule(params=KAB),
    "/api/v1/targets/": Rule(),
    "/api/v1/targets/{target_id}": Rule(params={"target_id": ("target_home", "target_away")}),
    "/api/v1/imports/kinds": Rule(),
    "/api/v1/imports/history": Rule(home=SIGNED_IN),
    # A background import job answers only whoever started it (none of the personas).
    "/api/v1/imports/jobs/{job_id}": Rule(home=set(), params={"job_id": ("1", "2")}),
    "/api/v1/monev/sessions": Rule(),
    "/api/v1/monev/sessions/{session_id}": Rule(
        home=HOME_SCOPE | {"branch"},
        away=AWAY_SCOPE,
        params={"session_id": ("session_home", "session_away")},
    ),
    "/api/v1/monev/follow-ups": Rule(params={"region": ("15.03", "18.02")}),
    "/api/v1/monev/regulations/matrix": Rule(),
    "/api/v1/monev/plan/checklist": Rule(params={"year": ("2025", "2025")}),
    "/api/v1/monev/jakon": Rule(params={"year": ("2025", "2025")}),
    # The monev cycle over the API (issue 19): packs as the pack pages (the region's
    # officers and the national level), benefits public like the other figures, the
    # findings matrix to signed-in users over their own scope.
    "/api/v1/monev/packs": Rule(home=SIGNED_IN),
    "/api/v1/monev/packs/{code}/{period}": Rule(
        home=HOME_SCOPE, away=AWAY_SCOPE, params={**KAB, "period": ("2025-Q3", "2025-Q3")}
    ),
    "/api/v1/monev/packs/{code}/{period}/file": Rule(
        home=HOME_SCOPE,
        away=AWAY_SCOPE,
        params={**KAB, "period": ("2025-Q3", "2025-Q3"), "fmt": ("xlsx", "xlsx")},
    ),
    "/api/v1/monev/benefits": Rule(params={"region": ("15.03", "18.02"), "period": ("2025",) * 2}),
    "/api/v1/monev/obstacles": Rule(home=SIGNED_IN),
    "/api/v1/monev/obstacles/{dimension}/{obstacle}": Rule(
        home=SIGNED_IN, params={"dimension": ("-", "-"), "obstacle": ("-", "-")}
    ),
    "/api/v1/planning/cost": Rule(
        unprocessable_ok=True, params={"segment": ("PU", "PU"), "wage": ("5000000", "5000000")}
    ),
    "/api/v1/planning/{code}/reach": Rule(
        unprocessable_ok=True, params={**KAB, "target_pct": ("60", "60")}
    ),
    "/api/v1/planning/{code}/budget": Rule(
        unprocessable_ok=True, params={**KAB, "amount": ("1000000000", "1000000000")}
    ),
    "/api/v1/planning/{code}/next-category": Rule(unprocessable_ok=True, params=KAB),
    "/api/v1/planning/{code}/overview": Rule(
        unprocessable_ok=True, home=HOME_SCOPE | {"branch"}, away=AWAY_SCOPE, params=KAB
    ),
    "/api/v1/planning/{code}/funding": Rule(
        unprocessable_ok=True, home=HOME_SCOPE | {"branch"}, away=AWAY_SCOPE, params=KAB
    ),
    # A filtered list: every signed-in user gets 200, holding only rows in scope.
    "/api/v1/planning/{code}/scenarios": Rule(home=SIGNED_IN, params=KAB),
}


def page_routes() -> list[tuple[str, str]]:
    """(route pattern, url name) of every Django URL outside the admin and the API."""

    def walk(patterns: list[Any], prefix: str, ns: str) -> Any:
        for p in patterns:
            if isinstance(p, URLResolver):
                inner = ns + (f"{p.namespace}:" if p.namespace else "")
                yield from walk(p.url_patterns, prefix + str(p.pattern), inner)
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern), ns + (p.name or "")

    out = []
    for route, name in walk(get_resolver().url_patterns, "", ""):
        if route.startswith("admin/") or (route.startswith("api/v1/") and name not in PAGE_RULES):
            continue
        out.append((route, name or route))
    return out


@dataclass
class World:
    users: dict[str, Any]
    tokens: dict[str, str]
    objects: dict[str, str]


def build_world() -> World:
    p = make_personas()
    users: dict[str, Any] = {
        "admin": p.admin,
        "national": p.national,
        "province": p.province,
        "kabkota": p.kabkota,
        "branch": p.branch,
        "outsider": p.outsider,
        "public": make_user("publik", Role.PUBLIC),
    }
    tokens = {name: create_token(user, "matriks")[1] for name, user in users.items()}
    # The outsider's non-public data, each carrying SECRET.
    secret_token, _raw = create_token(p.outsider, SECRET)
    MonthApproval.objects.create(
        region=region("18.02"), period=month("2025-03"), reopen_reason=SECRET
    )
    MonthApproval.objects.create(region=region("15.03"), period=month("2025-03"))
    objects = _plant_other_apps(p)
    _plant_heartbeat()
    objects["outsider_token"] = str(secret_token.pk)
    return World(users, tokens, objects)


def _plant_heartbeat() -> None:
    from django.utils import timezone

    from ucj.ops.models import Heartbeat

    Heartbeat.objects.create(name="scheduler", beat=timezone.now())


def _plant_other_apps(p: Any) -> dict[str, str]:
    """Objects in other apps' models, home and away, for routes that take their ids."""
    from ucj.indicators.models import Target
    from ucj.planning.models import FundingSource, Scenario

    out = {}
    for side, code, user in (("home", "15.03", p.kabkota), ("away", "18.02", p.outsider)):
        target = Target.objects.create(region=region(code), year=2025, pct=50, issuer="rpjmd")
        out[f"target_{side}"] = str(target.pk)
        scenario = Scenario.objects.create(
            region=region(code), name=SECRET if side == "away" else "rencana", created_by=user
        )
        out[f"scenario_{side}"] = str(scenario.pk)
    for side, code in (("home", "15.03"), ("away", "18.02")):
        funding = FundingSource.objects.create(**_funding_fields(region(code)))
        out[f"funding_{side}"] = str(funding.pk)
    out |= _plant_monev(p)
    out |= _plant_registry()
    out |= _plant_campaigns()
    return out


def _plant_campaigns() -> dict[str, str]:
    """A campaign with one entry per side; the away campaign and person are named SECRET."""
    import datetime as dt

    from ucj.campaigns.models import Campaign, CampaignEntry
    from ucj.regions.models import Region
    from ucj.regions.villages import ensure_villages

    ensure_villages(["15.03", "18.02"])
    out: dict[str, str] = {}
    for side, code, desa in (
        ("home", "15.03", "15.03.01.2019"),
        ("away", "18.02", "18.02.01.2001"),
    ):
        name = SECRET if side == "away" else "Pendataan aparatur desa"
        campaign = Campaign.objects.create(
            name=name, region=region(code), group="aparatur_desa", start=dt.date(2025, 6, 1),
            end=dt.date(2025, 12, 31), target_count=10, owner_office="Dinas PMD",
        )  # fmt: skip
        entry = CampaignEntry.objects.create(
            campaign=campaign, desa=Region.objects.get(code=desa), nik_hash=f"{side}-hash",
            nik_masked="1503**********01", name=name, group="aparatur_desa",
        )  # fmt: skip
        out |= {f"campaign_{side}": str(campaign.pk), f"desa_{side}": desa}
        out[f"entry_{side}"] = str(entry.pk)
    return out


def _plant_registry() -> dict[str, str]:
    """A reconciliation per side; the away roster's people are named SECRET."""
    import datetime as dt
    import tempfile
    from pathlib import Path

    from ucj.registry import stored
    from ucj.registry.models import Reconciliation
    from ucj.registry.tests.synth import make_nik, write_csv

    out = {}
    as_of = dt.date(2026, 1, 15)
    with tempfile.TemporaryDirectory() as folder:
        for side, code, kec in (("home", "15.03", "150301"), ("away", "18.02", "180201")):
            niks = [make_nik(kec, d, 5, 80, d) for d in range(1, 4)]
            name = SECRET if side == "away" else "Ketua RT"
            roster = write_csv(
                Path(folder) / f"rt_rw_{side}.csv", ["nik", "nama"], [[n, name] for n in niks]
            )
            members = write_csv(
                Path(folder) / f"bpjs_{side}.csv",
                ["nik", "status", "jkk", "jkm", "jht"],
                [[n, "aktif", "Y", "Y", "N"] for n in niks[:2]],
            )
            stored.load_roster_file(roster, region(code), "rt_rw", "ADD", as_of)
            stored.load_membership_file(members, region(code), as_of)
            stored.reconcile_region(code, as_of)
            rec = Reconciliation.objects.filter(region__code=code).latest("pk")
            out[f"rec_{side}"] = str(rec.pk)
    return out


def _plant_monev(p: Any) -> dict[str, str]:
    import datetime as dt

    from ucj.monev.models import FollowUp, MonevSession
    from ucj.monev.services import record_session
    from ucj.monev.tests.factories import finding_with_follow_up, session_input

    out = {}
    for side, code, user in (("home", "15.03", p.kabkota), ("away", "18.02", p.outsider)):
        session = record_session(user, session_input([code], held=True))
        finding_with_follow_up(user, session, code, dt.date(2025, 7, 1))
        if side == "away":
            MonevSession.objects.filter(pk=session.pk).update(title=SECRET)
            FollowUp.objects.filter(region__code=code).update(action=SECRET)
        out[f"session_{side}"] = str(session.pk)
        follow_up = FollowUp.objects.filter(region__code=code).first()
        out[f"follow_up_{side}"] = str(follow_up.pk if follow_up else 0)
        out |= _plant_monev_cycle(side, code, session)
    return out


def _plant_monev_cycle(side: str, code: str, session: Any) -> dict[str, str]:
    """A letter, a recommendation to the Minister, a session file and a data request per
    side; the away ones carry SECRET."""
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile

    from ucj.monev import data_requests, evidence, letters, minister
    from ucj.monev.branches import BranchOffice
    from ucj.monev.tests.test_evidence import pdf_bytes

    tag = SECRET if side == "away" else "rumah"
    BranchOffice.objects.get_or_create(name="Cabang")  # serves any region (none listed)
    letter = letters.draft(system_actor(), session.pk, code)  # its body quotes the session's title
    brief = minister.draft(system_actor(), [code], "2025", title=tag)
    upload = SimpleUploadedFile(f"notulen-{tag}.pdf", pdf_bytes())
    item = evidence.attach(system_actor(), "sesi", session.pk, "notulen", upload, tag)
    request = data_requests.create(
        system_actor(),
        "participants",
        [code],
        dt.date(2025, 9, 1),
        "Cabang",
        dt.date(2025, 10, 1),
        tag,
    )
    return {
        f"letter_{side}": str(letter.pk),
        f"minister_{side}": str(brief.pk),
        f"attachment_{side}": str(item.pk),
        f"request_{side}": str(request.pk),
    }


def _funding_fields(where: Any) -> dict[str, Any]:
    from ucj.planning.models import FundingSource

    fields: dict[str, Any] = {"region": where}
    for f in FundingSource._meta.concrete_fields:
        if f.name in ("id", "region") or f.has_default() or f.null or f.blank:
            continue
        if f.get_internal_type() in ("CharField", "TextField"):
            fields[f.name] = f.choices[0][0] if f.choices else SECRET
        elif f.get_internal_type() in ("IntegerField", "BigIntegerField", "DecimalField"):
            fields[f.name] = 1
        elif f.get_internal_type().endswith("IntegerField"):
            fields[f.name] = 2025
    return fields
