"""`ucj report`: the monev brief of a region, the national summary, XLSX exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import cli_actor
from ucj.indicators.management.commands.coverage import parse_period
from ucj.lib.bilingual import pair
from ucj.lib.commands import UcjCommand
from ucj.monev.exports import EXPORTS


class Command(UcjCommand):
    help = (
        "Laporan monev / monev reports: brief CODE (PDF per region), national (PDF), "
        "export sesi|temuan|tindak-lanjut (XLSX), pack CODE --period 2025-Q3|2025-S1 "
        "(paket laporan triwulan/semester, PDF or XLSX)."
    )
    json_option = False

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        brief = sub.add_parser("brief", help="Ringkasan monev satu wilayah (PDF)")
        brief.add_argument("code", help="Kode wilayah, e.g. 15.03")
        brief.add_argument("--period", help="Bulan data YYYY-MM (default: terakhir)")
        brief.add_argument("--out", required=True, help="FILE.pdf")
        brief.add_argument("--json", action="store_true", help="Print only JSON on stdout.")
        nat = sub.add_parser("national", help="Ringkasan nasional (PDF)")
        nat.add_argument("--period", help="Bulan data YYYY-MM (default: terakhir)")
        nat.add_argument("--out", required=True, help="FILE.pdf")
        nat.add_argument("--json", action="store_true", help="Print only JSON on stdout.")
        pack = sub.add_parser("pack", help="Paket laporan triwulan/semester (PDF atau XLSX)")
        pack.add_argument("code", help="Kode wilayah (15.03, 1503, 15) atau ID untuk nasional")
        pack.add_argument(
            "--period", required=True, help="Triwulan YYYY-Q1..Q4 atau semester YYYY-S1/S2"
        )
        pack.add_argument("--out", required=True, help="FILE.pdf atau FILE.xlsx")
        pack.add_argument("--json", action="store_true", help="Print only JSON on stdout.")
        exp = sub.add_parser("export", help="Ekspor XLSX tanpa batas baris")
        exp.add_argument("what", choices=sorted(EXPORTS))
        exp.add_argument("--out", required=True, help="FILE.xlsx")
        exp.add_argument("--json", action="store_true", help="Print only JSON on stdout.")

    def handle(self, *args: Any, **opts: Any) -> None:
        as_json = opts["json"]
        out = Path(opts["out"])
        if not out.parent.is_dir():
            self.fail(
                {"error": pair(_("Folder tidak ada: %(folder)s"), folder=out.parent).joined()},
                as_json,
                code=2,
            )
        # The CLI is the server operator: an explicit system actor, every region.
        operator = cli_actor()
        if opts["action"] == "pack":
            self._pack(opts["code"], opts["period"], out, as_json)
            return
        if opts["action"] == "export":
            rows = EXPORTS[opts["what"]](operator, str(out))
            self._done({"file": str(out), "kind": opts["what"], "rows": rows}, as_json)
            return
        try:
            period = parse_period(opts.get("period"))
        except ValueError as exc:
            self.fail({"error": str(exc)}, as_json, code=1)
        if opts["action"] == "brief":
            from ucj.monev.reports.brief import write_brief

            try:
                data = write_brief(operator, opts["code"], str(out), period)
            except LookupError as exc:
                self.fail({"error": str(exc.args[0])}, as_json, code=2)
            obj = data["coverage"]
        else:
            from ucj.monev.reports.national import write_national

            obj = write_national(operator, str(out), period)["coverage"]
        self._done(
            {
                "file": str(out),
                "code": obj["code"],
                "name": obj["name"],
                "period": obj["period"],
                "as_of": obj["as_of"],
                "coverage_pct": obj["coverage_pct"],
                "is_sample": obj["is_sample"],
            },
            as_json,
        )

    def _pack(self, code: str, period: str, out: Path, as_json: bool) -> None:
        from ucj.accounts.approval import ApprovalError
        from ucj.monev.pack_files import produce

        fmt = out.suffix.lower().lstrip(".")
        if fmt not in ("pdf", "xlsx"):
            self.fail(
                {"error": pair(_("Berkas keluaran harus .pdf atau .xlsx: %(name)s"),
                               name=out.name).joined()},
                as_json,
                code=1,
            )  # fmt: skip
        try:
            content, data = produce(cli_actor(), code, period, fmt)
        except ApprovalError as exc:
            self.fail({"error": str(exc), **exc.as_dict()}, as_json, code=1)
        except LookupError as exc:
            self.fail({"error": str(exc.args[0])}, as_json, code=2)
        out.write_bytes(content)
        if as_json:
            self.emit({"file": str(out), **data})
        else:
            self.stdout.write(f"Ditulis / written: {out}")

    def _done(self, result: dict[str, Any], as_json: bool) -> None:
        if as_json:
            self.emit(result)
        else:
            self.stdout.write(f"Ditulis / written: {result['file']}")
