from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import cli_actor
from ucj.lib.bilingual import pair
from ucj.lib.commands import UcjCommand
from ucj.lib.formats import percent, rupiah
from ucj.planning.rates import PlanError
from ucj.planning.services import CostRequest, parse_month, parse_programs


def _cost_options(p: CommandParser, segment_default: str = "BPU") -> None:
    p.add_argument(
        "--segment",
        default=segment_default,
        choices=["BPU", "PU", "JAKON", "PMI"],
        help="Segmen / segment",
    )
    p.add_argument("--programs", default="JKK,JKM", help="JKK,JKM[,JHT,JP,JKP]")
    p.add_argument("--months", type=int, default=12, help="Jumlah bulan / months")
    p.add_argument("--start", help="Bulan pertama / first month, YYYY-MM")
    p.add_argument("--income", type=int, help="BPU: penghasilan dilaporkan (Rp)")
    p.add_argument("--wage", type=int, help="PU: upah sebulan (Rp)")
    p.add_argument("--risk-class", type=int, choices=[1, 2, 3, 4, 5], help="PU JKK 1-5")
    p.add_argument(
        "--relaxation",
        action="append",
        default=[],
        help="Terapkan relaksasi / apply a relaxation (e.g. pp-7-2025)",
    )
    p.add_argument("--contract-value", type=int, help="JAKON: nilai kontrak (Rp)")
    p.add_argument("--contract-months", type=int, help="PMI: lama kontrak (bulan)")
    p.add_argument("--json", action="store_true", help="Print only JSON on stdout.")


def _period_option(p: CommandParser) -> None:
    p.add_argument("code", help="Kode wilayah / region code, e.g. 15.03")
    p.add_argument("--period", help="Periode data / figures' month, YYYY-MM (default latest)")


