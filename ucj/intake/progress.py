"""A progress bar on stderr for large files (tqdm); silent for small ones."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from tqdm import tqdm

SHOW_FROM_ROWS = 50_000


class Progress:
    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.bar: tqdm | None = None
        self.stage = ""

    def update(self, stage: str, done: int, total: int) -> None:
        if total < SHOW_FROM_ROWS:
            return
        if self.bar is None or stage != self.stage:
            if self.bar is not None:
                self.bar.close()
            self.stage = stage
            self.bar = tqdm(
                total=total, desc=stage, unit=" baris", file=self.stream._out, leave=False
            )
        self.bar.n = done
        self.bar.refresh()

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.bar is not None:
            self.bar.close()
