from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from ucj.accounts.scoping import cli_actor
from ucj.lib.commands import UcjCommand
from ucj.lib.contest import ROSTER_MEASURE
from ucj.lib.formats import number, percent
from ucj.registry import areas, contest


class Command(UcjCommand):
    help = (
        "Kontes cakupan / contest: peringkat kecamatan dalam kab/kota atau desa dalam "
        "kecamatan (cakupan kelompok daftar pekerja; --rollup: tabel per wilayah)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="Kab/kota (e.g. 15.03) or kecamatan (15.03.01) code")
        parser.add_argument(
            "--measure", default=ROSTER_MEASURE, help="Ukuran / measure (default: roster)"
        )
        parser.add_argument("--group", help="Kelompok pekerja / worker group, e.g. rt_rw")
        parser.add_argument(
            "--rollup",
            action="store_true",
            help="Roll-up table (persons, active, programs per area) instead of the ranking",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        as_json = opts["json"]
        try:
            if opts["rollup"]:
                data = areas.rollup(opts["code"], opts.get("group"))
            else:
                data = contest.league(opts["code"], cli_actor(), opts["measure"], opts.get("group"))
        except areas.AreaError as exc:
            self.fail(
                {"error": str(exc), "message_id": exc.message_id, "message_en": exc.message_en},
                as_json,
            )
        if as_json:
            self.emit(data)
            return
        self.stdout.write(f"{data['code']} {data['name']}")
        if opts["rollup"]:
            for r in data["rows"]:
                self.stdout.write(
                    f"  {r['code']:<14} {r['name'][:30]:<30} {number(r['persons']):>8} "
                    f"{number(r['covered']):>8} {percent(r['share_pct'])}"
                )
            return
        for r in data["rows"]:
            rank = str(r["rank"]) if r["rank"] else "–"
            share = percent(r["share_pct"]) if r["share_pct"] is not None else "–"
            self.stdout.write(
                f"  {rank:>4} {r['code']:<14} {r['name'][:30]:<30} "
                f"{number(r['numerator'])}/{number(r['denominator'])} {share}"
            )
