"""What a region has put in place for UCJ: regulations, plan alignment, Jakon projects.

Models of the monev app (re-exported by `models.py`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ucj.accounts.policy import BRANCH, NATIONAL, REGION, WritePolicy
from ucj.accounts.scoping import ScopedQuerySet
from ucj.indicators.models import Figure
from ucj.regions.models import Region


class RegulationKind(models.TextChoices):
    PERDA = "perda", _("Perda")
    PERGUB = "pergub", _("Pergub")
    PERBUP = "perbup", _("Perbup")
    PERWAL = "perwal", _("Perwal")
    SE = "se", _("Surat Edaran (SE)")
    INSTRUKSI = "instruksi", _("Instruksi")
    KEPUTUSAN = "keputusan", _("Keputusan")


class RegulationStatus(models.TextChoices):
    DRAFT = "draft", _("rancangan")
    IN_PROCESS = "in_process", _("dalam proses")
    ENACTED = "enacted", _("ditetapkan")
    REVOKED = "revoked", _("dicabut")


UNPUBLISHED = (RegulationStatus.DRAFT, RegulationStatus.IN_PROCESS)

# What a regulation covers: field name → label (FACTS.md §3.1, §5.2).
COVERAGE_FLAGS: dict[str, Any] = {
    "covers_non_asn": _("non-ASN"),
    "covers_rt_rw": _("RT/RW"),
    "covers_village_staff": _("aparatur desa"),
    "covers_vulnerable": _("pekerja rentan"),
    "covers_permit": _("syarat perizinan"),
    "covers_jakon_apbd": _("Jakon proyek APBD"),
    "covers_budget": _("penganggaran"),
}


class RegulationQuerySet(ScopedQuerySet["Regulation"]):
    public_view = True  # enacted regional law is public information

    def _public_q(self) -> Q:
        """Drafts and bills in process (and their documents) are not public: only their
        region's officers and the national level see them (issue 14)."""
        return super()._public_q() & ~Q(status__in=UNPUBLISHED)


class Regulation(Figure):
    """A regional rule that supports UCJ, with its document."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="ucj_regulations")
    kind = models.CharField(_("jenis"), max_length=10, choices=RegulationKind.choices)
    number = models.CharField(_("nomor"), max_length=60, blank=True)
    year = models.PositiveSmallIntegerField(_("tahun"))
    title = models.CharField(_("judul"), max_length=400)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegulationStatus.choices,
        default=RegulationStatus.ENACTED,
    )
    covers_non_asn = models.BooleanField(_("non-ASN"), default=False)
    covers_rt_rw = models.BooleanField(_("RT/RW"), default=False)
    covers_village_staff = models.BooleanField(_("aparatur desa"), default=False)
    covers_vulnerable = models.BooleanField(_("pekerja rentan"), default=False)
    covers_permit = models.BooleanField(_("syarat perizinan"), default=False)
    covers_jakon_apbd = models.BooleanField(_("Jakon proyek APBD"), default=False)
    covers_budget = models.BooleanField(_("penganggaran"), default=False)
    document = models.FileField(_("dokumen"), upload_to="monev/regulasi/%Y/", blank=True)

    # Kemendagri checks regional regulations in its monev
    write_policy = WritePolicy(writers=(REGION, NATIONAL))
    objects = RegulationQuerySet.as_manager()

    class Meta:
        ordering = ["region__code", "-year", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind", "number", "year"], name="uniq_monev_regulation"
            )
        ]
        verbose_name = _("regulasi")
        verbose_name_plural = _("regulasi")

    def __str__(self) -> str:
        num = f" No. {self.number}" if self.number else ""
        return f"{self.get_kind_display()}{num} Tahun {self.year}"  # type: ignore[attr-defined]

    @property
    def covers(self) -> list[str]:
        return [str(label) for field, label in COVERAGE_FLAGS.items() if getattr(self, field)]


class PlanQuerySet(ScopedQuerySet["PlanAlignment"]):
    public_view = True  # RPJMD/RKPD/APBD are public documents


class PlanAlignment(Figure):
    """Is UCJ in the region's plans and budget for a year (SE 842.2/5193/SJ)?
    None = not yet checked, which is not the same as 'no'."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="plan_alignments")
    year = models.PositiveSmallIntegerField(_("tahun"))
    in_rpjmd = models.BooleanField(_("dalam RPJMD"), null=True, blank=True)
    in_rkpd = models.BooleanField(_("dalam RKPD"), null=True, blank=True)
    apbd_budget_line = models.BooleanField(_("ada mata anggaran APBD"), null=True, blank=True)
    budget_amount = models.DecimalField(
        _("pagu anggaran (Rp)"), max_digits=18, decimal_places=0, null=True, blank=True
    )
    target_pct = models.DecimalField(
        _("target tertulis (%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    target_document = models.CharField(_("dokumen target"), max_length=300, blank=True)
    note = models.CharField(_("catatan"), max_length=400, blank=True)

    # Bangda checks UCJ in the RPJMD/RKPD (FACTS.md §7.2)
    write_policy = WritePolicy(writers=(REGION, NATIONAL))
    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["region__code", "-year"]
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="uniq_monev_plan")]
        verbose_name = _("keselarasan perencanaan")
        verbose_name_plural = _("keselarasan perencanaan")

    def __str__(self) -> str:
        return f"{self.region.code} {self.year}"


class JakonQuerySet(ScopedQuerySet["JakonProjects"]):
    public_view = True  # aggregate counts, as published by Ditjen Keuda


class JakonProjects(Figure):
    """APBD-funded construction projects of a region and year, and how many are registered
    with BPJS TK. region None = the national figure as published (FACTS.md §3.4)."""

    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="jakon_projects"
    )
    year = models.PositiveSmallIntegerField(_("tahun anggaran"))
    projects = models.PositiveIntegerField(_("jumlah proyek APBD"))
    registered = models.PositiveIntegerField(_("proyek terdaftar BPJS TK"))
    reported_pct = models.DecimalField(
        _("persentase dilaporkan"), max_digits=6, decimal_places=2, null=True, blank=True
    )

    # BPJS TK branches hold the registration counts; Ditjen Keuda runs the Jakon monev
    write_policy = WritePolicy(writers=(REGION, BRANCH, NATIONAL))
    objects = JakonQuerySet.as_manager()

    class Meta:
        ordering = ["region__code", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="uniq_monev_jakon"),
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(region__isnull=True),
                name="uniq_monev_jakon_national",
            ),
        ]
        verbose_name = _("Jakon proyek APBD")
        verbose_name_plural = _("Jakon proyek APBD")

    def __str__(self) -> str:
        return f"{self.region.code if self.region else 'nasional'} {self.year}"

    @property
    def ratio_pct(self) -> Decimal | None:
        if not self.projects:
            return None
        return (Decimal(self.registered) * 100 / Decimal(self.projects)).quantize(Decimal("0.01"))
