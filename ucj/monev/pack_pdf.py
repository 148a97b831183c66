"""The reporting pack as PDF (Bahasa Indonesia, A4, print-ready), drawn from the pack's
figures only (`pack_data.compile_pack`, or the frozen figures of an accepted pack), with
the shared report pieces of `reports/pdf.py`."""

from __future__ import annotations

import io
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ucj.lib.formats import number, percent, rupiah
from ucj.monev.reports.data import bulan, tanggal
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

LEVELS = {"province": "Provinsi", "regency": "Kabupaten", "city": "Kota", "national": "Nasional"}
BLUE = colors.HexColor("#1f5f99")


def _empty(drawing: Drawing, text: str) -> Drawing:
    drawing.add(String(10, drawing.height / 2, text, fontName="Helvetica", fontSize=9))
    return drawing


def bar_chart(labels: list[str], values: list[float], unit: str = "%") -> Drawing:
    """Horizontal bars, one per region or category (coverage %, counts)."""
    height = max(40 * mm, 6 * mm * len(labels) + 16 * mm)
    drawing = Drawing(WIDTH, height)
    if not values:
        return _empty(drawing, "Belum ada data / no data")
    labels, values = labels[::-1], values[::-1]  # reportlab draws upwards: first on top
    chart = HorizontalBarChart()
    chart.x, chart.y = 120, 14
    chart.width, chart.height = WIDTH - 150, height - 24
    chart.data = [values]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(max(values) * 1.1, 1)
    chart.valueAxis.labels.fontName = "Helvetica"
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = (lambda v: f"{v:.0f}%") if unit == "%" else "%d"
    chart.categoryAxis.categoryNames = [label[:28] for label in labels]
    chart.categoryAxis.labels.fontName = "Helvetica"
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.bars[0].fillColor = BLUE
    drawing.add(chart)
    return drawing


