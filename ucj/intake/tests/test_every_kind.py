"""Every registered import kind, from its own template: the same file twice changes
nothing, a locked month and an out-of-scope region are refused on every write path
(import, undo), and an import without a user is refused (issue 15, items 1, 2 and 6).

The sample of a kind is its template's example row (`Column.example`), placed in
Sarolangun (15.03). A new kind is covered without editing this file; one whose
examples do not make a valid row fails here until they do (or `SETUP` prepares what
the row points at)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from ucj.accounts.models import MonthApproval, MonthStatus
from ucj.accounts.policy import locked_model, policy_of
from ucj.accounts.testing import region
from ucj.intake import kinds
from ucj.intake.kinds import Kind
from ucj.intake.models import ImportBatch
from ucj.intake.pipeline import run_import as _run_import
from ucj.intake.testing import system_actor, write_csv
from ucj.intake.undo import undo_batch

pytestmark = pytest.mark.django_db

HOME = "15.03"  # Sarolangun: the kab/kota persona's, the branch persona's
OUT_OF_SCOPE = "you may not change data of this region"
LOCKED = "approved and locked"


def _recommendation(personas: Any) -> dict[str, str]:
    from ucj.monev import services
    from ucj.monev.models import Recommendation
    from ucj.monev.tests.factories import finding_with_follow_up, session_input

    session = services.record_session(personas.national, session_input([HOME]))
    finding_with_follow_up(personas.national, session, HOME, dt.date(2025, 9, 30))
    return {"rekomendasi_id": str(Recommendation.objects.get().pk)}


def _campaign(personas: Any) -> dict[str, str]:
    from ucj.campaigns.models import Campaign

    campaign = Campaign.objects.create(
        name="Pendataan RT/RW", region=region(HOME), group="rt_rw", start=dt.date(2025, 6, 1),
        end=dt.date(2025, 12, 31), target_count=10, owner_office="Dinas PMD",
    )  # fmt: skip
    return {"kampanye": str(campaign.pk)}


# What a kind's example row points at that must exist first (column → value).
SETUP: dict[str, Callable[[Any], dict[str, str]]] = {
    "tindak-lanjut": _recommendation,
    "pendataan": _campaign,
}


def _sample(tmp_path: Path, kind: Kind, personas: Any) -> Path:
    """The template's example row, in Sarolangun; the file name is the kind's, so a
    roster keeps its name (and natural key) on the second import."""
    values = {c.name: c.example for c in kind.columns}
    if kind.name in SETUP:
        values.update(SETUP[kind.name](personas))
    region_column = kind.region_column
    if kind.owner_region:  # no region column: the rows belong to the importing office
        assert region_column is None, kind.name
    else:
        assert region_column is not None, f"kind {kind.name}: no region column, no scope"
        values[region_column.name] = HOME
    missing = [c.name for c in kind.columns if c.required and not values[c.name]]
    assert not missing, f"kind {kind.name}: required columns without an example: {missing}"
    header = [c.name for c in kind.columns]
    return write_csv(tmp_path / f"{kind.name}.csv", [header, [values[h] for h in header]])


def _messages(outcome: Any) -> str:
    return " | ".join(e["message_en"] for e in outcome.as_json()["errors"])


def _lock(personas: Any, when: dt.date) -> None:
    MonthApproval.objects.create(
        region=region(HOME),
        period=when.replace(day=1),
        status=MonthStatus.APPROVED,
        approved_by=personas.province,
        approved_at=timezone.now(),
    )


def _stored_months(kind: Kind, batch: int) -> list[dt.date]:
    field = locked_model(kind.model)
    assert field is not None
    rows = kind.model._base_manager.filter(batch_id=batch)  # type: ignore[attr-defined]
    return sorted(set(rows.values_list(field, flat=True)))


KIND_NAMES = sorted(k.name for k in kinds.all_kinds())


def run_import(path: Path, name: str, *, user: Any) -> Any:
    """The pipeline's import; a kind whose rows belong to the importing office is
    placed in Sarolangun as every other kind's sample is (`--region`)."""
    kind = kinds.get(name)
    region = HOME if kind is not None and kind.owner_region else None
    return _run_import(path, name, user=user, region=region)


