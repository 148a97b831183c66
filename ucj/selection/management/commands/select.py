from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import cli_actor
from ucj.lib.bilingual import pair
from ucj.lib.commands import UcjCommand
from ucj.lib.formats import number, percent, rupiah
from ucj.planning.rates import PlanError
from ucj.planning.services import parse_month, parse_programs
from ucj.selection.management.commands import _confirm as confirming


class Command(UcjCommand):
    help = (
        "Seleksi peserta yang didanai Pemda / choose whom the Pemda pays for (issue 20): "
        "`ucj select CODE --budget RP …`; `ucj select confirm ID` checks a saved selection "
        "against the latest membership list."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "code", help="Kode wilayah / region code, e.g. 15.03; or `confirm` (with ID)"
        )
        parser.add_argument("id", nargs="?", type=int, help="confirm: nomor seleksi / selection id")
        parser.add_argument("--scheme", default="desil-1-4", help="Skema kelayakan / scheme")
        parser.add_argument("--budget", type=int, help="Anggaran / budget (Rp), wajib / required")
        parser.add_argument("--programs", default="JKK,JKM", help="JKK,JKM[,JHT]")
        parser.add_argument("--months", type=int, default=12, help="Bulan / months")
        parser.add_argument("--priority", help="Urutan / order: decile,group")
        parser.add_argument("--segment", default="BPU", choices=["BPU", "PU"], help="Segmen")
        parser.add_argument("--income", type=int, help="BPU: penghasilan (Rp)")
        parser.add_argument("--wage", type=int, help="PU: upah sebulan / monthly wage (Rp)")
        parser.add_argument("--risk-class", type=int, choices=[1, 2, 3, 4, 5], help="PU JKK 1-5")
        parser.add_argument("--start", help="Bulan pertama / first month, YYYY-MM")
        parser.add_argument("--period", help="Bulan data cakupan / figures' month, YYYY-MM")
        parser.add_argument("--roster", type=int, help="Hanya daftar ini / only this roster id")
        parser.add_argument("--out", help="Ekspor XLSX untuk pendaftaran / export for registration")
        parser.add_argument("--save", metavar="NAME", help="Simpan sebagai skenario / save")
        parser.add_argument("--funding", default="apbd", help="Sumber dana (apbd, add, …) atau id")
        parser.add_argument("--office", default="", help="Perangkat daerah penanggung jawab")

    def handle(self, *args: Any, **opts: Any) -> None:
        from ucj.selection import saving
        from ucj.selection.services import SelectRequest, select

        user = cli_actor()
        if opts["code"] == "confirm":
            return confirming.run(self, user, opts["id"], opts["json"])
        if opts.get("budget") is None:
            self.fail(
                {"error": pair(_("sebutkan %(option)s (Rp)"), option="--budget").joined()},
                opts["json"],
            )
        try:
            req = SelectRequest(
                code=opts["code"], scheme=opts["scheme"], budget=opts["budget"],
                programs=parse_programs(opts["programs"]), months=opts["months"],
                priority=tuple(p.strip() for p in opts["priority"].split(",") if p.strip())
                if opts.get("priority") else None,
                segment=opts["segment"], income=opts.get("income"), wage=opts.get("wage"),
                risk_class=opts.get("risk_class"),
                start=parse_month(opts["start"]) if opts.get("start") else None,
                period=parse_month(opts["period"]) if opts.get("period") else None,
                roster=opts.get("roster"),
            )  # fmt: skip
            answer, chosen = select(req, user)
            if opts.get("save"):
                params = {
                    k: opts.get(k)
                    for k in ("budget", "income", "wage", "risk_class", "priority", "roster")
                }
                kept = saving.save(
                    answer, chosen, params, user, opts["save"], opts["funding"], opts["office"]
                )
                answer["selection_id"] = kept.pk
                answer["scenario_id"] = kept.scenario_id
            if opts.get("out"):
                answer["file"] = opts["out"]
                saving.export_xlsx(answer, chosen, Path(opts["out"]))
        except PlanError as exc:
            self.fail(exc.as_dict(), opts["json"], code=2 if exc.field == "code" else 1)
        if opts["json"]:
            self.emit(answer)
            return
        lines = [
            f"{answer['code']}  {answer['name']}  skema {answer['scheme']}",
            f"Terpilih / selected: {number(answer['selected'])} dari / of "
            f"{number(answer['candidates'])}",
            f"Biaya / cost: {rupiah(answer['cost_total'])} "
            f"({rupiah(answer['cost_per_worker_month'])} per pekerja per bulan)",
            "Tidak terpilih / left out: "
            + ", ".join(f"{k} {number(v)}" for k, v in answer["left_out"].items()),
        ]
        if answer["coverage_before_pct"] is not None:
            lines.append(
                f"Cakupan / coverage: {percent(answer['coverage_before_pct'])} → "
                f"{percent(answer['coverage_after_pct'])} ({answer['category_after']})"
            )
        if answer["is_sample"]:
            lines.append("data contoh / sample data")
        lines += [f"Catatan: {n}" for n in answer["notes"]]
        self.stdout.write("\n".join(lines))
