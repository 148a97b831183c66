from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import pair
from ucj.lib.commands import UcjCommand
from ucj.regions import resolver, services
from ucj.regions.models import Level, Region


class Command(UcjCommand):
    help = "Wilayah / regions: show, resolve and list Kemendagri region codes."
    json_option = False

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("show", help="One region by code (retired codes too).")
        show.add_argument("code", help="Kemendagri code, e.g. 15.03 or 1503")
        show.add_argument("--json", action="store_true", help="Print only JSON on stdout.")
        res = sub.add_parser(
            "resolve", help="Find the current region for a code, name, alias or retired code."
        )
        res.add_argument("text", help="What the user wrote, e.g. 'KAB. SAROLANGUN'")
        res.add_argument("--province", help="Only look inside this province code")
        res.add_argument("--json", action="store_true", help="Print only JSON on stdout.")
        lst = sub.add_parser("list", help="Regions, filtered by province and level.")
        lst.add_argument("--province", help="Province code, e.g. 15")
        lst.add_argument("--level", choices=[c.value for c in Level], help="Level to list")
        lst.add_argument("--json", action="store_true", help="Print only JSON on stdout.")
        vil = sub.add_parser(
            "load-villages",
            help="Muat desa/kelurahan / load the villages of these kab/kota (all when none given).",
        )
        vil.add_argument(
            "--kabkota", nargs="+", metavar="CODE", help="Kab/kota codes, e.g. 18.02 15.03"
        )
        vil.add_argument("--json", action="store_true", help="Print only JSON on stdout.")

    def handle(self, *args: Any, **opts: Any) -> None:
        getattr(self, f"do_{opts['action'].replace('-', '_')}")(opts)

    def do_show(self, opts: dict[str, Any]) -> None:
        from ucj.regions import names

        code = names.dotted_code(opts["code"]) if names.looks_like_code(opts["code"]) else ""
        region = Region.objects.filter(code=code).first()
        if region is None:
            self.fail(
                {
                    "error": pair(
                        _("Kode wilayah tidak dikenal: %(code)s"), code=opts["code"]
                    ).joined(),
                    "candidates": [],
                },
                opts["json"],
            )
        data = services.region_dict(region)
        if opts["json"]:
            self.emit(data)
            return
        state = (
            "berlaku / current"
            if data["current"]
            else ("tidak berlaku / retired → " + ", ".join(data["successors"]))
        )
        self.stdout.write(f"{data['code']}  {data['name']}  ({data['level']}; {state})")

    def do_resolve(self, opts: dict[str, Any]) -> None:
        try:
            found = resolver.resolve(opts["text"], province=opts.get("province"))
        except resolver.ResolutionError as exc:
            self.fail(exc.as_dict(), opts["json"])
        if opts["json"]:
            self.emit(found.as_dict())
            return
        via = f" (kode lama / retired code {found.via})" if found.via else ""
        self.stdout.write(f"{found.code}  {found.name}  [{found.matched_by}]{via}")

    def do_load_villages(self, opts: dict[str, Any]) -> None:
        import time

        from tqdm import tqdm

        from ucj.regions.villages import ensure_villages, loaded_counts

        started = time.perf_counter()
        # The bar goes to stderr, so `--json` keeps stdout clean.
        stream: Any = self.stderr._out
        bar = tqdm(unit=" desa", file=stream, leave=False, disable=bool(opts["json"]))

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.refresh()

        try:
            created = ensure_villages(opts.get("kabkota"), progress=progress)
        except ValueError as exc:
            self.fail({"error": str(exc)}, opts["json"])
        finally:
            bar.close()
        counts = loaded_counts()
        data: dict[str, Any] = {
            "created": created,
            "kabkota": opts.get("kabkota") or "all",
            "villages": counts,
            "seconds": round(time.perf_counter() - started, 2),
        }
        if opts["json"]:
            self.emit(data)
            return
        self.stdout.write(
            f"{created} desa/kelurahan baru / new villages; "
            f"{counts['current']} berlaku / current, "
            f"{counts['retired']} kode lama / retired ({data['seconds']} s)"
        )

    def do_list(self, opts: dict[str, Any]) -> None:
        qs = services.list_regions(opts.get("province"), opts.get("level"))
        rows = services.region_dicts(qs)
        if opts["json"]:
            self.emit(rows)
            return
        for r in rows:
            self.stdout.write(f"{r['code']:<10} {r['name']}  ({r['level']})")
        self.stdout.write(f"{len(rows)} wilayah / regions")
