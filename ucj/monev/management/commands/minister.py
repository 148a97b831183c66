"""`ucj minister`: the recommendation to the Minister, by the four dimensions."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from ucj.accounts.scoping import cli_actor
from ucj.monev import minister
from ucj.monev.management.commands._cycle import CycleCommand, day, out_path
from ucj.monev.official_docs import minister_docx, minister_pdf

# The operator at the command line: every region, recorded by name (never user=None).
OPERATOR = cli_actor()


class Command(CycleCommand):
    help = (
        "Rekomendasi kebijakan kepada Menteri / recommendation to the Minister: draft, "
        "edit, add, issue, show, list, export (PDF/DOCX)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        subs = parser.add_subparsers(dest="action", required=True)
        d = self.sub(subs, "draft", "Konsep dari temuan wilayah dan periode")
        d.add_argument("--regions", required=True, help="Kode dipisah koma, atau 'sumatera'")
        d.add_argument("--period", required=True, help="2025-Q3, 2025-S1, 2025-07 atau 2025")
        d.add_argument("--title", default="")
        e = self.sub(subs, "edit", "Ubah judul/pengantar atau teks satu rekomendasi")
        e.add_argument("id", type=int)
        e.add_argument("--title")
        e.add_argument("--intro")
        e.add_argument("--item", type=int, help="Nomor (id) rekomendasi")
        e.add_argument("--text", help="Teks baru (kosong = hapus)")
        e.add_argument("--dimension")
        a = self.sub(subs, "add", "Tambah rekomendasi")
        a.add_argument("id", type=int)
        a.add_argument("--dimension", required=True)
        a.add_argument("--text", required=True)
        i = self.sub(subs, "issue", "Terbitkan (nomor, lalu dibekukan)")
        i.add_argument("id", type=int)
        i.add_argument("--date")
        s = self.sub(subs, "show", "Satu dokumen")
        s.add_argument("id", type=int)
        self.sub(subs, "list", "Daftar dokumen")
        x = self.sub(subs, "export", "Tulis PDF atau DOCX")
        x.add_argument("id", type=int)
        x.add_argument("--out", required=True, help="FILE.pdf | FILE.docx")

    def do_draft(self, o: dict[str, Any]) -> Any:
        codes = o["regions"].split(",")
        return minister.as_json(minister.draft(OPERATOR, codes, o["period"], o["title"]))

    def do_edit(self, o: dict[str, Any]) -> Any:
        if o.get("title") is not None or o.get("intro") is not None:
            minister.edit(OPERATOR, o["id"], o.get("title"), o.get("intro"))
        if o.get("item") is not None:
            minister.edit_item(
                OPERATOR, o["id"], o["item"], o.get("text") or "", o.get("dimension")
            )
        return minister.as_json(minister.get(OPERATOR, o["id"]))

    def do_add(self, o: dict[str, Any]) -> Any:
        minister.add_item(OPERATOR, o["id"], o["dimension"], o["text"])
        return minister.as_json(minister.get(OPERATOR, o["id"]))

    def do_issue(self, o: dict[str, Any]) -> Any:
        return minister.as_json(minister.issue(OPERATOR, o["id"], day(o.get("date"))))

    def do_show(self, o: dict[str, Any]) -> Any:
        return minister.as_json(minister.get(OPERATOR, o["id"]))

    def do_list(self, o: dict[str, Any]) -> Any:
        return [
            {"id": b.pk, "title": b.title, "state": b.state, "period": b.period_label,
             "number": b.number or None}
            for b in minister.listing(OPERATOR)[:500]
        ]  # fmt: skip

    def do_export(self, o: dict[str, Any]) -> Any:
        out = out_path(o["out"])
        brief = minister.get(OPERATOR, o["id"])
        (minister_pdf if out.suffix.lower() == ".pdf" else minister_docx)(brief, str(out))
        return {"file": str(out), "id": brief.pk, "state": brief.state}
