"""Coverage figures: the denominator, the numerator, what sources reported, and targets.

Every figure carries its provenance (source, as-of date, batch) and a sample flag:
demo figures that no source published are generated and shown as *data contoh*.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ucj.accounts.policy import BRANCH, NATIONAL, REGION, WritePolicy
from ucj.accounts.scoping import ScopedQuerySet
from ucj.indicators import version
from ucj.indicators.results import CoverageMonth as CoverageMonth
from ucj.indicators.results import CoverageObject as CoverageObject
from ucj.indicators.results import TrendMonth as TrendMonth
from ucj.indicators.results import TrendPoint as TrendPoint
from ucj.indicators.version import DataVersion as DataVersion  # beside its bump()
from ucj.regions.models import Region


class Segment(models.TextChoices):
    PU = "PU", _("Penerima Upah (PU)")
    BPU = "BPU", _("Bukan Penerima Upah (BPU)")
    JAKON = "JAKON", _("Jasa Konstruksi (Jakon)")
    PMI = "PMI", _("Pekerja Migran Indonesia (PMI)")
    # A source that gives only the total across segments (e.g. Lampung, Sep 2024).
    TOTAL = "ALL", _("semua segmen (rincian tidak diketahui)")


PERSON_SEGMENTS = ("PU", "BPU", "JAKON", "PMI")


class Program(models.TextChoices):
    JKK = "JKK", _("Jaminan Kecelakaan Kerja")
    JKM = "JKM", _("Jaminan Kematian")
    JHT = "JHT", _("Jaminan Hari Tua")
    JP = "JP", _("Jaminan Pensiun")
    JKP = "JKP", _("Jaminan Kehilangan Pekerjaan")


class Basis(models.TextChoices):
    POTENSI = "potensi", _("potensi pekerja (eligible)")
    ANGKATAN_KERJA = "angkatan_kerja", _("angkatan kerja")
    PENDUDUK_BEKERJA = "penduduk_bekerja", _("penduduk bekerja")
    OTHER = "lainnya", _("lainnya")


class Issuer(models.TextChoices):
    SE_BANGDA = "se_bangda", _("SE Dirjen Bina Bangda")
    RPJMD = "rpjmd", _("RPJMD")
    RKPD = "rkpd", _("RKPD")
    RPJMN = "rpjmn", _("RPJMN")
    BPJS_TK = "bpjs_tk", _("BPJS Ketenagakerjaan")
    OTHER = "lainnya", _("lainnya")


class FigureQuerySet(ScopedQuerySet[models.Model]):
    public_view = True  # region aggregates are public information

    def update(self, **kwargs: object) -> int:
        """Bumps the data version like `version.BumpingQuerySet` (no per-row signal)."""
        scope = version.update_scope(self, kwargs)
        changed = super().update(**kwargs)
        if changed:
            version.bump(scope)
        return changed


class ParticipationQuerySet(FigureQuerySet):
    """Who writes participant figures is `Participation.write_policy`."""


class Figure(models.Model):
    """Provenance shared by every stored figure."""

    source = models.CharField(_("sumber"), max_length=300, blank=True)
    source_url = models.URLField(_("tautan sumber"), max_length=500, blank=True)
    as_of = models.DateField(_("data per"), null=True, blank=True)
    batch = models.ForeignKey(
        "intake.ImportBatch", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_sample = models.BooleanField(_("data contoh"), default=False)

    class Meta:
        abstract = True


class PotentialWorkers(Figure):
    """The denominator (potensi) of a region for a year, with the label the source used."""

    # No index of its own: the unique constraint starts with region and serves every
    # lookup by region; a second B-tree only slowed bulk imports (bench/import).
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="potentials", db_index=False
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    total = models.BigIntegerField(_("potensi"))
    formal = models.BigIntegerField(_("formal"), null=True, blank=True)
    informal = models.BigIntegerField(_("informal"), null=True, blank=True)
    basis = models.CharField(
        _("dasar"), max_length=20, choices=Basis.choices, default=Basis.POTENSI
    )

    # Pemda and the national level both publish the denominator
    write_policy = WritePolicy(writers=(REGION, NATIONAL))
    objects = FigureQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="uniq_potential")]
        verbose_name = _("potensi pekerja")
        verbose_name_plural = _("potensi pekerja")

    def __str__(self) -> str:
        return f"{self.region.code} {self.year}: {self.total}"


class Participation(Figure):
    """Active participants of a region, month and segment.

    program '' = persons in the segment; a program row counts those holding it.
    Persons are never the sum of program rows. Segment ALL holds a total a source gave
    without a split; when present it is the month's persons, else the sum of segments.
    """

    # No index of its own: the unique constraint starts with region and serves every
    # lookup by region; a second B-tree only slowed bulk imports (bench/import).
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="participations", db_index=False
    )
    period = models.DateField(_("periode"))  # first day of the month
    segment = models.CharField(_("segmen"), max_length=5, choices=Segment.choices)
    program = models.CharField(_("program"), max_length=3, choices=Program.choices, blank=True)
    count = models.BigIntegerField(_("peserta aktif"))

    # BPJS TK branches feed the counts; an approved month is locked
    write_policy = WritePolicy(writers=(REGION, BRANCH), locked_by="period")
    objects = ParticipationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region", "period", "segment", "program"], name="uniq_participation"
            ),
        ]
        indexes = [models.Index(fields=["period", "region"])]
        verbose_name = _("peserta aktif")
        verbose_name_plural = _("peserta aktif")

    def __str__(self) -> str:
        return f"{self.region.code} {self.period:%Y-%m} {self.segment} {self.program}"


class ReportedCoverage(Figure):
    """A coverage percentage a source stated, kept beside the one we compute."""

    # No index of its own: the unique constraint starts with region and serves every
    # lookup by region; a second B-tree only slowed bulk imports (bench/import).
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="reported", db_index=False
    )
    period = models.DateField(_("periode"))  # month the as-of date falls in
    # Empty when a source named only the category ("rendah", May 2025): the words are
    # kept, no percentage is made up for them.
    pct = models.DecimalField(
        _("capaian (%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    # Formal and informal parts as the source stated them (Kutai Timur 2024: 87% and
    # 150%), with or without a total.
    formal_pct = models.DecimalField(
        _("capaian formal (%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    informal_pct = models.DecimalField(
        _("capaian informal (%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    category_label = models.CharField(_("kategori"), max_length=40, blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)

    # an approved month is locked
    write_policy = WritePolicy(writers=(REGION,), locked_by="period")
    objects = FigureQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region", "period", "source"], name="uniq_reported"),
            models.CheckConstraint(
                condition=models.Q(pct__isnull=False)
                | models.Q(formal_pct__isnull=False)
                | models.Q(informal_pct__isnull=False)
                | ~models.Q(category_label=""),
                name="reported_states_something",
            ),
        ]
        verbose_name = _("capaian dilaporkan")
        verbose_name_plural = _("capaian dilaporkan")

    def __str__(self) -> str:
        stated = (
            f"{self.pct}%"
            if self.pct is not None
            else self.category_label or f"formal {self.formal_pct}%, informal {self.informal_pct}%"
        )
        return f"{self.region.code} {self.period:%Y-%m}: {stated}"


class Target(Figure):
    """A coverage target for a year, and who set it."""

    # No index of its own: the unique constraint starts with region and serves every
    # lookup by region; a second B-tree only slowed bulk imports (bench/import).
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="targets", db_index=False
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    pct = models.DecimalField(
        _("target (%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    workers = models.BigIntegerField(_("target pekerja"), null=True, blank=True)
    issuer = models.CharField(_("penerbit"), max_length=10, choices=Issuer.choices)
    document = models.CharField(_("dokumen"), max_length=300, blank=True)

    # RPJMD/RKPD targets by Pemda, SE Bangda/RPJMN targets nationally
    write_policy = WritePolicy(writers=(REGION, NATIONAL))
    objects = FigureQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "issuer"], name="uniq_target"),
        ]
        verbose_name = _("target")
        verbose_name_plural = _("target")

    def __str__(self) -> str:
        return f"{self.region.code} {self.year} {self.issuer}: {self.pct}%"


class IssuerPriority(models.Model):
    """Which issuer's target a region is judged against when it has several (lowest first)."""

    issuer = models.CharField(max_length=10, choices=Issuer.choices, unique=True)
    rank = models.PositiveSmallIntegerField()

    objects = version.BumpingQuerySet.as_manager()

    class Meta:
        ordering = ["rank"]

    def __str__(self) -> str:
        return f"{self.rank}. {self.issuer}"


