"""`ucj campaign list|show|funnel|confirm|create … [--json]` (issue 20, items 2 and 5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import cli_actor
from ucj.campaigns import services
from ucj.campaigns.confirm import NothingToConfirm, confirm
from ucj.campaigns.funnel import LEVELS, STEPS, describe, funnel
from ucj.lib.bilingual import pair
from ucj.lib.commands import UcjCommand
from ucj.lib.formats import number as angka
from ucj.registry.models import WorkerGroup

HELP_STEPS = {
    "listed": "terdata / listed",
    "nik_valid": "NIK sah / NIK valid",
    "matched": "cocok data penduduk / matched",
    "not_member": "belum peserta / not yet a member",
    "proposed": "diusulkan / proposed",
    "registered": "terdaftar / registered",
}


class Command(UcjCommand):
    help = (
        "Pendataan (data-collection campaigns): `ucj campaign list`, `show ID`, "
        "`funnel ID [--level desa|kecamatan|kabkota]`, `confirm ID`, `create …`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["list", "show", "funnel", "confirm", "create"])
        parser.add_argument("id", nargs="?", type=int, help="Campaign number.")
        parser.add_argument("--level", choices=list(LEVELS), default="desa")
        parser.add_argument("--region", help="list: only this region (and inside it).")
        create = parser.add_argument_group("create")
        create.add_argument("--name")
        create.add_argument("--group", choices=WorkerGroup.values)
        create.add_argument("--start", type=dt.date.fromisoformat, help="YYYY-MM-DD")
        create.add_argument("--end", type=dt.date.fromisoformat, help="YYYY-MM-DD")
        create.add_argument("--target", type=int)
        create.add_argument("--office", help="Owner office (perangkat daerah).")
        create.add_argument("--segment", default="BPU")

    def handle(self, *args: Any, **opts: Any) -> None:
        as_json, action, actor = opts["json"], opts["action"], cli_actor()
        if action == "list":
            return self._list(actor, opts.get("region"), as_json)
        if action == "create":
            return self._create(actor, opts, as_json)
        if opts["id"] is None:
            self.fail({"error": pair(_("sebutkan nomor pendataan")).joined()}, as_json)
        item = services.campaign(actor, opts["id"])
        if item is None:
            self.fail(
                {"error": pair(_("pendataan %(id)s tidak ada"), id=opts["id"]).joined()},
                as_json,
            )
        if action == "confirm":
            try:
                data = confirm(actor, item.pk)
            except NothingToConfirm:
                self.fail(
                    {"error": pair(_("belum ada daftar kepesertaan untuk wilayah ini")).joined()},
                    as_json,
                    code=1,
                )
            return self._print(data, as_json, self._confirm_text)
        data = funnel(item, opts["level"] if action == "funnel" else "kecamatan")
        if action == "show":
            data = {**data["campaign"], "totals": data["totals"], "kecamatan": data["rows"]}
            return self._print(data, as_json, self._show_text)
        return self._print(data, as_json, self._funnel_text)

    def _print(self, data: Any, as_json: bool, text: Any) -> None:
        if as_json:
            self.emit(data)
        else:
            text(data)

    def _list(self, actor: Any, region: str | None, as_json: bool) -> None:
        rows = services.campaigns(actor)
        if region:
            rows = rows.filter(region__code__startswith=region)
        data = [
            {
                **describe(c),
                "listed": c.listed,  # type: ignore[attr-defined]
                "proposed": c.proposed,  # type: ignore[attr-defined]
                "registered": c.registered,  # type: ignore[attr-defined]
            }
            for c in rows
        ]
        if as_json:
            return self.emit(data)
        for c in data:
            sample = " (data contoh)" if c["is_sample"] else ""
            self.stdout.write(
                f"{c['id']:>4}  {c['region']:<6} {c['name']}{sample}: "
                f"{angka(c['listed'])} terdata / listed, target {angka(c['target_count'])}"
            )

    def _create(self, actor: Any, opts: dict[str, Any], as_json: bool) -> None:
        needed = ("name", "region", "group", "start", "end", "target", "office")
        missing = [f"--{n}" for n in needed if opts.get(n) in (None, "")]
        if missing:
            self.fail(
                {"error": pair(_("wajib: %(fields)s"), fields=", ".join(missing)).joined()},
                as_json,
                code=1,
            )
        data = services.CampaignInput(
            name=opts["name"],
            region_code=opts["region"],
            group=opts["group"],
            start=opts["start"],
            end=opts["end"],
            target_count=opts["target"],
            owner_office=opts["office"],
            segment=opts["segment"],
        )
        try:
            item = services.create(actor, data)
        except services.CampaignError as exc:
            self.fail(
                {"error": "; ".join(p.joined() for p in exc.problems.values())}, as_json, code=1
            )
        except PermissionDenied:
            self.fail(
                {
                    "error": pair(
                        _("wilayah %(code)s bukan provinsi atau kab/kota yang dikenal"),
                        code=opts["region"],
                    ).joined()
                },
                as_json,
            )
        self._print(describe(item), as_json, lambda d: self.stdout.write(f"pendataan #{d['id']}"))

    def _funnel_text(self, data: dict[str, Any]) -> None:
        camp = data["campaign"]
        self.stdout.write(f"#{camp['id']} {camp['name']} ({camp['region_name']})")
        self.stdout.write("  " + " → ".join(HELP_STEPS[s] for s in STEPS))
        for row in [*data["rows"], {"code": "", "name": "JUMLAH / TOTAL", **data["totals"]}]:
            counts = " → ".join(angka(row[s]) for s in STEPS)
            self.stdout.write(f"  {row['code']:<14} {row['name'][:28]:<28} {counts}")
        if not data["population_list"]:
            self.stdout.write(
                "  (tanpa daftar penduduk / no population list: 'matched' = NIK valid)"
            )

    def _show_text(self, data: dict[str, Any]) -> None:
        t = data["totals"]
        self.stdout.write(
            f"#{data['id']} {data['name']} — {data['region_name']} ({data['region']})"
        )
        self.stdout.write(
            f"  {data['group']}, {data['start']} – {data['end']}, {data['owner_office']}"
        )
        self.stdout.write(
            f"  target {angka(t['target'])}; "
            + "; ".join(f"{HELP_STEPS[s]} {angka(t[s])}" for s in STEPS)
        )

    def _confirm_text(self, data: dict[str, Any]) -> None:
        again = " (sudah dikonfirmasi / already confirmed)" if data["already_confirmed"] else ""
        self.stdout.write(
            f"diperiksa / checked {angka(data['checked'])}: terdaftar / registered "
            f"{angka(data['registered'])}, skema lain / other scheme "
            f"{angka(data['registered_other_scheme'])}, belum / not registered "
            f"{angka(data['not_registered'])}; tindak lanjut / follow-ups "
            f"{angka(data['follow_ups'])}{again}"
        )
