"""`ucj lists`: membership lists stored for their size (Parquet under UCJ_LIST_STORE)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import cli_actor
from ucj.lib.bilingual import pair
from ucj.lib.commands import UcjCommand
from ucj.regions.models import Region
from ucj.registry import engines, files, list_store, statistics
from ucj.registry.engines.base import stats_json
from ucj.registry.management.commands.nik import parse_as_of
from ucj.registry.models import PROGRAMS, MembershipList


class Command(UcjCommand):
    help = (
        "Daftar kepesertaan besar (Parquet) / stored membership lists: `import FILE` "
        "(any size, any mix of provinces; --add to extend), `show`, `stats` (rows, persons "
        "and programs per region × segment × status; --engine spark)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import", "show", "stats"])
        parser.add_argument("file", nargs="?", help="Membership file (CSV/XLSX) from BPJS TK")
        parser.add_argument("--add", action="store_true", help="Add to the current lists")
        parser.add_argument("--region", help="The whole file's region (no region column)")
        parser.add_argument("--source", default="", help="Where the list comes from")
        parser.add_argument("--as-of", help="Date of the list YYYY-MM-DD (default: today)")
        parser.add_argument("--engine", choices=engines.NAMES, default=engines.DEFAULT)
        parser.add_argument("--spark-master", help="With --engine spark (default local[2])")

    def handle(self, *args: Any, **opts: Any) -> None:
        as_json = opts["json"]
        if opts["action"] == "stats":
            self.stats(opts)
            return
        if opts["action"] == "show":
            rows = [
                {"id": m.pk, "region": m.region.code, "as_of": m.as_of, "rows": m.stored_rows,
                 "batch": m.batch_id, "base": m.base_id}
                for m in MembershipList.objects.exclude(store="").select_related("region")
            ]  # fmt: skip
            if as_json:
                self.emit({"lists": rows})
            else:
                for r in rows:
                    self.stdout.write(f"#{r['id']} {r['region']} {r['as_of']} {r['rows']:,}")
            return
        if not opts.get("file"):
            self.fail({"error": pair(_("Berikan berkas")).joined()}, as_json, code=2)
        try:
            as_of = parse_as_of(opts.get("as_of"))
        except ValueError as exc:
            self.fail({"error": str(exc)}, as_json, code=2)
        region = None
        if opts.get("region"):
            region = Region.objects.filter(code=opts["region"]).first()
            if region is None:
                self.fail(
                    {"error": pair(_("Kode wilayah tidak dikenal: %(code)s"),
                                   code=opts["region"]).joined()}, as_json, code=2)  # fmt: skip
        path = Path(opts["file"])
        try:
            result = list_store.import_membership(
                path, cli_actor(), add=opts["add"], source=opts["source"], as_of=as_of,
                region=region,
            )  # fmt: skip
        except FileNotFoundError:
            self.fail(
                {"error": pair(_("Berkas tidak ditemukan: %(name)s"), name=path.name).joined()},
                as_json,
                code=2,
            )
        except (files.FileProblem, list_store.Refused) as exc:
            first = exc.problems[0]
            self.fail({"error": f"{first['message_id']} / {first['message_en']}",
                       "problems": exc.problems}, as_json, code=1)  # fmt: skip
        if as_json:
            self.emit(result.as_json())
        elif result.unchanged:
            self.stdout.write("Tidak ada perubahan / unchanged (same file is current)")
        else:
            self.stdout.write(
                f"Batch #{result.batch}: {result.rows:,} baris / rows, "
                f"{len(result.lists)} daftar / lists"
            )

    def stats(self, opts: dict[str, Any]) -> None:
        """`ucj lists stats [--region CODE] [--engine spark]`: the current lists counted."""
        as_json = opts["json"]
        try:
            engine = engines.get(opts["engine"], opts.get("spark_master"))
            table = statistics.list_statistics(opts.get("region"), engine)
        except engines.EngineUnavailable as exc:
            self.fail({"error": exc.problem.joined(), **exc.problem.as_dict()}, as_json, code=2)
        if as_json:
            self.emit(stats_json(table))
            return
        for row in table.iter_rows(named=True):
            programs = " ".join(f"{p} {row[p]:,}" for p in PROGRAMS)
            self.stdout.write(
                f"{row['region_code']} {row['segment'] or '-'} {row['status']}: "
                f"{row['rows']:,} baris / rows, {row['persons']:,} orang / persons; {programs}"
            )