class CategoryBasis(models.TextChoices):
    ABSOLUTE = "absolute", _("persen cakupan")
    TARGET = "target", _("persen dari target")


class CategoryScheme(models.Model):
    """Ordered bands (sangat rendah … tinggi). No official thresholds are published."""

    name = models.CharField(max_length=100)
    basis = models.CharField(
        max_length=10, choices=CategoryBasis.choices, default=CategoryBasis.ABSOLUTE
    )
    effective = models.DateField(_("berlaku sejak"))
    provisional = models.BooleanField(_("sementara"), default=True)
    note = models.CharField(max_length=300, blank=True)

    objects = version.BumpingQuerySet.as_manager()

    class Meta:
        ordering = ["-effective", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.effective})"


class CategoryBand(models.Model):
    scheme = models.ForeignKey(CategoryScheme, on_delete=models.CASCADE, related_name="bands")
    label = models.CharField(max_length=40)
    lower = models.DecimalField(max_digits=7, decimal_places=2)
    colour = models.CharField(max_length=7)
    order = models.PositiveSmallIntegerField()

    objects = version.BumpingQuerySet.as_manager()

    class Meta:
        ordering = ["scheme", "order"]
        constraints = [models.UniqueConstraint(fields=["scheme", "order"], name="uniq_band")]

    def __str__(self) -> str:
        return f"{self.label} ≥ {self.lower}"


