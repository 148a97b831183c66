from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import pair
from ucj.lib.commands import UcjCommand
from ucj.registry import nik
from ucj.registry.codebook import MasterNotLoaded


def parse_as_of(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            pair(_("--as-of %(text)s: gunakan format YYYY-MM-DD"), text=repr(text)).joined()
        ) from None


class Command(UcjCommand):
    help = (
        "NIK: periksa struktur NIK, ganti kunci hash / check a NIK's structure (nothing is "
        "stored), rotate the hash key."
    )
    json_option = False

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        chk = sub.add_parser("check", help="Check one NIK against the rules of issue 9.")
        chk.add_argument("nik", help="16 digits; spaces, dots and dashes are ignored")
        chk.add_argument("--as-of", help="Reference date YYYY-MM-DD (default: today)")
        chk.add_argument("--json", action="store_true", help="Print only JSON on stdout.")
        rot = sub.add_parser(
            "rotate-key",
            help="Re-hash stored NIKs under the new UCJ_NIK_KEY from the source files "
            "(rosters, membership lists); reports every stored person not found in them.",
        )
        rot.add_argument("--from", dest="files", nargs="+", required=True, metavar="FILE")
        rot.add_argument(
            "--old-key-file",
            required=True,
            help="File holding the OLD key (not on the command line: shells keep history).",
        )
        rot.add_argument("--dry-run", action="store_true", help="Count only; write nothing.")
        rot.add_argument("--json", action="store_true", help="Print only JSON on stdout.")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "rotate-key":
            self.rotate(opts)
            return
        try:
            as_of = parse_as_of(opts.get("as_of"))
        except ValueError as exc:
            self.fail({"error": str(exc)}, opts["json"], code=2)
        try:
            result = nik.check(opts["nik"], as_of)
        except MasterNotLoaded as exc:
            self.fail({"error": str(exc)}, opts["json"], code=2)
        if opts["json"]:
            self.emit(result.as_dict())
        else:
            # Only the masked form is echoed: a terminal's scrollback is a log too.
            state = "sah / valid" if result.valid else "tidak sah / invalid"
            self.stdout.write(f"{nik.nik_masked(opts['nik'])}: {state}")
            for item in result.errors:
                self.stdout.write(f"  ✗ {item['message_id']} / {item['message_en']}")
            for item in result.warnings:
                self.stdout.write(f"  ! {item['message_id']} / {item['message_en']}")
            if result.birth_date:
                self.stdout.write(f"  lahir / born {result.birth_date}, {result.sex}")
        if not result.valid:
            raise SystemExit(1)

    def rotate(self, opts: dict[str, Any]) -> None:
        """Exit 0 all stored persons under the new key, 1 some not found in the files
        (listed), 2 unreadable input."""
        from ucj.registry.rotation import RotationError, rotate

        try:
            old_key = Path(opts["old_key_file"]).read_text(encoding="utf-8").strip()
        except OSError as exc:
            self.fail(
                {
                    "error": pair(
                        _("--old-key-file tidak terbaca: %(error)s"), error=exc.strerror
                    ).joined()
                },
                opts["json"],
                code=2,
            )
        try:
            result = rotate([Path(f) for f in opts["files"]], old_key, opts["dry_run"])
        except RotationError as exc:
            self.fail({"error": str(exc)}, opts["json"], code=2)
        data = result.as_json()
        if opts["json"]:
            self.emit(data)
        else:
            what = "uji coba / dry run" if result.dry_run else "kunci baru / new key"
            self.stdout.write(
                f"{what}: {data['niks_read']} NIK dibaca / read; di-hash ulang / re-hashed "
                f"{data['rehashed']}; sudah / already {data['already_new_key']}; "
                f"daftar tersimpan / stored lists {data['stored_lists']}"
            )
            for item in data["unmatched"]:
                where = item.get("row") or item.get("kpj") or ""
                self.stderr.write(
                    f"TIDAK DITEMUKAN / NOT FOUND: {item['kind']} {item['list']} "
                    f"({item['region']}) {where} {item['nik_masked']}"
                )
            if result.unmatched_count:
                self.stderr.write(
                    f"{result.unmatched_count} orang tersimpan tidak ada di berkas mana pun "
                    f"(hash lama tetap) / stored persons in no file (old hash kept)"
                )
        if result.unmatched_count:
            raise SystemExit(1)
