"""XLSX exports of sessions, findings and follow-ups.

No row cap: rows are streamed from the database (`.iterator()`) into xlsxwriter in
constant-memory mode, so a national export of every follow-up never holds the sheet in
memory. Every text cell is made safe against spreadsheet formula injection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any

import xlsxwriter

from ucj.lib.cells import safe_text
from ucj.monev.models import STATE_LABELS, Attendee, Finding, FollowUp, MonevSession
from ucj.monev.services import scoped

CHUNK = 2000

Column = tuple[str, str, Callable[[Any], Any]]  # header id, header en, value


def _write(book: Any, name: str, columns: Sequence[Column], rows: Iterable[Any]) -> int:
    sheet = book.add_worksheet(name)
    bold = book.add_format({"bold": True, "text_wrap": True})
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    for col, (head_id, head_en, _get) in enumerate(columns):
        sheet.write_string(0, col, f"{head_id} / {head_en}", bold)
        sheet.set_column(col, col, 18)
    n = 0
    for n, obj in enumerate(rows, start=1):
        for col, (_h, _e, get) in enumerate(columns):
            value = get(obj)
            if value is None or value == "":
                sheet.write_blank(n, col, None)
            elif isinstance(value, bool):
                sheet.write_string(n, col, "ya" if value else "tidak")
            elif isinstance(value, dt.date):
                sheet.write_datetime(
                    n, col, dt.datetime(value.year, value.month, value.day), date_fmt
                )
            elif isinstance(value, int | float):
                sheet.write_number(n, col, value)
            else:
                # write_string, never write(): xlsxwriter's write() turns '=…' into a formula.
                sheet.write_string(n, col, safe_text(str(value)))
    return n


def _book(out: str | IO[bytes]) -> Any:
    return xlsxwriter.Workbook(
        out, {"constant_memory": True, "strings_to_formulas": False, "in_memory": False}
    )


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
        ("dilaksanakan", "held", lambda s: s.held),
        ("jumlah peserta rapat", "attendees", lambda s: people.get(s.pk, 0)),
        ("catatan", "notes", lambda s: s.notes),
    ]
    book = _book(out)
    n = _write(book, "Sesi", columns, sessions.iterator(chunk_size=CHUNK))
    book.close()
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
    book = _book(out)
    n = _write(book, "Temuan", columns, rows.iterator(chunk_size=CHUNK))
    book.close()
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
    book = _book(out)
    n = _write(book, "Tindak lanjut", columns, rows.iterator(chunk_size=CHUNK))
    book.close()
    return n


EXPORTS: dict[str, Callable[[Any, Any], int]] = {
    "sesi": export_sessions,
    "temuan": export_findings,
    "tindak-lanjut": export_follow_ups,
}
