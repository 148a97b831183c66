"""Producing a reporting pack: resolve the region, check the reader's scope, compile the
figures (or take the frozen ones of an accepted pack) and render PDF or XLSX. One entry
point for the CLI (`ucj report pack`), the web page and the acceptance step."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from ucj.accounts.approval import ApprovalError
from ucj.accounts.periods import ReportingPeriod, parse_reporting_period
from ucj.accounts.roles import Role
from ucj.accounts.scoping import VIEW, SystemActor, allowed_regions, has_role, is_admin
from ucj.lib.bilingual import pair
from ucj.monev.pack_data import canonical, compile_pack
from ucj.monev.pack_pdf import render_pdf
from ucj.monev.pack_xlsx import render_xlsx
from ucj.monev.packs import Pack, act, pack_for
from ucj.regions.models import Region

FORMATS = {"pdf": render_pdf, "xlsx": render_xlsx}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def may_view(user: Any, region: Region | None) -> bool:
    # The CLI passes a system actor (admin); None is an anonymous visitor (fail closed).
    if region is None:
        return is_admin(user) or has_role(user, Role.NATIONAL)
    return allowed_regions(user, VIEW, Pack).filter(pk=region.pk).exists()


def _refused(code: str) -> ApprovalError:
    return ApprovalError(*pair(_("Wilayah %(code)s di luar cakupan Anda."), code=code), 403)


def figures(
    user: Any, code: str, period: str, today: dt.date | None = None
) -> tuple[dict[str, Any], Pack | None]:
    """The pack's figures and its stored Pack row (None when never submitted). Raises
    LookupError (unknown region) or ApprovalError (bad period, out of scope)."""
    rp: ReportingPeriod = parse_reporting_period(period)
    code, region = canonical(code)
    if not may_view(user, region):
        raise _refused(code)
    pack = Pack.objects.filter(code=code, period=rp.code).first()
    if pack is not None and pack.frozen:
        return dict(pack.figures or {}), pack
    return compile_pack(user, code, rp, today), pack


def produce(user: Any, code: str, period: str, fmt: str) -> tuple[bytes, dict[str, Any]]:
    """(file content, figures). An accepted pack gives back the file stored at acceptance."""
    if fmt not in FORMATS:
        raise ApprovalError(
            *pair(_("Format tidak dikenal: %(fmt)s (pdf atau xlsx)."), fmt=fmt), 400
        )
    data, pack = figures(user, code, period)
    stored = getattr(pack, fmt, None) if pack is not None and pack.frozen else None
    if stored:
        return bytes(stored), data
    return FORMATS[fmt](data), data


def step(user: Any, code: str, period: str, action: str) -> Pack:
    """submit / approve / accept the pack; acceptance stores figures, PDF and XLSX."""
    rp = parse_reporting_period(period)
    code, region = canonical(code)
    if not may_view(user, region):
        raise _refused(code)
    pack = pack_for(code, region, rp.code)

    def freeze(p: Pack) -> tuple[dict[str, Any], bytes, bytes]:
        # The whole region, whoever accepts it (None would be a public visitor's view).
        data = compile_pack(SystemActor("paket", "diterima"), code, rp)
        return data, render_pdf(data), render_xlsx(data)

    return act(user, pack, action, freeze=freeze)


def packs_for(user: Any) -> Any:
    return Pack.objects.for_user(user, VIEW).select_related("region").order_by("-period", "code")
