"""Audit export as CSV (streamed) or XLSX (constant memory): every row, no cap."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator

import xlsxwriter
from django.http import FileResponse, StreamingHttpResponse

from ucj.accounts.audit import HEADER, AuditFilter, stream

_MAX_ROWS = 1_048_576


class _Echo:
    def write(self, value: str) -> str:
        return value


def _safe(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _csv_lines(f: AuditFilter) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(HEADER)  # BOM: Excel opens UTF-8 correctly
    for entry in stream(f):
        yield writer.writerow([_safe(v) for v in entry.row()])


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
            sheet.write_row(0, 0, HEADER)
            number = 1
        sheet.write_row(number, 0, entry.row())  # type: ignore[union-attr]
        number += 1
    if sheet is None:
        book.add_worksheet("audit-1").write_row(0, 0, HEADER)
    book.close()
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename="ucj-audit.xlsx")
