"""`ucj coverage`: where a region stands for a month (the JSON keys are a contract)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

from ucj.indicators import services
from ucj.indicators.schemas import dump
from ucj.lib import formats, periods
from ucj.lib.bilingual import pair
from ucj.lib.commands import UcjCommand


def parse_period(text: str | None) -> dt.date | None:
    """--period: `YYYY-MM` (ucj.lib.periods) or none; a PeriodError (a ValueError) names
    the problem in both languages."""
    return None if text is None else periods.parse_month(text)


class Command(UcjCommand):
    help = (
        "Cakupan UCJ / UCJ coverage of a region, of every kab/kota of a province "
        "(--province) or of every province (--level province)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", nargs="?", help="Region code (15.03, 15) or ID for Indonesia")
        parser.add_argument("--province", help="Every kab/kota of this province, by rank")
        parser.add_argument("--level", choices=["province"], help="Every province, by rank")
        parser.add_argument("--period", help="Month YYYY-MM (default: latest with data)")

    def handle(self, *args: Any, **opts: Any) -> None:
        as_json = opts["json"]
        try:
            period = parse_period(opts["period"])
        except ValueError as exc:
            self.fail({"error": str(exc)}, as_json, code=1)
        chosen = [bool(opts["code"]), bool(opts["province"]), bool(opts["level"])]
        if sum(chosen) != 1:
            self.fail(
                {
                    "error": pair(
                        _("Sebutkan satu: KODE, --province KODE atau --level province")
                    ).joined()
                },
                as_json,
                code=2,
            )
        try:
            if opts["code"]:
                data: Any = services.coverage(opts["code"], period)
            elif opts["province"]:
                data = services.league(province=opts["province"], period=period)
            else:
                data = services.league(level="province", period=period)
        except LookupError as exc:
            candidates = exc.args[1] if len(exc.args) > 1 else []
            self.fail({"error": str(exc.args[0]), "candidates": candidates}, as_json, code=2)
        if as_json:  # the API's schema: the same keys on both
            self.emit([dump(o) for o in data] if isinstance(data, list) else dump(data))
            return
        for obj in data if isinstance(data, list) else [data]:
            self.stdout.write(self._line(obj))
        self._footer(data if isinstance(data, list) else [data])

    def _line(self, o: dict[str, Any]) -> str:
        rank = o["rank_in_province"] or o["rank_national"]
        basis = o["potential_basis"] or ""  # the denominator's label, beside every %
        cat = o["category"] or "–"
        if o["category_provisional"]:
            cat += " (sementara)"
        sample = "  [data contoh]" if o["is_sample"] else ""
        flags = []
        if o["discrepancy_flag"]:
            flags.append(f"selisih dgn laporan {formats.number(o['discrepancy_pp'], 2)} pp")
        if o["over_100_flag"]:
            flags.append("> 100%")
        flag = f"  ! {'; '.join(flags)}" if flags else ""
        return (
            f"{rank or '-':>3}  {o['code']:<6} {o['name'][:34]:<34} "
            f"{formats.percent(o['coverage_pct']):>8} {'(' + basis + ')' if basis else '':<18} "
            f"{formats.number(o['active_participants']):>11} / "
            f"{formats.number(o['potential_workers']):<11} {cat}{sample}{flag}"
        )

    def _footer(self, objs: list[dict[str, Any]]) -> None:
        dates = sorted({o["as_of"] for o in objs if o["as_of"]})
        period = next((o["period"] for o in objs if o["period"]), None)
        self.stdout.write(
            f"Periode / period {period or '–'}; data per {dates[-1] if dates else '–'}. "
            "Kategori sementara: ambang resmi belum dipublikasikan / provisional categories."
        )
