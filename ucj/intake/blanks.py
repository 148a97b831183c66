"""Blank template files per kind: CSV (header only) and XLSX (header, drop-down lists,
and a help sheet with what each column accepts)."""

from __future__ import annotations

import csv
import io

import xlsxwriter

from ucj.intake.kinds import Kind

DATA_ROWS = 5000  # rows that get drop-down lists


def template_csv(kind: Kind) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerow([c.name for c in kind.columns])
    return buf.getvalue().encode("utf-8")


def template_xlsx(kind: Kind) -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    data = book.add_worksheet("data")
    lists = book.add_worksheet("pilihan")  # drop-down sources, one column per choice column
    help_sheet = book.add_worksheet("petunjuk")
    data.freeze_panes(1, 0)
    list_col = 0
    for i, col in enumerate(kind.columns):
        data.write(0, i, col.name, head)
        data.set_column(i, i, max(14, len(col.name) + 4))
        note = " / ".join(t for t in (col.help_id, col.help_en) if t)
        if note:
            data.write_comment(0, i, note)
        if col.choices:
            values = col.accepted()
            if col.name == "program":
                values = ["", *values]  # empty = persons
            for r, value in enumerate(values):
                lists.write_string(r, list_col, value)
            letter = xlsxwriter.utility.xl_col_to_name(list_col)
            data.data_validation(
                1,
                i,
                DATA_ROWS,
                i,
                {
                    "validate": "list",
                    "source": f"=pilihan!${letter}$1:${letter}${len(values)}",
                    "error_title": "Tidak dikenal / unknown",
                    "error_message": ", ".join(v for v in values if v),
                },
            )
            list_col += 1
    for j, title in enumerate(
        ["kolom / column", "wajib / required", "isi / content", "contoh / example", "nama lain"]
    ):
        help_sheet.write(0, j, title, head)
    for r, col in enumerate(kind.columns, start=1):
        help_sheet.write_string(r, 0, col.name)
        help_sheet.write_string(r, 1, "ya / yes" if col.required else "tidak / no")
        accepted = ", ".join(col.accepted()) if col.choices else col.parser
        help_sheet.write_string(r, 2, " / ".join(t for t in (col.help_id, accepted) if t))
        help_sheet.write_string(r, 3, col.example)
        help_sheet.write_string(r, 4, ", ".join(col.aliases))
    help_sheet.set_column(0, 4, 28)
    lists.hide()
    book.close()
    return buf.getvalue()
