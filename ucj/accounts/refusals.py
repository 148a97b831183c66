"""Attempts on rows outside the caller's scope, recorded for the audit trail.

A scoped read (`Model.objects.for_user(user, action)` or `allowed_regions(user, action)`)
that finds nothing with `.get()` (so `get_object_or_404` answers 404) is checked once
more without the scope: if the row exists, someone asked for another region's row (or
for a right they lack), and an `AccessRefusal` is written. The caller still gets the
same 404 as for a row that does not exist. Rows are written when the request ends (a
middleware), outside any transaction the refusal rolled back; outside a request at once.
Only signed-in callers are recorded: anonymous callers see public rows only and may
probe nothing else, and recording them would let anyone fill the table.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldError, ObjectDoesNotExist
from django.http import HttpRequest, HttpResponse

_pending: contextvars.ContextVar[list[Any] | None] = contextvars.ContextVar(
    "ucj_refusals", default=None
)


def _store() -> Any:
    """The AccessRefusal model. Looked up in the app registry, not imported: models.py
    imports the scope choke point, which imports this module, so an import of models
    here would close a circle (ucj/lib/tests/test_layers.py forbids them)."""
    return apps.get_model("accounts", "AccessRefusal")


class RefusalLogging:
    """QuerySet mixin: `.get()` on a scoped queryset notes a refused row before raising."""

    _ucj_scope: tuple[Any, str] | None = None

    def _clone(self) -> Any:
        clone = super()._clone()  # type: ignore[misc]
        clone._ucj_scope = self._ucj_scope
        return clone

    def get(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().get(*args, **kwargs)  # type: ignore[misc]
        except self.model.DoesNotExist:  # type: ignore[attr-defined]
            if self._ucj_scope is not None:
                _note(self, self._ucj_scope, args, kwargs)
            raise


def scoped(qs: Any, user: Any, action: str) -> Any:
    qs._ucj_scope = (user, action)
    return qs


def _note(qs: Any, scope: tuple[Any, str], args: Any, kwargs: dict[str, Any]) -> None:
    user, action = scope
    if not getattr(user, "is_authenticated", False):
        return
    model = qs.model
    path = getattr(qs, "scope_path", "region")
    code = f"{path}__pk" if path else "pk"
    try:
        found = model._base_manager.filter(*args, **kwargs).values_list("pk", code)[:1]
        hit = list(found)
    except (ValueError, TypeError, FieldError, ObjectDoesNotExist):
        return  # a malformed look-up: nothing was refused
    if not hit:
        return  # no such row anywhere: an honest 404
    lookup = ", ".join([*(str(a) for a in args), *(f"{k}={v}" for k, v in kwargs.items())])
    row = _store()(
        user=user,
        action=action,
        obj=model._meta.label_lower,
        object_id=str(hit[0][0]),
        region_id=hit[0][1],
        lookup=lookup[:200],
    )
    pending = _pending.get()
    if pending is None:
        row.save()
    else:
        pending.append(row)


class RecordRefusals:
    """Writes the request's refusals after the response is made."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rows: list[Any] = []
        token = _pending.set(rows)
        try:
            return self.get_response(request)
        finally:
            _pending.reset(token)
            if rows:
                _store().objects.bulk_create(rows)


def audit_qs(f: Any) -> Any:
    """Refusals matching an audit filter (region, user, object, time)."""
    qs = _store().objects.filter(**f.time_range("at")).select_related("user", "region")
    if f.user:
        qs = qs.filter(user__username=f.user)
    if f.object_label:
        qs = qs.filter(obj=f.object_label)
    if f.object_id is not None:
        qs = qs.filter(object_id=str(f.object_id))
    region_ids = f.region_ids()
    if region_ids is not None:
        qs = qs.filter(region_id__in=region_ids)
    return qs


def audit_entry(row: Any, entry: Any) -> Any:
    return entry(
        at=row.at,
        source="refused",
        user=row.user.username if row.user else "",
        action=f"refused {row.action}",
        obj=row.obj,
        object_id=row.object_id,
        region=row.region.code if row.region else "",
        batch="",
        changes=row.lookup,
        reason="di luar wilayah atau hak / outside the caller's regions or rights",
    )
