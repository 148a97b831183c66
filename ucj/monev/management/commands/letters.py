"""`ucj letters`: letters of recommendations from a monev session to a head of region."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import cli_actor
from ucj.lib.bilingual import pair
from ucj.monev import letters
from ucj.monev.cycle_models import Letter, Letterhead
from ucj.monev.management.commands._cycle import CycleCommand, day, out_path
from ucj.monev.official_docs import letter_docx, letter_pdf

HEAD_FIELDS = (
    "office", "parent_office", "address", "contact", "city", "classification",
    "signatory_title", "signatory_name", "signatory_id",
)  # fmt: skip


# The operator at the command line: every region, recorded by name (never user=None).
OPERATOR = cli_actor()


class Command(CycleCommand):
    help = (
        "Surat rekomendasi ke kepala daerah / letters to heads of region: draft, edit, "
        "issue, show, list, export (PDF/DOCX), letterhead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        subs = parser.add_subparsers(dest="action", required=True)
        d = self.sub(subs, "draft", "Konsep surat dari sesi monev")
        d.add_argument("--session", type=int, required=True)
        d.add_argument("--region", required=True, help="Kode wilayah, e.g. 15.03")
        d.add_argument("--letterhead", default="", help="Kode kop surat (default: bskdn)")
        e = self.sub(subs, "edit", "Ubah konsep (sebelum diterbitkan)")
        e.add_argument("id", type=int)
        for name in letters.EDITABLE:
            e.add_argument(f"--{name.replace('_', '-')}")
        i = self.sub(subs, "issue", "Terbitkan: nomor dari register kantor, lalu dibekukan")
        i.add_argument("id", type=int)
        i.add_argument("--date", help="YYYY-MM-DD (default: hari ini)")
        s = self.sub(subs, "show", "Satu surat")
        s.add_argument("id", type=int)
        ls = self.sub(subs, "list", "Daftar surat")
        ls.add_argument("--region")
        x = self.sub(subs, "export", "Tulis PDF atau DOCX")
        x.add_argument("id", type=int)
        x.add_argument("--out", required=True, help="FILE.pdf | FILE.docx")
        h = self.sub(subs, "letterhead", "Buat/ubah kop surat kantor")
        h.add_argument("code")
        for name in HEAD_FIELDS:
            h.add_argument(f"--{name.replace('_', '-')}")

    def do_draft(self, o: dict[str, Any]) -> Any:
        letter = letters.draft(OPERATOR, o["session"], o["region"], o["letterhead"])
        return letters.as_json(letter)

    def do_edit(self, o: dict[str, Any]) -> Any:
        fields = {k: o[k] for k in letters.EDITABLE if o.get(k) is not None}
        fields = {k: v.replace("\\n", "\n") for k, v in fields.items()}
        return letters.as_json(letters.update(OPERATOR, o["id"], **fields))

    def do_issue(self, o: dict[str, Any]) -> Any:
        return letters.as_json(letters.issue(OPERATOR, o["id"], day(o.get("date"))))

    def do_show(self, o: dict[str, Any]) -> Any:
        return letters.as_json(letters.get(OPERATOR, o["id"]))

    def do_list(self, o: dict[str, Any]) -> Any:
        qs = Letter.objects.select_related("region", "letterhead").order_by("-id")
        if o.get("region"):
            qs = qs.filter(region__code=o["region"])
        return [letters.as_json(x) for x in qs[:500]]

    def do_export(self, o: dict[str, Any]) -> Any:
        out = out_path(o["out"])
        letter = letters.get(OPERATOR, o["id"])
        (letter_pdf if out.suffix.lower() == ".pdf" else letter_docx)(letter, str(out))
        return {"file": str(out), "id": letter.pk, "number": letter.number or None,
                "state": letter.state}  # fmt: skip

    def do_letterhead(self, o: dict[str, Any]) -> Any:
        values = {k: o[k] for k in HEAD_FIELDS if o.get(k) is not None}
        head = Letterhead.objects.filter(code=o["code"]).first() or Letterhead(code=o["code"])
        for k, v in values.items():
            setattr(head, k, v)
        missing = [k for k in ("office", "city", "signatory_title") if not getattr(head, k)]
        if missing:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                pair(_("Wajib diisi: %(fields)s"), fields=", ".join(missing)).joined()
            )
        head.save()
        return {"code": head.code, **{k: getattr(head, k) for k in HEAD_FIELDS}}
