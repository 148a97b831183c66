from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

import ucj.registry.stored as stored
from ucj.lib.bilingual import pair
from ucj.lib.commands import UcjCommand
from ucj.registry import engines, files, national, services
from ucj.registry.codebook import MasterNotLoaded
from ucj.registry.management.commands.nik import parse_as_of


class Command(UcjCommand):
    help = (
        "Rekonsiliasi daftar pekerja × daftar peserta BPJS TK / reconcile a roster with a "
        "membership list (files, or the stored rosters of a region)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--roster", help="Roster file (CSV/XLSX): nik, nama, …")
        parser.add_argument("--membership", help="Membership file (CSV/XLSX) from BPJS TK")
        parser.add_argument(
            "--region", help="Use the stored rosters (and latest stored list) of this region"
        )
        parser.add_argument(
            "--stored",
            action="store_true",
            help="With --roster: against every region's current stored list (ucj lists)",
        )
        parser.add_argument("--as-of", help="Reference date YYYY-MM-DD (default: today)")
        parser.add_argument(
            "--out",
            help="Write XLSX/CSV results (masked NIK only) to this folder, or the per-person "
            "results to x.parquet",
        )
        parser.add_argument(
            "--engine", choices=engines.NAMES, default=engines.DEFAULT,
            help="polars (one machine, default) or spark (PySpark: local mode or a cluster)",
        )  # fmt: skip
        parser.add_argument(
            "--spark-master", help="With --engine spark: local[2] (default), spark://host:7077…"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        as_json = opts["json"]
        try:
            as_of = parse_as_of(opts.get("as_of"))
        except ValueError as exc:
            self.fail({"error": str(exc)}, as_json, code=2)
        out = Path(opts["out"]) if opts.get("out") else None
        parquet = out if out is not None and out.suffix.lower() == ".parquet" else None
        out = None if parquet else out
        try:
            engine = engines.get(opts["engine"], opts.get("spark_master"))
        except engines.EngineUnavailable as exc:
            self.fail({"error": exc.problem.joined(), **exc.problem.as_dict()}, as_json, code=2)
        try:
            if opts.get("region"):
                outcome = stored.reconcile_region(
                    opts["region"], as_of, membership_file=opts.get("membership"), out_dir=out,
                    engine=engine,
                )  # fmt: skip
            elif opts.get("roster") and opts.get("stored"):
                outcome = national.reconcile_national(Path(opts["roster"]), as_of, out, engine)
            elif opts.get("roster") and opts.get("membership"):
                outcome = services.reconcile_files(
                    Path(opts["roster"]), Path(opts["membership"]), as_of, out, engine
                )
            else:
                self.fail(
                    {"error": pair(_("Berikan --roster dan --membership, atau --region")).joined()},
                    as_json,
                    code=2,
                )
        except FileNotFoundError as exc:
            name = Path(str(exc.args[0] if exc.args else exc)).name
            self.fail(
                {"error": pair(_("Berkas tidak ditemukan: %(name)s"), name=name).joined()},
                as_json,
                code=2,
            )
        except (stored.NotFound, national.NoStoredList, MasterNotLoaded) as exc:
            self.fail({"error": str(exc)}, as_json, code=2)
        except engines.EngineUnavailable as exc:
            self.fail({"error": exc.problem.joined(), **exc.problem.as_dict()}, as_json, code=2)
        except files.FileProblem as exc:
            self.fail(
                {
                    "error": pair(_("Data tidak dapat dibaca")).joined(),
                    "problems": exc.problems,
                },
                as_json,
                code=1,
            )
        if parquet is not None:
            services.write_parquet(outcome, parquet)
            out = parquet
        if as_json:
            self.emit(outcome.summary)
            return
        s = outcome.summary
        self.stdout.write(
            f"baris / rows {s['roster_rows']:,}; sah / valid {s['valid']:,}; "
            f"NIK tidak sah / invalid {s['invalid_nik']:,}; duplikat / duplicates "
            f"{s['duplicates']:,}"
        )
        self.stdout.write(
            f"aktif / active {s['matched_active']:,}; non-aktif / inactive "
            f"{s['matched_inactive']:,}; bukan peserta / not a member {s['not_member']:,}"
        )
        self.stdout.write(
            "  ".join(f"{p} {v:.2f}%" for p, v in s["by_program"].items())
            + f"  (as-of {dt.date.isoformat(as_of)})"
        )
        if out:
            self.stdout.write(f"hasil / results: {out}")
