"""Planning: contribution rates by regulation (looked up by date), funding sources, scenarios.

Rates are data, not code: each row carries its effective period and legal basis
(FACTS.md §4) and admins may correct them. Percentages are stored as percent
(0.24 means 0,24%); money is whole rupiah.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ucj.accounts.policy import NATIONAL, REGION, WritePolicy
from ucj.accounts.scoping import ScopedQuerySet
from ucj.indicators.models import Program
from ucj.lib.bilingual import pair
from ucj.regions.models import Region


def pct_field(label: str | Any) -> models.DecimalField:
    """A percent (0.240 = 0,24%), three decimals for the 0,445% padat-karya rate."""
    return models.DecimalField(label, max_digits=7, decimal_places=3, null=True, blank=True)


class Segment(models.TextChoices):
    # Own choices (not indicators.Segment) so that rate rows do not follow its changes.
    PU = "PU", _("Penerima Upah (PU)")
    BPU = "BPU", _("Bukan Penerima Upah (BPU)")
    JAKON = "JAKON", _("Jasa Konstruksi (Jakon)")
    PMI = "PMI", _("Pekerja Migran Indonesia (PMI)")


class DatedQuerySet(models.QuerySet):
    def on(self, day: dt.date) -> DatedQuerySet:
        """Rows in force on `day` (valid_to inclusive; an empty bound is open)."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class Dated(models.Model):
    valid_from = models.DateField(_("berlaku sejak"), null=True, blank=True)
    valid_to = models.DateField(_("berlaku sampai"), null=True, blank=True)
    legal_basis = models.CharField(_("dasar hukum"), max_length=200)
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    verified = models.BooleanField(_("terverifikasi"), default=True)
    note = models.CharField(_("catatan"), max_length=400, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(_("Tanggal akhir sebelum tanggal mulai"))


class RateBase(models.TextChoices):
    WAGE = "wage", _("% upah")
    INCOME = "income", _("% penghasilan dilaporkan")
    FLAT = "flat", _("nominal tetap")


class ContributionRate(Dated):
    """One program's contribution for PU or BPU in a period (and a risk class for PU JKK).

    Shares (employer/worker/government) are percent of the base; `from_jkk_pct` and
    `from_jkm_pct` are the parts of JKP recomposed out of JKK and JKM, which the
    employer already pays there (PP 37/2021, PP 6/2025).
    """

    segment = models.CharField(_("segmen"), max_length=5, choices=Segment.choices)
    program = models.CharField(_("program"), max_length=3, choices=Program.choices)
    risk_class = models.PositiveSmallIntegerField(_("kelas risiko"), null=True, blank=True)
    base = models.CharField(_("dasar"), max_length=6, choices=RateBase.choices)
    total_pct = pct_field(_("tarif total (%)"))
    employer_pct = pct_field(_("pemberi kerja (%)"))
    worker_pct = pct_field(_("pekerja (%)"))
    government_pct = pct_field(_("pemerintah pusat (%)"))
    from_jkk_pct = pct_field(_("rekomposisi dari JKK (%)"))
    from_jkm_pct = pct_field(_("rekomposisi dari JKM (%)"))
    flat_amount = models.BigIntegerField(_("nominal (Rp)"), null=True, blank=True)
    base_min = models.BigIntegerField(_("dasar minimum (Rp)"), null=True, blank=True)
    base_max = models.BigIntegerField(_("dasar maksimum / batas upah (Rp)"), null=True, blank=True)
    optional = models.BooleanField(_("sukarela"), default=False)

    class Meta:
        ordering = ["segment", "program", "risk_class", "valid_from"]
        verbose_name = _("tarif iuran")
        verbose_name_plural = _("tarif iuran")

    def __str__(self) -> str:
        risk = f" kelas {self.risk_class}" if self.risk_class else ""
        period = f"{self.valid_from or '…'}–{self.valid_to or '…'}"
        return f"{self.segment} {self.program}{risk} ({period})"


class JakonBand(Dated):
    """A contract-value band for construction (Jakon) when wages are unknown.

    Cumulative: each portion of the contract value pays its own band's rate.
    """

    program = models.CharField(_("program"), max_length=3, choices=Program.choices)
    lower = models.BigIntegerField(_("batas bawah (Rp)"))
    upper = models.BigIntegerField(_("batas atas (Rp)"), null=True, blank=True)
    rate_pct = models.DecimalField(_("tarif (%)"), max_digits=7, decimal_places=3)
    cumulative = models.BooleanField(_("kumulatif"), default=True)

    class Meta:
        ordering = ["program", "lower"]
        verbose_name = _("pita tarif Jakon")
        verbose_name_plural = _("pita tarif Jakon")

    def __str__(self) -> str:
        return f"Jakon {self.program} ≥ {self.lower}: {self.rate_pct}%"


class PmiPhase(models.TextChoices):
    BEFORE = "before", _("sebelum penempatan")
    DURING_AFTER = "during", _("selama dan setelah bekerja")
    EXTRA_MONTH = "extra", _("per bulan tambahan")
    JHT = "jht", _("JHT (sukarela)")


class PmiPackage(Dated):
    """A migrant-worker (PMI) package by phase and contract length (Permenaker 4/2023)."""

    phase = models.CharField(_("tahap"), max_length=6, choices=PmiPhase.choices)
    contract_months = models.PositiveSmallIntegerField(
        _("lama kontrak (bulan)"), null=True, blank=True
    )
    amount = models.BigIntegerField(_("iuran (Rp)"))
    amount_max = models.BigIntegerField(_("iuran maksimum (Rp)"), null=True, blank=True)

    class Meta:
        ordering = ["phase", "contract_months"]
        verbose_name = _("paket PMI")
        verbose_name_plural = _("paket PMI")

    def __str__(self) -> str:
        return f"PMI {self.phase} {self.contract_months or ''}: {self.amount}"


class Relaxation(Dated):
    """A temporary relaxation; the calculators apply it only when the user names it."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    segments = models.CharField(_("segmen"), max_length=40, help_text="PU,BPU")
    programs = models.CharField(_("program"), max_length=40, help_text="JKK,JKM")
    payable_pct = models.DecimalField(
        _("yang dibayar (% dari normal)"), max_digits=7, decimal_places=3
    )
    condition = models.CharField(_("syarat"), max_length=300, blank=True)

    class Meta:
        ordering = ["valid_from"]
        verbose_name = _("relaksasi iuran")
        verbose_name_plural = _("relaksasi iuran")

    def __str__(self) -> str:
        return f"{self.code} ({self.valid_from}–{self.valid_to or '…'})"

    def covers(self, segment: str, program: str) -> bool:
        return segment in self.segments.split(",") and program in self.programs.split(",")


class FundingSourceKind(models.TextChoices):
    APBD = "apbd", _("APBD")
    APBD_P = "apbd_p", _("APBD Perubahan")
    DBHCHT = "dbhcht", _("DBHCHT")
    ADD = "add", _("Alokasi Dana Desa (ADD)")
    PADES = "pades", _("Pendapatan Asli Desa (PADes)")
    CSR_TJSL = "csr_tjsl", _("CSR/TJSL")
    BAZNAS = "baznas_zakat", _("Baznas/zakat")
    OTHER = "other", _("lainnya")
    # Listed so that it is refused with its reason, never silently mapped elsewhere.
    DANA_DESA = "dana_desa", _("Dana Desa (tidak diperbolehkan)")


DANA_DESA_REASON = _(
    "Dana Desa tidak boleh dipakai untuk membayar iuran BPJS Ketenagakerjaan kepala desa, "
    "perangkat desa, maupun warga miskin/rentan (Permendagri 15/2023); pembayarannya "
    "kewenangan Pemda dan dianggarkan di APBD. Gunakan ADD atau PADes."
)


class WorkerGroup(models.TextChoices):
    NON_ASN = "non_asn", _("non-ASN")
    RT_RW = "rt_rw", _("RT/RW")
    APARATUR_DESA = "aparatur_desa", _("aparatur desa")
    RENTAN = "pekerja_rentan", _("pekerja rentan")
    GURU_NGAJI = "guru_ngaji_marbot", _("guru ngaji/marbot")
    PEMILU = "penyelenggara_pemilu", _("penyelenggara pemilu")
    GTK = "gtk", _("GTK non-ASN")
    OTHER = "other", _("lainnya")


PROGRAM_CODES = [p.value for p in Program]


def validate_programs(value: str) -> None:
    bad = [p for p in value.split(",") if p not in PROGRAM_CODES]
    if not value or bad:
        raise ValidationError(
            _("Program tidak dikenal: %(bad)s (pilih %(ok)s)"),
            params={"bad": ", ".join(bad) or "''", "ok": ",".join(PROGRAM_CODES)},
        )


class FundingQuerySet(ScopedQuerySet["FundingSource"]):
    pass


class FundingSource(models.Model):
    """Money a region committed (and realised) in a year to pay workers' contributions."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="fundings")
    year = models.PositiveSmallIntegerField(_("tahun"))
    # The funding source (APBD, …). The import pipeline keeps a row's own `source`, so
    # this field is never overwritten by provenance text; that lives on the batch.
    source = models.CharField(_("sumber dana"), max_length=12, choices=FundingSourceKind.choices)
    committed_amount = models.BigIntegerField(_("anggaran (Rp)"))
    realised_amount = models.BigIntegerField(_("realisasi (Rp)"), null=True, blank=True)
    workers = models.PositiveIntegerField(_("pekerja direncanakan"), null=True, blank=True)
    realised_workers = models.PositiveIntegerField(_("pekerja terealisasi"), null=True, blank=True)
    worker_group = models.CharField(
        _("kelompok pekerja"), max_length=20, choices=WorkerGroup.choices
    )
    programs = models.CharField(
        _("program"), max_length=20, default="JKK,JKM", validators=[validate_programs]
    )
    document = models.CharField(_("dokumen"), max_length=300, blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    as_of = models.DateField(_("data per"), null=True, blank=True)
    batch = models.ForeignKey(
        "intake.ImportBatch", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_sample = models.BooleanField(_("data contoh"), default=False)

    # Pemda writes its own funding
    write_policy = WritePolicy(writers=(REGION,))
    objects = FundingQuerySet.as_manager()

    class Meta:
        ordering = ["region", "-year", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "source", "worker_group"], name="uniq_funding"
            ),
            models.CheckConstraint(condition=~Q(source="dana_desa"), name="funding_no_dana_desa"),
            models.CheckConstraint(condition=Q(committed_amount__gte=0), name="funding_amount_ge0"),
        ]
        verbose_name = _("sumber pendanaan")
        verbose_name_plural = _("sumber pendanaan")

    def __str__(self) -> str:
        return f"{self.region.code} {self.year} {self.source}: {self.committed_amount}"

    def clean(self) -> None:
        if self.source == FundingSourceKind.DANA_DESA:
            raise ValidationError({"source": pair(DANA_DESA_REASON).joined()})
        if self.realised_amount is not None and self.realised_amount < 0:
            raise ValidationError({"realised_amount": _("Tidak boleh negatif")})


class ScenarioQuerySet(ScopedQuerySet["Scenario"]):
    pass


class Scenario(models.Model):
    """A named what-if for one region; `params` are the calculator inputs (see scenarios.py)."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="scenarios")
    name = models.CharField(_("nama skenario"), max_length=200)
    params = models.JSONField(_("parameter"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    # what-ifs, not Pemda data: national analysts may draft them for any region too
    write_policy = WritePolicy(writers=(REGION, NATIONAL))
    objects = ScenarioQuerySet.as_manager()

    class Meta:
        ordering = ["region", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="uniq_scenario_name"),
        ]
        verbose_name = _("skenario")
        verbose_name_plural = _("skenario")

    def __str__(self) -> str:
        return f"{self.region.code} {self.name}"
