"""Forms: a funding row (Dana Desa refused by the model's own validation) and a scenario."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ucj.lib.fields import AmountField, CountField
from ucj.planning.models import PROGRAM_CODES, FundingSource
from ucj.planning.scenarios import KINDS


class FundingForm(forms.ModelForm):
    programs = forms.MultipleChoiceField(
        label=_("Program"),
        choices=[(p, p) for p in PROGRAM_CODES],
        widget=forms.CheckboxSelectMultiple,
        initial=["JKK", "JKM"],
    )

    class Meta:
        model = FundingSource
        fields = [
            "year",
            "source",
            "committed_amount",
            "realised_amount",
            "workers",
            "realised_workers",
            "worker_group",
            "programs",
            "document",
            "note",
            "as_of",
        ]
        widgets = {"as_of": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        field_classes = {
            "committed_amount": AmountField,
            "realised_amount": AmountField,
            "workers": CountField,
            "realised_workers": CountField,
        }

    def __init__(self, *args: Any, region: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if region is not None:
            self.instance.region = region
        if self.instance.pk:
            self.initial["programs"] = self.instance.programs.split(",")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The unique key includes the region, which is not a form field: check it here so
        # that a second row for the same year, source and group is a message, not a crash.
        key = {k: data.get(k) for k in ("year", "source", "worker_group")}
        if None in key.values():
            return data  # a missing field already has its own message
        same = FundingSource.objects.filter(region_id=self.instance.region_id, **key).exclude(
            pk=self.instance.pk
        )
        if same.exists():
            raise forms.ValidationError(
                _("Sudah ada baris untuk tahun, sumber dana dan kelompok ini; ubah baris itu")
            )
        return data

    def clean_programs(self) -> str:
        return ",".join(self.cleaned_data["programs"])


MONTH = forms.TextInput(attrs={"type": "month"})  # the browser's month picker; YYYY-MM


class ScenarioForm(forms.Form):
    name = forms.CharField(label=_("Nama skenario"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Pertanyaan"),
        choices=[
            ("reach", _("capai target (%)")),
            ("budget", _("anggaran tersedia")),
            ("workers", _("jumlah pekerja")),
        ],
    )
    target_pct = forms.DecimalField(
        label=_("Target (%)"),
        required=False,
        max_digits=6,
        decimal_places=2,
        min_value=0,
        max_value=100,
    )
    amount = AmountField(label=_("Anggaran (Rp)"), required=False, min_value=0)
    workers = CountField(label=_("Pekerja"), required=False, min_value=0)
    segment = forms.ChoiceField(label=_("Segmen"), choices=[("BPU", "BPU"), ("PU", "PU")])
    programs = forms.MultipleChoiceField(
        label=_("Program"),
        choices=[(p, p) for p in PROGRAM_CODES],
        widget=forms.CheckboxSelectMultiple,
        initial=["JKK", "JKM"],
    )
    months = forms.IntegerField(label=_("Bulan"), min_value=1, max_value=120, initial=12)
    start = forms.CharField(label=_("Mulai (YYYY-MM)"), required=False, max_length=7, widget=MONTH)
    period = forms.CharField(
        label=_("Periode data (YYYY-MM)"), required=False, max_length=7, widget=MONTH
    )
    income = AmountField(label=_("Penghasilan BPU (Rp)"), required=False, min_value=0)
    wage = AmountField(label=_("Upah PU (Rp)"), required=False, min_value=0)
    risk_class = forms.TypedChoiceField(
        label=_("Kelas risiko PU"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "–"), *[(i, str(i)) for i in range(1, 6)]],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        need = {"reach": "target_pct", "budget": "amount", "workers": "workers"}
        kind = data.get("kind")
        # (a field that could not be read already says so: no second "required" message)
        if kind in KINDS and data.get(need[kind]) in (None, "") and need[kind] not in self.errors:
            self.add_error(need[kind], _("Wajib untuk pertanyaan ini"))
        return data

    def params(self) -> dict[str, Any]:
        d = self.cleaned_data
        out: dict[str, Any] = {
            k: d.get(k)
            for k in (
                "kind",
                "segment",
                "months",
                "income",
                "wage",
                "risk_class",
                "amount",
                "workers",
            )
        }
        out["programs"] = list(d["programs"])
        out["target_pct"] = float(d["target_pct"]) if d.get("target_pct") is not None else None
        out["start"] = d.get("start") or None
        out["period"] = d.get("period") or None
        return {k: v for k, v in out.items() if v is not None}

    @staticmethod
    def initial_from(name: str, params: dict[str, Any]) -> dict[str, Any]:
        return {"name": name, **params}
