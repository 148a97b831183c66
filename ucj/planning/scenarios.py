"""Named scenarios per region: evaluate, compare side by side, export (XLSX, PDF), reopen.

A scenario's `params` are the calculator inputs plus what it asks:
  kind 'reach'   — target_pct → gap workers and cost
  kind 'budget'  — amount → workers bought
  kind 'workers' — workers → cost
The XLSX export carries a second sheet ('skenario') with the parameters as JSON, so that
an exported comparison can be imported again and reopened as the same scenarios.
"""

from __future__ import annotations

import io
import json
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from ucj.lib.bilingual import pair
from ucj.lib.formats import number, percent, rupiah
from ucj.lib.sheets import Sheets
from ucj.planning.models import Scenario
from ucj.planning.rates import PlanError
from ucj.planning.services import CostRequest, cost, parse_month
from ucj.regions.models import Region

KINDS = ("reach", "budget", "workers")
PARAMS_SHEET = "skenario"
MAX_UPLOAD = 5 * 1024 * 1024  # an exported comparison is a few kB

# (key in the evaluated result, row label, formatter) for the comparison table.
ROWS: list[tuple[str, str, Any]] = [
    ("kind", "Jenis / kind", str),
    ("programs", "Program", lambda v: ",".join(v or [])),
    ("segment", "Segmen / segment", str),
    ("start", "Mulai / start", str),
    ("months", "Bulan / months", str),
    ("target_pct", "Target (%)", lambda v: percent(v)),
    ("amount", "Anggaran / budget", rupiah),
    ("workers", "Pekerja / workers", number),
    ("per_worker_month", "Per pekerja per bulan / per worker-month", rupiah),
    ("cost_total", "Total biaya / total cost", rupiah),
    ("resulting_pct", "Capaian hasil / resulting coverage", lambda v: percent(v)),
    ("resulting_category", "Kategori hasil / resulting category", lambda v: v or "–"),
    (
        "resulting_rank_in_province",
        "Peringkat di provinsi / rank in province",
        lambda v: "–" if v is None else str(v),
    ),
    ("period", "Periode data / figures' month", lambda v: v or "–"),
    ("sources", "Sumber data / sources", lambda v: _sources(v)),
    ("is_sample", "Data contoh / sample data", lambda v: "ya / yes" if v else ""),
    ("error", "Galat / error", lambda v: v or ""),
]


def _sources(entries: list[dict[str, Any]] | None) -> str:
    """'BPJS TK (per 2024-09-30); …' — every figure shown with its source and as-of date."""
    parts = []
    for e in entries or []:
        when = f" (per {e['as_of']})" if e.get("as_of") else ""
        parts.append(f"{e.get('source') or '–'}{when}")
    return "; ".join(dict.fromkeys(parts))


def clean_params(params: dict[str, Any]) -> dict[str, Any]:
    """Validated, normalised parameters (raises PlanError)."""
    kind = params.get("kind", "workers")
    if kind not in KINDS:
        raise PlanError(*pair(_("Jenis skenario tidak dikenal: %(kind)s"), kind=kind), "kind")
    req = CostRequest.from_params(params)
    out = {"kind": kind, **req.as_params()}
    out.pop("workers", None)
    if kind == "reach":
        out["target_pct"] = float(params["target_pct"])
    elif kind == "budget":
        out["amount"] = int(params["amount"])
    else:
        out["workers"] = int(params.get("workers") or 0)
    if params.get("period"):
        out["period"] = parse_month(str(params["period"])).strftime("%Y-%m")
    cost(CostRequest.from_params({**out, "workers": 1}))  # fails early on bad input
    return out


def evaluate(scenario: Scenario) -> dict[str, Any]:
    """The scenario's answer; a scenario that cannot be computed reports why."""
    from ucj.planning import reach

    p = dict(scenario.params)
    base = {
        "kind": p.get("kind"),
        "programs": p.get("programs"),
        "segment": p.get("segment"),
        "months": p.get("months"),
        "target_pct": p.get("target_pct"),
        "amount": p.get("amount"),
    }
    try:
        period = parse_month(p["period"]) if p.get("period") else None
        req = CostRequest.from_params(p)
        if p.get("kind") == "reach":
            out = reach.reach(scenario.region.code, p["target_pct"], req, period)
            out["workers"] = out["gap_workers"]
        elif p.get("kind") == "budget":
            out = reach.budget(scenario.region.code, int(p["amount"]), req, period)
        else:
            c = cost(req)
            out = {
                "workers": req.workers,
                "per_worker_month": c["per_worker_month"],
                "cost_total": c["total"],
                "start": c["start"],
                "notes": c["notes"],
                "legal_basis": c["legal_basis"],
                "rounding": c["rounding"],
            }
    except PlanError as exc:
        return {**base, "error": str(exc)}
    except (KeyError, TypeError, ValueError) as exc:  # params edited by hand in admin
        incomplete = pair(_("Parameter skenario tidak lengkap: %(error)s"), error=exc)
        return {**base, "error": incomplete.joined()}
    return {**base, **out}


