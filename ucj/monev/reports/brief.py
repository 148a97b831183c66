"""The monev brief of one region (PDF, Bahasa Indonesia): where it stands, against what,
what it has put in place, and what is still to do."""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ucj.lib.formats import number, percent, rupiah_short
from ucj.monev.reports.data import brief_data, bulan, tanggal
from ucj.monev.reports.pdf import (
    WIDTH,
    build,
    grid,
    key_values,
    markup,
    p,
    sample_banner,
    trend_chart,
)

SOURCE_KINDS = {
    "participants": "Peserta aktif",
    "potential": "Potensi pekerja",
    "target": "Target",
    "reported": "Capaian dilaporkan",
}
LEVELS = {"province": "Provinsi", "regency": "Kabupaten", "city": "Kota"}


def rank_text(rank: int | None, change: int | None, of: str) -> str:
    if rank is None:
        return "–"
    if not change:
        moved = "tetap" if change == 0 else "belum ada pembanding"
    else:
        moved = f"naik {change}" if change > 0 else f"turun {-change}"
    return " ".join(part for part in (str(rank), of, f"({moved})") if part)


def completeness_text(obj: dict[str, Any]) -> str:
    """'9 dari 11 kab/kota melapor', with 'data belum lengkap' when the month is not
    complete (issue 13)."""
    done = obj.get("completeness") or {}
    n, m = done.get("reporting") or 0, done.get("expected")
    if obj.get("level") == "national":
        text = f"{n} dari {m} provinsi lengkap"
    elif obj.get("level") == "province":
        text = f"{n} dari {m} kab/kota melapor"
        if done.get("basis") == "own":
            text = f"angka tingkat provinsi; {text}"
    else:
        text = "melapor" if n else "belum melapor"
    return text if done.get("complete") else f"{text} — data belum lengkap"


def headline_text(obj: dict[str, Any]) -> str:
    """The headline %; a reported one names its source and date."""
    if obj.get("headline_basis") != "reported":
        return percent(obj.get("headline_pct"))
    return (
        f"{percent(obj.get('headline_pct'))} (dilaporkan: {obj.get('headline_source') or '–'}, "
        f"{tanggal(obj.get('headline_as_of'))})"
    )


def category_text(obj: dict[str, Any]) -> str:
    if not obj.get("category"):
        return "–"
    note = (
        " (sementara/provisional: ambang resmi belum terbit)"
        if obj.get("category_provisional")
        else ""
    )
    return f"{obj['category']}{note}"


def _of(obj: dict[str, Any], level: str) -> str:
    of = obj.get("rank_in_province_of") if level != "province" else obj.get("rank_national_of")
    return f"dari {of}" if of else ""


def _coverage_section(data: dict[str, Any]) -> list[Flowable]:
    obj = data["coverage"]
    level = data["region"]["level"]
    basis = obj.get("potential_basis_label") or obj.get("potential_basis") or ""
    rank_scope = "di provinsi" if level != "province" else "nasional"
    rank = obj["rank_in_province"] if level != "province" else obj["rank_national"]
    pairs = [
        ("Periode data", bulan(obj["period"])),
        ("Data per", tanggal(obj["as_of"])),
        (
            "Potensi pekerja",
            number(obj["potential_workers"]) + (f" (dasar: {basis})" if basis else ""),
        ),
        ("Peserta aktif", number(obj["active_participants"])),
        ("Cakupan kepesertaan", headline_text(obj)),
        ("Kelengkapan", completeness_text(obj)),
        ("Kategori", category_text(obj)),
        (f"Peringkat {rank_scope}", rank_text(rank, obj.get("rank_change"), _of(obj, level))),
    ]
    if level != "province" and obj.get("rank_national") is not None:
        of = obj.get("rank_national_of")
        pairs.append(
            ("Peringkat nasional (kab/kota)", f"{obj['rank_national']} dari {of}" if of else "–")
        )
    if obj.get("reported_pct") is not None:
        pairs.append(
            (
                "Cakupan dilaporkan sumber",
                percent(obj["reported_pct"])
                + (
                    f" (selisih {number(obj['discrepancy_pp'], 2)} poin)"
                    if obj.get("discrepancy_pp") is not None
                    else ""
                ),
            )
        )
    segs = obj.get("by_segment") or {}
    parts = [f"{k} {number(v)}" for k, v in segs.items() if v is not None]
    if parts:
        pairs.append(("Peserta per segmen", "; ".join(parts)))
    return [markup("1. Capaian", "h2"), key_values(pairs)]


