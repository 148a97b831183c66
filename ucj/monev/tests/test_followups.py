"""Sessions for several regions, findings → recommendations → follow-ups, overdue and
escalation, and who may see and change them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ucj.accounts.testing import region
from ucj.monev import follow_up_lists, services
from ucj.monev.models import OVERDUE, AgendaKind, FollowUp, MonevSession, Status
from ucj.monev.tests.factories import TODAY, finding_with_follow_up, session_input

pytestmark = pytest.mark.django_db


def test_session_for_several_regions_has_standard_agenda_and_attendees(personas):
    session = services.record_session(personas.province, session_input(["15.03", "15.04", "15"]))
    assert sorted(session.regions.values_list("code", flat=True)) == ["15", "15.03", "15.04"]
    assert list(session.agenda.values_list("kind", flat=True)) == [
        AgendaKind.TARGET,
        AgendaKind.EVALUATION,
        AgendaKind.STRATEGY,
        AgendaKind.REGULATION,
    ]
    assert session.agenda.get(kind="target").notes == "Target 2025 disampaikan"
    assert session.attendees.count() == 2
    # Visible once to each home user, even though it matches through three regions.
    assert list(MonevSession.objects.for_user(personas.province)) == [session]
    assert list(MonevSession.objects.for_user(personas.kabkota)) == [session]
    assert list(MonevSession.objects.for_user(personas.outsider)) == []


def test_session_outside_scope_or_unknown_region_refused(personas):
    with pytest.raises(PermissionDenied, match=r"18\.02"):
        services.record_session(personas.kabkota, session_input(["15.03", "18.02"]))
    with pytest.raises(ValidationError, match=r"99\.99"):
        services.record_session(personas.national, session_input(["15.03", "99.99"]))
    assert MonevSession.objects.count() == 0


def test_follow_ups_show_per_region_until_done(personas):
    session = services.record_session(personas.national, session_input(["15.03", "18.02"]))
    finding_with_follow_up(personas.national, session, "15.03", dt.date(2025, 9, 30))
    finding_with_follow_up(personas.national, session, "18.02", dt.date(2025, 9, 30))
    saro, lamteng = region("15.03"), region("18.02")

    items = list(follow_up_lists.region_follow_ups(personas.kabkota, saro, today=TODAY))
    assert [(f.region.code, f.state) for f in items] == [("15.03", "open")]
    # The other region's follow-up does not leak into Sarolangun's list.
    assert list(follow_up_lists.region_follow_ups(personas.kabkota, lamteng, today=TODAY)) == []

    services.update_follow_up(personas.kabkota, items[0].pk, Status.IN_PROGRESS, "Draf RKA")
    assert follow_up_lists.follow_up_counts(personas.kabkota, saro, TODAY) == {
        "active": 1,
        "overdue": 0,
        "on_time": 1,
    }
    done = services.update_follow_up(
        personas.kabkota, items[0].pk, Status.DONE, "Ditetapkan di APBD-P", today=TODAY
    )
    assert done.completed == TODAY
    assert list(follow_up_lists.region_follow_ups(personas.kabkota, saro, today=TODAY)) == []
    assert [n.status for n in done.notes.all()] == [Status.IN_PROGRESS, Status.DONE]
    # Lampung Tengah's stays open.
    assert follow_up_lists.follow_up_counts(personas.national, lamteng, TODAY)["active"] == 1


def test_outsider_cannot_update_and_overdue_cannot_be_stored(personas):
    session = services.record_session(personas.national, session_input(["15.03"]))
    finding_with_follow_up(personas.national, session, "15.03", dt.date(2025, 9, 30))
    item = FollowUp.objects.get()
    with pytest.raises(PermissionDenied):
        services.update_follow_up(personas.outsider, item.pk, Status.DONE)
    with pytest.raises(ValidationError, match="overdue"):
        services.update_follow_up(personas.kabkota, item.pk, OVERDUE)
    item.refresh_from_db()
    assert item.status == Status.OPEN


def test_finding_for_region_not_in_session_refused(personas):
    session = services.record_session(personas.national, session_input(["15.03"]))
    with pytest.raises(ValidationError, match=r"18\.02"):
        finding_with_follow_up(personas.national, session, "18.02", dt.date(2025, 9, 30))


def test_overdue_is_derived_from_due_date_and_escalates_one_level(personas):
    session = services.record_session(personas.national, session_input(["15.03", "15", "18.02"]))
    finding_with_follow_up(personas.national, session, "15.03", dt.date(2025, 5, 31))
    finding_with_follow_up(personas.national, session, "15", dt.date(2025, 5, 1), "Bappeda")
    finding_with_follow_up(personas.national, session, "18.02", dt.date(2025, 12, 31))
    saro, jambi = region("15.03"), region("15")

    # Due yesterday: overdue today, in SQL and in Python alike.
    [item] = follow_up_lists.region_follow_ups(personas.kabkota, saro, today=TODAY)
    assert item.state == OVERDUE
    assert item.state_on(TODAY) == OVERDUE
    assert item.state_on(dt.date(2025, 5, 31)) == Status.OPEN
    assert follow_up_lists.follow_up_counts(personas.kabkota, saro, TODAY)["overdue"] == 1

    # Sarolangun's overdue item is on Jambi's list; Jambi's own is on the national list.
    prov_list = follow_up_lists.escalated(personas.province, jambi, TODAY)
    assert [f.region.code for f in prov_list] == ["15.03"]
    national = follow_up_lists.escalated(personas.national, None, TODAY)
    assert [f.region.code for f in national] == ["15"]
    # Lampung Tengah's item is not overdue, so it escalates nowhere.
    assert not follow_up_lists.escalated(personas.national, region("18"), TODAY).exists()
    # Before the due date nothing is escalated.
    assert not follow_up_lists.escalated(personas.national, jambi, dt.date(2025, 5, 1)).exists()

    # Done or cancelled items leave every list.
    services.update_follow_up(personas.kabkota, item.pk, Status.CANCELLED, "Tidak relevan")
    assert not follow_up_lists.escalated(personas.province, jambi, TODAY).exists()


def test_session_detail_hides_other_regions_findings(personas):
    session = services.record_session(personas.national, session_input(["15.03", "15.04"]))
    finding_with_follow_up(personas.national, session, "15.03", dt.date(2025, 9, 30))
    finding_with_follow_up(personas.national, session, "15.04", dt.date(2025, 9, 30))
    detail = services.session_detail(personas.kabkota, session.pk)
    assert [f.region.code for f in detail.visible_findings] == ["15.03"]
    [rec] = detail.visible_findings[0].visible_recommendations
    assert len(rec.visible_follow_ups) == 1
    assert services.session_detail(personas.outsider, session.pk) is None
    full = services.session_detail(personas.province, session.pk)
    assert [f.region.code for f in full.visible_findings] == ["15.03", "15.04"]


def test_follow_ups_created_with_a_finding_are_in_the_audit_history(personas):
    session = services.record_session(personas.national, session_input(["15.03"]))
    finding_with_follow_up(personas.national, session, "15.03", dt.date(2025, 9, 30))
    follow_up = FollowUp.objects.get()
    created = follow_up.history.filter(history_type="+")
    assert created.count() == 1
