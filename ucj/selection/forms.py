"""The selection form: the same inputs as `ucj select`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ucj.lib.fields import AmountField
from ucj.planning.models import FundingSourceKind
from ucj.selection.models import EligibilityScheme


class SelectionForm(forms.Form):
    scheme = forms.ChoiceField(label=_("Skema kelayakan"))
    budget = AmountField(label=_("Anggaran (Rp)"))
    programs = forms.MultipleChoiceField(
        label=_("Program"), choices=[("JKK", "JKK"), ("JKM", "JKM"), ("JHT", "JHT")],
        widget=forms.CheckboxSelectMultiple, initial=["JKK", "JKM"],
    )  # fmt: skip
    months = forms.IntegerField(label=_("Bulan"), min_value=1, max_value=600, initial=12)
    priority = forms.ChoiceField(
        label=_("Urutan prioritas"), required=False,
        choices=[("", _("menurut skema")), ("decile", _("desil")),
                 ("decile,group", _("desil, lalu kelompok")),
                 ("group,decile", _("kelompok, lalu desil"))],
    )  # fmt: skip
    segment = forms.ChoiceField(
        label=_("Segmen"), required=False, initial="BPU",
        choices=[("BPU", _("BPU (bukan penerima upah)")), ("PU", _("PU (penerima upah)"))],
    )  # fmt: skip
    income = AmountField(label=_("Penghasilan BPU (Rp, kosong = minimum)"), required=False)
    wage = AmountField(label=_("Upah sebulan PU (Rp)"), required=False)
    risk_class = forms.TypedChoiceField(
        label=_("Kelas risiko JKK PU"), required=False, coerce=int, empty_value=None,
        choices=[("", "–"), *((str(n), str(n)) for n in range(1, 6))],
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scheme = self.fields["scheme"]
        assert isinstance(scheme, forms.ChoiceField)
        scheme.choices = [(s.name, f"{s.name}: {s.label}") for s in EligibilityScheme.objects.all()]


class SaveForm(forms.Form):
    name = forms.CharField(label=_("Nama skenario"), max_length=200)
    funding = forms.ChoiceField(
        label=_("Sumber pendanaan"),
        # Dana Desa stays in the list so that choosing it is refused with its reason.
        choices=[(k.value, k.label) for k in FundingSourceKind],
    )