def column_chart(labels: list[str], values: list[float]) -> Drawing:
    """Vertical bars (findings per dimension, benefits per program)."""
    drawing = Drawing(WIDTH, 50 * mm)
    if not any(values):
        return _empty(drawing, "Belum ada data / no data")
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 18
    chart.width, chart.height = WIDTH - 60, 50 * mm - 28
    chart.data = [values]
    top = max(values)
    step = max(1, round(top / 5))  # counts: whole-number ticks
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = (int(top // step) + 1) * step
    chart.valueAxis.valueStep = step
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.labels.fontName = "Helvetica"
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = "Helvetica"
    chart.categoryAxis.labels.fontSize = 7.5
    chart.bars[0].fillColor = BLUE
    drawing.add(chart)
    return drawing


def completeness(c: dict[str, Any] | None) -> str:
    c = c or {}
    text = f"{c.get('reporting') or 0} dari {c.get('expected') or '–'} melapor"
    return text if c.get("complete") else f"{text} — data belum lengkap"


def _coverage(d: dict[str, Any]) -> list[Flowable]:
    c = d["coverage"]
    out: list[Flowable] = [
        markup("1. Cakupan kepesertaan", "h2"),
        key_values(
            [
                ("Bulan data", f"{bulan(c['period'])} (data per {tanggal(c['as_of'])})"),
                ("Potensi pekerja", number(c["potential_workers"])),
                ("Peserta aktif", number(c["active_participants"])),
                ("Cakupan", percent(c["coverage_pct"])),
                ("Kelengkapan", completeness(c["completeness"])),
            ]
        ),
    ]
    if d.get("series"):  # packs frozen before the trend was stored have none
        out += [Spacer(1, 2 * mm), trend_chart(d["series"])]
    units = d["units"]
    if units:
        out += [
            Spacer(1, 2 * mm),
            grid(
                ["Wilayah", "Potensi", "Peserta aktif", "Cakupan", "Kelengkapan"],
                [
                    [
                        u["name"],
                        number(u["potential_workers"]),
                        number(u["active_participants"]),
                        percent(u["coverage_pct"]),
                        completeness(u["completeness"]),
                    ]
                    for u in units
                ],
                widths=[58 * mm, 26 * mm, 26 * mm, 22 * mm, WIDTH - 132 * mm],
            ),
            Spacer(1, 2 * mm),
            bar_chart([u["name"] for u in units], [u["coverage_pct"] or 0 for u in units]),
        ]
    return out


def _categories(d: dict[str, Any]) -> list[Flowable]:
    k = d["categories"]
    out: list[Flowable] = [
        markup("2. Pergerakan kategori", "h2"),
        key_values(
            [
                (f"Kategori {bulan(k['before_period'])}", k["before"] or "–"),
                (f"Kategori {bulan(d['data_month'])}", k["after"] or "–"),
                ("Pergerakan", k["movement"]),
            ]
        ),
    ]
    if k["units"]:
        out.append(Spacer(1, 2 * mm))
        out.append(
            grid(
                ["Wilayah", "Sebelum", "Sesudah", "Pergerakan"],
                [
                    [u["name"], u["before"] or "–", u["after"] or "–", u["movement"]]
                    for u in k["units"]
                ],
            )
        )
    return out


def _targets(d: dict[str, Any]) -> list[Flowable]:
    t = d["targets"]
    out: list[Flowable] = [markup("3. Target dan kesenjangan", "h2")]
    if t.get("target_pct") is None:
        out.append(p("Belum ada target tercatat / no target recorded."))
    else:
        out.append(
            key_values(
                [
                    ("Target", f"{percent(t['target_pct'])} (tahun {t.get('target_year') or '–'})"),
                    ("Penetap target", f"{t.get('target_issuer_label') or '–'}"),
                    ("Dokumen", t.get("target_document") or "–"),
                    ("Target pekerja", number(t.get("target_workers"))),
                    ("Kesenjangan (pekerja)", number(t.get("gap_workers"))),
                ]
            )
        )
    units = [u for u in d["units"] if u.get("target_pct") is not None]
    if units:
        out.append(Spacer(1, 2 * mm))
        out.append(
            grid(
                ["Wilayah", "Target", "Target pekerja", "Kesenjangan"],
                [
                    [
                        u["name"],
                        percent(u["target_pct"]),
                        number(u["target_workers"]),
                        number(u["gap_workers"]),
                    ]
                    for u in units
                ],
            )
        )
    return out


def _budget(d: dict[str, Any]) -> list[Flowable]:
    b = d["budget"]
    out: list[Flowable] = [
        markup(f"4. Anggaran dan pendanaan iuran (tahun {b['year']})", "h2"),
        key_values(
            [
                ("Dianggarkan (komitmen)", rupiah(b["committed_amount"])),
                ("Terealisasi", rupiah(b["realised_amount"])),
                ("Pekerja didanai", number(b["workers"])),
            ]
        ),
    ]
    if b["items"]:
        out.append(Spacer(1, 2 * mm))
        out.append(
            grid(
                ["Wilayah", "Sumber", "Kelompok", "Program", "Komitmen", "Pekerja"],
                [
                    [
                        i["region"],
                        i["source"],
                        i["worker_group"],
                        i["programs"],
                        rupiah(i["committed_amount"]),
                        number(i["workers"]),
                    ]
                    for i in b["items"]
                ],
            )
        )
    return out


def _regulations(d: dict[str, Any]) -> list[Flowable]:
    r = d["regulations"]
    out: list[Flowable] = [markup("5. Regulasi dan keselarasan perencanaan", "h2")]
    out.append(p(f"Regulasi berlaku/dalam proses: {len(r['items'])}; ditetapkan: {r['enacted']}"))
    if r["items"]:
        out.append(
            grid(
                ["Wilayah", "Regulasi", "Judul", "Status"],
                [[i["region"], i["regulation"], i["title"], i["status"]] for i in r["items"]],
                widths=[40 * mm, 36 * mm, WIDTH - 106 * mm, 30 * mm],
            )
        )
    if r["plans"]:
        out.append(Spacer(1, 2 * mm))
        out.append(
            grid(
                ["Wilayah", "Tahun", "RPJMD", "RKPD", "Mata anggaran APBD", "Pagu"],
                [
                    [
                        i["region"],
                        str(i["year"]),
                        i["rpjmd"],
                        i["rkpd"],
                        i["apbd"],
                        rupiah(i["budget_amount"]),
                    ]
                    for i in r["plans"]
                ],
            )
        )
    else:
        out.append(p("Keselarasan RPJMD/RKPD/APBD tahun ini belum diperiksa."))
    return out


def _sessions(d: dict[str, Any]) -> list[Flowable]:
    rows = d["sessions"]
    out: list[Flowable] = [markup(f"6. Sesi monev terlaksana: {len(rows)}", "h2")]
    if rows:
        out.append(
            grid(
                ["Tanggal", "Judul", "Penyelenggara", "Wilayah"],
                [[tanggal(s["date"]), s["title"], s["organiser"], s["regions"]] for s in rows],
                widths=[26 * mm, WIDTH - 116 * mm, 40 * mm, 50 * mm],
            )
        )
    return out


def _findings(d: dict[str, Any]) -> list[Flowable]:
    f = d["findings"]
    out: list[Flowable] = [markup(f"7. Temuan per dimensi: {f['total']}", "h2")]
    rows = [
        [dim["label"], obstacle, str(n)]
        for dim in f["by_dimension"]
        for obstacle, n in dim["obstacles"].items()
    ]
    if rows:
        out.append(grid(["Dimensi", "Jenis kendala", "Temuan"], rows))
        out.append(
            column_chart(
                [dim["label"] for dim in f["by_dimension"]],
                [dim["count"] for dim in f["by_dimension"]],
            )
        )
        out.append(
            grid(
                ["Wilayah", "Dimensi", "Temuan"],
                [[i["region"], i["dimension"], i["text"]] for i in f["items"]],
                widths=[40 * mm, 32 * mm, WIDTH - 72 * mm],
            )
        )
    return out


def _follow_ups(d: dict[str, Any]) -> list[Flowable]:
    t = d["follow_ups"]
    out: list[Flowable] = [
        markup(f"8. Tindak lanjut (per {tanggal(t['as_of'])})", "h2"),
        key_values(
            [
                ("Selesai dalam periode", number(t["done"])),
                ("Terlambat", number(t["overdue"])),
                ("Masih berjalan (belum jatuh tempo)", number(t["open"])),
            ]
        ),
    ]
    if t["overdue_items"]:
        out.append(Spacer(1, 2 * mm))
        out.append(
            grid(
                ["Wilayah", "Tindak lanjut", "Penanggung jawab", "Tenggat"],
                [
                    [i["region"], i["action"], i["office"], tanggal(i["due"])]
                    for i in t["overdue_items"]
                ],
            )
        )
    return out


def _benefits(d: dict[str, Any]) -> list[Flowable]:
    b = d["benefits"]
    out: list[Flowable] = [
        markup("9. Manfaat dibayar BPJS Ketenagakerjaan", "h2"),
        key_values(
            [
                ("Jumlah kasus", number(b["cases"])),
                ("Nominal dibayar", rupiah(b["amount"])),
                ("Iuran dianggarkan Pemda (tahun ini)", rupiah(b["contributions_committed"])),
                ("Sumber", "; ".join(b["sources"]) or "–"),
            ]
        ),
    ]
    if b["programs"]:
        out.append(Spacer(1, 2 * mm))
        out.append(
            grid(
                ["Program", "Kasus", "Nominal", "Rata-rata per kasus"],
                [
                    [g["program"], number(g["cases"]), rupiah(g["amount"]), rupiah(g["per_case"])]
                    for g in b["programs"]
                ],
            )
        )
        out.append(
            column_chart([g["program"] for g in b["programs"]], [g["cases"] for g in b["programs"]])
        )
    for s in b["stories"]:
        out.append(p(f"Cerita ({s['region']}, {bulan(s['period'])}, {s['program']}): {s['story']}"))
    return out


SECTIONS = (
    _coverage,
    _categories,
    _targets,
    _budget,
    _regulations,
    _sessions,
    _findings,
    _follow_ups,
    _benefits,
)


def render_pdf(d: dict[str, Any]) -> bytes:
    level = LEVELS.get(d["level"], d["level"])
    title = f"Paket Laporan Monev UCJ {d['period_label']}"
    story: list[Flowable] = [
        markup(title, "title"),
        p(
            f"{d['name']} ({level}, kode {d['code']}) — periode {tanggal(d['start'])} s.d. "
            f"{tanggal(d['end'])}",
            "sub",
        ),
        p(f"Disusun {tanggal(d['generated'])} oleh UCJ Monev", "sub"),
        Spacer(1, 3 * mm),
    ]
    if d["is_sample"]:
        story.append(sample_banner())
    for section in SECTIONS:
        story += section(d)
    out = io.BytesIO()
    build(out, story, title, f"UCJ Monev — {d['name']} — {d['period_label']}")
    return out.getvalue()
