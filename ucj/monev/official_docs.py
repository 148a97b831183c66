"""PDF (reportlab) and DOCX (python-docx) of letters and of the recommendation to the
Minister, in the standard Indonesian official-letter layout: kop surat, place and date,
Nomor / Sifat / Lampiran / Hal, Yth., body, signature, tembusan.

Both formats are written from the same `letter_parts` / `minister_parts`, so the PDF and
the DOCX of one document say the same thing. A draft carries "KONSEP" at the top.
"""

from __future__ import annotations

from typing import IO, Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ucj.lib.formats import number, percent
from ucj.monev.cycle_models import Letter, Letterhead, MinisterBrief
from ucj.monev.minister import sections
from ucj.monev.reports.data import bulan, tanggal

_S = {
    "kop1": ParagraphStyle(
        "k1", fontName="Times-Bold", fontSize=12, leading=15, alignment=TA_CENTER
    ),
    "kop2": ParagraphStyle(
        "k2", fontName="Times-Bold", fontSize=14, leading=17, alignment=TA_CENTER
    ),
    "kop3": ParagraphStyle(
        "k3", fontName="Times-Roman", fontSize=9, leading=11, alignment=TA_CENTER
    ),
    "body": ParagraphStyle(
        "b", fontName="Times-Roman", fontSize=11, leading=15, alignment=TA_JUSTIFY
    ),
    "right": ParagraphStyle(
        "r", fontName="Times-Roman", fontSize=11, leading=15, alignment=TA_RIGHT
    ),
    "sign": ParagraphStyle(
        "s", fontName="Times-Roman", fontSize=11, leading=15, leftIndent=95 * mm
    ),
    "h": ParagraphStyle("h", fontName="Times-Bold", fontSize=12, leading=16, spaceBefore=3 * mm),
    "title": ParagraphStyle(
        "t", fontName="Times-Bold", fontSize=13, leading=17, alignment=TA_CENTER
    ),
    "small": ParagraphStyle("x", fontName="Times-Roman", fontSize=9, leading=11),
    "draft": ParagraphStyle(
        "d", fontName="Helvetica-Bold", fontSize=10, textColor=colors.HexColor("#b2182b")
    ),
}
DRAFT = "KONSEP (belum diterbitkan)"


def _kop(head: Letterhead) -> list[str]:
    return [head.parent_office, head.office, " ".join(p for p in (head.address, head.contact) if p)]


def letter_parts(letter: Letter) -> dict[str, Any]:
    head = letter.letterhead
    return {
        "draft": not letter.is_issued,
        "kop": _kop(head),
        "place_date": f"{head.city}, {tanggal(letter.date) if letter.date else '........'}",
        "fields": [
            ("Nomor", letter.number or "(diberikan saat diterbitkan)"),
            ("Sifat", letter.get_sifat_display()),  # type: ignore[attr-defined]
            ("Lampiran", letter.lampiran),
            ("Hal", letter.hal),
        ],
        "to": ["Yth. " + letter.addressee, f"di {letter.addressee_place}"],
        "body": [p.strip() for p in letter.body.split("\n\n") if p.strip()],
        "sign": [head.signatory_title + ",", "", "", head.signatory_name or "(nama)"]
        + ([f"NIP {head.signatory_id}"] if head.signatory_id else []),
        "tembusan": [t.strip() for t in letter.tembusan.splitlines() if t.strip()],
    }


def _figure_rows(brief: MinisterBrief) -> list[list[str]]:
    rows = [["Wilayah", "Bulan data", "Peserta aktif", "Pekerja potensial", "Cakupan", "Kategori"]]
    for f in brief.figures:
        rows.append(
            [
                f"{f['code']} {f['name']}",
                bulan(f.get("period")),
                number(f.get("active_participants")),
                number(f.get("potential_workers")),
                percent(f.get("coverage_pct")),
                str(f.get("category") or "–") + (" (contoh)" if f.get("is_sample") else ""),
            ]
        )
    return rows


def minister_parts(brief: MinisterBrief) -> dict[str, Any]:
    head = brief.letterhead
    body: list[tuple[str, Any]] = [("p", p) for p in brief.intro.split("\n\n") if p.strip()]
    body.append(("h", "Capaian cakupan"))
    body.append(("table", _figure_rows(brief)))
    for n, section in enumerate(sections(brief), start=1):
        body.append(("h", f"{n}. Dimensi {section['label']}"))
        if not section["items"]:
            body.append(("p", "Tidak ada temuan pada dimensi ini dalam periode ini."))
        for i, item in enumerate(section["items"], start=1):
            body.append(("p", f"{n}.{i}. {item['text']}"))
            for ev in item["evidence"]:
                obstacle = f" [kendala: {ev['obstacle']}]" if ev["obstacle"] else ""
                body.append(
                    (
                        "ev",
                        f"Bukti: {ev['region_name']} — {ev['session_title']} "
                        f"({tanggal(ev['session_date'])}), temuan #{ev['finding']}: "
                        f"{ev['text']}{obstacle}",
                    )
                )
    return {
        "draft": not brief.is_issued,
        "kop": _kop(head) if head else [],
        "title": brief.title,
        "meta": [
            ("Nomor", brief.number or "(diberikan saat diterbitkan)"),
            ("Periode", f"{brief.period_label} ({tanggal(brief.start)} – {tanggal(brief.end)})"),
            ("Tanggal", tanggal(brief.date) if brief.date else "–"),
            ("Kepada", "Yth. Menteri Dalam Negeri"),
        ],
        "body": body,
        "sign": (
            [head.signatory_title + ",", "", "", head.signatory_name or "(nama)"] if head else []
        ),
    }


