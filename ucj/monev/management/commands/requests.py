"""`ucj requests`: data requests to BPJS TK branches (requested → sent → received → loaded)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import cli_actor
from ucj.lib.bilingual import pair
from ucj.monev import data_requests
from ucj.monev.cycle_models import RequestWhat
from ucj.monev.management.commands._cycle import CycleCommand, day, month

# The operator at the command line: every region, recorded by name (never user=None).
OPERATOR = cli_actor()


class Command(CycleCommand):
    help = (
        "Permintaan data ke kantor cabang BPJS TK / data requests: create, list, sent, "
        "receive FILE (imported through the pipeline), show."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        subs = parser.add_subparsers(dest="action", required=True)
        c = self.sub(subs, "create", "Buat permintaan")
        c.add_argument("--what", required=True, choices=RequestWhat.values)
        c.add_argument("--regions", required=True, help="Kode wilayah dipisah koma")
        c.add_argument("--period", required=True, help="Bulan data YYYY-MM")
        c.add_argument("--branch", required=True, help="Kantor cabang BPJS TK")
        c.add_argument("--due", required=True, help="Tenggat YYYY-MM-DD")
        c.add_argument("--detail", default="", help="mis. segmen PU/BPU, program JKK/JKM")
        ls = self.sub(subs, "list", "Daftar permintaan")
        ls.add_argument("--overdue", action="store_true", help="Hanya yang lewat tenggat")
        s = self.sub(subs, "sent", "Tandai sudah dikirim ke cabang")
        s.add_argument("id", type=int)
        r = self.sub(subs, "receive", "Berkas diterima: impor dan kaitkan")
        r.add_argument("id", type=int)
        r.add_argument("file")
        r.add_argument("--source", default="")
        sh = self.sub(subs, "show", "Satu permintaan")
        sh.add_argument("id", type=int)

    def do_create(self, o: dict[str, Any]) -> Any:
        req = data_requests.create(
            OPERATOR, o["what"], o["regions"].split(","), month(o["period"]), o["branch"],
            day(o["due"]) or month(o["period"]), o["detail"],
        )  # fmt: skip
        return data_requests.as_json(req)

    def do_list(self, o: dict[str, Any]) -> Any:
        qs = data_requests.overdue(OPERATOR) if o["overdue"] else data_requests.scoped(OPERATOR)
        return [data_requests.as_json(r) for r in qs.prefetch_related("files")[:1000]]

    def do_sent(self, o: dict[str, Any]) -> Any:
        return data_requests.as_json(data_requests.mark_sent(OPERATOR, o["id"]))

    def do_receive(self, o: dict[str, Any]) -> Any:
        path = Path(o["file"])
        if not path.is_file():
            raise PermissionDenied(pair(_("Berkas tidak ada: %(path)s"), path=path).joined())
        req, _f, result = data_requests.receive(OPERATOR, o["id"], path, path.name, o["source"])
        return {**data_requests.as_json(req), "import": result}

    def do_show(self, o: dict[str, Any]) -> Any:
        return data_requests.as_json(data_requests.get(OPERATOR, o["id"]))
