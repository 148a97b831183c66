"""`ucj evidence`: attach a checked file to a session, regulation or follow-up; list them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import cli_actor
from ucj.lib.bilingual import pair
from ucj.monev import evidence
from ucj.monev.cycle_models import AttachmentKind
from ucj.monev.management.commands._cycle import CycleCommand

# The operator at the command line: every region, recorded by name (never user=None).
OPERATOR = cli_actor()


class Command(CycleCommand):
    help = (
        "Bukti monev / evidence: attach FILE (notulen, daftar hadir, foto, dokumen) to "
        "sesi|regulasi|tindak-lanjut ID, list."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        subs = parser.add_subparsers(dest="action", required=True)
        a = self.sub(subs, "attach", "Lampirkan berkas (diperiksa dulu)")
        a.add_argument("parent", choices=sorted(evidence.PARENTS))
        a.add_argument("id", type=int)
        a.add_argument("file")
        a.add_argument("--kind", required=True, choices=AttachmentKind.values)
        a.add_argument("--description", default="")
        ls = self.sub(subs, "list", "Lampiran satu induk")
        ls.add_argument("parent", choices=sorted(evidence.PARENTS))
        ls.add_argument("id", type=int)

    def do_attach(self, o: dict[str, Any]) -> Any:
        path = Path(o["file"])
        if not path.is_file():
            raise PermissionDenied(pair(_("Berkas tidak ada: %(path)s"), path=path).joined())
        with path.open("rb") as fh:
            item = evidence.attach(
                OPERATOR,
                o["parent"],
                o["id"],
                o["kind"],
                File(fh, name=path.name),
                o["description"],
            )
        return evidence.as_json(item)

    def do_list(self, o: dict[str, Any]) -> Any:
        return [evidence.as_json(a) for a in evidence.of_parent(OPERATOR, o["parent"], o["id"])]
