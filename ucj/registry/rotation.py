"""NIK key rotation: re-hash stored persons from their source files under the new key.

A stored NIK is only its keyed hash, so a new key cannot be applied to the hashes
themselves. The operator sets the NEW key as UCJ_NIK_KEY, keeps the old one in a file,
and gives every source file (rosters, membership lists): each NIK in them is hashed under
both keys, and stored rows whose hash is the old one get the new one. Rows already under
the new key (a second run) count as done. Every stored person found in no file is
reported by list, row and masked NIK: it keeps its old hash, so it matches nothing
until its file is found and the command run again. Set-based: one UPDATE per table
through a temporary table of (old, new) pairs, in one transaction.

Membership lists stored as Parquet (`registry.list_store`: the web upload, the API,
`ucj lists import`) hold their hashes too: each is rewritten, streaming (a join with the
pairs, never the whole list in memory), into a new folder the list points at from the
same transaction; the old folder is removed after commit (a stored list's files are never
changed in place: backups and the person counts rely on it). Their persons found in no
file are reported as those of the tables (kind `stored_list`).
"""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from ucj.intake.kinds import header_key
from ucj.intake.readers import Unreadable, read_table
from ucj.lib.bilingual import Bilingual, pair
from ucj.registry import list_store, nik
from ucj.registry.intake import nik_column
from ucj.registry.models import MembershipEntry, MembershipList, RosterEntry

NIK_HEADERS = nik_column().header_keys()  # the headers a roster or list import accepts
TABLE = "ucj_nik_rotation"
MAX_LISTED = 10_000


class RotationError(Exception):
    """Bad input (exit 2): message_id / message_en name the file."""

    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(f"{message_id} / {message_en}")
        self.message_id, self.message_en = message_id, message_en


@dataclass
class Rotation:
    files: list[str]
    niks_read: int = 0
    rehashed: dict[str, int] = field(default_factory=dict)
    already: dict[str, int] = field(default_factory=dict)
    unmatched: list[dict[str, Any]] = field(default_factory=list)
    unmatched_count: int = 0
    dry_run: bool = False
    stored: dict[str, int] = field(
        default_factory=lambda: {"lists": 0, "rehashed": 0, "already_new_key": 0}
    )

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.unmatched_count == 0,
            "dry_run": self.dry_run,
            "files": self.files,
            "niks_read": self.niks_read,
            "rehashed": self.rehashed,
            "already_new_key": self.already,
            "unmatched_count": self.unmatched_count,
            "unmatched": self.unmatched,
            "stored_lists": self.stored,
        }


def _niks_of(path: Path) -> pl.Series:
    """The normalised NIK cells of one file, read as the import reads them."""
    try:
        table = read_table(path, NIK_HEADERS)
    except Unreadable as exc:
        raise RotationError(
            *pair(
                _("%(file)s: %(problem)s"),
                file=path.name,
                problem=Bilingual(exc.message_id, exc.message_en),
            )
        ) from None
    where = [i for i, h in enumerate(table.headers) if header_key(h) in NIK_HEADERS]
    if not where:
        raise RotationError(*pair(_("%(file)s: kolom 'nik' tidak ditemukan"), file=path.name))
    return table.data.select(nik.clean_expr(pl.col(f"c{where[0]}")).alias("n"))["n"]


def key_pairs(paths: list[Path], old_key: str) -> pl.DataFrame:
    """Distinct (old_hash, new_hash) of every NIK cell in the files."""
    cells = pl.concat([_niks_of(p).alias("n") for p in paths]).unique()
    cells = cells.filter(cells != "")
    frame = cells.to_frame()
    return frame.select(
        nik.nik_hash_expr(pl.col("n"), old_key).alias("old_hash"),
        nik.nik_hash_expr(pl.col("n"), settings.NIK_KEY).alias("new_hash"),
    )


# Per table: what identifies a stored person in the report (never more than the mask).
REPORTED = {
    "roster": (RosterEntry, {"roster__name": "list", "roster__region__code": "region",
                             "row": "row", "nik_masked": "nik_masked"}),
    "membership": (MembershipEntry, {"membership_list__source": "list",
                                     "membership_list__region__code": "region",
                                     "kpj": "kpj", "nik_masked": "nik_masked"}),
}  # fmt: skip


def _stored(model: Any, fields: dict[str, str]) -> pl.DataFrame:
    rows = list(model.objects.values_list("nik_hash", *fields).iterator(chunk_size=20_000))
    names = ["nik_hash", *fields.values()]
    return pl.DataFrame(rows, schema=names, orient="row", infer_schema_length=None)


