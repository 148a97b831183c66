"""The recommendation to the Minister (rekomendasi kebijakan kepada Menteri), organised by
BSKDN's four dimensions: regulasi, penganggaran, aksesibilitas, pengawasan pelaksanaan
(FACTS §7.2).

Drafted from the findings of a set of regions in a period: one recommendation per
distinct recommendation text in a dimension, linked to the findings (and so the
sessions) behind it. The coverage figures shown are frozen at drafting. Texts can be
edited, added and removed while it is a draft; issuing numbers and freezes it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import CHANGE, VIEW, allowed_regions
from ucj.lib.bilingual import pair
from ucj.monev.cycle_models import DocState, MinisterBrief, MinisterItem
from ucj.monev.models import Finding
from ucj.regions.models import Level, Region

# The four dimensions, in the order BSKDN names them; keys as findings store them.
DIMENSIONS = [
    ("regulasi", "Regulasi"),
    ("penganggaran", "Penganggaran"),
    ("aksesibilitas", "Aksesibilitas"),
    ("pengawasan", "Pengawasan pelaksanaan"),
]
UNSORTED = ("", "Belum ditentukan dimensinya")
# Named sets of provinces (island groups as Paritrana zones use them, FACTS §2.2).
GROUPS = {"sumatera": ["11", "12", "13", "14", "15", "16", "17", "18", "19", "21"]}
_PERIOD = re.compile(r"^(\d{4})(?:-(Q[1-4]|S[12]|\d{2}))?$", re.I)


def dimension_of(finding: Any) -> str:
    """The finding's dimension; findings have none until issue 19's field exists."""
    return str(getattr(finding, "dimension", "") or "")


def obstacle_of(finding: Any) -> str:
    value = getattr(finding, "obstacle", None)
    return str(value) if value else ""


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """'2025-Q3' → 1 Jul..30 Sep; '2025-S1' → Jan..Jun; '2025-07'; '2025'."""
    m = _PERIOD.match((text or "").strip())
    if not m:
        raise ValidationError(
            pair(
                _("Periode '%(text)s' tidak dikenal; tulis 2025-Q3, 2025-S1, 2025-07 atau 2025"),
                text=text,
            ).joined()
        )
    year, part = int(m.group(1)), (m.group(2) or "").upper()
    if not part:
        first, last = 1, 12
    elif part.startswith("Q"):
        first = (int(part[1]) - 1) * 3 + 1
        last = first + 2
    elif part.startswith("S"):
        first = 1 if part == "S1" else 7
        last = first + 5
    else:
        first = last = int(part)
        if not 1 <= first <= 12:
            raise ValidationError(pair(_("Bulan %(month)s tidak ada"), month=part).joined())
    end = dt.date(year, last, calendar.monthrange(year, last)[1])
    return dt.date(year, first, 1), end


def resolve_regions(codes: list[str]) -> list[Region]:
    wanted: list[str] = []
    for code in codes:
        wanted += GROUPS.get(code.strip().lower(), [code.strip()])
    wanted = [c for c in dict.fromkeys(wanted) if c]
    found = {r.code: r for r in Region.objects.current().filter(code__in=wanted)}
    missing = [c for c in wanted if c not in found]
    if missing or not wanted:
        raise ValidationError(
            pair(
                _("Kode wilayah tidak dikenal: %(codes)s"), codes=", ".join(missing) or "-"
            ).joined()
        )
    return [found[c] for c in wanted]


def _in_regions(regions: list[Region]) -> Q:
    """A province stands for itself and its kab/kota."""
    q = Q(pk__in=[])
    for r in regions:
        q |= Q(region__province_code=r.code) if r.level == Level.PROVINCE else Q(region=r)
    return q


def findings_for(user: Any, regions: list[Region], start: dt.date, end: dt.date) -> Any:
    qs = Finding.objects.for_user(user, VIEW)
    return (
        qs.filter(_in_regions(regions), session__date__gte=start, session__date__lte=end)
        .select_related("region", "session")
        .prefetch_related("recommendations")
        .order_by("region__code", "session__date", "id")
    )


def _figures(regions: list[Region], extra: list[Region], end: dt.date) -> list[dict[str, Any]]:
    """Each region's `ucj coverage` object, frozen as JSON: for its latest complete month
    (its default month), or the period's last month when that is earlier."""
    from ucj.indicators.coverage import coverage, default_period

    keep = (
        *("code", "name", "period", "active_participants", "potential_workers"),
        *("coverage_pct", "category", "target_pct", "is_sample", "source"),
    )
    rows = []
    for region in dict.fromkeys([*regions, *extra]):
        month = default_period(region.code)
        if month is None or month > end.replace(day=1):
            month = end.replace(day=1)
        obj = json.loads(json.dumps(coverage(region.code, month), cls=DjangoJSONEncoder))
        rows.append({k: obj.get(k) for k in keep})
    return rows