def test_every_kind_writes_a_model_that_declares_its_write_policy() -> None:
    assert len(KIND_NAMES) >= 11
    for kind in kinds.all_kinds():
        policy = policy_of(kind.model)  # raises for a model without a declaration
        assert policy.writers, kind.name


@pytest.mark.parametrize("name", KIND_NAMES)
def test_the_same_file_twice_changes_nothing(tmp_path: Path, personas: Any, name: str) -> None:
    kind = kinds.get(name)
    assert kind is not None
    path = _sample(tmp_path, kind, personas)
    first = run_import(path, name, user=system_actor())
    assert first.ok and first.inserted + first.updated >= 1, first.as_json()
    stored = kind.model._base_manager.count()  # type: ignore[attr-defined]
    again = run_import(path, name, user=system_actor())
    assert again.ok, again.as_json()
    assert (again.inserted, again.updated) == (0, 0), (name, again.as_json())
    assert again.batch is None  # nothing changed: no batch in the history
    assert kind.model._base_manager.count() == stored  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", KIND_NAMES)
def test_out_of_scope_and_missing_users_are_refused(
    tmp_path: Path, personas: Any, name: str
) -> None:
    """Import and undo, for a user whose regions do not hold Sarolangun and for None."""
    kind = kinds.get(name)
    assert kind is not None
    path = _sample(tmp_path, kind, personas)
    before = kind.model._base_manager.count()  # type: ignore[attr-defined]
    refused = run_import(path, name, user=personas.outsider)
    assert not refused.ok and OUT_OF_SCOPE in _messages(refused), (name, refused.as_json())
    nobody = run_import(path, name, user=None)
    assert nobody.exit_code == 2 and "without a user" in _messages(nobody)
    assert kind.model._base_manager.count() == before  # type: ignore[attr-defined]
    assert not ImportBatch.objects.exists()

    done = run_import(path, name, user=system_actor())
    assert done.ok and done.batch, done.as_json()
    for who in (personas.outsider, None):
        result = undo_batch(done.batch, who)
        assert not result.ok and "may not change data" in result.message_en, (name, who)
    assert ImportBatch.objects.get(pk=done.batch).status == "committed"


@pytest.mark.parametrize("name", KIND_NAMES)
def test_a_locked_month_is_refused_on_import_and_undo(
    tmp_path: Path, personas: Any, name: str
) -> None:
    """For kinds whose model declares `locked_by`: the import of an approved month is
    refused (also as the system: approval is the reason, not the user), and so is undoing
    a batch whose month was approved since. Other kinds: the lock does not apply."""
    kind = kinds.get(name)
    assert kind is not None
    if locked_model(kind.model) is None:
        assert run_import(_sample(tmp_path, kind, personas), name, user=system_actor()).ok
        return
    path = _sample(tmp_path, kind, personas)
    done = run_import(path, name, user=system_actor())
    assert done.ok and done.batch
    months = _stored_months(kind, done.batch)
    for month in months:
        _lock(personas, month)
    result = undo_batch(done.batch, system_actor())
    assert not result.ok and LOCKED in result.message_en, result
    # A file whose month is locked, by the kab/kota officer who may write the region.
    kind.model._base_manager.all()._raw_delete(kind.model._base_manager.db)  # type: ignore[attr-defined]
    for user in (personas.kabkota, system_actor()):
        refused = run_import(path, name, user=user)
        assert not refused.ok and LOCKED in _messages(refused), (name, refused.as_json())
    assert not kind.model._base_manager.exists()  # type: ignore[attr-defined]
