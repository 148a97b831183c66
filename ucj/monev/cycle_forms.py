"""Forms of the monev-cycle pages (letters, recommendation to the Minister, evidence,
data requests). They parse; the services in letters/minister/evidence/data_requests
decide and write."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ucj.monev.branches import BranchOffice, offices_for
from ucj.monev.cycle_models import AttachmentKind, RequestWhat, Sifat
from ucj.monev.forms import DATE, _period
from ucj.monev.minister import DIMENSIONS


class LetterForm(forms.Form):
    sifat = forms.ChoiceField(label=_("Sifat"), choices=Sifat.choices)
    lampiran = forms.CharField(label=_("Lampiran"), max_length=100)
    hal = forms.CharField(label=_("Hal"), max_length=300)
    addressee = forms.CharField(label=_("Yth."), max_length=200)
    addressee_place = forms.CharField(label=_("di"), max_length=100)
    body = forms.CharField(
        label=_("Isi surat"),
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_("Paragraf dipisah satu baris kosong."),
    )
    tembusan = forms.CharField(
        label=_("Tembusan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu penerima per baris."),
    )


class MinisterDraftForm(forms.Form):
    regions = forms.CharField(
        label=_("Wilayah"),
        max_length=500,
        help_text=_("Kode dipisah koma, atau 'sumatera' (provinsi 11–19 dan 21)."),
    )
    period = forms.CharField(
        label=_("Periode"), max_length=10, help_text=_("2025-Q3, 2025-S1, 2025-07 atau 2025")
    )
    title = forms.CharField(label=_("Judul (opsional)"), max_length=300, required=False)

    def codes(self) -> list[str]:
        return [c for c in re.split(r"[\s,;]+", self.cleaned_data["regions"]) if c]


DIMENSION_CHOICES = [*DIMENSIONS, ("", _("belum ditentukan"))]


class MinisterItemForm(forms.Form):
    item = forms.IntegerField(required=False, widget=forms.HiddenInput)
    dimension = forms.ChoiceField(label=_("Dimensi"), choices=DIMENSION_CHOICES, required=False)
    text = forms.CharField(
        label=_("Rekomendasi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kosongkan untuk menghapus rekomendasi ini."),
    )


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=AttachmentKind.choices)
    file = forms.FileField(
        label=_("Berkas"),
        help_text=_("PDF, DOCX, XLSX, JPG atau PNG; diperiksa isinya, tanpa makro/skrip."),
    )
    description = forms.CharField(label=_("Keterangan"), max_length=300, required=False)


class DataRequestForm(forms.Form):
    what = forms.ChoiceField(label=_("Data diminta"), choices=RequestWhat.choices)
    detail = forms.CharField(
        label=_("Rincian"),
        max_length=300,
        required=False,
        help_text=_("mis. segmen PU dan BPU, program JKK/JKM"),
    )
    regions = forms.CharField(label=_("Kode wilayah"), max_length=300)
    period = forms.CharField(label=_("Bulan data (YYYY-MM)"), max_length=7)
    branch = forms.ModelChoiceField(
        label=_("Kantor cabang BPJS TK"),
        queryset=BranchOffice.objects.filter(active=True),
        help_text=_("Kantor cabang yang belum ada ditambahkan administrator di Admin."),
    )
    due_date = forms.DateField(label=_("Tenggat"), widget=DATE)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The offices serving a region the user may ask for (or whose area is not entered).
        field: Any = self.fields["branch"]
        field.queryset = offices_for(user)

    def clean_period(self) -> Any:
        return _period(self.cleaned_data["period"])

    def codes(self) -> list[str]:
        return [c for c in re.split(r"[\s,;]+", self.cleaned_data["regions"]) if c]


class RequestFileForm(forms.Form):
    file = forms.FileField(label=_("Berkas dari cabang (CSV/XLSX)"))
