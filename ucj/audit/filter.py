"""The audit filter: one query string parsed once, read by the page, the API and the
export alike, already narrowed to the regions the reader may see (`scope`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone

from ucj.audit import sources
from ucj.regions.models import Region


@dataclass(frozen=True)
class AuditFilter:
    region: str = ""  # a region code: that region and everything under it
    user: str = ""  # username
    obj: str = ""  # app_label.model (lower case), optionally "#<id>"
    since: dt.date | None = None
    until: dt.date | None = None
    source: str = ""  # one of sources.names(), or all
    # The reader's regions (ids); None = the whole trail. Not part of the query string:
    # set from the signed-in user by `reader_scope`, never from the request.
    scope: frozenset[int] | None = field(default=None, compare=False)

    @classmethod
    def parse(cls, data: Any, scope: frozenset[int] | None = None) -> AuditFilter:
        def day(name: str) -> dt.date | None:
            text = (data.get(name) or "").strip()
            try:
                return dt.date.fromisoformat(text) if text else None
            except ValueError:
                return None  # a bad date is ignored, as an empty filter field

        source = (data.get("source") or "").strip()
        return cls(
            region=_region_code((data.get("region") or "").strip()[:200]),
            user=(data.get("user") or "").strip()[:150],
            obj=(data.get("obj") or "").strip().lower()[:120],
            since=day("since"),
            until=day("until"),
            source=source if source in sources.names() else "",
            scope=scope,
        )

    def as_query(self) -> dict[str, str]:
        pairs = {
            "region": self.region,
            "user": self.user,
            "obj": self.obj,
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
            "source": self.source,
        }
        return {k: v for k, v in pairs.items() if v}

    @property
    def object_label(self) -> str:
        return self.obj.split("#", 1)[0]

    @property
    def object_id(self) -> int | None:
        _label, sep, pk = self.obj.partition("#")
        return int(pk) if sep and pk.isdigit() else None

    def time_range(self, field: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        tz = timezone.get_current_timezone()
        if self.since:
            out[f"{field}__gte"] = dt.datetime.combine(self.since, dt.time.min, tz)
        if self.until:
            out[f"{field}__lt"] = dt.datetime.combine(
                self.until + dt.timedelta(days=1), dt.time.min, tz
            )
        return out

    def region_ids(self) -> list[int] | None:
        """The regions asked for, within the reader's scope; None = no region filter."""
        if not self.region:
            return None if self.scope is None else sorted(self.scope)
        code = self.region
        qs = Region.objects.filter(models.Q(code=code) | models.Q(code__startswith=code + "."))
        if len(code) == 2:
            qs = Region.objects.filter(province_code=code)
        ids = list(qs.values_list("pk", flat=True))
        return ids if self.scope is None else [i for i in ids if i in self.scope]


def _region_code(text: str) -> str:
    """The region picker sends a code, a name or a picked suggestion ('Kab. Sarolangun
    (15.03)'): its code; text that names no single region stays as typed (no match)."""
    import re

    from ucj.regions import resolver

    picked = re.search(r"\((\d{2}(?:\.\d{2}){0,3})\)\s*$", text)
    if picked:
        return picked.group(1)
    if not text or re.fullmatch(r"\d{2}(\.\d{2}){0,3}", text):
        return text
    try:
        return resolver.resolve(text).code
    except resolver.ResolutionError:
        return text[:13]
