"""The region master: Kemendagri codes with their history (pemekaran)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Provinsi")
    REGENCY = "regency", _("Kabupaten")
    CITY = "city", _("Kota")
    DISTRICT = "district", _("Kecamatan")
    # Desa and kelurahan share one level: their 10-digit codes differ only in the first
    # digit of the last four (1 kelurahan, 2 desa), and nothing here treats them apart.
    VILLAGE = "village", _("Desa/Kelurahan")


KABKOTA = (Level.REGENCY, Level.CITY)
# Below kab/kota: never in a list of provinces and kab/kota, a picker or the resolver.
SUB_KABKOTA = (Level.DISTRICT, Level.VILLAGE)


class RegionQuerySet(models.QuerySet["Region"]):
    def current(self) -> RegionQuerySet:
        return self.filter(valid_to__isnull=True)

    def provinces(self) -> RegionQuerySet:
        return self.current().filter(level=Level.PROVINCE)

    def kabkota(self) -> RegionQuerySet:
        return self.current().filter(level__in=KABKOTA)

    def kabkota_and_up(self) -> RegionQuerySet:
        """Provinces and kab/kota (current or not): what lists and pickers offer."""
        return self.exclude(level__in=SUB_KABKOTA)

    def in_province(self, province_code: str) -> RegionQuerySet:
        return self.filter(province_code=province_code)


class Region(models.Model):
    """A province, kab/kota, kecamatan or desa/kelurahan. Retired codes stay, with valid_to set."""

    code = models.CharField(_("kode wilayah"), max_length=13, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Two-digit province code, kept on every row so that scoping is one indexed filter.
    province_code = models.CharField(max_length=2, db_index=True)
    valid_from = models.DateField(_("berlaku sejak"), null=True, blank=True)
    valid_to = models.DateField(_("berlaku sampai"), null=True, blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "province_code"])]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def current(self) -> bool:
        return self.valid_to is None

    @property
    def is_kabkota(self) -> bool:
        return self.level in KABKOTA

    @property
    def parent_code(self) -> str | None:
        if "." not in self.code:
            return None
        return self.code.rsplit(".", 1)[0]

    def successor_codes(self) -> list[str]:
        return [s.successor.code for s in self.successions.select_related("successor")]


class RegionAlias(models.Model):
    """Another spelling users write for a region; used for matching, never as authority."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=120)
    key = models.CharField(max_length=120, db_index=True)
    basis = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "region"], name="uniq_alias")]

    def __str__(self) -> str:
        return f"{self.alias} → {self.region.code}"


class RegionSuccession(models.Model):
    """A retired code and the region that carries it on (pemekaran, re-coding)."""

    predecessor = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="successions")
    successor = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="predecessions")
    event = models.CharField(_("peristiwa"), max_length=200)
    legal_basis = models.CharField(_("dasar hukum"), max_length=200)
    effective_date = models.DateField(_("tanggal berlaku"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="uniq_succession")
        ]

    def __str__(self) -> str:
        return f"{self.predecessor.code} → {self.successor.code}"


class Boundary(models.Model):
    """A region's boundary as GeoJSON geometry, loaded by `ucj geo load`."""

    region = models.OneToOneField(Region, on_delete=models.CASCADE, related_name="boundary")
    geometry = models.JSONField()
    source = models.CharField(max_length=300, blank=True)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"boundary {self.region.code}"
