"""Region pickers with type-ahead: one region (or several with `multiple=True`) by name,
alias or code, resolved by the same resolver as the header's region switcher. The server
resolves everything; `static/web/site.js` only adds the suggestions. Amount and count
fields: `ucj.lib.fields`.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from ucj.regions import resolver


class RegionPicker(forms.TextInput):
    """A search box whose suggestions (a datalist) come from the region switcher's list."""

    template_name = "web/widgets/region_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None, multiple: bool = False) -> None:
        base = {
            "class": "region-picker",
            "autocomplete": "off",
            "spellcheck": "false",
            "data-source": reverse_lazy("web:region-list"),
            "placeholder": _("nama, alias atau kode"),
        }
        if multiple:
            base["data-multiple"] = "1"
        super().__init__({**base, **(attrs or {})})
        self.multiple = multiple

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["multiple"] = self.multiple
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if self.multiple and hasattr(data, "getlist"):
            return "; ".join(v for v in data.getlist(name) if v.strip())
        return super().value_from_datadict(data, files, name)

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, list | tuple):
            return "; ".join(str(v) for v in value)
        return super().format_value(value)


PICKED = re.compile(r"\((\d{2}(?:\.\d{2}){0,3})\)\s*$")


def resolve_one(text: str, levels: tuple[str, ...] | None = None) -> str:
    """A name, alias, code or picked suggestion (`Kab. Sarolangun (15.03)`) → its code."""
    picked = PICKED.search(text)
    try:
        return resolver.resolve(picked.group(1) if picked else text, levels=levels).code
    except resolver.ResolutionError as exc:
        names = ", ".join(f"{c.name} ({c.code})" for c in exc.candidates[:5])
        if names:
            raise ValidationError(
                _("“%(text)s” tidak menunjuk satu wilayah. Mungkin: %(names)s."),
                params={"text": text, "names": names},
                code="ambiguous",
            ) from None
        raise ValidationError(
            _("Wilayah “%(text)s” tidak dikenal."), params={"text": text}, code="unknown"
        ) from None


class RegionField(forms.CharField):
    """Cleans to a region code (or a list of codes with `multiple=True`)."""

    def __init__(
        self, *, multiple: bool = False, levels: tuple[str, ...] | None = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("widget", RegionPicker(multiple=multiple))
        kwargs.setdefault("max_length", 2000 if multiple else 200)
        super().__init__(**kwargs)
        self.multiple = multiple
        self.levels = levels

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if not text:
            return [] if self.multiple else ""
        if not self.multiple:
            return resolve_one(text.strip(), self.levels)
        parts = [p.strip() for p in re.split(r"[;,\n]+", text) if p.strip()]
        codes: list[str] = []
        errors: list[ValidationError] = []
        for part in parts:
            try:
                code = resolve_one(part, self.levels)
            except ValidationError as exc:
                errors.append(exc)
                continue
            if code not in codes:
                codes.append(code)
        if errors:
            raise ValidationError(errors)
        return codes
