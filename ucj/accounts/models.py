"""Who may see and change what: roles held per region; tokens, log-in locks, approvals."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history import register
from simple_history.models import HistoricalRecords

from ucj.accounts.policy import REGION, WritePolicy
from ucj.accounts.roles import Role
from ucj.accounts.scoping import ScopedQuerySet
from ucj.regions.models import KABKOTA, Level, Region

__all__ = ["Role"]


# Which region level each role is scoped to; None: the role has no region.
ROLE_LEVELS: dict[str, tuple[str, ...] | None] = {
    Role.ADMIN: None,
    Role.NATIONAL: None,
    Role.PUBLIC: None,
    Role.PROVINCE: (Level.PROVINCE,),
    Role.KABKOTA: tuple(KABKOTA),
    Role.BRANCH: (Level.PROVINCE, *KABKOTA),
}


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
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "region"], name="uniq_role"),
        ]
        verbose_name = _("peran pengguna")
        verbose_name_plural = _("peran pengguna")

    def __str__(self) -> str:
        where = f" @ {self.region.code}" if self.region is not None else ""
        return f"{self.user} {self.role}{where}"

    def clean(self) -> None:
        levels = ROLE_LEVELS[self.role]
        if levels is None and self.region_id is not None:
            raise ValidationError({"region": _("Peran ini tidak terikat wilayah.")})
        if levels is not None and (self.region is None or self.region.level not in levels):
            raise ValidationError({"region": _("Peran ini perlu wilayah tingkat yang sesuai.")})


# Users are audited too: who created, changed or deactivated an account.
register(
    get_user_model(),
    app="ucj.accounts",
    table_name="accounts_historicaluser",
    excluded_fields=["password", "last_login"],  # no hashes in the audit export
)


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 digest is kept; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("nama"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)  # shown in lists to tell apart
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField(_("berlaku sampai"))
    revoked = models.DateTimeField(_("dicabut"), null=True, blank=True)
    last_used = models.DateTimeField(null=True, blank=True)
    # The token that minted this one over the API: revoking it revokes this one too,
    # and this one never ends later than it.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    history = HistoricalRecords(excluded_fields=["last_used", "digest"])

    class Meta:
        ordering = ["-created"]
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self) -> str:
        return f"{self.user} {self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked is None and self.expires > timezone.now()


class LoginLock(models.Model):
    """Log-in attempts per user name ("u:" + lower-cased name) or client address ("a:"
    + address); locked after UCJ_LOGIN_MAX_FAILURES or ..._PER_ADDRESS (lockout.py)."""

    username = models.CharField(max_length=200, unique=True)  # the key, prefixed
    failures = models.PositiveIntegerField(default=0)
    last_failure = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.username}: {self.failures}"


class MonthStatus(models.TextChoices):
    DRAFT = "draft", _("draf")
    SUBMITTED = "submitted", _("diajukan")
    APPROVED = "approved", _("disetujui provinsi")
    ACCEPTED = "accepted", _("diterima nasional")


LOCKED_STATUSES = (MonthStatus.APPROVED, MonthStatus.ACCEPTED)


class MonthApprovalQuerySet(ScopedQuerySet["MonthApproval"]):
    branch_reads = True  # branches see whether the months they fed are approved


class MonthApproval(models.Model):
    """The reporting state of one kab/kota for one month (submitted → approved → accepted).

    Approved and accepted months are locked against edits and imports until reopened;
    the history keeps every step, with the reason of each reopening.
    """

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="approvals")
    period = models.DateField(_("periode"))  # first day of the month
    status = models.CharField(
        _("status"), max_length=10, choices=MonthStatus.choices, default=MonthStatus.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # First submission: 'on time' is judged on it, so a reopening does not make it late.
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    reopen_reason = models.CharField(_("alasan dibuka kembali"), max_length=500, blank=True)
    history = HistoricalRecords()

    # the steps themselves are checked in approval.py
    write_policy = WritePolicy(writers=(REGION,))
    objects = MonthApprovalQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region", "period"], name="uniq_month_approval"),
        ]
        ordering = ["-period", "region__code"]
        verbose_name = _("persetujuan bulanan")
        verbose_name_plural = _("persetujuan bulanan")

    def __str__(self) -> str:
        return f"{self.region.code} {self.period:%Y-%m} {self.status}"

    @property
    def locked(self) -> bool:
        return self.status in LOCKED_STATUSES


class AccessRefusal(models.Model):
    """A signed-in user asked for a row that exists but lies outside their scope
    (another region's, or a right they lack); see ucj.accounts.refusals."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10)  # view / change
    obj = models.CharField(max_length=120)  # app_label.model
    object_id = models.CharField(max_length=40)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lookup = models.CharField(max_length=200)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("akses ditolak")
        verbose_name_plural = _("akses ditolak")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.obj}#{self.object_id}"
