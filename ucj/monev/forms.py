"""Forms of the monev pages: they parse; the services decide and write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from ucj.lib import periods
from ucj.monev.models import AgendaKind, Mode, Organiser, Status
from ucj.monev.records import Regulation
from ucj.monev.services import FollowUpInput, RecommendationInput, SessionInput
from ucj.regions.fields import RegionField

EVIDENCE_TYPES = ["pdf", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx", "odt", "ods"]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _period(text: str) -> dt.date | None:
    try:
        return periods.optional_month(text)
    except periods.PeriodError:
        raise forms.ValidationError(_("Periode ditulis YYYY-MM, mis. 2025-03")) from None


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=DATE)
    title = forms.CharField(label=_("Judul"), max_length=200)
    organiser = forms.ChoiceField(label=_("Penyelenggara"), choices=Organiser.choices)
    organiser_other = forms.CharField(label=_("Penyelenggara lain"), required=False, max_length=200)
    mode = forms.ChoiceField(label=_("Bentuk"), choices=Mode.choices)
    location = forms.CharField(label=_("Tempat / tautan"), required=False, max_length=300)
    regions = RegionField(
        multiple=True,
        label=_("Wilayah"),
        help_text=_("Ketik nama, alias atau kode lalu pilih dari saran; boleh beberapa wilayah."),
    )
    period = forms.CharField(
        label=_("Periode data (YYYY-MM, kosong = terbaru)"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month"}),
    )
    held = forms.BooleanField(
        label=_("Sudah dilaksanakan (bekukan capaian tiap wilayah sekarang)"),
        required=False,
        initial=True,
    )
    attendees = forms.CharField(
        label=_("Peserta rapat (satu per baris: nama; instansi; peran)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    agenda_target = forms.CharField(
        label=AgendaKind.TARGET.label, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    agenda_evaluation = forms.CharField(
        label=AgendaKind.EVALUATION.label, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    agenda_strategy = forms.CharField(
        label=AgendaKind.STRATEGY.label, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    agenda_regulation = forms.CharField(
        label=AgendaKind.REGULATION.label, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    notes = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_period(self) -> dt.date | None:
        return _period(self.cleaned_data.get("period", ""))

    def clean_attendees(self) -> list[tuple[str, str, str]]:
        out = []
        for n, line in enumerate((self.cleaned_data.get("attendees") or "").splitlines(), 1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            if len(parts) < 2 or not parts[0] or not parts[1]:
                raise forms.ValidationError(
                    _(
                        "Baris %(n)s: tulis 'nama; instansi; peran' / line %(n)s: write "
                        "'name; office; role'"
                    )
                    % {"n": n}
                )
            out.append((parts[0][:200], parts[1][:200], (parts[2] if len(parts) > 2 else "")[:200]))
        return out

    def to_input(self) -> SessionInput:
        d = self.cleaned_data
        return SessionInput(
            date=d["date"],
            title=d["title"],
            organiser=d["organiser"],
            organiser_other=d["organiser_other"],
            mode=d["mode"],
            location=d["location"],
            region_codes=list(d["regions"]),
            period=d["period"],
            held=d["held"],
            notes=d["notes"],
            attendees=d["attendees"],
            agenda_notes={
                k: d[f"agenda_{k}"]
                for k in ("target", "evaluation", "strategy", "regulation")
                if d[f"agenda_{k}"]
            },
        )


class FindingForm(forms.Form):
    region = forms.ChoiceField(label=_("Wilayah"))
    indicator = forms.CharField(label=_("Indikator (opsional)"), required=False, max_length=40)
    text = forms.CharField(label=_("Temuan"), widget=forms.Textarea(attrs={"rows": 2}))
    dimension = forms.ChoiceField(label=_("Dimensi"), required=False)
    obstacle = forms.ChoiceField(label=_("Jenis kendala"), required=False)
    recommendation = forms.CharField(
        label=_("Rekomendasi"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    action = forms.CharField(
        label=_("Tindak lanjut"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible_office = forms.CharField(
        label=_("Penanggung jawab"), required=False, max_length=200
    )
    due_date = forms.DateField(label=_("Tenggat"), required=False, widget=DATE)

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = regions  # type: ignore[attr-defined]
        from ucj.monev.dimensions import UNKNOWN_LABEL, Dimension, ObstacleType

        self.fields["dimension"].choices = [("", UNKNOWN_LABEL), *Dimension.choices]  # type: ignore[attr-defined]
        self.fields["obstacle"].choices = [  # type: ignore[attr-defined]
            ("", UNKNOWN_LABEL),
            *((o.code, str(o)) for o in ObstacleType.objects.filter(active=True)),  # language
        ]

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        follow = [d.get("action"), d.get("responsible_office"), d.get("due_date")]
        if any(follow) and not all(follow):
            raise forms.ValidationError(_("Tindak lanjut perlu isi, penanggung jawab dan tenggat"))
        if any(follow) and not d.get("recommendation"):
            raise forms.ValidationError(_("Tindak lanjut perlu rekomendasi"))
        return d

    def recommendations(self) -> list[RecommendationInput]:
        d = self.cleaned_data
        if not d.get("recommendation"):
            return []
        follow = []
        if d.get("action"):
            follow.append(FollowUpInput(d["action"], d["responsible_office"], d["due_date"]))
        return [RecommendationInput(d["recommendation"], follow)]


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    note = forms.CharField(
        label=_("Catatan kemajuan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    due_date = forms.DateField(label=_("Tenggat baru (opsional)"), required=False, widget=DATE)
    evidence = forms.FileField(
        label=_("Berkas bukti (opsional)"),
        required=False,
        validators=[FileExtensionValidator(EVIDENCE_TYPES)],
        help_text=_("PDF, gambar, dokumen atau lembar kerja; maks. 10 MB"),
    )


class RegulationForm(forms.ModelForm):
    region_code = forms.CharField(label=_("Kode wilayah"), max_length=13)

    class Meta:
        model = Regulation
        fields = [
            "kind",
            "number",
            "year",
            "title",
            "status",
            "covers_non_asn",
            "covers_rt_rw",
            "covers_village_staff",
            "covers_vulnerable",
            "covers_permit",
            "covers_jakon_apbd",
            "covers_budget",
            "document",
            "source",
            "source_url",
            "as_of",
        ]
        widgets = {"as_of": DATE}
