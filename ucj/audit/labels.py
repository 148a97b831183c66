"""The audit trail as people read it: who (name and role), what (labels in the active
language for actions and objects, region names), when (the configured time zone,
'2 Des 2026 03.10 WIB'). The CSV/XLSX export keeps the raw entries (`audit.Entry.row`)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ucj.accounts.models import RoleAssignment
from ucj.audit.sources import HISTORY, Entry, registered
from ucj.lib import formats
from ucj.regions.models import Region

ACTIONS = {
    "create": _("dibuat"),
    "update": _("diubah"),
    "delete": _("dihapus"),
    "view": _("dilihat"),
    "export": _("diunduh"),
    "committed": _("impor tersimpan"),
    "undone": _("impor dibatalkan"),
    "refused view": _("ditolak: melihat"),
    "refused change": _("ditolak: mengubah"),
}
HISTORY_LABEL = _("perubahan data")


# Person-data access is stored as Indonesian text ('rekonsiliasi #2 per orang, hal. 1',
# registry/pages.py): read back in the page's language, old rows included.
_ACCESS = re.compile(r"rekonsiliasi #(\d+) per orang(?:, hal\. (\d+)| \(CSV\))$")


def _object_label(obj: str) -> str:
    """'indicators.target' → its model's name ('target'); 'import:participants' → the
    import kind; a person-data access in the page's language; anything else as it is."""
    if found := _ACCESS.match(obj):
        pk, page = found.groups()
        if page:
            return str(
                _("rekonsiliasi #%(pk)s per orang, hal. %(page)s") % {"pk": pk, "page": page}
            )
        return str(_("rekonsiliasi #%(pk)s per orang (CSV)") % {"pk": pk})
    if obj.startswith("import:"):
        return f"{_('impor')} {obj.split(':', 1)[1]}"
    try:
        model = apps.get_model(obj)
    except (LookupError, ValueError):
        return obj
    return str(model._meta.verbose_name)


# Bookkeeping fields: in the export, not on the page.
HIDDEN = {"id", "created", "updated", "modified", "digest", "password"}


def _value(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("ya") if value else _("tidak"))
    if isinstance(value, dt.datetime):
        return formats.moment(value)
    if isinstance(value, dt.date):
        return formats.day(value)
    if isinstance(value, int | float | Decimal):
        decimals = 2 if isinstance(value, float | Decimal) and value % 1 else 0
        return formats.number(value, decimals)
    if isinstance(value, dict):  # a scenario's parameters: 'kind: reach; workers: 1.000'
        shown = (f"{k}: {_value(v)}" for k, v in value.items() if v not in (None, "", [], {}))
        return "; ".join(shown) or "–"
    if isinstance(value, list | tuple):
        return ", ".join(_value(v) for v in value) or "–"
    return str(value)


def _fields(entry: Entry) -> list[dict[str, str]]:
    """'Target (%): 45 → 50' with the field's own label and Indonesian formats."""
    try:
        model = apps.get_model(entry.obj)
    except (LookupError, ValueError):
        return []
    fields = {f.name: f for f in model._meta.concrete_fields}

    def shown(name: str, value: Any) -> str:
        field = fields.get(name)
        if field is not None and field.choices:  # 'open' → its label in the active language
            return str(dict(field.flatchoices).get(value, value))
        if "year" in name and isinstance(value, int):
            return str(value)  # 2025, not 2.025
        return _value(value)

    return [
        {
            "label": str(fields[name].verbose_name) if name in fields else name,
            "before": shown(name, before) if entry.action != "create" else "",
            "after": shown(name, after),
        }
        for name, before, after in entry.fields
        if name not in HIDDEN and after not in (None, "")
    ]


def _people(usernames: set[str]) -> dict[str, str]:
    """username → 'Full Name (role · region)' for the users named on one page."""
    users = get_user_model().objects.filter(username__in=usernames)
    names = {u.username: (u.get_full_name() or u.username) for u in users}
    roles: dict[str, list[str]] = {}
    for username, role, region in RoleAssignment.objects.filter(
        user__username__in=usernames
    ).values_list("user__username", "role", "region__name"):
        label = str(dict(RoleAssignment._meta.get_field("role").flatchoices).get(role, role))
        roles.setdefault(username, []).append(f"{label} {region}" if region else label)
    return {
        username: f"{name} ({', '.join(roles[username])})" if roles.get(username) else name
        for username, name in names.items()
    }


def source_choices() -> list[tuple[str, Any]]:
    """(value, label) of every `source` filter value, history first (the page's select)."""
    return [(HISTORY, HISTORY_LABEL), *((s.name, s.label) for s in registered())]


def readable(entries: list[Entry]) -> list[dict[str, Any]]:
    """One dict per entry for the audit page (a few queries per page, none per row)."""
    people = _people({e.user for e in entries if e.user})
    codes = {e.region for e in entries if e.region}
    regions = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    source_labels = dict(source_choices())
    return [
        {
            "entry": e,
            "at": e.at,
            "who": people.get(e.user, e.user) if e.user else "",
            "source": source_labels.get(e.source, e.source),
            "action": ACTIONS.get(e.action, e.action),
            "what": _object_label(e.obj),
            "region": regions.get(e.region, e.region),
            "fields": _fields(e) if e.source == "history" else [],
        }
        for e in entries
    ]
