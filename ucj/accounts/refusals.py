"""Attempts on rows outside the caller's scope, recorded for the audit trail.

Every refusal goes through `refuse()`, the one place that writes an `AccessRefusal`.
What calls it:

- A scoped read (`Model.objects.for_user(user, action)` or `allowed_regions(user, action)`)
  that finds nothing with `.get()` (so `get_object_or_404` answers 404) or `.first()`
  after a `.filter()` (the `… .filter(pk=pk).first()` then `Http404` pattern) is checked
  once more without the scope, with the same filters: if the row exists, someone asked
  for another region's row (or for a right they lack). A `.first()` that finds nothing
  is only a candidate: it is recorded when the response is a 403 or 404 (a page that
  merely shows "none" for an empty scoped look-up is no refusal).
- A list filter naming a region outside the caller's scope (`refuse_filter`): the list
  answers empty, the attempt is recorded.
- Any other 403 answered to a signed-in caller (a `PermissionDenied` or
  `HttpError(403)` anywhere) with nothing recorded yet: the middleware records it under
  the route's name, with the region the address names when there is one.

The caller still gets the same 404 as for a row that does not exist. Rows are written
when the request ends (a middleware), outside any transaction the refusal rolled back;
outside a request at once. Only signed-in callers are recorded: anonymous callers see
public rows only and may probe nothing else, and recording them would let anyone fill
the table.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldError, ObjectDoesNotExist
from django.http import HttpRequest, HttpResponse

# (row, sure): an unsure row (a `.first()` that found nothing) is kept only when the
# response refuses (403/404).
_pending: contextvars.ContextVar[list[tuple[Any, bool]] | None] = contextvars.ContextVar(
    "ucj_refusals", default=None
)
REFUSING = (403, 404)


def _store() -> Any:
    """The AccessRefusal model. Looked up in the app registry, not imported: models.py
    imports the scope choke point, which imports this module, so an import of models
    here would close a circle (ucj/lib/tests/test_layers.py forbids them)."""
    return apps.get_model("accounts", "AccessRefusal")


class RefusalLogging:
    """QuerySet mixin: `.get()` on a scoped queryset notes a refused row before raising."""

    _ucj_scope: tuple[Any, str] | None = None
    _ucj_filters: tuple[tuple[tuple[Any, ...], dict[str, Any]], ...] = ()

    def _clone(self) -> Any:
        clone = super()._clone()  # type: ignore[misc]
        clone._ucj_scope = self._ucj_scope
        clone._ucj_filters = self._ucj_filters
        return clone

    def filter(self, *args: Any, **kwargs: Any) -> Any:
        """Filters added after the scope are kept, to ask again without the scope."""
        clone = super().filter(*args, **kwargs)  # type: ignore[misc]
        if self._ucj_scope is not None:
            clone._ucj_filters = (*self._ucj_filters, (args, kwargs))
        return clone

    def get(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().get(*args, **kwargs)  # type: ignore[misc]
        except self.model.DoesNotExist:  # type: ignore[attr-defined]
            if self._ucj_scope is not None:
                _note(self, self._ucj_scope, args, kwargs, sure=True)
            raise

    def first(self) -> Any:
        found = super().first()  # type: ignore[misc]
        if found is None and self._ucj_scope is not None and self._ucj_filters:
            _note(self, self._ucj_scope, (), {}, sure=False)
        return found


def scoped(qs: Any, user: Any, action: str) -> Any:
    qs._ucj_scope = (user, action)
    return qs


def _note(qs: Any, scope: tuple[Any, str], args: Any, kwargs: dict[str, Any], sure: bool) -> None:
    user, action = scope
    if not getattr(user, "is_authenticated", False):
        return
    model = qs.model
    path = getattr(qs, "scope_path", "region")
    code = f"{path}__pk" if path else "pk"
    steps = [*qs._ucj_filters, (args, kwargs)]
    try:
        unscoped = model._base_manager.all()
        for f_args, f_kwargs in steps:
            unscoped = unscoped.filter(*f_args, **f_kwargs)
        hit = list(unscoped.values_list("pk", code)[:1])
    except (ValueError, TypeError, FieldError, ObjectDoesNotExist):
        return  # a malformed look-up: nothing was refused
    if not hit:
        return  # no such row anywhere: an honest 404
    lookup = ", ".join(
        [*(str(a) for a in args), *(f"{k}={v}" for k, v in kwargs.items())]
        if args or kwargs
        else [f"{k}={v}" for _a, kw in qs._ucj_filters for k, v in kw.items()]
    )
    refuse(
        user,
        action,
        model._meta.label_lower,
        object_id=str(hit[0][0]),
        region_id=hit[0][1],
        lookup=lookup,
        sure=sure,
    )


def refuse(
    user: Any,
    action: str,
    obj: str,
    *,
    object_id: str = "",
    region_id: int | None = None,
    lookup: str = "",
    sure: bool = True,
) -> None:
    """Record that `user` was refused `action` on `obj` (a model label, or a route name).
    The one place an `AccessRefusal` is made. `sure=False`: kept only if the response
    refuses (403/404). Anonymous callers are not recorded."""
    if not getattr(user, "is_authenticated", False):
        return
    AccessRefusal = _store()

    row = AccessRefusal(
        user=user,
        action=action[:10],
        obj=obj[:120],
        object_id=object_id[:40],
        region_id=region_id,
        lookup=lookup[:200],
    )
    pending = _pending.get()
    if pending is None:
        if sure:
            row.save()
    else:
        pending.append((row, sure))


def _region_named(request: HttpRequest) -> int | None:
    """The region a refused address names (`/…/<code>/…` or `?region=`), if any."""
    from ucj.regions.models import Region

    match = getattr(request, "resolver_match", None)
    kwargs = getattr(match, "kwargs", {}) or {}
    for value in (kwargs.get("code"), request.GET.get("region"), request.GET.get("wilayah")):
        if value:
            pk = Region.objects.filter(code=str(value)[:20]).values_list("pk", flat=True).first()
            if pk is not None:
                return pk
    return None


class RecordRefusals:
    """Writes the request's refusals after the response is made."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        noted: list[tuple[Any, bool]] = []
        token = _pending.set(noted)
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            return response
        finally:
            _pending.reset(token)
            refused = status in REFUSING
            rows = [row for row, sure in noted if sure or refused]
            user = getattr(request, "user", None)
            if not rows and status == 403 and getattr(user, "is_authenticated", False):
                rows = [_forbidden(request, user)]
            if rows:
                AccessRefusal = _store()

                seen: set[tuple[Any, ...]] = set()
                unique = []
                for row in rows:
                    key = (row.action, row.obj, row.object_id, row.region_id, row.lookup)
                    if key not in seen:
                        seen.add(key)
                        unique.append(row)
                AccessRefusal.objects.bulk_create(unique)


def _forbidden(request: HttpRequest, user: Any) -> Any:
    """A 403 no scoped look-up explained: recorded under the route's name."""
    AccessRefusal = _store()

    match = getattr(request, "resolver_match", None)
    route = getattr(match, "view_name", "") or request.path
    kwargs = getattr(match, "kwargs", {}) or {}
    object_id = next((str(v) for k, v in kwargs.items() if k.endswith("id") or k == "pk"), "")
    writing = request.method not in ("GET", "HEAD", "OPTIONS")
    return AccessRefusal(
        user=user,
        action="change" if writing else "view",
        obj=f"route:{route}"[:120],
        object_id=object_id[:40],
        region_id=_region_named(request),
        lookup=f"{request.method} {request.path}"[:200],
    )


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
        # Literal pair kept: recorded text of an audit row, shown through web.language.shown.
        reason="di luar wilayah atau hak / outside the caller's regions or rights",
    )
