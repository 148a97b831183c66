"""Models of the monev cycle around sessions (issue 19): letters to heads of region, the
recommendation document to the Minister, evidence files and data requests to BPJS TK.

Models of the monev app (re-exported by `models.py`). The services that use them live in
`letters.py`, `minister.py`, `evidence.py` and `data_requests.py`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ucj.accounts.policy import BRANCH, NATIONAL, REGION, WritePolicy
from ucj.accounts.scoping import ScopedQuerySet
from ucj.monev.records import Regulation
from ucj.regions.models import Region

USER = settings.AUTH_USER_MODEL


class Letterhead(models.Model):
    """Kop surat of an office: printed at the top of its letters and documents; `code`
    goes into the letter number, which its register counts per year."""

    code = models.SlugField(_("kode kantor"), max_length=30, unique=True)
    office = models.CharField(_("nama kantor"), max_length=200)
    parent_office = models.CharField(_("instansi induk"), max_length=200, blank=True)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    contact = models.CharField(_("telepon / surel / laman"), max_length=300, blank=True)
    city = models.CharField(_("kota penandatanganan"), max_length=100)
    classification = models.CharField(
        _("kode klasifikasi arsip"), max_length=30, blank=True, help_text=_("mis. 500.15")
    )
    signatory_title = models.CharField(_("jabatan penanda tangan"), max_length=200)
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=200, blank=True)
    signatory_id = models.CharField(_("NIP penanda tangan"), max_length=40, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kop surat")
        verbose_name_plural = _("kop surat")

    def __str__(self) -> str:
        return self.office


class LetterRegister(models.Model):
    """Agenda surat keluar: the last number given by an office in a year."""

    letterhead = models.ForeignKey(Letterhead, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["letterhead", "year"], name="uniq_letter_register")
        ]

    def __str__(self) -> str:
        return f"{self.letterhead_id} {self.year}: {self.last}"


class Sifat(models.TextChoices):
    BIASA = "biasa", _("Biasa")
    PENTING = "penting", _("Penting")
    SEGERA = "segera", _("Segera")


class DocState(models.TextChoices):
    DRAFT = "draft", _("konsep")
    ISSUED = "issued", _("diterbitkan")


class LetterQuerySet(ScopedQuerySet["Letter"]):
    pass


class Letter(models.Model):
    """A letter of recommendations from a session to the head of one region."""

    # BPJS TK branches hold monev sessions and write to the Pemda; BSKDN, Bangda and
    # Kemenko PMK write to any head of region.
    write_policy = WritePolicy(writers=(REGION, BRANCH, NATIONAL))

    session = models.ForeignKey(
        "monev.MonevSession", on_delete=models.PROTECT, related_name="letters"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="monev_letters")
    letterhead = models.ForeignKey(Letterhead, on_delete=models.PROTECT, related_name="letters")
    state = models.CharField(max_length=8, choices=DocState.choices, default=DocState.DRAFT)
    number = models.CharField(_("nomor"), max_length=80, blank=True)
    seq = models.PositiveIntegerField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    date = models.DateField(_("tanggal surat"), null=True, blank=True)
    sifat = models.CharField(_("sifat"), max_length=8, choices=Sifat.choices, default="biasa")
    lampiran = models.CharField(_("lampiran"), max_length=100, default="-")
    hal = models.CharField(_("hal"), max_length=300)
    addressee = models.CharField(_("yth."), max_length=200)
    addressee_place = models.CharField(_("di (tempat)"), max_length=100)
    body = models.TextField(_("isi surat"))
    tembusan = models.TextField(_("tembusan"), blank=True, help_text=_("satu per baris"))
    recommendations = models.ManyToManyField(
        "monev.Recommendation", related_name="letters", blank=True
    )
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    issued = models.DateTimeField(null=True, blank=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["letterhead", "year", "seq"],
                condition=Q(seq__isnull=False),
                name="uniq_letter_number",
            )
        ]
        verbose_name = _("surat rekomendasi")
        verbose_name_plural = _("surat rekomendasi")

    def __str__(self) -> str:
        return self.number or f"konsep #{self.pk}"

    @property
    def is_issued(self) -> bool:
        return self.state == DocState.ISSUED


class MinisterQuerySet(ScopedQuerySet["MinisterBrief"]):
    scope_path = "regions"

    def for_user(self, user: Any, action: str = "view") -> MinisterQuerySet:
        return super().for_user(user, action).distinct()  # type: ignore[return-value]


class MinisterBrief(models.Model):
    """Rekomendasi kebijakan kepada Menteri: drafted from the findings of a set of regions
    in a period, edited, then issued (frozen)."""

    # BSKDN writes it; province officers may draft for theirs.
    write_policy = WritePolicy(writers=(REGION, NATIONAL))

    title = models.CharField(_("judul"), max_length=300)
    regions = models.ManyToManyField(Region, related_name="+")
    period_label = models.CharField(_("periode"), max_length=20)  # 2025-Q3, 2025-S1, 2025
    start = models.DateField()
    end = models.DateField()  # inclusive
    # Each region's `ucj coverage` object (its default month) when drafted: frozen.
    figures = models.JSONField(default=list, blank=True)
    letterhead = models.ForeignKey(
        Letterhead, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    intro = models.TextField(_("pengantar"), blank=True)
    state = models.CharField(max_length=8, choices=DocState.choices, default=DocState.DRAFT)
    number = models.CharField(_("nomor"), max_length=80, blank=True)
    date = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    issued = models.DateTimeField(null=True, blank=True)

    objects = MinisterQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("rekomendasi kepada Menteri")
        verbose_name_plural = _("rekomendasi kepada Menteri")

    def __str__(self) -> str:
        return self.title

    @property
    def is_issued(self) -> bool:
        return self.state == DocState.ISSUED


class MinisterItem(models.Model):
    """One recommendation of the document, in a dimension, with the findings behind it."""

    brief = models.ForeignKey(MinisterBrief, on_delete=models.CASCADE, related_name="items")
    dimension = models.CharField(_("dimensi"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("rekomendasi"))
    findings = models.ManyToManyField("monev.Finding", related_name="+", blank=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class AttachmentKind(models.TextChoices):
    MINUTES = "notulen", _("Notulen")
    ATTENDANCE = "daftar_hadir", _("Daftar hadir")
    PHOTO = "foto", _("Foto")
    DOCUMENT = "dokumen", _("Dokumen")


class Attachment(models.Model):
    """A checked file (type read from its content, size, no active content, virus scan
    hook) attached to a session, a regulation or a follow-up; read in its parent's scope.
    Stored under UCJ_DATA_DIR/uploads (in every backup) with its SHA-256."""

    session = models.ForeignKey(
        "monev.MonevSession",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    regulation = models.ForeignKey(
        Regulation, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    follow_up = models.ForeignKey(
        "monev.FollowUp",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    kind = models.CharField(_("jenis"), max_length=14, choices=AttachmentKind.choices)
    file = models.FileField(upload_to="monev/lampiran/%Y/")
    name = models.CharField(_("nama berkas"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("keterangan"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(session__isnull=False, regulation__isnull=True, follow_up__isnull=True)
                    | Q(session__isnull=True, regulation__isnull=False, follow_up__isnull=True)
                    | Q(session__isnull=True, regulation__isnull=True, follow_up__isnull=False)
                ),
                name="attachment_one_parent",
            )
        ]
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")

    def __str__(self) -> str:
        return self.name


class RequestWhat(models.TextChoices):
    """What is asked of the branch, and the import kind its file goes through."""

    PARTICIPANTS = "participants", _("Peserta aktif per segmen/program")
    MEMBERSHIP = "membership", _("Daftar kepesertaan (by name)")
    BENEFITS = "benefits", _("Manfaat/klaim dibayarkan")


class RequestState(models.TextChoices):
    REQUESTED = "requested", _("diminta")
    SENT = "sent", _("dikirim ke cabang")
    RECEIVED = "received", _("berkas diterima")
    LOADED = "loaded", _("dimuat")


OPEN_REQUEST_STATES = (RequestState.REQUESTED, RequestState.SENT)


class DataRequestQuerySet(ScopedQuerySet["DataRequest"]):
    scope_path = "regions"

    def for_user(self, user: Any, action: str = "view") -> DataRequestQuerySet:
        return super().for_user(user, action).distinct()  # type: ignore[return-value]

    def overdue(self, today: Any) -> DataRequestQuerySet:
        return self.filter(state__in=OPEN_REQUEST_STATES, due_date__lt=today)


class DataRequest(models.Model):
    """Permintaan data to a BPJS TK branch: what, for which regions and month, by when."""

    # The branch officer answers the requests for its regions.
    write_policy = WritePolicy(writers=(REGION, BRANCH, NATIONAL))

    what = models.CharField(_("data diminta"), max_length=14, choices=RequestWhat.choices)
    detail = models.CharField(_("rincian"), max_length=300, blank=True)
    regions = models.ManyToManyField(Region, related_name="+")
    period = models.DateField(_("bulan data"))
    # The office from the table of branch offices; `branch` keeps its name as it was
    # when the request was made (and the free text of requests made before the table).
    office = models.ForeignKey(
        "monev.BranchOffice", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    branch = models.CharField(_("kantor cabang BPJS TK"), max_length=200)
    due_date = models.DateField(_("tenggat"))
    state = models.CharField(
        max_length=10, choices=RequestState.choices, default=RequestState.REQUESTED
    )
    note = models.TextField(_("catatan"), blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    sent = models.DateTimeField(null=True, blank=True)
    received = models.DateTimeField(null=True, blank=True)
    loaded = models.DateTimeField(null=True, blank=True)

    objects = DataRequestQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("permintaan data")
        verbose_name_plural = _("permintaan data")

    def __str__(self) -> str:
        return f"{self.get_what_display()} {self.period:%Y-%m}"  # type: ignore[attr-defined]


class RequestFile(models.Model):
    """A file received against a request, and the import batch it became (when loaded)."""

    request = models.ForeignKey(DataRequest, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(default=0)
    batch = models.ForeignKey(
        "intake.ImportBatch", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ok = models.BooleanField(default=False)
    errors = models.JSONField(default=list, blank=True)
    uploaded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded", "id"]

    def __str__(self) -> str:
        return self.name