def compare(scenarios: list[Scenario]) -> dict[str, Any]:
    """Side by side: one column per scenario, one row per measure (labels formatted)."""
    results = [evaluate(s) for s in scenarios]
    rows = [
        {"key": key, "label": label, "values": [fmt(r.get(key)) for r in results]}
        for key, label, fmt in ROWS
    ]
    return {
        "scenarios": [scenario_dict(s) for s in scenarios],
        "results": results,
        "rows": rows,
    }


def scenario_dict(s: Scenario) -> dict[str, Any]:
    return {
        "id": s.pk,
        "code": s.region.code,
        "name": s.name,
        "region_name": s.region.name,
        "params": s.params,
    }


def save(region: Region, name: str, params: dict[str, Any], user: Any = None) -> Scenario:
    cleaned = clean_params(params)
    obj, _created = Scenario.objects.update_or_create(
        region=region,
        name=name.strip(),
        defaults={"params": cleaned, "created_by": user if getattr(user, "pk", None) else None},
    )
    return obj


def export_xlsx(scenarios: list[Scenario]) -> bytes:
    table = compare(scenarios)
    rounding = next((r.get("rounding") for r in table["results"] if r.get("rounding")), "")
    comparison = [
        ["Skenario / scenario", *[s.name for s in scenarios]],
        *[[row["label"], *row["values"]] for row in table["rows"]],
        [],
        ["Pembulatan / rounding", rounding],
    ]
    keys = [
        "workers",
        "per_worker_month",
        "cost_total",
        "resulting_pct",
        "resulting_category",
        "resulting_rank_in_province",
    ]
    buf = io.BytesIO()
    with Sheets(buf) as book:  # every text cell through the one formula guard
        regions = [f"{s.region.code} {s.region.name}" for s in scenarios]
        book.add("Perbandingan", ["Wilayah / region", *regions], comparison)
        # The same answers as numbers, for analysts.
        results = zip(scenarios, table["results"], strict=True)
        numbers = ([s.region.code, s.name, *[r.get(k) for k in keys]] for s, r in results)
        book.add("hasil", ["kode_wilayah", "nama_skenario", *keys], numbers)
        params = ([s.region.code, s.name, json.dumps(s.params, sort_keys=True)] for s in scenarios)
        book.add(PARAMS_SHEET, ["kode_wilayah", "nama_skenario", "parameter_json"], params)
    return buf.getvalue()


def import_xlsx(data: bytes, user: Any, file_name: str = "") -> dict[str, Any]:
    """Reopen an exported comparison: every row of its 'skenario' sheet, all or nothing."""
    from ucj.accounts.scoping import CHANGE, allowed_regions

    if len(data) > MAX_UPLOAD:
        raise PlanError(*pair(_("%(file)s: berkas lebih dari 5 MB"), file=file_name), "file")
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise PlanError(
            *pair(_("%(file)s: bukan berkas XLSX yang terbaca"), file=file_name), "file"
        ) from exc
    if PARAMS_SHEET not in wb.sheetnames:
        raise PlanError(
            *pair(
                _("%(file)s: lembar '%(sheet)s' tidak ada (ekspor dari UCJ Monev)"),
                file=file_name,
                sheet=PARAMS_SHEET,
            ),
            "file",
        )
    rows = list(wb[PARAMS_SHEET].iter_rows(min_row=2, values_only=True))
    # The scenario's write policy; the CLI passes a system actor (every region).
    allowed = set(allowed_regions(user, CHANGE, Scenario).values_list("code", flat=True))
    todo = []
    for i, row in enumerate(rows, start=2):
        if not row or not row[0]:
            continue
        code, name, raw = (str(row[0]).strip(), str(row[1] or "").strip(), row[2])
        where = f"{file_name}, lembar/sheet {PARAMS_SHEET}, baris/row {i}"
        region = Region.objects.filter(code=code, valid_to__isnull=True).first()
        if region is None or code not in allowed:
            raise PlanError(
                *pair(
                    _(
                        "%(where)s, kolom kode_wilayah: %(code)s tidak dikenal atau di luar "
                        "wewenang"
                    ),
                    where=where,
                    code=repr(code),
                ),
                "file",
            )
        try:
            params = clean_params(json.loads(str(raw)))
        except (ValueError, KeyError, TypeError, PlanError) as exc:
            raise PlanError(
                *pair(
                    _("%(where)s, kolom parameter_json: tidak valid (%(problem)s)"),
                    where=where,
                    problem=exc,
                ),
                "file",
            ) from exc
        todo.append((region, name.lstrip("'"), params))
    with transaction.atomic():
        saved = [save(region, name, params, user) for region, name, params in todo]
    return {"imported": len(saved), "ids": [s.pk for s in saved]}


def export_pdf(scenarios: list[Scenario]) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    table = compare(scenarios)
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    head = ["", *[f"{s.region.name}: {s.name}" for s in scenarios]]
    body = [[Paragraph(str(c), small) for c in head]]
    body += [[Paragraph(str(c), small) for c in [r["label"], *r["values"]]] for r in table["rows"]]
    grid = Table(body, repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    rounding = next((r.get("rounding") for r in table["results"] if r.get("rounding")), "")
    story = [
        Paragraph("Perbandingan skenario / scenario comparison", styles["Title"]),
        grid,
        Spacer(1, 8),
        Paragraph(str(rounding), small),
    ]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=landscape(A4), title="Skenario UCJ").build(story)
    return buf.getvalue()