# ---- PDF ----------------------------------------------------------------------------


def _p(text: str, style: str) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), _S[style])


def _pdf_head(parts: dict[str, Any]) -> list[Any]:
    story: list[Any] = []
    if parts["draft"]:
        story.append(_p(DRAFT, "draft"))
    if parts["kop"]:
        kop = [k for k in parts["kop"] if k]
        for i, line in enumerate(kop):
            story.append(
                _p(
                    line,
                    "kop3" if i == len(kop) - 1 and len(kop) > 2 else "kop1" if i == 0 else "kop2",
                )
            )
        story.append(HRFlowable(width="100%", thickness=1.5, color=colors.black, spaceAfter=4 * mm))
    return story


def _kv(pairs: list[tuple[str, str]]) -> Table:
    table = Table(
        [[_p(k, "body"), _p(":", "body"), _p(v, "body")] for k, v in pairs],
        colWidths=[25 * mm, 4 * mm, 120 * mm],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (0, 0), (-1, -1), 1),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _doc(out: IO[bytes] | str, title: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        out, pagesize=A4, leftMargin=25 * mm, rightMargin=20 * mm, topMargin=15 * mm,
        bottomMargin=20 * mm, title=title, author="UCJ Monev",
    )  # fmt: skip


def letter_pdf(letter: Letter, out: IO[bytes] | str) -> None:
    parts = letter_parts(letter)
    story = _pdf_head(parts)
    story += [_p(parts["place_date"], "right"), Spacer(1, 2 * mm), _kv(parts["fields"])]
    story += [Spacer(1, 4 * mm), *(_p(t, "body") for t in parts["to"]), Spacer(1, 4 * mm)]
    for para in parts["body"]:
        story += [_p(para, "body"), Spacer(1, 2.5 * mm)]
    story += [Spacer(1, 6 * mm), *(_p(s or " ", "sign") for s in parts["sign"])]
    if parts["tembusan"]:
        story += [Spacer(1, 6 * mm), _p("Tembusan:", "small")]
        story += [_p(f"{i}. {t}", "small") for i, t in enumerate(parts["tembusan"], start=1)]
    _doc(out, letter.hal).build(story)


def minister_pdf(brief: MinisterBrief, out: IO[bytes] | str) -> None:
    parts = minister_parts(brief)
    story = [*_pdf_head(parts), _p(parts["title"], "title"), Spacer(1, 4 * mm), _kv(parts["meta"])]
    for kind, value in parts["body"]:
        if kind == "h":
            story.append(_p(value, "h"))
        elif kind == "table":
            table = Table([[_p(c, "small") for c in row] for row in value], repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story.append(table)
        else:
            story.append(_p(value, "small" if kind == "ev" else "body"))
            story.append(Spacer(1, 1.5 * mm))
    if parts["sign"]:
        story += [Spacer(1, 8 * mm), *(_p(s or " ", "sign") for s in parts["sign"])]
    _doc(out, brief.title).build(story)


# ---- DOCX ---------------------------------------------------------------------------


def _para(doc: Any, text: str, bold: bool = False, align: Any = None, size: float = 11) -> Any:
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.font.size, run.font.name = bold, Pt(size), "Times New Roman"
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _docx_head(doc: Any, parts: dict[str, Any]) -> None:
    if parts["draft"]:
        _para(doc, DRAFT, bold=True)
    for i, line in enumerate(k for k in parts["kop"] if k):
        _para(doc, line, bold=i < 2, align=WD_ALIGN_PARAGRAPH.CENTER, size=12 if i < 2 else 9)
    if parts["kop"]:
        _para(doc, "_" * 78, align=WD_ALIGN_PARAGRAPH.CENTER, size=8)


def _docx_kv(doc: Any, pairs: list[tuple[str, str]]) -> None:
    table = doc.add_table(rows=0, cols=3)
    for k, v in pairs:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = k, ":", v


def letter_docx(letter: Letter, out: IO[bytes] | str) -> None:
    parts = letter_parts(letter)
    doc = Document()
    _docx_head(doc, parts)
    _para(doc, parts["place_date"], align=WD_ALIGN_PARAGRAPH.RIGHT)
    _docx_kv(doc, parts["fields"])
    for line in parts["to"]:
        _para(doc, line)
    for para in parts["body"]:
        _para(doc, para, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    for line in parts["sign"]:
        p = _para(doc, line)
        p.paragraph_format.left_indent = Pt(260)
    if parts["tembusan"]:
        _para(doc, "Tembusan:", size=9)
        for i, t in enumerate(parts["tembusan"], start=1):
            _para(doc, f"{i}. {t}", size=9)
    doc.save(out)


def minister_docx(brief: MinisterBrief, out: IO[bytes] | str) -> None:
    parts = minister_parts(brief)
    doc = Document()
    _docx_head(doc, parts)
    _para(doc, parts["title"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=13)
    _docx_kv(doc, parts["meta"])
    for kind, value in parts["body"]:
        if kind == "h":
            _para(doc, value, bold=True, size=12)
        elif kind == "table":
            table = doc.add_table(rows=0, cols=len(value[0]))
            table.style = "Table Grid"
            for row in value:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = text
        else:
            _para(doc, value, size=9 if kind == "ev" else 11)
    for line in parts["sign"]:
        p = _para(doc, line)
        p.paragraph_format.left_indent = Pt(260)
    doc.save(out)
