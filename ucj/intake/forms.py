"""The upload form: a file, its source, and (XLSX) the sheet."""

from __future__ import annotations

from typing import Any

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

    add = forms.BooleanField(
        label=_("Tambahkan ke daftar yang ada (bukan mengganti)"),
        required=False,
        help_text=_("Hanya baris yang belum ada di daftar terkini yang ditambahkan."),
    )

    def __init__(self, *args: Any, stores_lists: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not stores_lists:  # only kinds whose lists are replaced or added to
            del self.fields["add"]

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if problem := budget.size_problem(upload.size):
            raise forms.ValidationError(" / ".join(problem))
        return upload