def _target_section(data: dict[str, Any]) -> list[Flowable]:
    obj = data["coverage"]
    out: list[Flowable] = [markup("2. Target dan kesenjangan", "h2")]
    if obj.get("target_pct") is None:
        return [*out, p("Belum ada target tercatat untuk tahun ini / no target recorded.")]
    issuer = obj.get("target_issuer_label") or obj.get("target_issuer") or "–"
    doc = f" — {obj['target_document']}" if obj.get("target_document") else ""
    pairs = [
        ("Target", f"{percent(obj['target_pct'])} ({obj.get('target_year') or ''})"),
        ("Penetap target", f"{issuer}{doc}"),
        ("Target pekerja", number(obj.get("target_workers"))),
        ("Kesenjangan (pekerja)", number(obj.get("gap_workers"))),
    ]
    proj = obj.get("projection") or {}
    if proj.get("status") == "met":
        pairs.append(("Proyeksi tercapai", "target sudah tercapai"))
    elif proj.get("status") == "behind":
        late = f"{bulan(proj['reach_period'])}, sesudah tenggat {bulan(proj.get('deadline'))}"
        pairs.append(("Proyeksi tercapai", f"tertinggal: {late}"))
    elif proj.get("reach_period"):
        pairs.append(("Proyeksi tercapai", bulan(proj["reach_period"])))
    elif proj.get("status") == "not_at_current_pace":
        pairs.append(("Proyeksi tercapai", "tidak tercapai dengan laju saat ini"))
    if proj.get("monthly_needed") is not None:
        pairs.append(("Tambahan peserta per bulan", number(proj["monthly_needed"])))
    return [*out, key_values(pairs)]


def _cost_section(data: dict[str, Any]) -> list[Flowable]:
    cost = data["cost"]
    if cost is None:
        return []
    out: list[Flowable] = [markup("3. Biaya menutup kesenjangan", "h2")]
    if cost.get("error"):
        return [*out, p(f"Tidak dapat dihitung: {cost['error']}")]
    pairs = [
        (
            "Dasar hitung",
            f"{number(cost['workers'])} pekerja BPU, program JKK + JKM, "
            f"mulai {bulan(cost['start'])}",
        ),
        ("Iuran per pekerja per bulan", rupiah_short(cost["per_worker_month"])),
        (f"Sisa tahun ({cost['rest_months']} bulan)", rupiah_short(cost["rest_of_year"])),
        ("Satu tahun penuh (12 bulan)", rupiah_short(cost["full_year"])),
    ]
    if cost.get("legal_basis"):
        pairs.append(("Dasar hukum tarif", "; ".join(cost["legal_basis"])))
    return [*out, key_values(pairs)]


def _regulation_section(data: dict[str, Any], n: int) -> list[Flowable]:
    out: list[Flowable] = [markup(f"{n}. Regulasi pendukung UCJ", "h2")]
    regs = data["regulations"]
    if not regs:
        return [*out, p("Belum ada regulasi daerah tercatat / no regional regulation recorded.")]
    rows = [
        [
            r["kind"],
            r["number"] or "–",
            str(r["year"]),
            r["title"],
            r["status"],
            ", ".join(r["covers"]) or "–",
        ]
        for r in regs
    ]
    widths = [18 * mm, 18 * mm, 12 * mm, 68 * mm, 22 * mm, WIDTH - 138 * mm]
    return [*out, grid(["Jenis", "Nomor", "Tahun", "Judul", "Status", "Mencakup"], rows, widths)]


def _plan_section(data: dict[str, Any], n: int) -> list[Flowable]:
    out: list[Flowable] = [markup(f"{n}. Perencanaan, anggaran dan Jakon", "h2")]
    yes = {True: "ya", False: "tidak", None: "belum diperiksa"}
    plan = data["plan"]
    pairs = []
    if plan is not None:
        pairs += [
            (f"UCJ dalam RPJMD ({plan.year})", yes[plan.in_rpjmd]),
            ("UCJ dalam RKPD", yes[plan.in_rkpd]),
            (
                "Mata anggaran APBD",
                yes[plan.apbd_budget_line]
                + (f" ({rupiah_short(plan.budget_amount)})" if plan.budget_amount else ""),
            ),
            (
                "Target tertulis",
                percent(plan.target_pct)
                + (f" — {plan.target_document}" if plan.target_document else ""),
            ),
        ]
    else:
        pairs.append(("Keselarasan RPJMD/RKPD/APBD", "belum diperiksa"))
    jakon, nat = data["jakon"], data["national_jakon"]
    if jakon:
        pairs.append(
            (
                f"Jakon proyek APBD {jakon['year']}",
                f"{number(jakon['registered'])} dari {number(jakon['projects'])} proyek "
                f"terdaftar ({percent(jakon['ratio_pct'])})",
            )
        )
    if nat:
        pairs.append(
            (
                f"Jakon nasional TA {nat['year']} (dipublikasikan)",
                f"{percent(nat['reported_pct'] or nat['ratio_pct'])} — "
                f"{number(nat['registered'])} dari {number(nat['projects'])} proyek, "
                f"per {tanggal(nat['as_of'])}",
            )
        )
    return [*out, key_values(pairs)]


