"""`ucj paritrana CODE`: Paritrana readiness checklist of a region."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import cli_actor
from ucj.lib.bilingual import pair
from ucj.lib.commands import UcjCommand
from ucj.regions.models import Region

# The operator at the command line: every region, recorded by name (never user=None).
OPERATOR = cli_actor()


class Command(UcjCommand):
    help = (
        "Kesiapan Paritrana / Paritrana readiness: checklist on regulasi, inisiatif, kinerja "
        "(no published weights: a score only with UCJ_PARITRANA_WEIGHTS)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code")
        parser.add_argument("--year", type=int)

    def handle(self, *args: Any, **opts: Any) -> None:
        from ucj.monev.paritrana import readiness

        region = Region.objects.current().filter(code=opts["code"]).first()
        if region is None:
            unknown = pair(_("Wilayah tidak dikenal: %(code)s"), code=opts["code"])
            self.fail({"error": unknown.joined()}, opts["json"], code=2)
        data = readiness(OPERATOR, region, opts.get("year"))
        if opts["json"]:
            self.emit(data)
            return
        self.stdout.write(f"{data['code']} {data['name']} ({data['year']})")
        for aspect in data["aspects"]:
            self.stdout.write(f"  {aspect['label']}: {aspect['met']}/{aspect['total']}")
            for item in aspect["items"]:
                self.stdout.write(f"    [{item['state']}] {item['label']} {item['detail']}")
        self.stdout.write(data["note_id"])
