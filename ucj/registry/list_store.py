"""Membership lists stored for their size: Parquet files under UCJ_LIST_STORE (issue 17).

A national list (BPJS TK: about 40 million active members) does not fit the database
path of the intake pipeline (a Python object per row, 0.9 GB of RAM per million rows).
Here the file is read by the streaming engine in one pass: parsed, its NIK validated,
hashed (HMAC-SHA256 in Rust, `nik.nik_hash_expr`) and masked, the raw NIK dropped, and
written as Parquet partitioned by province. Memory stays flat whatever the file's size.

Each province's part becomes one `MembershipList` (its region the province, so the
scope rules of every page, `for_user` and the write policy, are those of any list),
registered with the import batch; its rows stay in `<store>/membership/<list id>/`.
Why Parquet and not database rows: docs/ARCHITECTURE.md, "Person-level lists".

Replace (the default): each province in the file gets a new list, which is its current
list from then on; the same file again changes nothing (same batch content, skipped).
Add (`add=True`): the province's current list is extended by the rows whose (hashed NIK,
KPJ) it does not hold yet; a new list holds only those rows and points at its base, so
adding the same file again adds nothing. Undo removes the batch's lists and their files
(refused while a later list was added on top of one of them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import CHANGE, SystemActor
from ucj.intake.extensions import add_batch_undo
from ucj.intake.models import BatchStatus, ImportBatch
from ucj.lib.bilingual import pair
from ucj.regions.models import Region
from ucj.registry import files
from ucj.registry.list_read import FLAGS, Refused, check, prepared, problem
from ucj.registry.models import MembershipList

__all__ = ["Refused", "StoreResult", "import_membership", "scan"]
BATCH_KIND = "membership_list"
# What a stored list holds: never the raw NIK nor a birth date.
STORED = ["nik_hash", "nik_masked", "nik_valid", "kpj", "segment", *FLAGS, "status",
          "last_paid", "region_code", "row"]  # fmt: skip
Progress = Callable[[str, int, int], None]
PERSONS_SLICE = 10_000_000  # rows counted at once by `persons` (≈ 1 GB of hashes)


@dataclass
class StoreResult:
    batch: int | None
    rows: int
    lists: list[dict[str, Any]] = field(default_factory=list)
    unchanged: bool = False
    dry_run: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"batch": self.batch, "rows": self.rows, "unchanged": self.unchanged,
                "lists": self.lists, "dry_run": self.dry_run}  # fmt: skip


def root() -> Path:
    return Path(settings.UCJ_LIST_STORE)


def list_dirs(mlist: MembershipList) -> list[Path]:
    """The folders holding a stored list's rows: its own and its bases'."""
    out: list[Path] = []
    current: MembershipList | None = mlist
    while current is not None and current.store:
        out.append(root() / current.store)
        current = current.base
    return out


def _read(folder: Path) -> pl.LazyFrame:
    return pl.scan_parquet(str(folder / "*.parquet")).select(STORED)


def scan(mlist: MembershipList) -> pl.LazyFrame:
    """A stored list's rows (its own and its bases'), lazily, for the streaming engine."""
    parts = [_read(d) for d in list_dirs(mlist) if any(d.glob("*.parquet"))]
    return pl.concat(parts) if parts else pl.LazyFrame(schema=dict.fromkeys(STORED, pl.String))


def persons(lists: list[MembershipList]) -> int:
    """Distinct persons (hashed NIKs) across these lists and their bases. Counting tens of
    millions of hashes costs more than a reconciliation's whole join, and a set of stored
    lists never changes (their files are never rewritten), so the count is made once per
    set, on first need, and kept beside the lists (`persons/<set>.json`; derived, so a
    restore without it just counts again)."""
    dirs = sorted({d.relative_to(root()).as_posix() for m in lists for d in list_dirs(m)})
    memo = root() / "persons" / f"{hashlib.sha256('|'.join(dirs).encode()).hexdigest()[:32]}.json"
    try:
        return int(json.loads(memo.read_text())["persons"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    parts = [
        _read(root() / d).select("nik_hash") for d in dirs if any((root() / d).glob("*.parquet"))
    ]
    if not parts:
        return 0
    frame = pl.concat(parts)
    # Counted in slices of at most ~10M rows by the hash's first byte (a person is in one
    # slice only, so the sum is exact): the set of one slice's hashes is what memory holds.
    rows = int(frame.select(pl.len()).collect().item())
    slices = max(1, -(-rows // PERSONS_SLICE))
    first = pl.col("nik_hash").str.slice(0, 2).str.to_integer(base=16, strict=False) % slices
    n = 0
    for part in range(slices):
        counted = frame.filter(first == part) if slices > 1 else frame
        count = counted.select(pl.col("nik_hash").drop_nulls().n_unique())
        n += int(count.collect(engine="streaming").item())
    memo.parent.mkdir(parents=True, exist_ok=True)
    tmp = memo.with_suffix(f".{uuid.uuid4().hex}.tmp")
    tmp.write_text(json.dumps({"persons": n, "lists": dirs}))
    os.replace(tmp, memo)  # whole or absent, whatever server reads it
    return n


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 22), b""):
            digest.update(chunk)
    return digest.hexdigest()


class _NothingNew(Exception):
    """Every row of the file is already held: no batch, nothing written."""


def current_list(province: Region) -> MembershipList | None:
    return (
        MembershipList.objects.filter(region=province)
        .exclude(store="")
        .order_by("-as_of", "-id")
        .first()
    )


def import_membership(
    path: Path,
    user: Any,
    *,
    add: bool = False,
    source: str = "",
    as_of: dt.date | None = None,
    region: Region | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> StoreResult:
    """Store a membership file (CSV or XLSX, any size, any mix of provinces) as `user`:
    the one way in for `ucj lists import`, the web upload page and the API (through
    `registry.uploads`). Raises files.FileProblem (bad cells, unknown regions) or Refused
    (scope); nothing is stored then. `region`: the whole file's region when it has no
    region column. `dry_run`: read and check everything, register nothing. `progress`
    (stage, done, total) is told each stage, as the import pipeline tells its jobs."""
    if user is None:
        raise Refused([problem(path, 1, "wilayah", None, *pair(_("masuk dulu")))])
    if not path.exists():
        raise FileNotFoundError(path)
    tell = progress or (lambda stage, done, total: None)
    as_of = as_of or timezone.localdate()
    tell("baca / read", 0, 0)
    digest = _sha256(path)
    if not add and (held := _same_file_is_current(digest)) is not None:
        return StoreResult(None, held, unchanged=True, dry_run=dry_run)
    base = root()
    tmp = base / f".incoming-{uuid.uuid4().hex}"
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        frame = prepared(path, as_of, region)
        keep = [*STORED, "wilayah", *(f"_bad_{c}" for c in [*files.BAD_COLUMNS, "wilayah"])]
        frame.select(*keep, pl.col("province").fill_null("__")).sink_parquet(
            pl.PartitionBy(tmp, key="province", include_key=False),
            mkdir=True,
            # small row groups: each province's open file buffers one
            row_group_size=32_768,
        )
        tell("periksa / check", 0, 0)
        check(path, tmp, user)
        if dry_run:
            return _planned(tmp, add)
        return _register(path, tmp, user, digest, add=add, source=source, as_of=as_of, tell=tell)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _planned(tmp: Path, add: bool) -> StoreResult:
    """A dry run's answer: the lists the file would make (rows read, before `add` keeps
    only the new ones)."""
    result = StoreResult(None, 0, dry_run=True)
    for folder in sorted(p for p in tmp.iterdir() if p.is_dir()):
        owner = Region.objects.filter(code=_owner(folder)).first()
        n = int(_read(folder).select(pl.len()).collect().item())
        prior = current_list(owner) if add and owner else None
        result.rows += n
        result.lists.append({"id": None, "region": owner.code if owner else None, "rows": n,
                             "base": prior.pk if prior else None})  # fmt: skip
    return result


def _same_file_is_current(digest: str) -> int | None:
    """The same file's replace batch is committed and each of its lists is still its
    province's current list: importing it again would change nothing. The rows it
    holds, else None."""
    batch = (
        ImportBatch.objects.filter(kind=BATCH_KIND, sha256=digest, status=BatchStatus.COMMITTED)
        .order_by("-id")
        .first()
    )
    if batch is None:
        return None
    lists = list(MembershipList.objects.filter(batch=batch).select_related("region"))
    # and its files are there (a store restored without them takes the file again)
    current = bool(lists) and all(
        m.base_id is None and current_list(m.region) == m and (root() / m.store).is_dir()
        for m in lists
    )
    return sum(m.stored_rows for m in lists) if current else None


def _owner(folder: Path) -> str:
    """The list's region: the smallest province or kab/kota holding all its rows (a kab/kota
    officer's list is the kab/kota's, under the same scope rules as any list)."""
    codes = pl.scan_parquet(str(folder / "*.parquet")).select(pl.col("region_code").unique())
    parts = [c.split(".") for c in codes.collect(engine="streaming")["region_code"].to_list()]
    common: list[str] = []
    for level in zip(*parts, strict=False):
        if len(set(level)) != 1:
            break
        common.append(level[0])
    return ".".join(common[:2])


def _register(
    path: Path,
    tmp: Path,
    user: Any,
    digest: str,
    *,
    add: bool,
    source: str,
    as_of: dt.date,
    tell: Progress,
) -> StoreResult:
    parts = sorted(p for p in tmp.iterdir() if p.is_dir())
    provinces = {p.name.split("=", 1)[1]: p for p in parts}
    owners = {code: _owner(folder) for code, folder in provinces.items()}
    regions = {r.code: r for r in Region.objects.filter(code__in=list(owners.values()))}
    regions = {code: regions[owner] for code, owner in owners.items()}
    written: list[Path] = []
    result = StoreResult(None, 0)
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.create(
                kind=BATCH_KIND, file_name=path.name[:255], sha256=digest, source=source[:300],
                user=user if getattr(user, "is_authenticated", False) else None,
                system=user.label if isinstance(user, SystemActor) else "",
            )  # fmt: skip
            for i, (code, folder) in enumerate(sorted(provinces.items())):
                tell("simpan / store", i, len(provinces))
                prior = current_list(regions[code]) if add else None
                target = Path("membership") / uuid.uuid4().hex
                written.append(root() / target)
                if prior is None:
                    # The partition is the list: moved, not rewritten.
                    (root() / target).parent.mkdir(parents=True, exist_ok=True)
                    os.replace(folder, root() / target)
                else:
                    rows = _read(folder)
                    held = scan(prior).select("nik_hash", "kpj")
                    keys = rows.select("nik_hash", "kpj")
                    present = held.join(keys, on=["nik_hash", "kpj"], how="semi")
                    rows = rows.join(present, on=["nik_hash", "kpj"], how="anti")
                    (root() / target).mkdir(parents=True)
                    rows.sink_parquet(root() / target / "part-0.parquet")
                n = int(_read(root() / target).select(pl.len()).collect().item())
                if n == 0 and prior is not None:
                    continue  # nothing new for this province
                mlist = MembershipList.objects.create(
                    region=regions[code], as_of=as_of, source=(source or path.name)[:300],
                    batch=batch, store=target.as_posix(), stored_rows=n, base=prior,
                )  # fmt: skip
                result.rows += n
                result.lists.append({"id": mlist.pk, "region": regions[code].code, "rows": n,
                                     "base": prior.pk if prior else None})  # fmt: skip
            if not result.lists:
                raise _NothingNew
            tell("simpan / store", len(provinces), len(provinces))
            batch.rows = batch.inserted = result.rows
            batch.save(update_fields=["rows", "inserted"])
            result.batch = batch.pk
            _drop_unused(written, [m["id"] for m in result.lists])
    except BaseException as exc:
        for folder in written:
            shutil.rmtree(folder, ignore_errors=True)
        if isinstance(exc, _NothingNew):
            return StoreResult(None, 0, unchanged=True)
        raise
    return result


def _drop_unused(written: list[Path], ids: list[int]) -> None:
    used = set(MembershipList.objects.filter(id__in=ids).values_list("store", flat=True))
    for folder in written:
        if folder.relative_to(root()).as_posix() not in used:
            shutil.rmtree(folder, ignore_errors=True)


def undo(batch: ImportBatch, user: Any) -> tuple[tuple[Any, dict[str, Any]] | None, int]:
    """The undo of a stored-list batch (registered with intake's undo)."""
    lists = MembershipList.objects.filter(batch=batch)
    mine = MembershipList.objects.for_user(user, CHANGE).values("pk") if user else None
    if mine is None or lists.exclude(pk__in=mine).exists():
        return (_("batch %(batch)s tidak dapat dibatalkan: Anda tidak berwenang mengubah data "
                  "wilayah di dalamnya"), {}), 0  # fmt: skip
    later = MembershipList.objects.filter(base__in=lists).exclude(batch=batch)
    if later.exists():
        shown = ", ".join(f"#{b}" for b in sorted(set(later.values_list("batch_id", flat=True))))
        later_msg = _(
            "batch %(batch)s tidak dapat dibatalkan: batch lebih baru (%(later)s) telah "
            "mengubah nilai yang sama; batalkan batch itu dulu"
        )
        return (later_msg, {"later": shown}), 0
    folders = [root() / m.store for m in lists if m.store]
    removed = sum(m.stored_rows for m in lists)
    lists.delete()

    def remove() -> None:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)

    transaction.on_commit(remove)
    return None, removed


add_batch_undo(BATCH_KIND, undo)