def _follow_up_section(data: dict[str, Any], n: int) -> list[Flowable]:
    c = data["counts"]
    out: list[Flowable] = [
        markup(f"{n}. Tindak lanjut terbuka dan terlambat", "h2"),
        p(
            f"{c['active']} tindak lanjut belum selesai, {c['overdue']} di antaranya terlambat "
            f"(per {tanggal(data['generated'])})."
        ),
        Spacer(1, 1.5 * mm),
    ]
    if data["follow_ups"]:
        rows = [
            [
                f["action"],
                f["office"],
                tanggal(f["due"]),
                f["state_label"],
                tanggal(f["session_date"]),
            ]
            for f in data["follow_ups"]
        ]
        widths = [68 * mm, 34 * mm, 28 * mm, 22 * mm, WIDTH - 152 * mm]
        out.append(
            grid(["Tindak lanjut", "Penanggung jawab", "Tenggat", "Status", "Sesi"], rows, widths)
        )
    return out


def _sources_section(data: dict[str, Any], n: int) -> list[Flowable]:
    obj = data["coverage"]
    out: list[Flowable] = [markup(f"{n}. Sumber data", "h2")]
    for s in obj.get("sources") or []:
        label = s.get("source") or "(tanpa nama sumber)"
        extra = f" — data per {tanggal(s.get('as_of'))}" if s.get("as_of") else ""
        sample = " [data contoh]" if s.get("is_sample") else ""
        url = f" ({s['url']})" if s.get("url") else ""
        kind = SOURCE_KINDS.get(s.get("kind", ""), s.get("kind", ""))
        out.append(p(f"• {kind}: {label}{extra}{url}{sample}", "small"))
    nat = data["national_jakon"]
    if nat:
        out.append(p(f"• Jakon nasional: {nat['source']}", "small"))
    if not obj.get("sources"):
        out.append(p("Belum ada sumber tercatat / no source recorded.", "small"))
    return out


def story(data: dict[str, Any]) -> list[Flowable]:
    region, obj = data["region"], data["coverage"]
    level = LEVELS.get(region["level"], "")
    name = (
        region["name"]
        if region["name"].lower().startswith(level.lower())
        else (f"{level} {region['name']}".strip())
    )
    out: list[Flowable] = [
        p(f"Ringkasan Monev UCJ: {name}", "title"),
        p(
            f"Kode wilayah {region['code']} · periode data {bulan(obj['period'])} · data per "
            f"{tanggal(obj['as_of'])} · dibuat {tanggal(data['generated'])}",
            "sub",
        ),
        Spacer(1, 3 * mm),
    ]
    if obj.get("is_sample") or any(r["is_sample"] for r in data["regulations"]):
        out.append(sample_banner())
    out += _coverage_section(data)
    out += [markup("Tren cakupan", "h2"), trend_chart(data["series"])]
    out += _target_section(data)
    out += _cost_section(data)
    n = 4 if data["cost"] is not None else 3
    for section in (_regulation_section, _plan_section, _follow_up_section, _sources_section):
        out += section(data, n)
        n += 1
    return out


def render_brief(data: dict[str, Any], out: str | IO[bytes]) -> None:
    region = data["region"]
    sample = " · DATA CONTOH" if data["coverage"].get("is_sample") else ""
    build(
        out,
        story(data),
        f"Ringkasan Monev UCJ {region['code']} {region['name']}",
        f"UCJ Monev · {region['code']} {region['name']} · data per "
        f"{tanggal(data['coverage']['as_of'])}{sample}",
    )


def write_brief(
    user: Any, code: str, out: str | IO[bytes], period: dt.date | None = None
) -> dict[str, Any]:
    """Gather and render; returns the data so callers can report what was written."""
    data = brief_data(user, code, period)
    render_brief(data, out)
    return data
