"""XLSX exports of sessions, findings and follow-ups.

No row cap: rows are streamed from the database (`.iterator()`) into the product's one
XLSX writer (`ucj.lib.sheets`, constant memory), so a national export of every follow-up
never holds the sheet in memory; it guards every text cell against formula injection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any

from ucj.lib.sheets import Sheets
from ucj.monev.models import STATE_LABELS, Attendee, Finding, FollowUp, MonevSession
from ucj.monev.services import scoped

CHUNK = 2000

Column = tuple[str, str, Callable[[Any], Any]]  # header id, header en, value


def _write(book: Sheets, name: str, columns: Sequence[Column], rows: Iterable[Any]) -> int:
    header = [f"{head_id} / {head_en}" for head_id, head_en, _get in columns]
    values = ([get(obj) for _h, _e, get in columns] for obj in rows)
    return book.add(name, header, values, width=18)


def export_sessions(user: Any, out: str | IO[bytes]) -> int:
    sessions = scoped(MonevSession, user).order_by("-date", "-id")
    # Regions and attendee counts in two grouped queries, not one per session.
    through = MonevSession.regions.through
    region_codes: dict[int, list[str]] = {}
    for sid, code in (
        through.objects.filter(monevsession__in=sessions.values("pk"))
        .order_by("region__code")
        .values_list("monevsession_id", "region__code")
        .iterator(chunk_size=CHUNK)
    ):
        region_codes.setdefault(sid, []).append(code)
    people: dict[int, int] = {}
    for sid in (
        Attendee.objects.filter(session__in=sessions.values("pk"))
        .values_list("session_id", flat=True)
        .iterator(chunk_size=CHUNK)
    ):
        people[sid] = people.get(sid, 0) + 1
    columns: list[Column] = [
        ("id", "id", lambda s: s.pk),
        ("tanggal", "date", lambda s: s.date),
        ("judul", "title", lambda s: s.title),
        ("penyelenggara", "organiser", lambda s: s.organiser_label),
        ("bentuk", "mode", lambda s: str(s.get_mode_display())),
        ("tempat", "location", lambda s: s.location),
        ("wilayah", "regions", lambda s: ", ".join(region_codes.get(s.pk, []))),
        ("periode data", "data period", lambda s: s.period.strftime("%Y-%m") if s.period else ""),
        ("dilaksanakan", "held", lambda s: "ya" if s.held else "tidak"),
        ("jumlah peserta rapat", "attendees", lambda s: people.get(s.pk, 0)),
        ("catatan", "notes", lambda s: s.notes),
    ]
    with Sheets(out) as book:
        n = _write(book, "Sesi", columns, sessions.iterator(chunk_size=CHUNK))
    return n


def export_findings(user: Any, out: str | IO[bytes]) -> int:
    # Plain rows (values), not model instances: the export may hold every finding.
    rows = (
        scoped(Finding, user)
        .order_by("session__date", "id")
        .values(
            "id", "session_id", "session__date", "region__code", "region__name", "indicator", "text"
        )
    )
    columns: list[Column] = [
        ("id", "id", lambda f: f["id"]),
        ("sesi", "session", lambda f: f["session_id"]),
        ("tanggal sesi", "session date", lambda f: f["session__date"]),
        ("kode wilayah", "region code", lambda f: f["region__code"]),
        ("wilayah", "region", lambda f: f["region__name"]),
        ("indikator", "indicator", lambda f: f["indicator"]),
        ("temuan", "finding", lambda f: f["text"]),
    ]
    with Sheets(out) as book:
        n = _write(book, "Temuan", columns, rows.iterator(chunk_size=CHUNK))
    return n


def export_follow_ups(user: Any, out: str | IO[bytes], today: dt.date | None = None) -> int:
    labels = {k: f"{v} ({k})" for k, v in STATE_LABELS.items()}  # translated once, not per row
    rows = (
        scoped(FollowUp, user)
        .with_state(today)
        .order_by("region__code", "due_date", "id")
        .values(
            "id",
            "region__code",
            "region__name",
            "recommendation__finding__session_id",
            "recommendation__finding__session__date",
            "recommendation__finding__text",
            "recommendation_id",
            "recommendation__text",
            "action",
            "responsible_office",
            "due_date",
            "state",
            "completed",
        )
    )
    columns: list[Column] = [
        ("id", "id", lambda f: f["id"]),
        ("kode wilayah", "region code", lambda f: f["region__code"]),
        ("wilayah", "region", lambda f: f["region__name"]),
        ("sesi", "session", lambda f: f["recommendation__finding__session_id"]),
        ("tanggal sesi", "session date", lambda f: f["recommendation__finding__session__date"]),
        ("temuan", "finding", lambda f: f["recommendation__finding__text"]),
        ("rekomendasi_id", "recommendation id", lambda f: f["recommendation_id"]),
        ("rekomendasi", "recommendation", lambda f: f["recommendation__text"]),
        ("tindak lanjut", "follow-up", lambda f: f["action"]),
        ("penanggung jawab", "responsible office", lambda f: f["responsible_office"]),
        ("tenggat", "due date", lambda f: f["due_date"]),
        ("status", "status", lambda f: labels[f["state"]]),
        ("tanggal selesai", "completed", lambda f: f["completed"]),
    ]
    with Sheets(out) as book:
        n = _write(book, "Tindak lanjut", columns, rows.iterator(chunk_size=CHUNK))
    return n


EXPORTS: dict[str, Callable[[Any, Any], int]] = {
    "sesi": export_sessions,
    "temuan": export_findings,
    "tindak-lanjut": export_follow_ups,
}
