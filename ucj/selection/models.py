"""Eligibility schemes (rules with their basis) and saved selections (issue 20, item 4).

A scheme is national configuration (admins edit it in the admin); a selection is a
region's funded list: the people chosen, their rank, linked to the planning scenario
that prices it and to its funding source."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ucj.accounts.policy import REGION, WritePolicy
from ucj.accounts.scoping import ScopedQuerySet
from ucj.registry.confirmation import NOT_REGISTERED, REGISTERED, REGISTERED_OTHER


class RuleKind(models.TextChoices):
    DECILE = "decile", _("desil DTSEN paling tinggi")
    MEMBER = "member", _("bukan peserta aktif program yang dipilih")
    AGE = "age", _("usia (menurut tahun lahir) di awal")
    ASN = "asn", _("bukan ASN")
    DOMICILE = "domicile", _("berdomisili di wilayah")
    OTHER_SCHEME = "other_scheme", _("satu skema berbiaya per orang")


class EligibilityScheme(models.Model):
    name = models.SlugField(_("nama"), max_length=50, unique=True)
    label = models.CharField(_("label"), max_length=200)
    description = models.TextField(_("keterangan"), blank=True)
    # default order of the ranking: 'decile', 'group' (comma-separated)
    priority = models.CharField(_("urutan prioritas"), max_length=50, default="decile")

    class Meta:
        ordering = ["name"]
        verbose_name = _("skema kelayakan")
        verbose_name_plural = _("skema kelayakan")

    def __str__(self) -> str:
        return self.name


class EligibilityRule(models.Model):
    """One rule: `low`/`high` bound it (decile ≤ high; low ≤ age ≤ high); `basis` is
    the legal or policy ground, shown with every selection."""

    scheme = models.ForeignKey(EligibilityScheme, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("aturan"), max_length=20, choices=RuleKind.choices)
    low = models.IntegerField(_("batas bawah"), null=True, blank=True)
    high = models.IntegerField(_("batas atas"), null=True, blank=True)
    basis = models.TextField(_("dasar hukum / kebijakan"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["scheme", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "kind"], name="uniq_scheme_rule_kind")
        ]
        verbose_name = _("aturan kelayakan")
        verbose_name_plural = _("aturan kelayakan")

    def __str__(self) -> str:
        return f"{self.scheme_id} {self.kind}"


class ConfirmedStatus(models.TextChoices):
    """The confirmation rule's three answers (`registry.confirmation`), as campaigns'."""

    REGISTERED = REGISTERED, _("terdaftar")
    REGISTERED_OTHER = REGISTERED_OTHER, _("terdaftar lewat skema lain")
    NOT_REGISTERED = NOT_REGISTERED, _("belum terdaftar")


class SelectionQuerySet(ScopedQuerySet["Selection"]):
    scope_path = "region"


class Selection(models.Model):
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    scheme = models.ForeignKey(EligibilityScheme, on_delete=models.PROTECT, related_name="+")
    scenario = models.ForeignKey(
        "planning.Scenario", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    funding = models.ForeignKey(
        "planning.FundingSource", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    params = models.JSONField(default=dict)
    # Who registers the selected people: the confirmation's gaps become its follow-ups.
    owner_office = models.CharField(_("perangkat daerah penanggung jawab"), max_length=200,
                                    blank=True)  # fmt: skip
    summary = models.JSONField(default=dict)  # the JSON of `ucj select` without `people`
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    # a Pemda's own funded list
    write_policy = WritePolicy(writers=(REGION,))
    objects = SelectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.region_id} {self.scheme_id}"


class SelectedQuerySet(ScopedQuerySet["Selected"]):
    scope_path = "selection__region"


class Selected(models.Model):
    """One chosen person (the roster entry, so the Pemda's own row id is known)."""

    selection = models.ForeignKey(Selection, on_delete=models.CASCADE, related_name="people")
    entry = models.ForeignKey("registry.RosterEntry", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveIntegerField()
    decile = models.PositiveSmallIntegerField(null=True)
    # Set by the confirmation against a later membership list (empty: not checked yet).
    status = models.CharField(
        _("status"), max_length=16, choices=ConfirmedStatus.choices, blank=True, default=""
    )

    write_policy = WritePolicy(writers=(REGION,))
    objects = SelectedQuerySet.as_manager()

    class Meta:
        ordering = ["selection", "rank"]

    def __str__(self) -> str:
        return f"{self.selection_id} #{self.rank}"


class SelectionConfirmationQuerySet(ScopedQuerySet["SelectionConfirmation"]):
    scope_path = "selection__region"


class SelectionConfirmation(models.Model):
    """One check of a saved selection against one membership list: the counts (by status,
    by region, the scenario's confirmed cost and coverage), never a person. The same list
    twice is one confirmation (no second set of follow-ups)."""

    selection = models.ForeignKey(Selection, on_delete=models.CASCADE, related_name="confirmations")
    membership_list = models.ForeignKey(
        "registry.MembershipList", on_delete=models.CASCADE, related_name="+"
    )
    counts = models.JSONField(default=dict)
    created = models.DateTimeField(auto_now_add=True)

    write_policy = WritePolicy(writers=(REGION,))
    objects = SelectionConfirmationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["selection", "membership_list"], name="uniq_selection_confirmation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.selection_id} / {self.membership_list_id}"
