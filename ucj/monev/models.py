"""Monev sessions, what they found and recommended, and who follows up by when.

Regulations, plan alignment and Jakon project counts live in `records.py` (imported at
the end so that Django sees them as models of this app).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _

from ucj.accounts.policy import BRANCH, NATIONAL, REGION, WritePolicy
from ucj.accounts.scoping import ScopedQuerySet
from ucj.monev.dimensions import Dimension, ObstacleType
from ucj.regions.models import Region


class Organiser(models.TextChoices):
    BSKDN = "bskdn", _("BSKDN Kemendagri")
    BANGDA = "bangda", _("Ditjen Bina Bangda")
    KEUDA = "keuda", _("Ditjen Bina Keuda")
    KEMENKO_PMK = "kemenko_pmk", _("Kemenko PMK")
    PEMPROV = "pemprov", _("Pemprov")
    PEMKAB_PEMKOT = "pemkab_pemkot", _("Pemkab/Pemkot")
    BPJS_TK = "bpjs_tk", _("BPJS Ketenagakerjaan")
    OTHER = "lainnya", _("lainnya")


class Mode(models.TextChoices):
    ONLINE = "online", _("daring (online)")
    IN_PERSON = "in_person", _("luring (tatap muka)")


class AgendaKind(models.TextChoices):
    """The four standard items of a monev meeting (FACTS.md §7.2), then anything else."""

    TARGET = "target", _("Penyampaian target")
    EVALUATION = "evaluation", _("Evaluasi capaian")
    STRATEGY = "strategy", _("Rekomendasi strategi")
    REGULATION = "regulation", _("Pembahasan regulasi")
    OTHER = "other", _("Lainnya")


STANDARD_AGENDA = [
    AgendaKind.TARGET,
    AgendaKind.EVALUATION,
    AgendaKind.STRATEGY,
    AgendaKind.REGULATION,
]


class Status(models.TextChoices):
    """Stored status of a follow-up. 'overdue' is never stored: it is derived from the
    due date, so that an item turns overdue the day after its deadline without a job."""

    OPEN = "open", _("terbuka")
    IN_PROGRESS = "in_progress", _("sedang berjalan")
    DONE = "done", _("selesai")
    CANCELLED = "cancelled", _("dibatalkan")


OVERDUE = "overdue"
STATE_LABELS: dict[str, Any] = {**dict(Status.choices), OVERDUE: _("terlambat")}
ACTIVE = (Status.OPEN, Status.IN_PROGRESS)


class SessionQuerySet(ScopedQuerySet["MonevSession"]):
    scope_path = "regions"

    def for_user(self, user: Any, action: str = "view") -> SessionQuerySet:
        # A session of several regions matches once per region: keep one row.
        return super().for_user(user, action).distinct()  # type: ignore[return-value]


class MonevSession(models.Model):
    """One monev meeting, for one or several regions."""

    date = models.DateField(_("tanggal"))
    title = models.CharField(_("judul"), max_length=200)
    organiser = models.CharField(_("penyelenggara"), max_length=15, choices=Organiser.choices)
    organiser_other = models.CharField(_("penyelenggara lain"), max_length=200, blank=True)
    mode = models.CharField(_("bentuk"), max_length=10, choices=Mode.choices)
    location = models.CharField(_("tempat / tautan"), max_length=300, blank=True)
    regions = models.ManyToManyField(Region, related_name="monev_sessions")
    # The data month the snapshots were taken for; null = the latest month with data.
    period = models.DateField(_("periode data"), null=True, blank=True)
    held = models.BooleanField(_("sudah dilaksanakan"), default=False)
    notes = models.TextField(_("catatan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(auto_now_add=True)

    # BPJS TK branches run monev meetings with their Pemda; so do BSKDN, Bangda, Keuda and
    # Kemenko PMK, for any region
    write_policy = WritePolicy(writers=(REGION, BRANCH, NATIONAL))
    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("sesi monev")
        verbose_name_plural = _("sesi monev")

    def __str__(self) -> str:
        return f"{self.date} {self.title}"

    @property
    def organiser_label(self) -> str:
        if self.organiser == Organiser.OTHER and self.organiser_other:
            return self.organiser_other
        return str(self.get_organiser_display())  # type: ignore[attr-defined]


class Attendee(models.Model):
    session = models.ForeignKey(MonevSession, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(_("nama"), max_length=200)
    office = models.CharField(_("instansi"), max_length=200)
    role = models.CharField(_("peran"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("peserta rapat")
        verbose_name_plural = _("peserta rapat")

    def __str__(self) -> str:
        return f"{self.name} ({self.office})"


class AgendaItem(models.Model):
    session = models.ForeignKey(MonevSession, on_delete=models.CASCADE, related_name="agenda")
    kind = models.CharField(_("acara"), max_length=12, choices=AgendaKind.choices)
    order = models.PositiveSmallIntegerField()
    notes = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("agenda")
        verbose_name_plural = _("agenda")

    def __str__(self) -> str:
        return f"{self.order}. {self.kind}"


class RegionScoped(ScopedQuerySet[Any]):
    """Rows with a `region`; who writes them is each model's `write_policy`."""


