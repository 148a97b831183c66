"""`ucj import_job ID` runs one background web import (started by the upload page);
`ucj import_job --sweep` fails jobs whose worker died and deletes their files (for a
scheduler). Not for typing by hand: `ucj import FILE` is the command for people."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

from ucj.intake import background as jobs
from ucj.lib.bilingual import pair
from ucj.lib.commands import UcjCommand


class Command(UcjCommand):
    help = "Impor latar belakang / background web import (internal): import_job ID | --sweep."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("job", nargs="?", type=int, help="ImportJob id")
        parser.add_argument("--sweep", action="store_true", help="Fail jobs that stopped.")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["sweep"]:
            self.emit({"failed": jobs.sweep()})
            return
        if opts["job"] is None:
            self.fail({"error": pair(_("ID pekerjaan wajib")).joined()}, opts["json"], 2)
        job = jobs.run(opts["job"])
        if opts["json"]:
            self.emit({"job": job.pk, "state": job.state})
