"""Reading an uploaded CSV or XLSX file into a table of text cells.

Plain functions without Flask: ``read_table(filename, content)`` returns the table or raises
``UnreadableFile``, whose text explains, translated, what to do. Whatever the bytes, nothing else
escapes: people upload what their spreadsheet program saved, and sometimes something else entirely.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import PurePath

from flask_babel import lazy_gettext as _l

from hemvist.spreadsheets.models import FileFormat

MAX_ROWS = 20_000
MAX_COLUMNS = 50
# An XLSX file is a zip archive; a small one can unpack to gigabytes, so the sizes its directory
# declares are checked before openpyxl opens anything.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# The first bytes of an OLE2 compound file: the old .xls format, and also every password-protected
# .xlsx (Office encrypts the workbook into such a container).
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
CSV_SUFFIXES = {".csv", ".txt", ".tsv", ""}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
DELIMITERS = (";", "\t", ",")  # in order of preference when the file leaves a choice: Excel in Sweden writes ";"
# Control characters that never appear in a text file written by a person or a spreadsheet program.
BINARY_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# A leading apostrophe is how a spreadsheet, and Hemvist's own exports, keep "=…" or "+46…" from being
# read as a formula; it is not part of the value.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

EMPTY = _l("The file is empty.")
NO_ROWS = _l("The file has column headings but no rows under them.")
NOT_TEXT = _l("This file is not a CSV file that Hemvist can read. Save the list as CSV or Excel (.xlsx) and try again.")
NOT_A_WORKBOOK = _l(
    "The Excel file could not be read; it may be damaged. Open it in Excel, save it again as .xlsx, and try again."
)
PROTECTED_OR_OLD = _l(
    "The file is protected by a password or saved in the old Excel format (.xls). "
    "Save it as .xlsx without a password and try again."
)
NO_SHEET = _l("The first sheet of the workbook holds no table.")
UNSUPPORTED = _l(
    "Hemvist reads CSV files and Excel files (.xlsx). Save the list in one of those formats and try again."
)
TOO_LARGE_UNPACKED = _l("The Excel file unpacks to more than Hemvist accepts. Remove what is not needed and try again.")


class UnreadableFile(ValueError):
    """The file cannot be read as a table; ``str(error)`` is the translated explanation."""


@dataclass(frozen=True)
class Row:
    number: int  # as the spreadsheet program numbers it, the heading being row 1 in most files
    cells: list[str]


@dataclass(frozen=True)
class Table:
    file_format: FileFormat
    header: list[str]
    rows: list[Row]
    delimiter: str = ";"  # CSV only: written back in the rejected rows' file
    truncated: bool = field(default=False)  # only the first rows were read (a preview)

    @property
    def width(self) -> int:
        return len(self.header)


def read_table(filename: str, content: bytes, *, limit: int | None = None) -> Table:
    """The table in the file: its first non-blank row as the header, then every other non-blank row.

    ``limit`` reads only that many rows, for a preview; the row and column limits are checked in full
    only without it (the whole file was checked when it was uploaded).
    """
    file_format = detect_format(filename, content)
    if file_format is FileFormat.XLSX:
        delimiter = ";"
        # Closed explicitly, so that a preview that stops early closes the workbook at once.
        with closing(_xlsx_records(content)) as records:
            header, rows, truncated = _table_rows(records, limit)
    else:
        text = decode(content)
        delimiter = sniff_delimiter(text)
        try:
            header, rows, truncated = _table_rows(_csv_records(text, delimiter), limit)
        except csv.Error:
            raise UnreadableFile(NOT_TEXT) from None
    return Table(file_format, header, rows, delimiter, truncated)


def detect_format(filename: str, content: bytes) -> FileFormat:
    """By the file's first bytes, which say more than its name; the name only rules out other formats."""
    if not content or not content.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise UnreadableFile(EMPTY)
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in CSV_SUFFIXES | XLSX_SUFFIXES:
        raise UnreadableFile(UNSUPPORTED)
    if content.startswith(OLE2_SIGNATURE):
        raise UnreadableFile(PROTECTED_OR_OLD)
    if content.startswith(ZIP_SIGNATURE):
        return FileFormat.XLSX
    if suffix in XLSX_SUFFIXES:
        raise UnreadableFile(NOT_A_WORKBOOK)
    return FileFormat.CSV