class Snapshot(models.Model):
    """What the indicator engine said about a region on the day the session was held:
    the whole `coverage(code, period)` object, frozen."""

    session = models.ForeignKey(MonevSession, on_delete=models.CASCADE, related_name="snapshots")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    period = models.DateField(_("periode data"), null=True, blank=True)
    data = models.JSONField()
    taken = models.DateTimeField(auto_now_add=True)

    write_policy = WritePolicy(writers=(REGION, BRANCH, NATIONAL))
    objects = RegionScoped.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "region"], name="uniq_monev_snapshot")
        ]
        ordering = ["region__code"]

    def __str__(self) -> str:
        return f"snapshot {self.region.code} @ {self.session_id}"


class Finding(models.Model):
    """Temuan: what a session found for a region, optionally about one indicator."""

    session = models.ForeignKey(MonevSession, on_delete=models.CASCADE, related_name="findings")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="monev_findings")
    indicator = models.CharField(_("indikator"), max_length=40, blank=True)
    text = models.TextField(_("temuan"))
    # BSKDN's four dimensions and the obstacle named (dimensions.py); '' / None = not
    # set yet, as for every finding recorded before issue 19.
    dimension = models.CharField(
        _("dimensi"), max_length=15, choices=Dimension.choices, blank=True, default=""
    )
    obstacle = models.ForeignKey(
        ObstacleType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="findings",
        verbose_name=_("jenis kendala"),
    )
    created = models.DateTimeField(auto_now_add=True)

    write_policy = WritePolicy(writers=(REGION, BRANCH, NATIONAL))
    objects = RegionScoped.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("temuan")
        verbose_name_plural = _("temuan")

    def __str__(self) -> str:
        return self.text[:60]


class RecommendationQuerySet(ScopedQuerySet["Recommendation"]):
    scope_path = "finding__region"


class Recommendation(models.Model):
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("rekomendasi"))
    created = models.DateTimeField(auto_now_add=True)

    write_policy = WritePolicy(writers=(REGION, BRANCH, NATIONAL))
    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("rekomendasi")
        verbose_name_plural = _("rekomendasi")

    def __str__(self) -> str:
        return self.text[:60]


def state_expression(today: dt.date) -> Case:
    """SQL for the effective state: a stored status, or 'overdue' when past due."""
    return Case(
        When(Q(status__in=ACTIVE) & Q(due_date__lt=today), then=Value(OVERDUE)),
        default="status",
        output_field=models.CharField(),
    )


class FollowUpQuerySet(ScopedQuerySet["FollowUp"]):
    def with_state(self, today: dt.date | None = None) -> FollowUpQuerySet:
        state = state_expression(today or dt.date.today())
        return self.annotate(state=state)  # type: ignore[no-redef]

    def active(self) -> FollowUpQuerySet:
        return self.filter(status__in=ACTIVE)

    def overdue(self, today: dt.date | None = None) -> FollowUpQuerySet:
        return self.active().filter(due_date__lt=today or dt.date.today())


class FollowUp(models.Model):
    """Tindak lanjut: who does what by when. `region` repeats the finding's region so that
    scoping and per-region lists are one indexed filter."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="follow_ups"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="monev_follow_ups")
    action = models.TextField(_("tindak lanjut"))
    responsible_office = models.CharField(_("penanggung jawab"), max_length=200)
    due_date = models.DateField(_("tenggat"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    completed = models.DateField(_("tanggal selesai"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    batch = models.ForeignKey(
        "intake.ImportBatch", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    write_policy = WritePolicy(writers=(REGION, BRANCH, NATIONAL))
    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["region", "status", "due_date"])]
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")

    def __str__(self) -> str:
        return f"{self.region.code}: {self.action[:50]}"

    def state_on(self, today: dt.date | None = None) -> str:
        if self.status in ACTIVE and self.due_date < (today or dt.date.today()):
            return OVERDUE
        return str(self.status)

    def _get_state(self) -> str:
        """The SQL annotation from `with_state()` when present, else computed for today."""
        return str(self.__dict__.get("_ucj_state") or self.state_on())

    def _set_state(self, value: str) -> None:
        self.__dict__["_ucj_state"] = value

    state = property(_get_state, _set_state)

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


class ProgressNote(models.Model):
    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("catatan kemajuan"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class Evidence(models.Model):
    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("berkas bukti"), upload_to="monev/bukti/%Y/")
    description = models.CharField(_("keterangan"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded", "id"]

    def __str__(self) -> str:
        return str(self.file.name)


from ucj.monev.benefits import BenefitPaid  # noqa: E402
from ucj.monev.packs import Pack  # noqa: E402
from ucj.monev.records import (  # noqa: E402  (models must be importable from here)
    JakonProjects,
    PlanAlignment,
    Regulation,
    RegulationKind,
    RegulationStatus,
)

__all__ = [
    "BenefitPaid",
    "JakonProjects",
    "ObstacleType",
    "Pack",
    "PlanAlignment",
    "Regulation",
    "RegulationKind",
    "RegulationStatus",
]

from ucj.monev.cycle_models import (  # noqa: E402  (issue 19: the monev cycle's models)
    Attachment,
    DataRequest,
    Letter,
    Letterhead,
    MinisterBrief,
    MinisterItem,
    RequestFile,
)

__all__ += [
    "Attachment",
    "DataRequest",
    "Letter",
    "Letterhead",
    "MinisterBrief",
    "MinisterItem",
    "RequestFile",
]

from ucj.monev.branches import BranchOffice  # noqa: E402  (data requests are addressed to one)

__all__ += ["BranchOffice"]
