"""`ucj select confirm ID [--json]`: a saved selection against the latest membership
list (issue 20, item 5). Counts only, never a person."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import pair
from ucj.lib.commands import UcjCommand
from ucj.lib.formats import number, percent, rupiah

LABELS = {
    "registered": "terdaftar / registered",
    "registered_other_scheme": "terdaftar lewat skema lain / registered under another scheme",
    "not_registered": "belum terdaftar / not registered",
}


def run(cmd: UcjCommand, user: Any, selection_id: int | None, as_json: bool) -> None:
    from ucj.selection.confirm import NothingToConfirm, confirm

    if selection_id is None:
        cmd.fail({"error": pair(_("sebutkan nomor seleksi")).joined()}, as_json)
    try:
        data = confirm(user, selection_id)
    except PermissionDenied:
        cmd.fail(
            {"error": pair(_("seleksi %(id)s tidak ada"), id=selection_id).joined()},
            as_json,
        )
    except NothingToConfirm:
        cmd.fail(
            {"error": pair(_("belum ada daftar kepesertaan untuk wilayah ini")).joined()},
            as_json, code=1,
        )  # fmt: skip
    if as_json:
        cmd.emit(data)
        return
    mlist, s = data["membership_list"], data["scenario"]
    lines = [
        f"Seleksi #{data['selection']} {data['code']} {data['name']} ({data['scheme']}), "
        f"daftar kepesertaan / membership list per {mlist['as_of']} {mlist['source']}",
        *[f"  {LABELS[k]}: {number(data[k])} / {number(data['selected'])}" for k in LABELS],
        f"Biaya / cost: {rupiah(s['committed_cost'])} terkonfirmasi / confirmed, "
        f"{rupiah(s['planned_cost'])} direncanakan / planned",
    ]
    if s["coverage_after_confirmed_pct"] is not None:
        lines.append(
            f"Cakupan / coverage: {percent(s['coverage_before_pct'])} → "
            f"{percent(s['coverage_after_confirmed_pct'])} (rencana / planned "
            f"{percent(s['coverage_after_planned_pct'])})"
        )
    lines.append(f"Tindak lanjut / follow-ups: {number(data['follow_ups'])}")
    if data["already_confirmed"]:
        lines.append("sudah dikonfirmasi dengan daftar ini / already confirmed with this list")
    if data["is_sample"]:
        lines.append("data contoh / sample data")
    cmd.stdout.write("\n".join(lines))
