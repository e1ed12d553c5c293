"""Writing tables as CSV (for Excel in Sweden) and XLSX, safe to open in a spreadsheet program.

A cell that starts with = + - @ (or a tab or carriage return) would be taken for a formula when the file is
opened ("formula injection": a landlord's note "=HYPERLINK(…)" must stay text). In CSV such a cell gets a
leading apostrophe, which spreadsheet programs read as "this is text"; ``reading.clean`` takes it off again
when the file comes back. In XLSX the cell is stored as text and marked with Excel's own quote prefix, so
the value stays exactly as it was and still cannot become a formula.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_DELIMITER = ";"  # what Excel with Swedish settings expects
CSV_ROWS_PER_CHUNK = 500


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if is_formula_like(text) else text


def csv_chunks(header: list[str], rows: Iterable[list], delimiter: str = CSV_DELIMITER) -> Iterator[bytes]:
    """UTF-8 with a byte order mark (without it Excel guesses Windows-1252), a few hundred rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([csv_text(cell) for cell in header])
    yield codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    for count, row in enumerate(rows, start=1):
        writer.writerow([csv_text(cell) for cell in row])
        if count % CSV_ROWS_PER_CHUNK == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def csv_bytes(header: list[str], rows: Iterable[list], delimiter: str = CSV_DELIMITER) -> bytes:
    return b"".join(csv_chunks(header, rows, delimiter))


def _xlsx_cell(sheet, value):
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters cannot be written in XML
        if is_formula_like(value):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cell.quotePrefix = True
            return cell
        return value
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=value.replace(tzinfo=None))
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value


def write_xlsx(target, title: str, header: list[str], rows: Iterable[list]) -> None:
    """A workbook of one sheet, written row by row (openpyxl's write-only mode keeps little in memory)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=ILLEGAL_CHARACTERS_RE.sub("", title)[:31] or "Sheet")
    for index, heading in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(len(heading) + 4, 14), 40)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heading_cells = []
    for heading in header:
        cell = _xlsx_cell(sheet, heading)
        cell = cell if isinstance(cell, Cell) else WriteOnlyCell(sheet, value=cell)
        cell.font = bold
        heading_cells.append(cell)
    sheet.append(heading_cells)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    workbook.save(target)


def xlsx_bytes(title: str, header: list[str], rows: Iterable[list]) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(buffer, title, header, rows)
    return buffer.getvalue()