class SegmentGroup(models.TextChoices):
    FORMAL = "formal", _("formal")
    INFORMAL = "informal", _("informal")
    TOTAL_ONLY = "total", _("hanya dalam total")


class SegmentMapping(models.Model):
    """Which segments make up formal % and informal % (default PU+JAKON / BPU; PMI total only)."""

    segment = models.CharField(_("segmen"), max_length=5, choices=Segment.choices, unique=True)
    group = models.CharField(_("kelompok"), max_length=8, choices=SegmentGroup.choices)

    objects = version.BumpingQuerySet.as_manager()

    class Meta:
        ordering = ["segment"]
        verbose_name = _("pemetaan segmen formal/informal")
        verbose_name_plural = _("pemetaan segmen formal/informal")

    def __str__(self) -> str:
        return f"{self.segment} → {self.group}"


class NationalFigure(Figure):
    """A national total as a source published it (BPJS TK, Kemnaker, DJSN: FACTS §6.1).

    Shown beside the nation we compute (always the sum of the provinces), never mixed
    into it: published totals and our sum differ in date, basis and rounding. Only what
    the source states is filled in; the rest stays empty.
    """

    period = models.DateField(_("periode"))  # first day of the month the figure is for
    participants = models.BigIntegerField(_("peserta aktif"), null=True, blank=True)
    potential = models.BigIntegerField(_("potensi"), null=True, blank=True)
    pct = models.DecimalField(
        _("cakupan (%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    target_pct = models.DecimalField(
        _("target (%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    pu = models.BigIntegerField("PU", null=True, blank=True)
    bpu = models.BigIntegerField("BPU", null=True, blank=True)
    jakon = models.BigIntegerField("Jakon", null=True, blank=True)
    pmi = models.BigIntegerField("PMI", null=True, blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)

    class Meta:
        ordering = ["-period", "source"]
        constraints = [
            models.UniqueConstraint(fields=["period", "source"], name="uniq_national_figure")
        ]
        verbose_name = _("angka nasional dipublikasikan")
        verbose_name_plural = _("angka nasional dipublikasikan")

    def __str__(self) -> str:
        return f"{self.period:%Y-%m} {self.source}"


class TargetSeries(models.TextChoices):
    RPJMN = "rpjmn", _("RPJMN 2025–2029")
    RKP = "rkp", _("RKP")
    RPJPN = "rpjpn", _("RPJPN 2025–2045")
    UCJ = "ucj", _("Target capaian UCJ")
    ROAD_MAP = "peta_jalan", _("Peta Jalan Jaminan Sosial")


class NationalTarget(Figure):
    """A national target with the document that sets it (RPJMN, RKP, the UCJ target, the
    social-security road map). The series are not interchangeable: the RPJMN indicator
    and the UCJ target use different denominators, so each is shown with its own name."""

    series = models.CharField(_("seri"), max_length=12, choices=TargetSeries.choices)
    year = models.PositiveSmallIntegerField(_("tahun"))
    pct = models.DecimalField(
        _("target (%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    workers = models.BigIntegerField(_("target peserta"), null=True, blank=True)
    program = models.CharField(_("program"), max_length=20, blank=True)
    document = models.CharField(_("dokumen"), max_length=300)
    note = models.CharField(_("catatan"), max_length=300, blank=True)

    class Meta:
        ordering = ["year", "series", "program"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year", "program", "source"], name="uniq_national_target"
            )
        ]
        verbose_name = _("target nasional")
        verbose_name_plural = _("target nasional")

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.pct or self.workers}"
