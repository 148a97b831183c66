"""Audit export as CSV (streamed) or XLSX (constant memory): every row, no cap."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator

import xlsxwriter
from django.http import FileResponse, StreamingHttpResponse

from ucj.audit.entries import HEADER, AuditFilter, stream
from ucj.lib.cells import safe_row, write_xlsx_row

_MAX_ROWS = 1_048_576


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(f: AuditFilter) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(HEADER)  # BOM: Excel opens UTF-8 correctly
    for entry in stream(f):
        yield writer.writerow(safe_row(entry.row()))


def audit_csv(f: AuditFilter) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_lines(f), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ucj-audit.csv"'
    return response


def audit_xlsx(f: AuditFilter) -> FileResponse:
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115  # FileResponse closes it
    book = xlsxwriter.Workbook(handle, {"constant_memory": True, "strings_to_formulas": False})
    sheet, number, part = None, _MAX_ROWS, 0
    for entry in stream(f):
        if number >= _MAX_ROWS:  # a sheet holds 1,048,576 rows: go on in the next one
            part += 1
            sheet = book.add_worksheet(f"audit-{part}")
            write_xlsx_row(sheet, 0, HEADER)
            number = 1
        write_xlsx_row(sheet, number, entry.row())
        number += 1
    if sheet is None:
        write_xlsx_row(book.add_worksheet("audit-1"), 0, HEADER)
    book.close()
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename="ucj-audit.xlsx")
