"""Reporting packs (paket laporan) of a kab/kota, a province or the nation for a triwulan
or semester, and their way up the hierarchy with the approval states of monthly data
(draft → submitted → approved by the province → accepted nationally).

A pack is compiled live (`pack_data.compile_pack`) until it is accepted; at acceptance
its figures and its rendered PDF and XLSX are stored and from then on served as they
were (frozen): later imports or edits do not change an accepted pack.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ucj.accounts.approval import ApprovalError, refused, state_words
from ucj.accounts.models import MonthStatus
from ucj.accounts.policy import NATIONAL, REGION, WritePolicy
from ucj.accounts.roles import Role
from ucj.accounts.scoping import CHANGE, ScopedQuerySet, has_role, is_admin, roles_of
from ucj.lib.bilingual import pair
from ucj.regions.models import Region

NATION = "ID"


class PackQuerySet(ScopedQuerySet["Pack"]):
    # Only the national level and admins see the nation's pack (region null matches no
    # province or kab/kota filter: it fails closed). Who writes: `Pack.write_policy`.
    pass


class Pack(models.Model):
    code = models.CharField(_("kode wilayah"), max_length=13)  # 'ID' for the nation
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="monev_packs"
    )
    period = models.CharField(_("periode laporan"), max_length=7)  # '2025-Q3' / '2025-S1'
    status = models.CharField(
        _("status"), max_length=10, choices=MonthStatus.choices, default=MonthStatus.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    # Frozen at acceptance: the figures and the documents as they were accepted.
    figures = models.JSONField(null=True, blank=True)
    pdf = models.BinaryField(null=True, blank=True)
    xlsx = models.BinaryField(null=True, blank=True)

    # Kab/kota and province officers submit and approve; the national level accepts.
    write_policy = WritePolicy(writers=(REGION, NATIONAL))
    objects = PackQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["code", "period"], name="uniq_monev_pack")]
        ordering = ["-period", "code"]
        verbose_name = _("paket laporan")
        verbose_name_plural = _("paket laporan")

    def __str__(self) -> str:
        return f"{self.code} {self.period} {self.status}"

    @property
    def frozen(self) -> bool:
        return self.status == MonthStatus.ACCEPTED and self.figures is not None

    @property
    def level(self) -> str:
        return "national" if self.region is None else str(self.region.level)


def _wrong_state(pack: Pack, expected: str) -> ApprovalError:
    return ApprovalError(
        *pair(
            _("Paket %(what)s berstatus '%(status)s', bukan '%(expected)s'."),
            what=f"{pack.code} {pack.period}",
            status=state_words(pack.status),
            expected=state_words(expected),
        )
    )


def _national(user: Any) -> bool:
    return is_admin(user) or has_role(user, Role.NATIONAL)


def _province_of(user: Any, region: Region | None) -> bool:
    return region is not None and any(
        role == Role.PROVINCE and code is not None and code[:2] == region.province_code
        for role, code, _l in roles_of(user)
    )


def pack_for(code: str, region: Region | None, period: str, lock: bool = False) -> Pack:
    qs = Pack.objects.select_for_update() if lock else Pack.objects
    pack, _created = qs.get_or_create(code=code, period=period, defaults={"region": region})
    return pack


def may_submit(user: Any, pack: Pack) -> bool:
    """Whoever may change the region's records submits its pack; the nation's pack is
    submitted by the national level."""
    if pack.region is None:
        return _national(user)
    return Pack.objects.for_user(user, CHANGE).filter(pk=pack.pk).exists() or (is_admin(user))


@transaction.atomic
def act(user: Any, pack: Pack, action: str, freeze: Any = None) -> Pack:
    """submit / approve / accept a pack. A kab/kota pack goes submitted → approved (its
    province) → accepted (national); a province's or the nation's pack has no province
    above it and goes submitted → accepted. `freeze(pack)` returns (figures, pdf, xlsx)
    stored at acceptance."""
    pack = Pack.objects.select_for_update().get(pk=pack.pk)
    now = timezone.now()
    kabkota = pack.region is not None and pack.region.is_kabkota
    if action == "submit":
        if not may_submit(user, pack):
            raise refused(pair(_("mengajukan paket wilayah ini")))
        if pack.status != MonthStatus.DRAFT:
            raise _wrong_state(pack, MonthStatus.DRAFT)
        pack.status, pack.submitted_by, pack.submitted_at = MonthStatus.SUBMITTED, user, now
    elif action == "approve":
        if not kabkota:
            raise ApprovalError(
                *pair(
                    _("Paket provinsi dan nasional langsung diterima, tanpa persetujuan provinsi.")
                ),
                status=400,
            )
        if not (is_admin(user) or _province_of(user, pack.region)):
            raise refused(pair(_("menyetujui paket wilayah ini")))
        if pack.status != MonthStatus.SUBMITTED:
            raise _wrong_state(pack, MonthStatus.SUBMITTED)
        pack.status, pack.approved_by, pack.approved_at = MonthStatus.APPROVED, user, now
    elif action == "accept":
        if not _national(user):
            raise refused(pair(_("menerima paket secara nasional")))
        expected = MonthStatus.APPROVED if kabkota else MonthStatus.SUBMITTED
        if pack.status != expected:
            raise _wrong_state(pack, expected)
        pack.status, pack.accepted_by, pack.accepted_at = MonthStatus.ACCEPTED, user, now
        if freeze is not None:
            pack.figures, pack.pdf, pack.xlsx = freeze(pack)
    else:
        raise ApprovalError(*pair(_("Aksi tidak dikenal: %(action)s"), action=action), 400)
    pack.save()
    return pack
