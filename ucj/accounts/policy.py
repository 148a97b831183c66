"""Who may write a scoped model, and which month locks it: ONE declaration on the model.

    class Participation(Figure):
        write_policy = WritePolicy(writers=(REGION, BRANCH), locked_by="period")

writers (admins and system actors always write):
- REGION: province officers in their province, kab/kota officers in their kab/kota;
- BRANCH: BPJS TK branch officers in the regions assigned to them;
- NATIONAL: national analysts, in every region.
locked_by: the model's month field (first day of the month). A month of the row's region
that its province approved (`accounts.approval`, until reopened) refuses every write.

Everything that writes reads this declaration; nothing else lists models:
- scope: `Model.objects.for_user(user, CHANGE)` and `allowed_regions(user, CHANGE, Model)`
  (`scoping.py`), so API routes, forms and services that write through them;
- the import pipeline (`intake/guard.py`): every row's region and locked month, set-based;
- undo (`intake/undo.py`): the batch's rows, scope and lock;
- the ORM (`month_lock.connect_locks`, from `AccountsConfig.ready`): every save and delete of a
  locked model (admin, shell, a form that forgot) checks the lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

REGION = "region"  # province and kab/kota officers, in their own regions
BRANCH = "branch"  # BPJS TK branch officers, in their assigned regions
NATIONAL = "national"  # national analysts, everywhere
WRITERS = (REGION, BRANCH, NATIONAL)


@dataclass(frozen=True)
class WritePolicy:
    writers: tuple[str, ...]
    locked_by: str | None = None

    def __post_init__(self) -> None:
        unknown = set(self.writers) - set(WRITERS)
        if unknown:
            raise ValueError(f"unknown writers {sorted(unknown)}; use {WRITERS}")

    def allows(self, writer: str) -> bool:
        return writer in self.writers

    def describe(self) -> str:
        """For docs and tests: 'region, branch; locked by period'."""
        lock = f"; locked by {self.locked_by}" if self.locked_by else ""
        return ", ".join(self.writers) + lock


def policy_of(model: Any) -> WritePolicy:
    """The model's declaration; a scoped model without one is a configuration error (no
    silent default that would let someone write, or lock nobody out)."""
    policy = getattr(model, "write_policy", None)
    if not isinstance(policy, WritePolicy):
        raise ImproperlyConfigured(
            f"{model._meta.label} has no write_policy = WritePolicy(...) (ucj/accounts/policy.py)"
        )
    return policy


def locked_model(model: Any) -> str | None:
    """The month field that locks `model`, or None (no declaration = not locked)."""
    policy = getattr(model, "write_policy", None)
    return policy.locked_by if isinstance(policy, WritePolicy) else None
