"""Worker rosters, BPJS TK membership lists and their reconciliation.

Person-level rows hold the NIK only as `nik_hash` (HMAC-SHA256, settings.NIK_KEY) and
`nik_masked`; every model is region-scoped and never public.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ucj.accounts.policy import BRANCH, NATIONAL, REGION, WritePolicy
from ucj.accounts.scoping import ScopedQuerySet

PROGRAMS = ("JKK", "JKM", "JHT", "JP", "JKP")


class WorkerGroup(models.TextChoices):
    NON_ASN = "non_asn", _("Non-ASN / honorer")
    RT_RW = "rt_rw", _("Ketua RT/RW")
    VILLAGE = "aparatur_desa", _("Aparatur desa / BPD")
    RELIGIOUS = "guru_ngaji_marbot", _("Guru ngaji / marbot / imam")
    VULNERABLE = "pekerja_rentan", _("Pekerja rentan")
    ELECTION = "penyelenggara_pemilu", _("Penyelenggara pemilu")
    GTK = "gtk", _("Guru dan tenaga kependidikan (GTK)")
    OTHER = "lainnya", _("Lainnya")


class Payer(models.TextChoices):
    APBD = "APBD", _("APBD")
    ADD = "ADD", _("ADD (alokasi dana desa)")
    APBDES = "APBDes", _("APBDes / PADes")
    DBHCHT = "DBHCHT", _("DBHCHT")
    CSR = "CSR", _("CSR / TJSL")
    BAZNAS = "Baznas", _("Baznas (zakat)")
    SELF = "mandiri", _("Mandiri (peserta sendiri)")
    OTHER = "lainnya", _("Lainnya")


class Sex(models.TextChoices):
    MALE = "M", _("Laki-laki")
    FEMALE = "F", _("Perempuan")


class MemberStatus(models.TextChoices):
    ACTIVE = "aktif", _("aktif")
    INACTIVE = "non_aktif", _("non-aktif")


class PersonStatus(models.TextChoices):
    ACTIVE = "active", _("peserta aktif")
    INACTIVE = "inactive", _("peserta non-aktif")
    NOT_MEMBER = "not_member", _("bukan peserta")
    INVALID = "invalid_nik", _("NIK tidak sah")
    DUPLICATE = "duplicate", _("duplikat")


class RosterQuerySet(ScopedQuerySet["Roster"]):
    scope_path = "region"


class Roster(models.Model):
    """A named list of workers a Pemda protects or must protect (pendataan)."""

    name = models.CharField(_("nama daftar"), max_length=200)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    group = models.CharField(_("kelompok"), max_length=30, choices=WorkerGroup.choices)
    payer = models.CharField(_("pembayar iuran"), max_length=20, choices=Payer.choices)
    as_of = models.DateField(_("data per"), null=True, blank=True)
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    batch = models.ForeignKey(
        "intake.ImportBatch", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    is_sample = models.BooleanField(_("data contoh"), default=False)
    created = models.DateTimeField(auto_now_add=True)

    # a Pemda's own lists of the workers it protects
    write_policy = WritePolicy(writers=(REGION,))
    objects = RosterQuerySet.as_manager()

    class Meta:
        ordering = ["region__code", "id"]
        verbose_name = _("daftar pekerja")
        verbose_name_plural = _("daftar pekerja")

    def __str__(self) -> str:
        return f"{self.name} ({self.region_id})"


class RosterEntryQuerySet(ScopedQuerySet["RosterEntry"]):
    scope_path = "roster__region"


class RosterEntry(models.Model):
    """One person on a roster. An invalid NIK is kept (hashed) so it can be reported."""

    roster = models.ForeignKey(Roster, on_delete=models.CASCADE, related_name="entries")
    row = models.PositiveIntegerField(_("baris"))
    nik_hash = models.CharField(max_length=64, db_index=True)
    # 1 for a person's first row in the roster, 2 for the same NIK again…: part of the
    # natural key, so the same file imports the same keys (idempotent) while a repeated
    # person stays stored for the reconciliation to report as a duplicate.
    occurrence = models.PositiveSmallIntegerField(_("kemunculan"), default=1)
    nik_masked = models.CharField(_("NIK (tersamar)"), max_length=32)
    nik_valid = models.BooleanField(default=True)
    nik_error = models.CharField(max_length=20, blank=True)
    name = models.CharField(_("nama"), max_length=200, blank=True)
    # Birth YEAR only (age rules need no more): with the masked NIK a full birth date
    # would give digits 7–12 back (docs/SECURITY.md, "Person data").
    birth_year = models.PositiveSmallIntegerField(_("tahun lahir"), null=True, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices, blank=True)
    domicile = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    group = models.CharField(_("kelompok"), max_length=30, choices=WorkerGroup.choices)
    agency = models.CharField(_("instansi"), max_length=200, blank=True)
    payer = models.CharField(
        _("pembayar iuran"), max_length=20, choices=Payer.choices, default=Payer.OTHER
    )
    # ASN (civil servant) or not, when the roster says (column `status_asn`); None: the
    # roster does not say, so a scheme's not-ASN rule cannot be checked for this person.
    is_asn = models.BooleanField(_("ASN"), null=True, blank=True)
    # The import batch, so that `ucj import undo` removes exactly these rows.
    batch = models.ForeignKey(
        "intake.ImportBatch", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    write_policy = WritePolicy(writers=(REGION,))
    objects = RosterEntryQuerySet.as_manager()

    class Meta:
        ordering = ["roster_id", "row"]
        # The import's natural key: list + hashed NIK (+ its occurrence); the row may move.
        constraints = [
            models.UniqueConstraint(
                fields=["roster", "nik_hash", "occurrence"], name="uniq_roster_nik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.nik_masked} {self.name}"

    @property
    def issued_kabkota(self) -> str | None:
        """Kab/kota where the NIK was issued ('32.73'): the mask keeps digits 1–4."""
        head = self.nik_masked[:4]
        return f"{head[:2]}.{head[2:]}" if head.isdigit() else None


class MembershipListQuerySet(ScopedQuerySet["MembershipList"]):
    scope_path = "region"


class MembershipList(models.Model):
    """A participant list as BPJS TK returns it, for one region and date."""

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    as_of = models.DateField(_("data per"))
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    batch = models.ForeignKey(
        "intake.ImportBatch", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    is_sample = models.BooleanField(_("data contoh"), default=False)
    created = models.DateTimeField(auto_now_add=True)
    # A list imported for its size (`ucj lists import`, registry/list_store.py) keeps its
    # rows as Parquet in this folder of UCJ_LIST_STORE, not as MembershipEntry rows.
    store = models.CharField(max_length=200, blank=True)
    stored_rows = models.PositiveBigIntegerField(default=0)
    # A list added to (`--add`) holds only the new rows; it is read with its base's.
    base = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # BPJS TK branches return the lists
    write_policy = WritePolicy(writers=(REGION, BRANCH))
    objects = MembershipListQuerySet.as_manager()

    class Meta:
        ordering = ["region__code", "-as_of", "-id"]
        verbose_name = _("daftar kepesertaan")
        verbose_name_plural = _("daftar kepesertaan")

    def __str__(self) -> str:
        return f"{self.region_id} {self.as_of}"


class MembershipEntryQuerySet(ScopedQuerySet["MembershipEntry"]):
    scope_path = "membership_list__region"


class MembershipEntry(models.Model):
    membership_list = models.ForeignKey(
        MembershipList, on_delete=models.CASCADE, related_name="entries"
    )
    nik_hash = models.CharField(max_length=64, db_index=True)
    nik_masked = models.CharField(_("NIK (tersamar)"), max_length=32)
    kpj = models.CharField(_("KPJ"), max_length=30, blank=True)
    segment = models.CharField(_("segmen"), max_length=10, blank=True)
    jkk = models.BooleanField(default=False)
    jkm = models.BooleanField(default=False)
    jht = models.BooleanField(default=False)
    jp = models.BooleanField(default=False)
    jkp = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=MemberStatus.choices)
    last_paid = models.DateField(_("bulan iuran terakhir"), null=True, blank=True)
    # The participant's region as BPJS TK records it (not the NIK's region of issue).
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    batch = models.ForeignKey(
        "intake.ImportBatch", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    write_policy = WritePolicy(writers=(REGION, BRANCH))
    objects = MembershipEntryQuerySet.as_manager()

    class Meta:
        # The import's natural key: one person may hold two KPJ, and KPJ may be empty.
        constraints = [
            models.UniqueConstraint(
                fields=["membership_list", "nik_hash", "kpj"], name="uniq_membership_entry"
            )
        ]

    def __str__(self) -> str:
        return f"{self.nik_masked} {self.status}"


class ReconciliationQuerySet(ScopedQuerySet["Reconciliation"]):
    scope_path = "region"


class Reconciliation(models.Model):
    """One run of the region's rosters against one membership list; `summary` is the
    JSON of `ucj reconcile`, `rosters` the per-roster, per-program shares."""

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    membership_list = models.ForeignKey(
        MembershipList, on_delete=models.CASCADE, related_name="reconciliations"
    )
    as_of = models.DateField(_("tanggal acuan"))
    summary = models.JSONField(default=dict)
    rosters = models.JSONField(default=list)
    members_in_no_roster = models.PositiveIntegerField(default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_sample = models.BooleanField(_("data contoh"), default=False)
    created = models.DateTimeField(auto_now_add=True)

    write_policy = WritePolicy(writers=(REGION,))
    objects = ReconciliationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.region_id} {self.as_of}"


class PersonResultQuerySet(ScopedQuerySet["PersonResult"]):
    scope_path = "reconciliation__region"


class PersonResult(models.Model):
    """The status of one roster entry in one reconciliation (person level)."""

    reconciliation = models.ForeignKey(
        Reconciliation, on_delete=models.CASCADE, related_name="persons"
    )
    entry = models.ForeignKey(RosterEntry, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=12, choices=PersonStatus.choices)
    jkk = models.BooleanField(default=False)
    jkm = models.BooleanField(default=False)
    jht = models.BooleanField(default=False)
    jp = models.BooleanField(default=False)
    jkp = models.BooleanField(default=False)

    write_policy = WritePolicy(writers=(REGION,))
    objects = PersonResultQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["reconciliation", "status"])]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.status}"


class DecileQuerySet(ScopedQuerySet["WelfareDecile"]):
    scope_path = "region"


class WelfareDecile(models.Model):
    """A person's DTSEN welfare decile (1 = poorest tenth), by hashed NIK (issue 20).

    The file carries no region: a row belongs to the office that loaded it (`region`,
    filled by the import pipeline from `--region` or the importing officer's own
    region; NULL = loaded nationally by a national analyst or the CLI, `owner` 0). A
    person's decile is read person by person only by who may read the owning region, or
    through a roster of one's own (the join on `nik_hash`); elsewhere only counts per
    decile are shown (docs/SELECTION.md)."""

    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # region_id, or 0 for a national load: the natural key's first part (a NULL would
    # make every re-import of a national file a new row).
    owner = models.PositiveIntegerField(_("pemilik"), default=0)
    nik_hash = models.CharField(max_length=64, db_index=True)
    nik_masked = models.CharField(_("NIK (tersamar)"), max_length=32)
    decile = models.PositiveSmallIntegerField(_("desil"))
    as_of = models.DateField(_("data per"))
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    batch = models.ForeignKey(
        "intake.ImportBatch", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    is_sample = models.BooleanField(_("data contoh"), default=False)

    # a Pemda loads the deciles of its own people; a national analyst for every region
    write_policy = WritePolicy(writers=(REGION, NATIONAL))
    objects = DecileQuerySet.as_manager()

    class Meta:
        verbose_name = _("desil kesejahteraan")
        verbose_name_plural = _("desil kesejahteraan")
        constraints = [
            models.UniqueConstraint(fields=["owner", "nik_hash"], name="uniq_decile_owner_nik")
        ]

    def __str__(self) -> str:
        return f"{self.nik_masked} desil {self.decile}"