def _check_may_write(user: Any, regions: list[Region]) -> None:
    allowed = set(
        allowed_regions(user, CHANGE, MinisterBrief)
        .filter(pk__in=[r.pk for r in regions])
        .values_list("pk", flat=True)
    )
    denied = [r.code for r in regions if r.pk not in allowed]
    if denied:
        raise PermissionDenied(
            pair(
                _("Anda tidak berwenang menulis untuk wilayah %(codes)s"), codes=", ".join(denied)
            ).joined()
        )


def draft(user: Any, codes: list[str], period: str, title: str = "") -> MinisterBrief:
    from ucj.monev.letters import ensure_letterhead

    regions = resolve_regions(codes)
    _check_may_write(user, regions)
    start, end = parse_period(period)
    findings = list(findings_for(user, regions, start, end))
    # dimension → recommendation text (normalised) → (text, findings)
    groups: dict[str, dict[str, tuple[str, list[Finding]]]] = {}
    for f in findings:
        texts = [r.text for r in f.recommendations.all()] or [f"Tindak lanjuti: {f.text}"]
        for text in texts:
            key = " ".join(text.lower().split())
            slot = groups.setdefault(dimension_of(f), {}).setdefault(key, (text.strip(), []))
            slot[1].append(f)
    with_findings = list({f.region_id: f.region for f in findings}.values())
    figures = _figures(regions, with_findings, end)
    with transaction.atomic():
        brief = MinisterBrief.objects.create(
            title=title or f"Rekomendasi Kebijakan Percepatan UCJ, periode {period.upper()}",
            period_label=period.upper(),
            start=start,
            end=end,
            intro=(
                f"Rekomendasi ini disusun dari {len(findings)} temuan monev di "
                f"{len(with_findings)} daerah pada periode {period.upper()}, dikelompokkan "
                "menurut empat dimensi: regulasi, penganggaran, aksesibilitas dan "
                "pengawasan pelaksanaan."
            ),
            figures=figures,
            letterhead=ensure_letterhead(),
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        brief.regions.set(regions)
        order = 0
        keys = [k for k, _ in DIMENSIONS] + sorted(set(groups) - {k for k, _ in DIMENSIONS})
        for dim in keys:
            for text, linked in groups.get(dim, {}).values():
                order += 1
                item = MinisterItem.objects.create(
                    brief=brief, dimension=dim, order=order, text=text
                )
                item.findings.set(linked)
    return brief


def get(user: Any, pk: int, action: str = VIEW) -> MinisterBrief:
    qs = MinisterBrief.objects.for_user(user, action)
    brief = qs.filter(pk=pk).first()
    if brief is None:
        raise PermissionDenied(
            pair(_("Dokumen #%(pk)s tidak ada atau di luar wewenang Anda"), pk=pk).joined()
        )
    return brief


def _editable(user: Any, pk: int) -> MinisterBrief:
    brief = get(user, pk, CHANGE)
    if brief.is_issued:
        raise ValidationError(
            pair(
                _("Dokumen %(number)s sudah diterbitkan dan tidak dapat diubah"),
                number=brief.number or brief.pk,
            ).joined()
        )
    return brief


def edit(user: Any, pk: int, title: str | None = None, intro: str | None = None) -> MinisterBrief:
    brief = _editable(user, pk)
    if title is not None:
        brief.title = title
    if intro is not None:
        brief.intro = intro
    brief.save(update_fields=["title", "intro"])
    return brief


def edit_item(user: Any, pk: int, item_id: int, text: str, dimension: str | None = None) -> None:
    """Change a recommendation's text (empty text removes it)."""
    brief = _editable(user, pk)
    item = brief.items.filter(pk=item_id).first()
    if item is None:
        raise ValidationError(pair(_("Rekomendasi #%(pk)s tidak ada"), pk=item_id).joined())
    if not text.strip():
        item.delete()
        return
    item.text = text.strip()
    if dimension is not None:
        item.dimension = _dimension(dimension)
    item.save()


def _dimension(value: str) -> str:
    allowed = [k for k, _ in DIMENSIONS] + [""]
    if value not in allowed:
        raise ValidationError(
            pair(_("Dimensi: pilih %(known)s"), known=", ".join(allowed[:-1])).joined()
        )
    return value


def add_item(user: Any, pk: int, dimension: str, text: str) -> MinisterItem:
    brief = _editable(user, pk)
    if not text.strip():
        raise ValidationError(pair(_("Teks rekomendasi kosong")).joined())
    last = brief.items.order_by("-order").values_list("order", flat=True).first() or 0
    return MinisterItem.objects.create(
        brief=brief, dimension=_dimension(dimension), order=last + 1, text=text.strip()
    )


def issue(user: Any, pk: int, on: dt.date | None = None) -> MinisterBrief:
    from ucj.monev.letters import ensure_letterhead, next_number

    on = on or dt.date.today()
    with transaction.atomic():
        brief = _editable(user, pk)
        head = brief.letterhead or ensure_letterhead()
        brief.letterhead = head
        brief.number = next_number(head, on.year)[1]
        brief.date, brief.state = on, DocState.ISSUED
        brief.issued = timezone.now()
        brief.issued_by = user if getattr(user, "is_authenticated", False) else None
        brief.save()
    return brief


def listing(user: Any) -> QuerySet[MinisterBrief]:
    qs = MinisterBrief.objects.for_user(user)
    return qs.order_by("-created", "-id")


def sections(brief: MinisterBrief) -> list[dict[str, Any]]:
    """The document's body: each dimension with its recommendations and their evidence."""
    items = list(
        brief.items.prefetch_related("findings__region", "findings__session").order_by("order")
    )
    labels = dict([*DIMENSIONS, UNSORTED])
    keys = [k for k, _ in DIMENSIONS] + sorted({i.dimension for i in items} - set(labels))
    if any(i.dimension == "" for i in items):
        keys.append("")
    out = []
    for key in keys:
        mine = [i for i in items if i.dimension == key]
        out.append(
            {
                "key": key,
                "label": labels.get(key, key),
                "items": [
                    {
                        "id": i.pk,
                        "text": i.text,
                        "evidence": [
                            {
                                "finding": f.pk,
                                "region": f.region.code,
                                "region_name": f.region.name,
                                "session": f.session_id,
                                "session_title": f.session.title,
                                "session_date": f.session.date,
                                "text": f.text,
                                "obstacle": obstacle_of(f),
                            }
                            for f in i.findings.all()
                        ],
                    }
                    for i in mine
                ],
            }
        )
    return out


def as_json(brief: MinisterBrief) -> dict[str, Any]:
    return {
        "id": brief.pk,
        "title": brief.title,
        "state": brief.state,
        "number": brief.number or None,
        "date": brief.date,
        "period": brief.period_label,
        "regions": sorted(brief.regions.values_list("code", flat=True)),
        "intro": brief.intro,
        "figures": brief.figures,
        "dimensions": sections(brief),
    }
