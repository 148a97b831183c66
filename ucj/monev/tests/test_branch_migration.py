"""The migration that made the branch a choice keeps what users typed (on either
database): every branch name of an earlier request becomes an office serving the regions
asked of it, and the request points to it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("monev", "0003_monev_cycle_letters_minister_evidence_requests")]
AFTER = [("monev", "0004_branch_offices_for_data_requests")]


def _migrate(targets: list[tuple[str, str]]) -> object:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def latest_after():
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    _migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_typed_branch_names_become_offices(master: None, latest_after: None) -> None:
    old = _migrate(BEFORE)
    regions = old.get_model("regions", "Region").objects
    request = old.get_model("monev", "DataRequest").objects
    day = dt.date(2025, 9, 1)
    made = []
    for code, branch in (("18.02", "Cabang Metro"), ("15.03", "cabang metro "), ("15.01", "Jambi")):
        r = request.create(what="participants", period=day, branch=branch, due_date=day)
        r.regions.set([regions.get(code=code)])
        made.append(r.pk)
    new = _migrate(AFTER)
    offices = new.get_model("monev", "BranchOffice").objects
    assert sorted(offices.values_list("name", flat=True)) == ["Cabang Metro", "Jambi"]
    metro = offices.get(name="Cabang Metro")
    assert sorted(metro.regions.values_list("code", flat=True)) == ["15.03", "18.02"]
    after = new.get_model("monev", "DataRequest").objects
    jambi = offices.get(name="Jambi").pk
    assert [after.get(pk=pk).office_id for pk in made] == [metro.pk, metro.pk, jambi]
