"""`ucj import FILE --kind KIND`, `ucj import template|history|undo …` in one command.

The first positional word picks the action: `template`, `history`, `undo`, or else it is
the file to import. JSON keys and exit statuses are the issue's contract.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import cli_actor
from ucj.intake import history, kinds
from ucj.intake.blanks import template_csv, template_xlsx
from ucj.intake.errors_out import write_errors_out
from ucj.intake.pipeline import Outcome, run_import
from ucj.intake.progress import Progress
from ucj.intake.undo import undo_batch
from ucj.lib.bilingual import pair
from ucj.lib.commands import UcjCommand

ACTIONS = ("template", "history", "undo")


class Command(UcjCommand):
    help = "Impor data / import: ucj import FILE --kind KIND; template, history, undo."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # Users type `ucj import`; `import_data` is only the module name Python allows.
        return super().create_parser(prog_name, "import", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("target", help="FILE, or: template KIND | history | undo BATCH")
        parser.add_argument("arg", nargs="?", help="KIND for template, BATCH for undo")
        parser.add_argument("--kind", help="potential, participants, targets, reported, …")
        parser.add_argument("--dry-run", action="store_true", help="Check and count only.")
        parser.add_argument("--source", default="", help="Source of the figures (sumber).")
        parser.add_argument("--errors-out", help="Write the rows with an error column here.")
        parser.add_argument("--sheet", help="XLSX sheet name (default: the first sheet).")
        parser.add_argument(
            "--region",
            help="Wilayah baris yang kolom wilayahnya kosong atau tidak ada / region (code or "
            "name) of rows that leave it empty, e.g. a roster of one kab/kota.",
        )
        parser.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
        parser.add_argument("--out", help="Where `template` writes the file.")
        parser.add_argument("--sample", action="store_true", help="Mark figures as data contoh.")
        parser.add_argument("--limit", type=int, default=50, help="history: how many batches.")

    def handle(self, *args: Any, **opts: Any) -> None:
        target = opts["target"]
        if target == "template":
            return self.do_template(opts)
        if target == "history":
            return self.do_history(opts)
        if target == "undo":
            return self.do_undo(opts)
        return self.do_import(Path(target), opts)

    def _kind_or_fail(self, name: str | None, as_json: bool) -> kinds.Kind:
        kind = kinds.get(name or "")
        if kind is None:
            known = ", ".join(k.name for k in kinds.all_kinds())
            self.fail(
                {
                    "error": pair(
                        _("jenis '%(kind)s' tidak dikenal (ada: %(known)s)"), kind=name, known=known
                    ).joined(),
                    "kinds": known.split(", "),
                },
                as_json,
                2,
            )
        return kind

    def do_template(self, opts: dict[str, Any]) -> None:
        kind = self._kind_or_fail(opts["arg"] or opts["kind"], opts["json"])
        out = Path(opts["out"] or f"templat-{kind.name}.{opts['format']}")
        data = template_xlsx(kind) if opts["format"] == "xlsx" else template_csv(kind)
        try:
            out.write_bytes(data)
        except OSError as exc:
            self.fail(
                {
                    "error": pair(
                        _("tidak dapat menulis %(out)s: %(error)s"), out=out, error=exc
                    ).joined()
                },
                opts["json"],
            )
        if opts["json"]:
            self.emit({"ok": True, "kind": kind.name, "file": str(out), "format": opts["format"]})
        else:
            self.stdout.write(f"{out}")

    def do_history(self, opts: dict[str, Any]) -> None:
        rows = history.batches(cli_actor(), limit=opts["limit"], kind=opts["kind"])
        if opts["json"]:
            self.emit(rows)
            return
        for b in rows:
            self.stdout.write(
                f"#{b['batch']:<5} {b['created'][:19]} {b['kind']:<13} {b['status']:<9} "
                f"+{b['inserted']} ~{b['updated']} ={b['unchanged']}  {b['file_name']}"
            )

    def do_undo(self, opts: dict[str, Any]) -> None:
        try:
            batch_id = int(str(opts["arg"]).lstrip("#"))
        except ValueError:
            # Literal pair kept: command line only, names the command `ucj import undo`.
            self.fail(
                {"error": "BATCH harus angka / BATCH must be a number: ucj import undo BATCH"},
                opts["json"],
                2,
            )
        result = undo_batch(batch_id, cli_actor())
        data: dict[str, Any] = {
            "ok": result.ok,
            "batch": result.batch,
            "deleted": result.deleted,
            "restored": result.restored,
        }
        if not result.ok:
            data.update(error=f"{result.message_id} / {result.message_en}")
            data.update(message_id=result.message_id, message_en=result.message_en)
            self.fail(data, opts["json"], 2 if "tidak ada" in result.message_id else 1)
        if opts["json"]:
            self.emit(data)
        else:
            self.stdout.write(
                f"batch #{batch_id} dibatalkan / undone: {result.deleted} dihapus / deleted, "
                f"{result.restored} dipulihkan / restored"
            )

    def do_import(self, path: Path, opts: dict[str, Any]) -> None:
        if not opts["kind"]:
            known = ", ".join(k.name for k in kinds.all_kinds())
            self.fail(
                {"error": pair(_("--kind wajib (%(known)s)"), known=known).joined()},
                opts["json"],
                2,
            )
        with Progress(self.stderr) as progress:
            outcome = run_import(
                path,
                opts["kind"],
                user=cli_actor(),  # recorded on the batch as "CLI oleh <os user>"
                source=opts["source"],
                dry_run=opts["dry_run"],
                sheet=opts["sheet"],
                is_sample=opts["sample"],
                progress=progress.update,
                region=opts["region"],
            )
        kind = kinds.get(opts["kind"])
        if opts["errors_out"] and kind and outcome.table is not None and outcome.errors.height:
            write_errors_out(outcome, Path(opts["errors_out"]), kind)
        self.report(outcome, opts)
        if outcome.exit_code:
            sys.exit(outcome.exit_code)

    def report(self, outcome: Outcome, opts: dict[str, Any]) -> None:
        data = outcome.as_json()
        if opts["json"]:
            self.emit(data)
            return
        for e in data["errors"]:
            self.stderr.write(f"GALAT / ERROR: {e['message_id']}\n  {e['message_en']}")
        for w in data["warnings"]:
            self.stderr.write(f"PERINGATAN / WARNING: {w['message_id']}\n  {w['message_en']}")
        if outcome.ok:
            what = "uji coba / dry run" if opts["dry_run"] else f"batch #{outcome.batch}"
            self.stdout.write(
                f"{what}: {outcome.rows} baris / rows, {outcome.inserted} baru / inserted, "
                f"{outcome.updated} diubah / updated, {outcome.unchanged} sama / unchanged"
            )
        else:
            self.stderr.write("Tidak ada yang disimpan / nothing was written.")
