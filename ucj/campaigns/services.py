"""Campaigns and their entries: the domain functions the pages, the API and the CLI call.

Every function takes the acting user and reads through `for_user`: a kab/kota officer
sees its campaigns, a province officer every campaign of its province (the province's
own and its kab/kota's), the CLI (`cli_actor()`) everything; `None` nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import CHANGE, VIEW, allowed_regions
from ucj.campaigns.funnel import reconcile_listed
from ucj.campaigns.models import Campaign, CampaignEntry, Confirmation, EntryStatus
from ucj.lib.bilingual import Bilingual, pair
from ucj.regions.models import KABKOTA, Level, Region
from ucj.registry import nik


class CampaignError(Exception):
    """A campaign's fields that cannot be stored; `problems` maps field → message."""

    def __init__(self, problems: dict[str, Bilingual]) -> None:
        super().__init__("; ".join(p.message_en for p in problems.values()))
        self.problems = problems


class EntryError(Exception):
    """A field officer's input that cannot be stored; `problems` maps field → message."""

    def __init__(self, problems: dict[str, Bilingual]) -> None:
        super().__init__("; ".join(p.message_en for p in problems.values()))
        self.problems = problems


def campaigns(user: Any, action: str = VIEW) -> QuerySet[Campaign]:
    """The campaigns this user may read (or change), with their entry counts."""
    return (
        Campaign.objects.for_user(user, action)
        .select_related("region")
        .annotate(
            listed=Count("entries"),
            proposed=Count("entries", filter=~Q(entries__status=EntryStatus.LISTED)),
            registered=Count("entries", filter=Q(entries__status=EntryStatus.REGISTERED)),
        )
    )


def campaign(user: Any, pk: int, action: str = VIEW) -> Campaign | None:
    return Campaign.objects.for_user(user, action).select_related("region").filter(pk=pk).first()


@dataclass
class CampaignInput:
    name: str
    region_code: str
    group: str
    start: dt.date
    end: dt.date
    target_count: int
    owner_office: str
    segment: str = "BPU"
    is_sample: bool = False


def regions_for_new(user: Any) -> QuerySet[Region]:
    """The provinces and kab/kota where this user may keep campaigns: the model's write
    policy (`Campaign.write_policy`, region officers in their regions; national analysts
    and branch officers none), through the choke point."""
    return (
        allowed_regions(user, CHANGE, Campaign)
        .filter(level__in=[Level.PROVINCE, *KABKOTA], valid_to__isnull=True)
        .order_by("code")
    )


def not_yours() -> Bilingual:
    return pair(_("Anda tidak berwenang mengelola pendataan di wilayah ini"))


def may_create(user: Any) -> bool:
    return regions_for_new(user).exists()


def field_problems(
    name: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    target_count: int | None = None,
    owner_office: str | None = None,
) -> dict[str, Bilingual]:
    """A campaign's field rules, one place for the form (which passes what it could
    parse: None is not checked) and the service (everything)."""
    problems: dict[str, Bilingual] = {}
    if name is not None and not name.strip():
        problems["name"] = pair(_("nama wajib diisi"))
    if start is not None and end is not None and end < start:
        problems["end"] = pair(_("tanggal selesai sebelum tanggal mulai"))
    if target_count is not None and target_count < 1:
        problems["target_count"] = pair(_("target jumlah orang paling sedikit 1"))
    if owner_office is not None and not owner_office.strip():
        problems["owner_office"] = pair(_("perangkat daerah penanggung jawab wajib diisi"))
    return problems


def _checked(user: Any, data: CampaignInput) -> Region:
    """The campaign's region if the user may write there; bad fields → CampaignError."""
    problems = field_problems(data.name, data.start, data.end, data.target_count, data.owner_office)
    if problems:
        raise CampaignError(problems)
    region = regions_for_new(user).filter(code=data.region_code).first()
    if region is None:
        raise PermissionDenied(data.region_code)
    return region


def create(user: Any, data: CampaignInput) -> Campaign:
    """A campaign of a kab/kota or province the user may change (the form, the CLI)."""
    region = _checked(user, data)
    return Campaign.objects.create(
        name=data.name.strip(),
        region=region,
        group=data.group,
        start=data.start,
        end=data.end,
        target_count=data.target_count,
        owner_office=data.owner_office.strip(),
        segment=data.segment,
        is_sample=data.is_sample,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )


def update(user: Any, pk: int, data: CampaignInput) -> Campaign:
    """Edit a campaign the user may change. Its region moves only while nothing is listed
    (entries lie in the region's desa). The history copy keeps before → after."""
    item = Campaign.objects.for_user(user, CHANGE).filter(pk=pk).first()
    if item is None:
        raise PermissionDenied(pk)
    region = _checked(user, data)
    if region.pk != item.region_id and item.entries.exists():
        raise CampaignError(
            {"region": pair(_("wilayah tidak dapat diubah: pendataan ini sudah berisi orang"))}
        )
    item.name, item.region, item.group = data.name.strip(), region, data.group
    item.start, item.end, item.target_count = data.start, data.end, data.target_count
    item.owner_office, item.segment = data.owner_office.strip(), data.segment
    item.save()
    return item


def desa_list(user: Any, item: Campaign) -> QuerySet[Region]:
    """The desa of the campaign's region this user may add entries to."""
    return (
        allowed_regions(user, CHANGE, CampaignEntry)
        .filter(level=Level.VILLAGE, code__startswith=f"{item.region.code}.")
        .order_by("code")
    )


