"""`ucj categories`: the category scheme (bands, basis, effective date)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

from ucj.indicators import categories
from ucj.lib.bilingual import pair
from ucj.lib.commands import UcjCommand


class Command(UcjCommand):
    help = "Kategori UCJ / UCJ categories: show or set the bands (sangat rendah … tinggi)."
    json_option = False

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("show", help="The scheme in force (today or on --on DATE).")
        show.add_argument("--on", help="Date YYYY-MM-DD")
        show.add_argument("--json", action="store_true", help="Print only JSON on stdout.")
        put = sub.add_parser("set", help="A new scheme from a date on; older months keep theirs.")
        put.add_argument("--basis", required=True, choices=["absolute", "target"])
        put.add_argument(
            "--bands", required=True, help='"sangat rendah=0,rendah=30,sedang=45,tinggi=60"'
        )
        put.add_argument("--effective", help="Date YYYY-MM-DD (default: today)")
        put.add_argument(
            "--provisional", action="store_true", help="Mark the scheme as provisional."
        )
        put.add_argument("--json", action="store_true", help="Print only JSON on stdout.")

    def _date(self, text: str | None, as_json: bool) -> dt.date | None:
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.fail(
                {
                    "error": pair(
                        _("Tanggal tidak terbaca: %(text)s (YYYY-MM-DD)"), text=repr(text)
                    ).joined()
                },
                as_json,
                code=1,
            )

    def handle(self, *args: Any, **opts: Any) -> None:
        as_json = opts["json"]
        if opts["action"] == "set":
            effective = self._date(opts["effective"], as_json)
            try:
                categories.set_scheme(
                    opts["basis"], opts["bands"], effective, provisional=opts["provisional"]
                )
            except categories.BandSpecError as exc:
                self.fail({"error": str(exc)}, as_json, code=1)
            on = effective
        else:
            on = self._date(opts["on"], as_json) or dt.date.today()
        data = categories.current_scheme(on).as_dict()
        if as_json:
            self.emit(data)
            return
        state = "sementara / provisional" if data["provisional"] else "ditetapkan / set"
        self.stdout.write(
            f"{data['name']}: dasar / basis {data['basis']}, berlaku sejak / effective "
            f"{data['effective']} ({state})"
        )
        for band in data["bands"]:
            self.stdout.write(f"  ≥ {band['lower']:>6}  {band['label']}  {band['colour']}")