def decode(content: bytes) -> str:
    """UTF-8 (with or without a byte order mark), UTF-16 with one (Excel's "Unicode text"), else Windows-1252."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Random bytes mostly decode as Windows-1252; what no text file holds gives them away.
        if len(BINARY_CHARACTERS.findall(text)) > len(text) // 1000:
            break
        return text
    raise UnreadableFile(NOT_TEXT)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first records into the most columns, consistently."""
    sample = "\n".join(text.splitlines()[:50])

    def score(delimiter: str) -> tuple:
        try:
            widths = [len(record) for record in csv.reader(io.StringIO(sample), delimiter=delimiter) if any(record)]
        except csv.Error:
            return (False, 0.0, 0, 0)
        if not widths:
            return (False, 0.0, 0, 0)
        consistent = sum(1 for width in widths if width == widths[0]) / len(widths)
        return (widths[0] > 1, consistent, widths[0], -DELIMITERS.index(delimiter))

    return max(DELIMITERS, key=score)


def _csv_records(text: str, delimiter: str):
    for number, record in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
        yield number, [clean(cell) for cell in record]


def _xlsx_records(content: bytes):
    import openpyxl

    # zipfile and openpyxl raise a whole zoo of exceptions (BadZipFile, NotImplementedError, KeyError, XML
    # errors, ValueError, TypeError…) on a damaged or foreign archive; each means the same to the person.
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except Exception:
        raise UnreadableFile(NOT_A_WORKBOOK) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFile(TOO_LARGE_UNPACKED)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise UnreadableFile(NOT_A_WORKBOOK) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None or not hasattr(sheet, "iter_rows"):
            raise UnreadableFile(NO_SHEET)
        first = sheet.min_row or 1
        # One column beyond the limit is read, to notice that there are too many.
        for offset, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)):
            yield first + offset, [clean(cell_text(value)) for value in values]
    except UnreadableFile:
        raise
    except Exception:
        raise UnreadableFile(NOT_A_WORKBOOK) from None
    finally:
        workbook.close()


def _table_rows(records, limit: int | None) -> tuple[list[str], list[Row], bool]:
    header: list[str] | None = None
    rows: list[Row] = []
    width = 0
    truncated = False
    for number, cells in records:
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        if len(cells) > MAX_COLUMNS:
            raise UnreadableFile(
                _l("The file has more than %(limit)s columns. Remove the columns you do not need.", limit=MAX_COLUMNS)
            )
        width = max(width, len(cells))
        if header is None:
            header = cells
            continue
        if limit is not None and len(rows) >= limit:
            truncated = True
            break
        if len(rows) >= MAX_ROWS:
            raise UnreadableFile(
                _l(
                    "The file has more than %(limit)s rows. Split it into smaller files and import them one by one.",
                    limit=f"{MAX_ROWS:,}".replace(",", "\u00a0"),
                )
            )
        rows.append(Row(number, cells))
    if header is None:
        raise UnreadableFile(EMPTY)
    if not rows and not truncated:
        raise UnreadableFile(NO_ROWS)
    header = header + [""] * (width - len(header))
    return header, [Row(row.number, row.cells + [""] * (width - len(row.cells))) for row in rows], truncated


def clean(text: str) -> str:
    """A cell without surrounding space, control characters (PostgreSQL refuses NUL) or a formula guard."""
    text = BINARY_CHARACTERS.sub("", text).strip()
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_START:
        return text[1:]
    return text


def cell_text(value) -> str:
    """A cell's value as the text a person would have typed: 5560360793, not 5560360793.0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)
