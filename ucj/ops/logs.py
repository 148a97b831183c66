"""One JSON object per log line in production, with personal data and secrets masked.

Only the fields listed in FIELDS are copied from a record's `extra`; messages and
tracebacks pass through `scrub`, which masks anything shaped like a NIK (16 digits)
or an API token, whatever code wrote them.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re

from ucj.lib.personal import redact

FIELDS = ("request_id", "user_id", "method", "path", "status", "duration_ms", "job", "ok")
_TOKEN = re.compile(r"ucj_[A-Za-z0-9_\-]{4,}")
_BEARER = re.compile(r"(?i)bearer\s+\S+")


def scrub(text: str) -> str:
    text = redact(text)  # the one NIK rule and mask (ucj.lib.personal)
    text = _TOKEN.sub("ucj_***", text)
    return _BEARER.sub("Bearer ***", text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, object] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
        }
        for name in FIELDS:
            if hasattr(record, name):
                out[name] = getattr(record, name)
        if record.exc_info:
            out["exception"] = scrub(self.formatException(record.exc_info))
        return json.dumps(out, ensure_ascii=False, default=str)
