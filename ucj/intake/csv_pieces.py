"""CSV text read from disk in pieces that end at a record's end, so a file of any size is
parsed, checked and stored a piece at a time (issue 14: bounded memory)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

# Of CSV text per batch: what one batch costs while it is checked (about 20× its text,
# a roster's NIK hashed and masked) stays a small part of the file's budget.
CHUNK_BYTES = 1024**2


def pieces(source: Path | bytes, skip_lines: int) -> Iterator[bytes]:
    """The CSV text after `skip_lines` lines, in pieces of about CHUNK_BYTES that end at
    a record's end: a newline outside quotes (an even number of `"` before it; a quote
    inside a quoted value is written `""`, so the count stays even). Read from the file
    a piece at a time: not mapped whole into memory."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")
    with stream as fh:
        for _ in range(skip_lines):
            fh.readline()
        carry = b""
        while True:
            block = fh.read(CHUNK_BYTES)
            if not block:
                break
            data = carry + block
            cut = data.rfind(b"\n")
            while cut >= 0 and data.count(b'"', 0, cut) % 2:
                cut = data.rfind(b"\n", 0, cut)
            if cut < 0:
                carry = data
                continue
            carry = data[cut + 1 :]
            yield data[: cut + 1]
        if carry.strip():
            yield carry
