"""Showing a check's outcome: the rejected rows with their reasons in the reader's language, and as a file."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import get_locale
from flask_babel import gettext as _
from openpyxl.utils import get_column_letter

from hemvist.spreadsheets.fields import FIELDS_BY_NAME
from hemvist.spreadsheets.models import FileFormat, SpreadsheetUpload
from hemvist.spreadsheets.reading import Table, read_table
from hemvist.spreadsheets.writing import csv_bytes, xlsx_bytes

SHOWN_ON_PAGE = 100


@dataclass(frozen=True)
class Problem:
    column: str  # "C “Telefon”", or empty for the whole row
    text: str


@dataclass(frozen=True)
class RejectedRow:
    number: int
    duplicate: bool
    problems: list[Problem]


def in_reader_language(texts: dict[str, str]) -> str:
    """The text stored for each language, in the one the page is read in."""
    locale = str(get_locale() or "sv")
    return texts.get(locale) or texts.get("sv") or next(iter(texts.values()), "")


def column_name(index: int, header: list[str]) -> str:
    heading = header[index] if index < len(header) else ""
    letter = get_column_letter(index + 1)
    return f"{letter} “{heading}”" if heading else letter


def columns_by_field(upload: SpreadsheetUpload) -> dict[str, int]:
    return {name: int(index) for index, name in (upload.mapping or {}).items()}


def rejected_rows(upload: SpreadsheetUpload, limit: int | None = None) -> list[RejectedRow]:
    """The rejected rows as the check recorded them, each problem tied to the file's column."""
    columns = columns_by_field(upload)
    result = upload.result or {}
    header = result.get("header", [])
    rows = []
    for entry in result.get("rejected", [])[:limit]:
        problems = []
        for error in entry["errors"]:
            field = error.get("field")
            if field in columns:
                column = column_name(columns[field], header)
            elif field in FIELDS_BY_NAME:
                column = str(FIELDS_BY_NAME[field].label)
            else:
                column = ""
            problems.append(Problem(column, in_reader_language(error["text"])))
        rows.append(RejectedRow(entry["row"], entry["duplicate"], problems))
    return rows


def _reason(row: RejectedRow) -> str:
    return " ".join(f"{p.column}: {p.text}" if p.column else p.text for p in row.problems)


def rejected_file(upload: SpreadsheetUpload) -> tuple[bytes, str, str]:
    """The rejected rows as they were in the file, in its format, with a last column saying why.

    Returns the bytes, the media type and a file name. Corrected, it can be imported as it is.
    """
    table: Table = read_table(upload.filename, upload.content)
    reasons = {row.number: _reason(row) for row in rejected_rows(upload)}
    header = [*table.header, _("Error")]
    rows = [[*row.cells, reasons[row.number]] for row in table.rows if row.number in reasons]
    stem = upload.filename.rsplit(".", 1)[0] if "." in upload.filename else upload.filename
    name = f"{stem}-{_('rejected')}"
    if upload.file_format is FileFormat.XLSX:
        content = xlsx_bytes(_("Rejected rows"), header, rows)
        return content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", f"{name}.xlsx"
    # Flask adds "; charset=utf-8" to a text/* media type (csv_bytes writes UTF-8).
    return csv_bytes(header, rows, table.delimiter), "text/csv", f"{name}.csv"


def preview(upload: SpreadsheetUpload, rows: int = 5) -> Table:
    return read_table(upload.filename, upload.content, limit=rows)
