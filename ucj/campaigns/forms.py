"""The campaign form: it parses; `services.create` / `services.update` decide and write.

The region list is what the user may write (`services.regions_for_new`, the model's
write policy through the choke point), so an officer is offered only their own regions;
the service checks again, since a form can be posted by hand."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ucj.campaigns import services
from ucj.campaigns.models import Campaign
from ucj.lib.fields import CountField
from ucj.registry.models import WorkerGroup

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SEGMENTS = [("BPU", _("BPU (bukan penerima upah)")), ("PU", _("PU (penerima upah)"))]


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Nama pendataan"), max_length=200)
    region = forms.ChoiceField(label=_("Wilayah"))
    group = forms.ChoiceField(label=_("Kelompok sasaran"), choices=WorkerGroup.choices)
    start = forms.DateField(label=_("Mulai"), widget=DATE, input_formats=["%Y-%m-%d"])
    end = forms.DateField(label=_("Selesai"), widget=DATE, input_formats=["%Y-%m-%d"])
    target_count = CountField(label=_("Target jumlah orang"))
    owner_office = forms.CharField(
        label=_("Perangkat daerah penanggung jawab"),
        max_length=200,
        help_text=_("mis. Dinas PMD, Disnaker"),
    )
    segment = forms.ChoiceField(label=_("Segmen kepesertaan"), choices=SEGMENTS, initial="BPU")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region = self.fields["region"]
        assert isinstance(region, forms.ChoiceField)
        region.choices = [(r.code, f"{r.name} ({r.code})") for r in services.regions_for_new(user)]

    @staticmethod
    def initial_of(item: Campaign) -> dict[str, Any]:
        return {
            "name": item.name, "region": item.region.code, "group": item.group,
            "start": item.start, "end": item.end, "target_count": item.target_count,
            "owner_office": item.owner_office, "segment": item.segment,
        }  # fmt: skip

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        self.add_problems(
            services.field_problems(
                start=d.get("start"), end=d.get("end"), target_count=d.get("target_count")
            )
        )
        return d

    def to_input(self) -> services.CampaignInput:
        d = self.cleaned_data
        return services.CampaignInput(
            name=d["name"], region_code=d["region"], group=d["group"], start=d["start"],
            end=d["end"], target_count=int(d["target_count"] or 0),
            owner_office=d["owner_office"], segment=d["segment"],
        )  # fmt: skip

    def add_problems(self, problems: dict[str, Any]) -> None:
        """The service's bilingual problems on their fields (both languages, as every
        bad-input message)."""
        for key, problem in problems.items():
            if key in self.fields and key not in self.errors:
                self.add_error(key, problem.joined())
            elif key not in self.fields:
                self.add_error(None, problem.joined())
