"""The national monev summary (PDF): the nation's coverage, the provinces' league, the
regulation and plan matrices in brief, Jakon, and the overdue follow-ups escalated."""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ucj.lib.formats import number, percent
from ucj.monev.reports.brief import category_text, completeness_text, headline_text
from ucj.monev.reports.data import bulan, national_data, tanggal
from ucj.monev.reports.pdf import WIDTH, build, grid, key_values, markup, p, sample_banner

PLAN_LABELS = {
    "in_rpjmd": "UCJ dalam RPJMD",
    "in_rkpd": "UCJ dalam RKPD",
    "apbd_budget_line": "Mata anggaran APBD",
}


def story(data: dict[str, Any]) -> list[Flowable]:
    obj = data["coverage"]
    out: list[Flowable] = [
        p("Ringkasan Nasional Monev UCJ", "title"),
        p(
            f"Periode data {bulan(obj['period'])} · data per {tanggal(obj['as_of'])} · dibuat "
            f"{tanggal(data['generated'])}",
            "sub",
        ),
        Spacer(1, 3 * mm),
    ]
    if obj.get("is_sample") or any(r.get("is_sample") for r in data["provinces"]):
        out.append(sample_banner())
    out += [
        markup("1. Capaian nasional", "h2"),
        key_values(
            [
                ("Potensi pekerja", number(obj["potential_workers"])),
                ("Peserta aktif", number(obj["active_participants"])),
                ("Cakupan kepesertaan", percent(obj["coverage_pct"])),
                ("Kelengkapan", completeness_text(obj)),
                ("Kategori", category_text(obj)),
            ]
        ),
    ]
    rows = [
        [
            str(r["rank_national"] or "–"),
            r["code"],
            r["name"],
            headline_text(r),
            r["category"] or "–",
            percent(r["target_pct"]),
            number(r["gap_workers"]),
        ]
        for r in data["provinces"]
    ]
    out += [
        markup("2. Peringkat provinsi", "h2"),
        grid(
            ["Peringkat", "Kode", "Provinsi", "Cakupan", "Kategori", "Target", "Kesenjangan"],
            rows,
            [18 * mm, 12 * mm, 55 * mm, 22 * mm, 25 * mm, 22 * mm, WIDTH - 154 * mm],
        ),
    ]
    regs = data["regulations"]
    out += [
        markup("3. Regulasi daerah (jumlah wilayah dengan regulasi berlaku)", "h2"),
        grid(
            ["Jenis", "Wilayah"],
            [[k["label"], number(regs["regions_with_kind"][k["code"]])] for k in regs["kinds"]],
            [60 * mm, 30 * mm],
        ),
        p(
            f"{number(regs['regions_with_any'])} dari {number(len(regs['rows']))} provinsi "
            f"dan kab/kota punya minimal satu regulasi berlaku.",
            "small",
        ),
    ]
    plan = data["plan"]
    out += [
        markup(f"4. Keselarasan perencanaan {plan['year']}", "h2"),
        grid(
            ["Butir", "Ya", "Tidak", "Belum diperiksa"],
            [
                [PLAN_LABELS[c], number(v["yes"]), number(v["no"]), number(v["unknown"])]
                for c, v in plan["summary"].items()
            ],
            [60 * mm, 25 * mm, 25 * mm, 35 * mm],
        ),
    ]
    nat = data["national_jakon"]
    out.append(markup("5. Jakon pada proyek APBD", "h2"))
    if nat:
        out.append(
            p(
                f"Nasional TA {nat['year']}: {number(nat['registered'])} dari "
                f"{number(nat['projects'])} proyek terdaftar "
                f"({percent(nat['reported_pct'] or nat['ratio_pct'])}), per "
                f"{tanggal(nat['as_of'])}. Sumber: {nat['source']}."
            )
        )
    out.append(
        p(
            f"{number(len(data['jakon']['rows']))} wilayah melaporkan data proyek "
            f"tahun {data['jakon']['year']}.",
            "small",
        )
    )
    out += [
        markup("6. Tindak lanjut terlambat", "h2"),
        p(
            f"{number(data['overdue_total'])} tindak lanjut terlambat di semua tingkat; "
            f"{number(len(data['escalated']))} milik provinsi naik ke daftar nasional."
        ),
    ]
    if data["escalated"]:
        out.append(
            grid(
                ["Wilayah", "Tindak lanjut", "Penanggung jawab", "Tenggat"],
                [
                    [
                        f"{f.region.code} {f.region.name}",
                        f.action,
                        f.responsible_office,
                        tanggal(f.due_date),
                    ]
                    for f in data["escalated"]
                ],
                [40 * mm, 75 * mm, 35 * mm, WIDTH - 150 * mm],
            )
        )
    out.append(markup("Sumber data", "h2"))
    for s in data["sources"]:
        sample = " [data contoh]" if s.get("is_sample") else ""
        out.append(
            p(
                f"• {s.get('source') or '(tanpa nama)'} — data per "
                f"{tanggal(s.get('as_of'))}{sample}",
                "small",
            )
        )
    return out


def write_national(
    user: Any, out: str | IO[bytes], period: dt.date | None = None
) -> dict[str, Any]:
    data = national_data(user, period)
    sample = " · DATA CONTOH" if data["coverage"].get("is_sample") else ""
    build(
        out,
        story(data),
        "Ringkasan Nasional Monev UCJ",
        f"UCJ Monev · nasional · data per {tanggal(data['coverage']['as_of'])}{sample}",
    )
    return data
