"""The roles a user can hold (kept apart from models so the scope module can import it)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin sistem")
    NATIONAL = "national", _("Analis nasional")
    PROVINCE = "province", _("Petugas provinsi")
    KABKOTA = "kabkota", _("Petugas kab/kota")
    BRANCH = "branch", _("Petugas kantor cabang BPJS TK")
    PUBLIC = "public", _("Publik")
