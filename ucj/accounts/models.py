"""Who may see and change what: roles held per region."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ucj.regions.models import Region


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin sistem")
    NATIONAL = "national", _("Analis nasional")
    PROVINCE = "province", _("Petugas provinsi")
    KABKOTA = "kabkota", _("Petugas kab/kota")
    BRANCH = "branch", _("Petugas kantor cabang BPJS TK")
    PUBLIC = "public", _("Publik")


class RoleAssignment(models.Model):
    """One role of a user, scoped to a region where the role has a scope."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("peran"), max_length=10, choices=Role.choices)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="role_assignments"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "region"], name="uniq_role"),
        ]
        verbose_name = _("peran pengguna")
        verbose_name_plural = _("peran pengguna")

    def __str__(self) -> str:
        where = f" @ {self.region.code}" if self.region is not None else ""
        return f"{self.user} {self.role}{where}"
