"""The audit stores moved into this app by state-only migrations: a database holding
audit rows in the old layout (history copies in `api`, the change log in `intake`,
person-data access in `registry`) keeps every row, readable on the audit page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from ucj.accounts.testing import make_user
from ucj.regions.models import Region

# The last migrations before the move, one per app that held an audit store.
BEFORE = [
    ("api", "0006_finding_dimension_benefit_history"),
    ("intake", "0004_batch_system_actor"),
    ("registry", "0005_natural_keys_roster_nik_membership_kpj"),
    ("audit", None),
]


def _migrate(targets: list[tuple[str, str | None]]) -> Any:
    """Migrate to `targets`; the models as the applied migrations leave them."""
    MigrationExecutor(connection).migrate(targets)
    applied = MigrationExecutor(connection)  # a fresh loader reads what is applied now
    return applied._create_project_state(with_applied_migrations=True).apps


@pytest.mark.django_db(transaction=True)
def test_rows_written_in_the_old_layout_survive_the_move(master, client):
    old = _migrate(BEFORE)
    with pytest.raises(LookupError):
        old.get_model("audit", "ChangeRecord")  # truly the old layout
    region_id = Region.objects.get(code="15.03").pk
    user_id = make_user("auditor_lama").pk  # the user table is not part of the move
    at = timezone.make_aware(dt.datetime(2025, 4, 2, 9, 30))
    old.get_model("api", "HistoricalTarget").objects.create(
        id=41,
        region_id=region_id,
        year=2025,
        pct="45.00",
        issuer="rpjmd",
        history_date=at,
        history_type="+",
        history_user_id=user_id,
    )
    batch = old.get_model("intake", "ImportBatch").objects.create(
        kind="participants", file_name="lama.csv", sha256="1" * 64, user_id=user_id
    )
    old.get_model("intake", "ChangeRecord").objects.create(
        batch=batch,
        model="indicators.Participation",
        object_id=7,
        key="15.03 2025-03 PU",
        field="count",
        before="10",
        after="12",
    )
    old.get_model("registry", "PersonDataAccess").objects.create(
        user_id=user_id, region_id=region_id, action="export", what="roster 3", rows=5
    )

    executor = MigrationExecutor(connection)
    _migrate(executor.loader.graph.leaf_nodes())

    from ucj.audit.entries import AuditFilter, page
    from ucj.audit.models import ChangeRecord, PersonDataAccess

    assert ChangeRecord.objects.get().after == "12"
    assert PersonDataAccess.objects.get().what == "roster 3"
    for f, expected in [
        (AuditFilter(source="history", obj="indicators.target"), "pct: 45.00"),
        (AuditFilter(source="import"), "count: 10 → 12"),
        (AuditFilter(source="access"), "5 baris"),
    ]:
        (entry,) = page(f, 1)[0]
        assert expected in entry.changes and entry.user == "auditor_lama", f.source
    client.force_login(make_user("analis_baru", role="national"))
    html = client.get(reverse("audit:audit")).content.decode()
    assert html.count("auditor_lama") >= 3  # one row per store, on the page itself
