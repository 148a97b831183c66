"""Page filters (month, segment, program, category scheme), all carried in the URL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from ucj.indicators.models import Program, Segment
from ucj.lib.periods import optional_month
from ucj.web.language import shown


@dataclass(frozen=True)
class Filters:
    period: dt.date | None = None
    segment: str = ""
    program: str = ""
    scheme: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.strftime("%Y-%m") if self.period else None,
            "segment": self.segment or None,
            "program": self.program or None,
            "scheme": self.scheme,
        }


class MonthSelect(forms.Select):
    """The month picker, its options written here rather than through Django's template
    per option: it lists every month of history, and at 240 months those templates were
    most of what the national page's time grew by over 60 months (bench/indicators)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        selected = mark_safe(" selected")  # a constant
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], selected if option["selected"] else "", option["label"])
                for _group, choices, _index in widget["optgroups"]
                for option in choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(widget["attrs"]), options
        )


class FilterForm(forms.Form):
    period = forms.ChoiceField(label=_("Bulan"), required=False, widget=MonthSelect)
    segment = forms.ChoiceField(
        label=_("Segmen"),
        required=False,
        choices=[("", _("semua segmen")), *Segment.choices],
    )
    program = forms.ChoiceField(
        label=_("Program"),
        required=False,
        choices=[("", _("semua program")), *Program.choices],
    )
    scheme = forms.ChoiceField(label=_("Skema kategori"), required=False)

    def __init__(
        self,
        data: Any,
        periods: list[dt.date],
        schemes: list[tuple[int, str]],
    ) -> None:
        super().__init__(data)
        period_field: Any = self.fields["period"]
        period_field.choices = [
            ("", _("terbaru yang lengkap")),
            *[(p.strftime("%Y-%m"), p.strftime("%Y-%m")) for p in reversed(periods)],
        ]
        scheme_field: Any = self.fields["scheme"]
        scheme_field.choices = [
            ("", _("yang berlaku")),
            *[(str(pk), shown(n)) for pk, n in schemes],
        ]

    def filters(self) -> Filters:
        """Valid values only; anything else falls back to the default (never a 500)."""
        if not self.is_valid():
            clean = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        else:
            clean = self.cleaned_data
        period = optional_month(clean.get("period"))  # one of the listed months
        return Filters(
            period=period,
            segment=clean.get("segment") or "",
            program=clean.get("program") or "",
            scheme=int(clean["scheme"]) if clean.get("scheme") else None,
        )
