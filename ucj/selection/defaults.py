"""The shipped scheme `desil-1-4` (run by `ucj init` and the migration; idempotent)."""

from __future__ import annotations

from typing import Any

DEFAULT = "desil-1-4"

# (kind, low, high, basis). The age band is scheme policy, not a verified BPJS TK limit:
# the basis says so (FACTS.md gives no BPU age limits).
RULES: tuple[tuple[str, int | None, int | None, str], ...] = (
    ("decile", None, 4,
     "Kebijakan: APBD hanya untuk miskin ekstrem, DTSEN desil 1–4 (Kepala BPJS TK Sulut, "
     "koran-metro.com, Nov 2025; FACTS §5.3); Inpres 2/2021 / Policy: APBD money for the "
     "extreme poor only, DTSEN deciles 1–4"),
    ("member", None, None,
     "Tidak membayar dua kali: peserta aktif program yang dipilih menurut daftar kepesertaan "
     "BPJS TK terbaru / no double payment: active members of the chosen programs on the "
     "latest BPJS TK list"),
    ("age", 15, 65,
     "Kebijakan skema (dapat diubah), usia menurut tahun lahir di awal pembayaran; batas usia "
     "BPU BPJS TK belum dikonfirmasi / scheme policy (configurable), age by birth year at the "
     "start; BPJS TK's BPU age limits not confirmed"),
    ("asn", None, None,
     "ASN dilindungi lewat skemanya sendiri (Taspen), bukan iuran APBD pekerja rentan; hanya "
     "bila daftar memuat status ASN / civil servants have their own scheme; only where the "
     "roster carries ASN status"),
    ("domicile", None, None,
     "APBD membayar untuk penduduk wilayahnya; domisili menurut daftar, bukan kode NIK (FACTS "
     "§8) / the APBD pays for its own residents; domicile as listed, not from the NIK"),
    ("other_scheme", None, None,
     "Satu skema berbiaya per orang: orang yang sudah dipilih dalam seleksi tersimpan skema "
     "lain di wilayah ini / one funded scheme per person: people already in another scheme's "
     "saved selection in this region"),
)  # fmt: skip


def ensure_defaults(apps: Any = None) -> None:
    from ucj.selection import models

    # a migration passes its historical models
    schemes: Any = apps.get_model("selection", "EligibilityScheme") if apps else None
    rules: Any = apps.get_model("selection", "EligibilityRule") if apps else None
    schemes = schemes or models.EligibilityScheme
    rules = rules or models.EligibilityRule
    scheme, created = schemes.objects.get_or_create(
        name=DEFAULT,
        defaults={
            "label": "Desil 1–4 / deciles 1–4",
            "description": "Desil DTSEN 1–4, bukan peserta aktif program yang dipilih, usia "
            "15–65, desil terendah dahulu / DTSEN deciles 1–4, not an active member of the "
            "chosen programs, age 15–65, lowest decile first",
            "priority": "decile,group",
        },
    )
    if not created:
        return
    for order, (kind, low, high, basis) in enumerate(RULES):
        rules.objects.create(scheme=scheme, kind=kind, low=low, high=high, basis=basis, order=order)
