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
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import CHANGE, SystemActor, allowed_regions
from ucj.intake.extensions import add_batch_undo
from ucj.intake.models import BatchStatus, ImportBatch
from ucj.lib.bilingual import Bilingual, pair
from ucj.lib.personal import redact
from ucj.regions.models import Level, Region
from ucj.registry import files, nik
from ucj.registry.models import PROGRAMS, MembershipEntry, MembershipList

BATCH_KIND = "membership_list"
SPEC = {**files.MEMBERSHIP_COLUMNS, "wilayah": ("wilayah", "region", "kode_wilayah")}
FLAGS = tuple(p.lower() for p in PROGRAMS)
# What a stored list holds: never the raw NIK nor a birth date.
STORED = ["nik_hash", "nik_masked", "nik_valid", "kpj", "segment", *FLAGS, "status",
          "last_paid", "region_code", "row"]  # fmt: skip
LEVELS = (Level.PROVINCE, Level.REGENCY, Level.CITY, Level.DISTRICT)


@dataclass
class StoreResult:
    batch: int | None
    rows: int
    lists: list[dict[str, Any]] = field(default_factory=list)
    unchanged: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"batch": self.batch, "rows": self.rows, "unchanged": self.unchanged,
                "lists": self.lists}  # fmt: skip


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


def _problem(path: Path, row: Any, column: str, value: Any, msg_id: str, msg_en: str) -> dict:
    shown = redact(value) if value is not None else None
    return {
        "file": path.name, "row": row, "column": column, "value": shown,
        **pair(_("%(file)s, baris %(row)s, kolom %(column)s: %(problem)s"), file=path.name,
               row=row, column=column, problem=Bilingual(msg_id, msg_en)).as_dict(),
    }  # fmt: skip


def _region_table() -> pl.DataFrame:
    """Region text as a file may write it (code with or without dots, or a name that is
    unique among current provinces, kab/kota and kecamatan) → current region code."""
    rows = list(
        Region.objects.current()
        .filter(level__in=[lv.value for lv in LEVELS])
        .values_list("code", "name")
    )
    codes = pl.DataFrame(rows, schema={"code": pl.String, "name": pl.String}, orient="row")
    names = (
        codes.with_columns(pl.col("name").str.to_lowercase().alias("key"))
        .filter(pl.col("key").is_unique())
        .select("key", "code")
    )
    return pl.concat(
        [
            codes.select(pl.col("code").alias("key"), "code"),
            codes.select(
                pl.col("code").str.replace_all(".", "", literal=True).alias("key"), "code"
            ),
            names,
        ]
    ).unique("key", keep="first")


def _prepared(path: Path, as_of: dt.date, region: Region | None) -> pl.LazyFrame:
    frame, present = files.scan(path, SPEC, categorical=(*FLAGS, "status"))
    # The few distinct (flags, status, month) cells first, in a pass of their own: found
    # inside the main plan they would hold the whole file in memory until known.
    combos = frame.select(files.BAD_COLUMNS).unique().collect(engine="streaming")
    parsed = files.parse_membership(frame, present, combos)
    if "wilayah" not in present and region is not None:
        parsed = parsed.with_columns(pl.lit(region.code).alias("wilayah"))
    table = _region_table().lazy()
    key = pl.col("wilayah").cast(pl.String).str.strip_chars().str.to_lowercase()
    parsed = parsed.with_columns(key.alias("_region_key")).join(
        table, left_on="_region_key", right_on="key", how="left", maintain_order="left"
    )
    stored = nik.stored_fields(parsed, "nik", as_of)
    return stored.with_columns(
        pl.col("kpj").cast(pl.String).fill_null("").str.slice(0, 30),
        pl.col("segmen").cast(pl.String).fill_null("").str.to_uppercase().alias("segment"),
        *[pl.col(p).alias(p.lower()) for p in PROGRAMS],
        pl.when(pl.col("active")).then(pl.lit("aktif")).otherwise(pl.lit("non_aktif"))
        .alias("status"),
        pl.col("code").alias("region_code"),
        pl.col("code").str.slice(0, 2).alias("province"),
        (pl.col("wilayah").is_null() | pl.col("code").is_null()).alias("_bad_wilayah"),
    )  # fmt: skip


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 22), b""):
            digest.update(chunk)
    return digest.hexdigest()


class _NothingNew(Exception):
    """Every row of the file is already held: no batch, nothing written."""


class Refused(Exception):
    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__(problems[0]["message_en"])
        self.problems = problems


