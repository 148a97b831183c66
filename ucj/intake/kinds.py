"""The registration API of the import pipeline: one `Kind` per kind of file.

An app that wants its data imported writes `<app>/intake.py` and calls `register(Kind(...))`
at import time; the pipeline discovers every `ucj.<app>.intake` module on first use.
The pipeline does everything that is the same for every kind (reading CSV/XLSX, finding
the header, parsing Indonesian numbers and dates, resolving regions, duplicate keys,
scoping, the batch, the change log, undo); a kind only describes its columns and adds
its own checks (`validate`) and, rarely, its own write (`write`).

    from ucj.intake.kinds import Column, Kind, register

    register(Kind(
        name="targets",
        label=_("Target cakupan"),
        model=Target,
        columns=(
            Column("wilayah", "region", "region", required=True, aliases=("region",)),
            Column("tahun", "year", "year", required=True, aliases=("year",)),
            Column("penerbit", "issuer", "choice", required=True,
                   choices={"se bangda": "se_bangda", ...}),
        ),
        key=("region", "year", "issuer"),
    ))

Column parser names (what a cell may hold, see `parsers.py`):
`text`, `int` (count: 112.000 / 1.234.567 / 112000; no fraction; not negative),
`signed_int`, `rupiah` (an amount: Rp84.000.000, Rp 84.000.000,00, 84000000),
`decimal` (43,5 / 43.5), `pct` (43,5% / 43.5 %), `year`, `date`
(19/05/2025, 19-05-2025, 2025-05-19, 19 Mei 2025), `period` (2024-09, Sep 2024, 09/2024,
September 2024 → first day of the month), `choice` (via `choices`), `bool` (ya/tidak, yes/no,
1/0), `region` (code, name, alias or retired code → `region_id`; `levels` limits the level).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from ucj.lib.discovery import app_modules

PARSERS = (
    "text",
    "int",
    "rupiah",
    "signed_int",
    "decimal",
    "pct",
    "year",
    "date",
    "period",
    "choice",
    "bool",
    "region",
)


def header_key(text: object) -> str:
    """How headers are compared: case-, space-, underscore- and punctuation-insensitive."""
    return re.sub(r"[^a-z0-9%]", "", str(text or "").strip().lower())


@dataclass(frozen=True)
class Column:
    """One column of a kind's file.

    name: the Indonesian header written in the template (e.g. 'peserta_aktif').
    field: the model field the parsed value goes to ('region' for a region column: the
        pipeline fills `region_id`); None for a column only `validate` reads.
    parser: one of PARSERS.
    required: an empty cell is a row error; a missing column is a file error.
    aliases: English and other accepted headers ('active_participants', 'peserta').
    choices: for 'choice': accepted spellings → stored value. Spellings are compared
        lower-case with spaces collapsed; the stored values themselves are always accepted.
    levels: for 'region': allowed region levels (`ucj.regions.models.Level` values).
    max_length: for 'text': longer is a row error.
    help_id / help_en / example: shown in templates (second sheet and comments).
    default: stored when the cell is empty and the column is optional (None = field default).
    sensitive: the value (e.g. a NIK) is never repeated in full: messages and --errors-out
        show it masked (all but the last 4 characters replaced by '*').
    """

    name: str
    field: str | None
    parser: str = "text"
    required: bool = False
    aliases: tuple[str, ...] = ()
    choices: Mapping[str, str] | None = None
    levels: tuple[str, ...] | None = None
    max_length: int | None = None
    help_id: str = ""
    help_en: str = ""
    example: str = ""
    default: Any = None
    sensitive: bool = False

    def __post_init__(self) -> None:
        if self.parser not in PARSERS:
            raise ValueError(f"column {self.name}: unknown parser {self.parser!r}")
        if self.parser == "choice" and not self.choices:
            raise ValueError(f"column {self.name}: a choice column needs choices")

    def header_keys(self) -> set[str]:
        return {header_key(self.name), *(header_key(a) for a in self.aliases)}

    def choice_map(self) -> dict[str, str]:
        """Normalised spelling → stored value (stored values accepted as written)."""
        found: dict[str, str] = {}
        for spelling, value in (self.choices or {}).items():
            found[_choice_key(spelling)] = value
            found[_choice_key(value)] = value
        return found

    def accepted(self) -> list[str]:
        """Stored values, for messages and drop-down lists."""
        return sorted(set((self.choices or {}).values()))


def _choice_key(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).strip().lower())


# A kind's own checks get a `ucj.intake.checks.Checks`; its own writer a
# `ucj.intake.writer.WriteJob` and returns a `WriteResult`. Named, not imported: those
# modules work on kinds, so kinds must not depend on them (no circle).
Validate = Callable[[Any], None]
Write = Callable[[Any], Any]
Derive = Callable[[Any], Any]


@dataclass(frozen=True)
class Kind:
    """A kind of import file and where its rows go.

    name: the word used on the CLI and in URLs (`ucj import FILE --kind NAME`).
    label: what screens call it (gettext_lazy).
    model: the target model. The generic writer stores every `Column.field`, plus the
        provenance fields of `indicators.models.Figure` when the model has them
        (source, as_of, batch, is_sample), and the field defaults for the rest.
    columns: in template order.
    key: model fields that identify a row (the natural key; a unique constraint).
        A file with the same key twice is refused; an existing key is updated.
    validate: `validate(checks)` adds row errors and warnings set-based (see checks.py).
    check_batch: the same for checks that read no other row, run on each batch's checked
        rows (every column) as it is read: what they read need not be kept for the
        whole file (`whole_file`).
    derive: `derive(frame) -> frame` adds computed model fields before the key checks
        (e.g. reported: period = month of `data_per`). Gets and returns a Polars frame.
    write: replaces the generic upsert (`writer.upsert`); must stay set-based and use
        `job.record_changes` so that undo and the audit keep working.
    as_of_column / source_column: the column names that fill Figure.as_of / source
        (source falls back to `--source`).
    whole_file: the columns of the checked rows that `validate` and `write` need across
        the whole file (besides `_row`). None: the whole checked frame is kept, fine for
        kinds whose files are small. Given, the file is checked and stored in batches
        (`readers.BATCH_ROWS`) and only these columns (plus the natural key, hashed when
        it is text) are kept for the whole file: the memory budget of big files.
        `validate` then sees only these columns; `write` is called once per batch with
        `job.whole` (these columns, every row) and `job.state` (shared by the batches).
    owner_region: the file has no region column; every row belongs to the importing
        office's region (`region_id`: `--region` / the upload's region field, else the
        user's one province or kab/kota), or to none (national) when the user may write
        the model everywhere and names no region (`guard.owner_region`).
    Who may import rows where, and which months are locked, is not the kind's to say:
    the pipeline reads the model's `write_policy` (`ucj/accounts/policy.py`) for every
    row's region (the region column) and month.
    """

    name: str
    label: Any
    model: type[models.Model]
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    validate: Validate | None = None
    check_batch: Validate | None = None
    derive: Derive | None = None
    write: Write | None = None
    as_of_column: str | None = None
    source_column: str | None = "sumber"
    description_id: str = ""
    description_en: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    whole_file: tuple[str, ...] | None = None
    owner_region: bool = False

    def __post_init__(self) -> None:
        names = [c.name for c in self.columns]
        if len(set(names)) != len(names):
            raise ValueError(f"kind {self.name}: duplicate column names")
        fields = {c.field for c in self.columns if c.field}
        for part in self.key:
            if part not in fields and self.derive is None:
                raise ValueError(f"kind {self.name}: key field {part!r} has no column")

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def region_column(self) -> Column | None:
        return next((c for c in self.columns if c.parser == "region"), None)


_REGISTRY: dict[str, Kind] = {}
_discovered = False


def register(kind: Kind) -> Kind:
    """Add (or replace, on module reload) a kind; returns it so it can be kept as a name."""
    _REGISTRY[kind.name] = kind
    return kind


def discover() -> None:
    """Import every installed `ucj.<app>.intake` module once, so that each registers."""
    global _discovered
    if _discovered:
        return
    _discovered = True
    for _module in app_modules("intake"):
        pass  # importing it registers its kinds


def get(name: str) -> Kind | None:
    discover()
    return _REGISTRY.get(name)


def all_kinds() -> list[Kind]:
    discover()
    return sorted(_REGISTRY.values(), key=lambda k: k.name)
