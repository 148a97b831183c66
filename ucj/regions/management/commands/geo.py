from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import pair
from ucj.lib.commands import UcjCommand
from ucj.regions.geo import DEFAULT_DECIMALS, DEFAULT_TOLERANCE, GeoFileError, load_boundaries


class Command(UcjCommand):
    help = (
        "Batas wilayah / boundaries: `ucj geo load FILE.geojson --level province|regency` "
        "loads boundaries for the choropleth maps (codes checked against the region master)."
    )
    json_option = False

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Load a GeoJSON FeatureCollection of boundaries.")
        load.add_argument("file", help="GeoJSON file (WGS84 lon/lat)")
        load.add_argument(
            "--level",
            required=True,
            choices=["province", "regency"],
            help="province, or regency (= every kab/kota, kota included)",
        )
        load.add_argument(
            "--code-property",
            default="code",
            help="feature property holding the Kemendagri code (default: code)",
        )
        load.add_argument(
            "--tolerance",
            type=float,
            default=DEFAULT_TOLERANCE,
            help=f"simplification tolerance in degrees (default {DEFAULT_TOLERANCE}; 0 = none)",
        )
        load.add_argument(
            "--decimals",
            type=int,
            default=DEFAULT_DECIMALS,
            help=f"decimals kept in coordinates (default {DEFAULT_DECIMALS})",
        )
        load.add_argument("--json", action="store_true", help="Print only JSON on stdout.")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            result = load_boundaries(
                Path(opts["file"]),
                opts["level"],
                opts["code_property"],
                opts["tolerance"],
                opts["decimals"],
            )
        except GeoFileError as exc:
            self.fail({"error": str(exc)}, opts["json"], code=2)
        data = result.as_dict()
        if result.unmatched:
            lines = [
                f"  fitur/feature {u['feature']}: {opts['code_property']}={u['code']!r} {u['name']}"
                for u in result.unmatched
            ]
            error = pair(
                _("%(file)s: %(count)s fitur tanpa wilayah yang cocok; tidak ada yang dimuat"),
                file=result.file,
                count=len(result.unmatched),
            ).joined()
            if opts["json"]:
                self.fail({"error": error, **data}, True, code=1)
            self.stderr.write(error + "\n" + "\n".join(lines))
            raise SystemExit(1)
        if opts["json"]:
            self.emit(data)
            return
        self.stdout.write(
            f"{result.loaded} batas wilayah dimuat / boundaries loaded ({result.level}); "
            f"{result.bytes_in:,} → {result.bytes_stored:,} bytes"
        )
        if result.missing:
            self.stdout.write(
                f"Tanpa batas / regions without a boundary: {', '.join(result.missing)}"
            )
