"""The upload form: a file, its source, and (XLSX) the sheet."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ucj.lib import budget
from ucj.regions.fields import RegionField


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas (CSV atau XLSX)"))
    source = forms.CharField(label=_("Sumber data"), max_length=300, required=False)
    sheet = forms.CharField(
        label=_("Lembar (XLSX, kosong = pertama)"), max_length=100, required=False
    )
    region = RegionField(
        label=_("Wilayah untuk baris tanpa wilayah (kode atau nama, boleh kosong)"),
        required=False,
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if problem := budget.size_problem(upload.size):
            raise forms.ValidationError(" / ".join(problem))
        return upload
