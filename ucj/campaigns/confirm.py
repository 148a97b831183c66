"""The confirmation loop (issue 20, item 5): a later membership list decides, for each
person a campaign proposed, registered / registered under another scheme / not
registered; the gaps become monev follow-ups for the campaign's owner office.

Three UPDATEs, whatever the size (set-based); a list stored as Parquet is read by a lazy
scan and its people marked in UPDATEs of 5.000 hashes (`registry.confirmation.mark`).
The follow-ups are written by a system actor (the loop runs on its own when a membership
list is imported): one monev finding per confirmation, one follow-up per desa with
people still not registered. The same list twice is one confirmation: no second set of
follow-ups.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from ucj.accounts.scoping import CHANGE, SystemActor
from ucj.campaigns.funnel import latest_lists, reconcile_listed
from ucj.campaigns.models import AWAITING, Campaign, CampaignEntry, Confirmation, EntryStatus
from ucj.regions.models import Level
from ucj.registry.confirmation import mark, on_new_list

FOLLOW_UP_DAYS = 30  # the owner office's time to register the gaps (configurable later)
ACTOR = SystemActor("pendataan", "konfirmasi")


class NothingToConfirm(Exception):
    """The campaign's region has no membership list yet."""


def confirm(user: Any, campaign_id: int) -> dict[str, Any]:
    """Check the campaign's proposed people against its region's latest membership
    list(s). `user` must be allowed to change the campaign (the CLI: `cli_actor()`)."""
    campaign = (
        Campaign.objects.for_user(user, CHANGE)
        .select_related("region")
        .filter(pk=campaign_id)
        .first()
    )
    if campaign is None:
        raise PermissionDenied(campaign_id)
    return confirm_campaign(campaign)


def confirm_campaign(campaign: Campaign) -> dict[str, Any]:
    lists = latest_lists(campaign)
    if not lists:
        raise NothingToConfirm(campaign.pk)
    newest = max(lists, key=lambda m: (m.as_of, m.pk))
    done = Confirmation.objects.filter(campaign=campaign, membership_list=newest).first()
    if done is not None:
        return {**done.counts, "already_confirmed": True}
    with transaction.atomic():
        awaiting = CampaignEntry.objects.filter(campaign=campaign, status__in=AWAITING)
        checked = awaiting.count()
        code = campaign.region.code
        same = mark(awaiting, "nik_hash", lists, code, [campaign.segment, ""],
                    status=EntryStatus.REGISTERED)  # fmt: skip
        other = CampaignEntry.objects.filter(campaign=campaign, status__in=AWAITING)
        other_count = mark(other, "nik_hash", lists, code, status=EntryStatus.REGISTERED_OTHER)
        missing = CampaignEntry.objects.filter(campaign=campaign, status__in=AWAITING).update(
            status=EntryStatus.NOT_REGISTERED
        )
        reconcile_listed(campaign)
        counts = {
            "campaign": campaign.pk,
            "membership_list": {"id": newest.pk, "as_of": newest.as_of.isoformat()},
            "checked": checked,
            "registered": same,
            "registered_other_scheme": other_count,
            "not_registered": missing,
            "follow_ups": 0,
            "already_confirmed": False,
        }
        finding, counts["follow_ups"] = (
            _follow_ups(campaign, counts, newest.as_of) if missing else (None, 0)
        )
        Confirmation.objects.create(
            campaign=campaign, membership_list=newest, counts=counts, finding=finding
        )
    return counts


def _follow_ups(campaign: Campaign, counts: dict[str, Any], as_of: dt.date) -> tuple[Any, int]:
    """One finding on the campaign's region, one follow-up per desa with gaps."""
    from ucj.monev.models import Mode, Organiser
    from ucj.monev.services import (
        FollowUpInput,
        RecommendationInput,
        SessionInput,
        add_finding,
        record_session,
    )

    gaps = list(
        CampaignEntry.objects.filter(campaign=campaign, status=EntryStatus.NOT_REGISTERED)
        .values("desa__code", "desa__name")
        .annotate(n=Count("id"))
        .order_by("desa__code")
    )
    today = timezone.localdate()
    due = today + dt.timedelta(days=FOLLOW_UP_DAYS)
    province = campaign.region.level == Level.PROVINCE
    session = record_session(
        ACTOR,
        SessionInput(
            date=today,
            title=f"Konfirmasi pendataan: {campaign.name}"[:200],
            organiser=Organiser.PEMPROV if province else Organiser.PEMKAB_PEMKOT,
            mode=Mode.ONLINE,
            region_codes=[campaign.region.code],
            held=False,
            notes=f"Dibuat otomatis dari daftar kepesertaan per {as_of:%d/%m/%Y}.",
        ),
    )
    text = (
        f"Pendataan «{campaign.name}»: {counts['not_registered']} dari {counts['checked']} "
        f"orang yang diusulkan belum terdaftar di BPJS Ketenagakerjaan per {as_of:%d/%m/%Y}."
    )
    follow_ups = [
        FollowUpInput(
            f"Desa {g['desa__name']} ({g['desa__code']}): daftarkan {g['n']} orang usulan "
            f"pendataan yang belum terdaftar",
            campaign.owner_office,
            due,
        )
        for g in gaps
    ]
    recommendation = RecommendationInput(
        "Daftarkan peserta usulan yang belum terdaftar dan periksa sebabnya per desa",
        follow_ups,
    )
    finding = add_finding(ACTOR, session, campaign.region.code, text, [recommendation])
    return finding, len(follow_ups)


def on_membership_list(list_id: int) -> list[dict[str, Any]]:
    """After a membership list is saved (either kind): confirm every campaign of its
    region (or one holding it; a stored list: or one inside it) that has people waiting.
    Runs after the import's transaction commits."""
    from ucj.registry.models import MembershipList

    mlist = MembershipList.objects.filter(pk=list_id).select_related("region").first()
    if mlist is None:
        return []
    code = mlist.region.code
    around = Q(region__code__in=[code, *(code[:n] for n in (2, 5) if len(code) > n)])
    if mlist.store:  # a stored list also covers the campaigns inside its region
        around |= Q(region__code__startswith=f"{code}.")
    campaigns = (
        Campaign.objects.filter(around)
        .filter(entries__status__in=AWAITING)
        .distinct()
        .select_related("region")
    )
    return [confirm_campaign(c) for c in campaigns]


def connect_membership_hook() -> None:
    on_new_list("campaign", on_membership_list)