def _check(path: Path, tmp: Path, user: Any) -> None:
    """Unreadable cells, unknown regions, regions the user may not write: refused with
    the file, row and column (at most files.MAX_REPORTED), nothing stored."""
    data = pl.scan_parquet(str(tmp / "**" / "*.parquet"), hive_partitioning=True)
    bad_cols = [*files.BAD_COLUMNS, "wilayah"]
    flags = [f"_bad_{c}" for c in bad_cols]
    bad = (
        data.filter(pl.any_horizontal(pl.col(f) for f in flags)).head(files.MAX_REPORTED).collect()
    )
    problems = files.problems(path, bad.drop("_bad_wilayah"))
    for rec in bad.filter(pl.col("_bad_wilayah")).iter_rows(named=True):
        problems.append(_problem(
            path, rec["row"], "wilayah", rec["wilayah"],
            *pair(_("wilayah tidak dikenal: tulis kode wilayah (mis. 19.71), atau sebut wilayah "
                    "seluruh berkas saat impor (--region)")),
        ))  # fmt: skip
    if problems:
        raise files.FileProblem(problems[: files.MAX_REPORTED])
    if isinstance(user, SystemActor):
        return
    allowed = set(allowed_regions(user, CHANGE, MembershipEntry).values_list("code", flat=True))
    regions = data.group_by("region_code").agg(pl.col("row").min()).collect()
    outside = regions.filter(~pl.col("region_code").is_in(sorted(allowed))).sort("row")
    if user is None or outside.height:
        first = outside.row(0, named=True) if outside.height else {"row": 2, "region_code": ""}
        raise Refused([_problem(
            path, first["row"], "wilayah", first["region_code"],
            *pair(_("Anda tidak berwenang mengubah data wilayah ini")),
        )])  # fmt: skip


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
) -> StoreResult:
    """Store a membership file (CSV or XLSX, any size, any mix of provinces) as `user`.
    Raises files.FileProblem (bad cells, unknown regions) or Refused (scope); nothing is
    stored then. `region`: the whole file's region when it has no region column."""
    if user is None:
        raise Refused([_problem(path, 1, "wilayah", None, *pair(_("masuk dulu")))])
    if not path.exists():
        raise FileNotFoundError(path)
    as_of = as_of or timezone.localdate()
    digest = _sha256(path)
    if not add and _same_file_is_current(digest):
        return StoreResult(None, 0, unchanged=True)
    base = root()
    tmp = base / f".incoming-{uuid.uuid4().hex}"
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        frame = _prepared(path, as_of, region)
        keep = [*STORED, "wilayah", *(f"_bad_{c}" for c in [*files.BAD_COLUMNS, "wilayah"])]
        frame.select(*keep, pl.col("province").fill_null("__")).sink_parquet(
            pl.PartitionBy(tmp, key="province", include_key=False),
            mkdir=True,
            # small row groups: each province's open file buffers one
            row_group_size=32_768,
        )
        _check(path, tmp, user)
        return _register(path, tmp, user, digest, add=add, source=source, as_of=as_of)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _same_file_is_current(digest: str) -> bool:
    """The same file's replace batch is committed and each of its lists is still its
    province's current list: importing it again would change nothing."""
    batch = (
        ImportBatch.objects.filter(kind=BATCH_KIND, sha256=digest, status=BatchStatus.COMMITTED)
        .order_by("-id")
        .first()
    )
    if batch is None:
        return False
    lists = list(MembershipList.objects.filter(batch=batch).select_related("region"))
    # and its files are there (a store restored without them takes the file again)
    return bool(lists) and all(
        m.base_id is None and current_list(m.region) == m and (root() / m.store).is_dir()
        for m in lists
    )


def _owner(folder: Path) -> str:
    """The list's region: the smallest province or kab/kota holding all its rows (a kab/kota
    officer's list is the kab/kota's, under the same scope rules as any list)."""
    codes = pl.scan_parquet(str(folder / "*.parquet")).select(pl.col("region_code").unique())
    parts = [c.split(".") for c in codes.collect()["region_code"].to_list()]
    common: list[str] = []
    for level in zip(*parts, strict=False):
        if len(set(level)) != 1:
            break
        common.append(level[0])
    return ".".join(common[:2])


def _register(
    path: Path, tmp: Path, user: Any, digest: str, *, add: bool, source: str, as_of: dt.date
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
            for code, folder in sorted(provinces.items()):
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
