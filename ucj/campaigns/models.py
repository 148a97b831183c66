"""Pendataan campaigns (issue 20, items 2 and 5): who a Pemda is listing, desa by desa,
to register with BPJS TK, and how far each person got.

A person is held only as a keyed NIK hash and its masked form (`registry.nik`), like
every person row. Entries are scoped by their desa, so a field officer's upload, the
import's scope guard and the pages all ask the same question: may this user write rows
of this desa?
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ucj.accounts.policy import REGION, WritePolicy
from ucj.accounts.scoping import ScopedQuerySet
from ucj.registry.models import WorkerGroup


class EntryStatus(models.TextChoices):
    """Where a person stands: set by the field team (listed, proposed) and by the
    confirmation against a later membership list (the last three)."""

    LISTED = "terdata", _("terdata")
    PROPOSED = "diusulkan", _("diusulkan")
    REGISTERED = "terdaftar", _("terdaftar")
    REGISTERED_OTHER = "skema_lain", _("terdaftar lewat skema lain")
    NOT_REGISTERED = "belum_terdaftar", _("belum terdaftar")


# Entries that were proposed, whatever the confirmation found since.
PROPOSED_OR_LATER = (
    EntryStatus.PROPOSED,
    EntryStatus.REGISTERED,
    EntryStatus.REGISTERED_OTHER,
    EntryStatus.NOT_REGISTERED,
)
# Entries the next membership list is checked for.
AWAITING = (EntryStatus.PROPOSED, EntryStatus.NOT_REGISTERED)


class CampaignQuerySet(ScopedQuerySet["Campaign"]):
    scope_path = "region"


class Campaign(models.Model):
    """One pendataan: a kab/kota or province lists a target group in a period."""

    name = models.CharField(_("nama pendataan"), max_length=200)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    group = models.CharField(_("kelompok sasaran"), max_length=30, choices=WorkerGroup.choices)
    start = models.DateField(_("mulai"))
    end = models.DateField(_("selesai"))
    target_count = models.PositiveIntegerField(_("target jumlah orang"))
    owner_office = models.CharField(_("perangkat daerah penanggung jawab"), max_length=200)
    # The segment the Pemda registers these people in: an active member of another
    # segment (e.g. already a PU member through an employer) is "another scheme".
    segment = models.CharField(_("segmen kepesertaan"), max_length=10, default="BPU")
    is_sample = models.BooleanField(_("data contoh"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    write_policy = WritePolicy(writers=(REGION,))
    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["region__code", "-start", "id"]
        verbose_name = _("pendataan")
        verbose_name_plural = _("pendataan")

    def __str__(self) -> str:
        return f"#{self.pk} {self.name}"


class EntryQuerySet(ScopedQuerySet["CampaignEntry"]):
    scope_path = "desa"


class CampaignEntry(models.Model):
    """One person listed in one desa of a campaign. The same NIK in two desa is two
    entries (the key holds the desa), so the duplicate stays visible to both."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="entries")
    desa = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    nik_hash = models.CharField(max_length=64, db_index=True)
    nik_masked = models.CharField(_("NIK (tersamar)"), max_length=32)
    nik_valid = models.BooleanField(default=True)
    nik_error = models.CharField(max_length=20, blank=True)
    name = models.CharField(_("nama"), max_length=200, blank=True)
    group = models.CharField(_("kelompok"), max_length=30, choices=WorkerGroup.choices)
    position = models.CharField(_("jabatan"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=EntryStatus.choices, default=EntryStatus.LISTED
    )
    # Set by the reconciliation of listed entries with the region's latest membership
    # list (None: no list yet). Kept once proposed: the funnel counts who was not a
    # member when listed, not who is not one today.
    member_before = models.BooleanField(null=True, blank=True)
    row = models.PositiveIntegerField(_("baris"), default=0)
    batch = models.ForeignKey(
        "intake.ImportBatch", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    write_policy = WritePolicy(writers=(REGION,))
    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["campaign_id", "desa__code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "desa", "nik_hash"], name="uniq_campaign_desa_nik"
            )
        ]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self) -> str:
        return f"{self.nik_masked} {self.name}"


class PopulationQuerySet(ScopedQuerySet["PopulationEntry"]):
    scope_path = "region"


class PopulationEntry(models.Model):
    """A person on a Dukcapil-style population list (by hashed NIK): the funnel's
    'matched' step. Optional: a campaign without one skips that step."""

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    nik_hash = models.CharField(max_length=64, db_index=True)
    nik_masked = models.CharField(_("NIK (tersamar)"), max_length=32)
    name = models.CharField(_("nama"), max_length=200, blank=True)
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    as_of = models.DateField(_("data per"), null=True, blank=True)
    is_sample = models.BooleanField(_("data contoh"), default=False)
    batch = models.ForeignKey(
        "intake.ImportBatch", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    write_policy = WritePolicy(writers=(REGION,))
    objects = PopulationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region", "nik_hash"], name="uniq_population_nik")
        ]

    def __str__(self) -> str:
        return self.nik_masked


class ConfirmationQuerySet(ScopedQuerySet["Confirmation"]):
    scope_path = "campaign__region"


class Confirmation(models.Model):
    """One check of a campaign's proposed people against one membership list; the same
    list twice is one confirmation (no second set of follow-ups)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="confirmations")
    membership_list = models.ForeignKey(
        "registry.MembershipList", on_delete=models.CASCADE, related_name="+"
    )
    counts = models.JSONField(default=dict)
    finding = models.ForeignKey(
        "monev.Finding", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    write_policy = WritePolicy(writers=(REGION,))
    objects = ConfirmationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "membership_list"], name="uniq_confirmation_list"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id} / {self.membership_list_id}"