def rotate(paths: list[Path], old_key: str, dry_run: bool = False) -> Rotation:
    if not old_key:
        raise RotationError(*pair(_("kunci lama kosong")))
    if old_key == settings.NIK_KEY:
        # An operator's command (`ucj nik rotate-key`), never a screen: it names the
        # setting, so it stays out of the screens' catalogue.
        raise RotationError(
            "kunci lama sama dengan UCJ_NIK_KEY: setel kunci BARU sebagai UCJ_NIK_KEY",
            "the old key equals UCJ_NIK_KEY: set the NEW key as UCJ_NIK_KEY",
        )
    for path in paths:
        if not path.exists():
            raise RotationError(*pair(_("%(path)s: berkas tidak ada"), path=path))
    pairs = key_pairs(paths, old_key)
    result = Rotation(files=[p.name for p in paths], niks_read=pairs.height, dry_run=dry_run)
    olds, news = pairs["old_hash"].implode(), pairs["new_hash"].implode()
    with transaction.atomic():
        for name, (model, fields) in REPORTED.items():
            stored = _stored(model, fields)
            if stored.height == 0:
                result.already[name] = result.rehashed[name] = 0
                continue
            is_old = stored["nik_hash"].is_in(olds)
            is_new = stored["nik_hash"].is_in(news)
            result.already[name] = int(is_new.sum())
            result.rehashed[name] = int(is_old.sum()) if dry_run else _update(model, pairs)
            left = stored.filter(~is_old & ~is_new).drop("nik_hash")
            result.unmatched_count += left.height
            room = MAX_LISTED - len(result.unmatched)
            result.unmatched += [{"kind": name, **r} for r in left.head(room).to_dicts()]
        _rotate_stored(pairs, result)
    return result


def _rotate_stored(pairs: pl.DataFrame, result: Rotation) -> None:
    """Each stored list's own rows (a list added to is read with its base's, each
    rewritten as its own list) under the new key, into a new folder; counts as the
    tables'. Runs inside rotate's transaction: on failure the new folders go."""
    written: list[Path] = []
    old_folders: list[Path] = []
    lookup = pairs.lazy()
    news = pairs["new_hash"].implode()
    try:
        for mlist in MembershipList.objects.exclude(store="").select_related("region"):
            folder = list_store.root() / mlist.store
            if not any(folder.glob("*.parquet")):
                continue
            rows = pl.scan_parquet(str(folder / "*.parquet"))
            columns = rows.collect_schema().names()
            joined = rows.join(
                lookup, left_on="nik_hash", right_on="old_hash", how="left", maintain_order="left"
            )
            is_old, is_new = pl.col("new_hash").is_not_null(), pl.col("nik_hash").is_in(news)
            counts = joined.select(
                is_old.sum().alias("old"), (is_new & ~is_old).sum().alias("new")
            ).collect(engine="streaming")
            left = joined.filter(~is_old & ~is_new & pl.col("nik_hash").is_not_null())
            n_left = int(left.select(pl.len()).collect(engine="streaming").item())
            result.stored["lists"] += 1
            result.stored["already_new_key"] += int(counts["new"][0])
            result.stored["rehashed"] += int(counts["old"][0])
            result.unmatched_count += n_left
            room = MAX_LISTED - len(result.unmatched)
            shown = left.select("kpj", "nik_masked").head(max(room, 0)).collect()
            result.unmatched += [
                {"kind": "stored_list", "list": mlist.source, "region": mlist.region.code, **r}
                for r in shown.to_dicts()
            ]
            if result.dry_run or int(counts["old"][0]) == 0:
                continue
            target = Path("membership") / uuid.uuid4().hex
            (list_store.root() / target).mkdir(parents=True)
            written.append(list_store.root() / target)
            joined.with_columns(pl.coalesce("new_hash", "nik_hash").alias("nik_hash")).select(
                columns
            ).sink_parquet(list_store.root() / target / "part-0.parquet")
            mlist.store = target.as_posix()
            mlist.save(update_fields=["store"])
            old_folders.append(folder)
    except BaseException:
        for done in written:
            shutil.rmtree(done, ignore_errors=True)
        raise

    def remove() -> None:
        for folder in old_folders:
            shutil.rmtree(folder, ignore_errors=True)

    transaction.on_commit(remove)


def _update(model: Any, pairs: pl.DataFrame) -> int:
    """One UPDATE: stored old hash → new hash, through a temporary table (both databases)."""
    if pairs.height == 0:
        return 0
    table = model._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f"CREATE TEMPORARY TABLE {TABLE} (old_hash varchar(64) PRIMARY KEY, "
            "new_hash varchar(64) NOT NULL)"
        )
        try:
            cur.executemany(
                f"INSERT INTO {TABLE} (old_hash, new_hash) VALUES (%s, %s)", pairs.rows()
            )
            cur.execute(
                f"UPDATE {table} SET nik_hash = (SELECT r.new_hash FROM {TABLE} r "
                f"WHERE r.old_hash = {table}.nik_hash) "
                f"WHERE nik_hash IN (SELECT old_hash FROM {TABLE})"
            )
            return int(cur.rowcount)
        finally:
            cur.execute(f"DROP TABLE {TABLE}")