class Command(UcjCommand):
    help = "Perencanaan / planning: cost, reach, budget, next category, scenarios."
    json_option = False

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        c = sub.add_parser("cost", help="Biaya iuran / contribution cost.")
        c.add_argument("--workers", type=int, default=1, help="Jumlah pekerja / workers")
        _cost_options(c)
        r = sub.add_parser("reach", help="Pekerja dan biaya untuk mencapai target / to a target.")
        _period_option(r)
        r.add_argument("--target-pct", type=float, required=True, help="Target (%)")
        _cost_options(r)
        b = sub.add_parser("budget", help="Apa yang dibeli anggaran / what a budget buys.")
        _period_option(b)
        b.add_argument("--amount", type=int, required=True, help="Anggaran / amount (Rp)")
        _cost_options(b)
        n = sub.add_parser("next-category", help="Menuju kategori berikutnya / next band.")
        _period_option(n)
        _cost_options(n)
        s = sub.add_parser("scenarios", help="Skenario: list, export, import.")
        s.add_argument("op", choices=["list", "export", "import"])
        s.add_argument("code", nargs="?", help="Kode wilayah / region code")
        s.add_argument("--file", help="Berkas XLSX/PDF / file")
        s.add_argument("--json", action="store_true", help="Print only JSON on stdout.")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            data = getattr(self, f"do_{opts['action'].replace('-', '_')}")(opts)
        except PlanError as exc:
            self.fail(exc.as_dict(), opts["json"], code=2 if exc.field == "code" else 1)
        if opts["json"]:
            self.emit(data)
        else:
            self._print(data)

    def _req(self, opts: dict[str, Any], workers: int = 0) -> CostRequest:
        return CostRequest(
            segment=opts["segment"],
            programs=parse_programs(opts["programs"]),
            workers=workers,
            months=opts["months"],
            start=parse_month(opts["start"]) if opts.get("start") else None,
            income=opts.get("income"),
            wage=opts.get("wage"),
            risk_class=opts.get("risk_class"),
            relaxations=tuple(opts.get("relaxation") or ()),
            contract_value=opts.get("contract_value"),
            contract_months=opts.get("contract_months"),
        )

    def _period(self, opts: dict[str, Any]) -> Any:
        return parse_month(opts["period"]) if opts.get("period") else None

    def do_cost(self, opts: dict[str, Any]) -> dict[str, Any]:
        from ucj.planning.services import cost

        return cost(self._req(opts, opts["workers"]))

    def do_reach(self, opts: dict[str, Any]) -> dict[str, Any]:
        from ucj.planning.reach import reach

        return reach(opts["code"], opts["target_pct"], self._req(opts), self._period(opts))

    def do_budget(self, opts: dict[str, Any]) -> dict[str, Any]:
        from ucj.planning.reach import budget

        return budget(opts["code"], opts["amount"], self._req(opts), self._period(opts))

    def do_next_category(self, opts: dict[str, Any]) -> dict[str, Any]:
        from ucj.planning.reach import next_category

        return next_category(opts["code"], self._req(opts), self._period(opts))

    def do_scenarios(self, opts: dict[str, Any]) -> Any:
        from ucj.planning import scenarios

        if opts["op"] == "import":
            if not opts.get("file"):
                raise PlanError(*pair(_("--file wajib")), "file")
            return scenarios.import_xlsx(
                Path(opts["file"]).read_bytes(), user=cli_actor(), file_name=Path(opts["file"]).name
            )
        qs = scenarios.Scenario.objects.select_related("region")
        if opts.get("code"):
            qs = qs.filter(region__code=opts["code"])
        if opts["op"] == "list":
            return [scenarios.scenario_dict(s) for s in qs]
        if not opts.get("file"):
            raise PlanError(*pair(_("--file wajib")), "file")
        path = Path(opts["file"])
        data = (
            scenarios.export_pdf(list(qs))
            if path.suffix.lower() == ".pdf"
            else scenarios.export_xlsx(list(qs))
        )
        path.write_bytes(data)
        return {"file": str(path), "scenarios": qs.count()}

    def _print(self, data: Any) -> None:
        if isinstance(data, list):
            for row in data:
                self.stdout.write(f"{row.get('code', '')}  {row.get('name', '')}")
            return
        lines = []
        if data.get("name"):
            lines.append(f"{data.get('code')}  {data['name']}  (periode {data.get('period')})")
        for key, label in (
            ("gap_workers", "Kekurangan pekerja / gap"),
            ("workers", "Pekerja / workers"),
        ):
            if data.get(key) is not None:
                lines.append(f"{label}: {data[key]:,}".replace(",", "."))
        if data.get("per_worker_month") is not None:
            lines.append(f"Per pekerja per bulan: {rupiah(data['per_worker_month'])}")
        total = data.get("cost_total", data.get("total"))
        if total is not None:
            lines.append(f"Total: {rupiah(total)}")
        if data.get("resulting_pct") is not None:
            lines.append(
                f"Capaian / coverage: {percent(data['resulting_pct'])} "
                f"({data.get('resulting_category')}; peringkat "
                f"{data.get('resulting_rank_in_province')})"
            )
        payers = data.get("payers")
        if payers:
            lines.append(
                f"Pemberi kerja / employer: {rupiah(payers['employer'])}; "
                f"pekerja / worker: {rupiah(payers['worker'])}"
            )
        gov = (data.get("not_payable") or {}).get("government_jkp")
        if gov:
            lines.append(
                f"JKP porsi Pemerintah Pusat (tidak dibayar pemberi kerja) / central "
                f"government's JKP share (not paid by the employer): {rupiah(gov)}"
            )
        if data.get("is_sample"):
            lines.append("Angka cakupan: data contoh / coverage figures: sample data")
        lines += [f"Dasar hukum: {b}" for b in data.get("legal_basis", [])]
        lines += [f"Catatan: {n}" for n in data.get("notes", [])]
        if data.get("rounding"):
            lines.append(f"Pembulatan: {data['rounding']}")
        self.stdout.write("\n".join(lines) or str(data))
