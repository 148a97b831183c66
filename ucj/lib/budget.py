"""What one import may cost: bytes, memory, time (issue 14, item 6).

- Size: `UCJ_IMPORT_MAX_MB` is the one cap on web and API uploads (and on CLI files).
- Memory: the pipeline holds the file as text columns plus parsed copies; measured peak
  RSS over file size is `CSV_FACTOR` for CSV (bench/import/memory.py). A file whose
  estimate passes `UCJ_IMPORT_MEMORY_MB` is refused before it is read, so no file can
  take the server's memory, whatever it holds.
- XLSX: the zip's declared unpacked sizes are checked before any parsing (a 88 MB file
  whose sheet unpacks to 1 GB is refused in milliseconds): sum ≤ UCJ_IMPORT_XLSX_UNPACKED_MB,
  ratio ≤ MAX_ZIP_RATIO per member; openpyxl's cost per unpacked byte is `XLSX_FACTOR`.
- Time: `UCJ_IMPORT_PHASE_SECONDS` per phase (read, check, store). In the main thread
  (CLI, background job process, gunicorn's sync worker) an interval timer interrupts a
  phase that runs over; elsewhere the limit is checked between phases and store chunks.
  Either way the transaction rolls back: nothing is half-written.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import Bilingual, pair

# Peak RSS growth ÷ file size, measured by bench/import/memory.py (see its README row);
# rounded up so the estimate errs on refusing.
CSV_FACTOR = 20.0
XLSX_FACTOR = 8.0  # per unpacked byte: openpyxl keeps Python objects per cell (1 GB → 6.1 GB)
MAX_ZIP_RATIO = 100  # real sheets compress 5-20×; a zip bomb 100-1000×
MB = 1024 * 1024


def max_upload_bytes() -> int:
    return int(settings.UCJ_IMPORT_MAX_MB) * MB


def memory_bytes() -> int:
    return int(settings.UCJ_IMPORT_MEMORY_MB) * MB


def xlsx_unpacked_bytes() -> int:
    return int(settings.UCJ_IMPORT_XLSX_UNPACKED_MB) * MB


def phase_seconds() -> float:
    return float(settings.UCJ_IMPORT_PHASE_SECONDS)


def mb(n: float, en: bool = False) -> str:
    """Whole megabytes: 1.023 in Bahasa Indonesia, 1,023 in English."""
    text = f"{n / MB:,.0f}"
    return text if en else text.replace(",", ".")


def mb_pair(n: float) -> Bilingual:
    """Whole megabytes in each language's format, for a catalogue message."""
    return Bilingual(mb(n), mb(n, True))


def size_problem(size: int) -> tuple[str, str] | None:
    top = max_upload_bytes()
    if size > top:
        return pair(
            _("berkas terlalu besar (%(size)s MB; maks. %(top)s MB)"),
            size=mb_pair(size),
            top=mb_pair(top),
        )
    return None


def memory_problem(size: int, factor: float, what: str = "") -> tuple[str, str] | None:
    """None when `size` bytes × `factor` fit the memory ceiling."""
    need, top = size * factor, memory_bytes()
    if need > top:
        return pair(
            _(
                "berkas%(what)s memerlukan ± %(need)s MB memori, melebihi batas %(top)s MB; "
                "bagi berkas menjadi beberapa bagian"
            ),
            what=what,
            need=mb_pair(need),
            top=mb_pair(top),
        )
    return None


class PhaseTimeout(Exception):
    def __init__(self, phase: str, seconds: float) -> None:
        super().__init__(phase)
        self.message_id, self.message_en = pair(
            _("tahap '%(phase)s' melewati batas waktu %(seconds)s detik; tidak ada yang disimpan"),
            phase=phase,
            seconds=f"{seconds:g}",
        )


class PhaseClock:
    """Wraps the pipeline's progress callback; `phase(name)` starts a timed phase."""

    def __init__(self, tick: Callable[[str, int, int], None]) -> None:
        self.tick = tick
        self.limit = phase_seconds()
        self.name = ""
        self.started = time.monotonic()
        self._timer = (
            self.limit > 0
            and threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
        )

    def _on_alarm(self, signum: int, frame: Any) -> None:
        raise PhaseTimeout(self.name, self.limit)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        self.name, self.started = name, time.monotonic()
        if self._timer:
            signal.signal(signal.SIGALRM, self._on_alarm)
            signal.setitimer(signal.ITIMER_REAL, self.limit)
        try:
            yield
        finally:
            if self._timer:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, signal.SIG_DFL)
        self.check()

    def check(self) -> None:
        if self.limit > 0 and time.monotonic() - self.started > self.limit:
            raise PhaseTimeout(self.name, self.limit)

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.check()
        self.tick(stage, done, total)
