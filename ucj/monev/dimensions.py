"""The four dimensions of BSKDN's policy recommendations to the Minister and the
obstacles found in the regions (FACTS.md §7.2).

A finding carries one dimension (or none yet: findings recorded before dimensions
existed stay 'belum ditentukan') and one obstacle type. Obstacle types are rows of a
table, not code: the four BSKDN named are loaded by `ensure_defaults`, with the others
the sources show; an administrator adds, renames or retires them in the admin.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import pair


class Dimension(models.TextChoices):
    REGULATION = "regulasi", _("Regulasi")
    BUDGETING = "penganggaran", _("Penganggaran")
    ACCESSIBILITY = "aksesibilitas", _("Aksesibilitas")
    OVERSIGHT = "pengawasan", _("Pengawasan pelaksanaan")


UNKNOWN = ""  # a finding whose dimension was never set (e.g. recorded before issue 19)
UNKNOWN_LABEL = _("belum ditentukan")
DIMENSION_LABELS = {**{k: v for k, v in Dimension.choices}, UNKNOWN: UNKNOWN_LABEL}


class ObstacleType(models.Model):
    """A kind of obstacle a monev names (kendala), e.g. 'regulasi daerah lemah'."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    label = models.CharField(_("nama kendala"), max_length=200)
    label_en = models.CharField(_("nama (Inggris)"), max_length=200, blank=True)
    # The dimension a finding about this obstacle usually belongs to; a finding may differ.
    dimension = models.CharField(_("dimensi"), max_length=15, choices=Dimension.choices, blank=True)
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=100)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("jenis kendala")
        verbose_name_plural = _("jenis kendala")

    def __str__(self) -> str:
        """In the active language (pickers show it); the English name when one is set."""
        english = (get_language() or "id").startswith("en")
        return self.label_en if english and self.label_en else self.label


# (code, label, label_en, usual dimension, source): BSKDN's four first (FACTS.md §7.2),
# then those the monev cases of FACTS.md §9 and §5.3 name.
DEFAULT_OBSTACLES = [
    ("regulasi_lemah", "Regulasi daerah lemah", "Weak regional regulation",
     Dimension.REGULATION, "BSKDN Kemendagri (portalkawasan.com), FACTS §7.2"),
    ("anggaran_terbatas", "Anggaran terbatas", "Limited budget",
     Dimension.BUDGETING, "BSKDN Kemendagri (portalkawasan.com), FACTS §7.2"),
    ("kolaborasi_lemah", "Kolaborasi antarinstansi kurang", "Little inter-agency collaboration",
     Dimension.OVERSIGHT, "BSKDN Kemendagri (portalkawasan.com), FACTS §7.2"),
    ("kesadaran_rendah", "Kesadaran masyarakat rendah", "Low public awareness",
     Dimension.ACCESSIBILITY, "BSKDN Kemendagri (portalkawasan.com), FACTS §7.2"),
    ("informal_sulit", "Pekerja informal sulit dijangkau", "Informal workers hard to reach",
     Dimension.ACCESSIBILITY, "Monev UCJ Lampung Tengah 2025 (lampungtengahkab.go.id), FACTS §9"),
    ("pendataan_belum", "Pendataan pekerja belum tuntas", "Worker data collection unfinished",
     Dimension.OVERSIGHT, "Lampung Tengah, aparatur desa (FACTS §9); pendataan (FACTS §5.3)"),
    ("kepatuhan_pemberi_kerja", "Kepatuhan pemberi kerja rendah", "Low employer compliance",
     Dimension.OVERSIGHT, "Inpres 2/2021, Forum Kepatuhan Kejaksaan (FACTS §3.1, §7.2)"),
    ("lainnya", "Lainnya", "Other", "", ""),
]  # fmt: skip


def ensure_obstacles() -> int:
    """Add the default obstacle types that are missing; never touch edited ones."""
    have = set(ObstacleType.objects.values_list("code", flat=True))
    new = [
        ObstacleType(code=code, label=label, label_en=en, dimension=dim, source=src, order=i * 10)
        for i, (code, label, en, dim, src) in enumerate(DEFAULT_OBSTACLES)
        if code not in have
    ]
    ObstacleType.objects.bulk_create(new)
    return len(new)


def check_dimension(dimension: str, obstacle: str) -> ObstacleType | None:
    """The obstacle type of a finding, or a bilingual ValidationError for an unknown
    dimension or obstacle code."""
    if dimension not in (UNKNOWN, *Dimension.values):
        raise ValidationError(
            pair(
                _("Dimensi tidak dikenal: %(dimension)s (pilih %(known)s)"),
                dimension=repr(dimension),
                known=", ".join(Dimension.values),
            ).joined()
        )
    if not obstacle:
        return None
    found = ObstacleType.objects.filter(code=obstacle).first()
    if found is None:
        codes = ", ".join(ObstacleType.objects.values_list("code", flat=True))
        raise ValidationError(
            pair(
                _("Jenis kendala tidak dikenal: %(obstacle)s (pilih %(known)s)"),
                obstacle=repr(obstacle),
                known=codes,
            ).joined()
        )
    return found