def desa_of(user: Any, item: Campaign, code: str, action: str = VIEW) -> Region | None:
    """One desa of the campaign, if the user may read (or write) its entries."""
    if not code.startswith(f"{item.region.code}."):
        return None
    return (
        allowed_regions(user, action, CampaignEntry).filter(code=code, level=Level.VILLAGE).first()
    )


def entries(user: Any, item: Campaign, desa: Region, action: str = VIEW) -> QuerySet[CampaignEntry]:
    return CampaignEntry.objects.for_user(user, action).filter(campaign=item, desa=desa)


def elsewhere(item: Campaign, desa: Region, hashes: list[str]) -> dict[str, list[str]]:
    """For these NIK hashes, the other desa of the campaign listing them (duplicates)."""
    found: dict[str, list[str]] = {}
    rows = (
        CampaignEntry.objects.filter(campaign=item, nik_hash__in=hashes)
        .exclude(desa=desa)
        .values_list("nik_hash", "desa__name")
        .order_by("desa__code")
    )
    for key, name in rows:
        found.setdefault(key, []).append(name)
    return found


@dataclass
class EntryInput:
    name: str
    nik: str = ""  # typed once; empty on a correction keeps the stored NIK
    position: str = ""
    group: str = ""
    status: str = EntryStatus.LISTED.value


def _stored(raw: str) -> dict[str, Any]:
    """The stored form of one typed NIK (`registry.nik.stored_fields`, the one place)."""
    frame = pl.DataFrame({"nik": [raw]}, schema={"nik": pl.String})
    row = nik.stored_fields(frame, "nik", timezone.localdate()).collect().row(0, named=True)
    return {k: row[k] for k in ("nik_hash", "nik_masked", "nik_valid", "nik_error")}


def _check(data: EntryInput, need_nik: bool) -> dict[str, Bilingual]:
    problems: dict[str, Bilingual] = {}
    if not data.name.strip():
        problems["name"] = pair(_("nama wajib diisi"))
    if need_nik and not nik.normalize(data.nik):
        problems["nik"] = pair(_("NIK wajib diisi"))
    if data.status not in (EntryStatus.LISTED, EntryStatus.PROPOSED):
        problems["status"] = pair(_("status hanya terdata atau diusulkan"))
    return problems


def add_entry(user: Any, item: Campaign, desa: Region, data: EntryInput) -> CampaignEntry:
    """One person typed on the field page. The NIK is hashed and masked here and never
    kept or shown again; the same NIK twice in one desa is refused."""
    if desa_of(user, item, desa.code, CHANGE) is None:
        raise PermissionDenied(desa.code)
    problems = _check(data, need_nik=True)
    if problems:
        raise EntryError(problems)
    stored = _stored(data.nik)
    if CampaignEntry.objects.filter(campaign=item, desa=desa, nik_hash=stored["nik_hash"]).exists():
        raise EntryError({"nik": pair(_("NIK ini sudah terdata di desa ini"))})
    entry = CampaignEntry.objects.create(
        campaign=item,
        desa=desa,
        name=data.name.strip()[:200],
        position=data.position.strip()[:100],
        group=data.group or item.group,
        status=data.status,
        **stored,
    )
    reconcile_listed(item)
    return entry


def correct_entry(user: Any, item: Campaign, entry_id: int, data: EntryInput) -> CampaignEntry:
    """A correction: name, position, group, status (listed ↔ proposed) and, when typed
    again, the NIK. A status the confirmation set is not overwritten."""
    entry = (
        CampaignEntry.objects.for_user(user, CHANGE)
        .filter(campaign=item, pk=entry_id)
        .select_related("desa")
        .first()
    )
    if entry is None:
        raise PermissionDenied(entry_id)
    problems = _check(data, need_nik=False)
    if problems:
        raise EntryError(problems)
    if nik.normalize(data.nik):
        stored = _stored(data.nik)
        clash = CampaignEntry.objects.filter(
            campaign=item, desa=entry.desa, nik_hash=stored["nik_hash"]
        ).exclude(pk=entry.pk)
        if clash.exists():
            raise EntryError({"nik": pair(_("NIK ini sudah terdata di desa ini"))})
        for key, value in stored.items():
            setattr(entry, key, value)
        entry.member_before = None
    entry.name = data.name.strip()[:200]
    entry.position = data.position.strip()[:100]
    entry.group = data.group or entry.group
    if entry.status in (EntryStatus.LISTED, EntryStatus.PROPOSED):
        entry.status = data.status
    entry.save()
    reconcile_listed(item)
    return entry


def nik_warning(entry: CampaignEntry) -> Bilingual | None:
    """What the page says of an invalid NIK (stored, counted, to be checked again)."""
    if entry.nik_valid:
        return None
    return pair(_("NIK %(nik)s tidak sah: periksa lagi KTP/KK"), nik=entry.nik_masked)


def confirmations(user: Any, item: Campaign, limit: int = 10) -> QuerySet[Confirmation]:
    """The campaign's latest confirmations against membership lists, as the user may see."""
    return (
        Confirmation.objects.for_user(user, VIEW)
        .filter(campaign=item)
        .select_related("membership_list")
        .order_by("-pk")[:limit]
    )
