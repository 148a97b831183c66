"""The reporting pack as XLSX: one sheet per section, every row (no cap), numbers as
numbers, text through the one formula guard (`lib.sheets`, the product's XLSX writer)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from ucj.lib.sheets import Sheets

Rows = Iterable[Sequence[Any]]


def _sheet(book: Sheets, name: str, header: Sequence[str], rows: Rows) -> None:
    book.add(name, header, rows, width=20)


def _coverage_rows(d: dict[str, Any]) -> Rows:
    for c in [d["coverage"], *d["units"]]:
        done = c.get("completeness") or {}
        yield (
            c["code"],
            c["name"],
            c["period"],
            c["potential_workers"],
            c["active_participants"],
            c["coverage_pct"],
            done.get("reporting"),
            done.get("expected"),
            "ya" if done.get("complete") else "tidak",
            c.get("category"),
            "ya" if c.get("is_sample") else "tidak",
        )


def render_xlsx(d: dict[str, Any]) -> bytes:
    out = io.BytesIO()
    book = Sheets(out)
    _sheet(
        book,
        "Ringkasan",
        ["Kunci / key", "Nilai / value"],
        [
            ("Wilayah", d["name"]),
            ("Kode", d["code"]),
            ("Tingkat", d["level"]),
            ("Periode", d["period"]),
            ("Periode (label)", d["period_label"]),
            ("Mulai", d["start"]),
            ("Selesai", d["end"]),
            ("Bulan data", d["data_month"]),
            ("Disusun", d["generated"]),
            ("Data contoh", "ya" if d["is_sample"] else "tidak"),
        ],
    )
    _sheet(
        book,
        "Cakupan",
        [
            "Kode",
            "Wilayah",
            "Bulan data",
            "Potensi pekerja",
            "Peserta aktif",
            "Cakupan (%)",
            "Unit melapor",
            "Unit diharapkan",
            "Lengkap",
            "Kategori",
            "Data contoh",
        ],
        _coverage_rows(d),
    )
    k = d["categories"]
    _sheet(
        book,
        "Kategori",
        ["Kode", "Wilayah", "Sebelum", "Sesudah", "Pergerakan"],
        [
            (d["code"], d["name"], k["before"], k["after"], k["movement"]),
            *((u["code"], u["name"], u["before"], u["after"], u["movement"]) for u in k["units"]),
        ],
    )
    _sheet(
        book,
        "Target",
        [
            "Kode",
            "Wilayah",
            "Target (%)",
            "Tahun target",
            "Penetap",
            "Dokumen",
            "Target pekerja",
            "Kesenjangan (pekerja)",
        ],
        [
            (
                c["code"],
                c["name"],
                c.get("target_pct"),
                c.get("target_year"),
                c.get("target_issuer_label"),
                c.get("target_document"),
                c.get("target_workers"),
                c.get("gap_workers"),
            )
            for c in [d["coverage"], *d["units"]]
        ],
    )
    b = d["budget"]
    _sheet(
        book,
        "Anggaran",
        [
            "Wilayah",
            "Sumber",
            "Kelompok pekerja",
            "Program",
            "Komitmen (Rp)",
            "Realisasi (Rp)",
            "Pekerja",
            "Data contoh",
        ],
        [
            (
                i["region"],
                i["source"],
                i["worker_group"],
                i["programs"],
                i["committed_amount"],
                i["realised_amount"],
                i["workers"],
                "ya" if i["is_sample"] else "tidak",
            )
            for i in b["items"]
        ],
    )
    r = d["regulations"]
    _sheet(
        book,
        "Regulasi",
        ["Wilayah", "Regulasi", "Judul", "Status", "Data contoh"],
        [
            (
                i["region"],
                i["regulation"],
                i["title"],
                i["status"],
                "ya" if i["is_sample"] else "tidak",
            )
            for i in r["items"]
        ],
    )
    _sheet(
        book,
        "Perencanaan",
        ["Wilayah", "Tahun", "RPJMD", "RKPD", "APBD", "Pagu (Rp)"],
        [
            (i["region"], i["year"], i["rpjmd"], i["rkpd"], i["apbd"], i["budget_amount"])
            for i in r["plans"]
        ],
    )
    _sheet(
        book,
        "Sesi",
        ["Tanggal", "Judul", "Penyelenggara", "Bentuk", "Wilayah"],
        [(s["date"], s["title"], s["organiser"], s["mode"], s["regions"]) for s in d["sessions"]],
    )
    _sheet(
        book,
        "Temuan",
        ["Wilayah", "Tanggal", "Dimensi", "Jenis kendala", "Temuan"],
        [
            (i["region"], i["date"], i["dimension"], i["obstacle"], i["text"])
            for i in d["findings"]["items"]
        ],
    )
    t = d["follow_ups"]
    _sheet(
        book,
        "Tindak lanjut",
        ["Keadaan", "Jumlah / wilayah", "Tindak lanjut", "Penanggung jawab", "Tenggat"],
        [
            ("selesai dalam periode", t["done"], "", "", ""),
            ("terlambat", t["overdue"], "", "", ""),
            ("berjalan", t["open"], "", "", ""),
            *(
                ("terlambat", i["region"], i["action"], i["office"], i["due"])
                for i in t["overdue_items"]
            ),
        ],
    )
    m = d["benefits"]
    _sheet(
        book,
        "Manfaat",
        ["Program", "Kasus", "Nominal (Rp)", "Rata-rata per kasus (Rp)", "Data contoh"],
        [
            *(
                (
                    g["program"],
                    g["cases"],
                    g["amount"],
                    g["per_case"],
                    "ya" if g["is_sample"] else "tidak",
                )
                for g in m["programs"]
            ),
            ("JUMLAH", m["cases"], m["amount"], None, "ya" if m["is_sample"] else "tidak"),
            ("Iuran dianggarkan Pemda", None, m["contributions_committed"], None, ""),
            *(
                (
                    "Cerita " + s["program"],
                    None,
                    None,
                    None,
                    f"{s['region']} {s['period']}: {s['story']}",
                )
                for s in m["stories"]
            ),
        ],
    )
    if d["units"]:
        _sheet(
            book,
            "Manfaat per wilayah",
            ["Kode", "Wilayah", "Kasus", "Nominal (Rp)"],
            [(u["code"], u["name"], u["benefits_cases"], u["benefits_amount"]) for u in d["units"]],
        )
    book.close()
    return out.getvalue()
