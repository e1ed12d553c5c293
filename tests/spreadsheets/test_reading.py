"""Reading uploaded files: encodings, delimiters, XLSX cells, and every kind of file that is not a table.

Plain functions, no application: these run once, not per backend.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hemvist.spreadsheets.models import FileFormat
from hemvist.spreadsheets.reading import MAX_COLUMNS, MAX_ROWS, UnreadableFile, read_table
from tests.spreadsheets.conftest import csv_bytes, xlsx_bytes

ROWS = [
    ["Namn", "Adress", "Ort"],
    ["Åkerlunds Fastigheter AB", "Storgatan 1, 2 tr", "Värnamo"],
    ["Ölands Hyresgäst €", "Lilla vägen 2", "Bor"],
]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize(("encoding", "bom"), [("utf-8", False), ("utf-8", True), ("cp1252", False)])
def test_csv_in_every_encoding_and_delimiter_gives_the_same_table(encoding, bom, delimiter):
    table = read_table("lista.csv", csv_bytes(ROWS, delimiter=delimiter, encoding=encoding, bom=bom))
    assert table.file_format is FileFormat.CSV
    assert table.delimiter == delimiter
    assert table.header == ROWS[0]
    assert [row.cells for row in table.rows] == ROWS[1:]
    assert [row.number for row in table.rows] == [2, 3]


def test_excels_unicode_text_is_utf16_with_tabs():
    content = codecs.BOM_UTF16_LE + "Namn\tOrt\r\nÅke AB\tBor\r\n".encode("utf-16-le")
    table = read_table("lista.txt", content)
    assert table.header == ["Namn", "Ort"] and table.rows[0].cells == ["Åke AB", "Bor"]


def test_quoted_cells_keep_delimiters_and_line_breaks():
    content = 'Namn;Anteckningar\r\n"Ek; Söner AB";"Första raden\r\nAndra raden"\r\nBo AB;\r\n'.encode()
    table = read_table("lista.csv", content)
    assert table.rows[0].cells == ["Ek; Söner AB", "Första raden\r\nAndra raden"]
    assert [row.number for row in table.rows] == [2, 3]


def test_blank_rows_and_trailing_empty_columns_are_left_out_but_rows_keep_their_numbers():
    content = b"\r\nNamn;Ort;;;\r\n;;;\r\nEk AB;Bor;;\r\n\r\nBo AB\r\n"
    table = read_table("lista.csv", content)
    assert table.header == ["Namn", "Ort"]
    assert [(row.number, row.cells) for row in table.rows] == [(4, ["Ek AB", "Bor"]), (6, ["Bo AB", ""])]


def test_an_apostrophe_that_kept_a_formula_out_is_taken_off():
    content = b"Namn;Telefon;Anteckningar\r\n'=Ek AB;'+46701234567;'Tjena\r\n"
    assert read_table("lista.csv", content).rows[0].cells == ["=Ek AB", "+46701234567", "'Tjena"]


def test_xlsx_cells_become_the_text_a_person_typed():
    rows = [
        ["Namn", "Orgnr", "Postnummer", "Lägenheter", "Äldre", "Datum", "Tid"],
        ["Ek AB", 5560360793, 33130, 12.0, True, datetime(2025, 3, 1), datetime(2025, 3, 1, 14, 30)],
        [None, None, None, None, None, None, None],
        ["  Bo AB  ", "556036-0793", None, 2.5, False, date(2024, 12, 24), None],
    ]
    table = read_table("lista.xlsx", xlsx_bytes(rows))
    assert table.file_format is FileFormat.XLSX
    assert table.header == rows[0]
    assert [row.number for row in table.rows] == [2, 4]
    assert table.rows[0].cells == ["Ek AB", "5560360793", "33130", "12", "true", "2025-03-01", "2025-03-01 14:30:00"]
    assert table.rows[1].cells == ["Bo AB", "556036-0793", "", "2.5", "false", "2024-12-24", ""]


def test_only_the_first_sheet_is_read():
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Namn"])
    workbook.active.append(["Första AB"])
    workbook.create_sheet("Andra").append(["Annat"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert [row.cells for row in read_table("lista.xlsx", buffer.getvalue()).rows] == [["Första AB"]]


def test_a_preview_reads_only_the_first_rows():
    rows = [["Namn"]] + [[f"AB {n}"] for n in range(100)]
    for name, content in (("a.csv", csv_bytes(rows)), ("a.xlsx", xlsx_bytes(rows))):
        table = read_table(name, content, limit=3)
        assert [row.cells[0] for row in table.rows] == ["AB 0", "AB 1", "AB 2"] and table.truncated
        assert read_table(name, content, limit=0).header == ["Namn"]


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BAD_FILES = {
    "empty": ("lista.csv", b"", "The file is empty."),
    "only spaces": ("lista.csv", b" \r\n\t\r\n", "The file is empty."),
    "only a byte order mark": ("lista.csv", codecs.BOM_UTF8, "The file is empty."),
    "headings only": ("lista.csv", b"Namn;Ort\r\n", "The file has column headings but no rows under them."),
    "garbage": ("lista.csv", bytes(range(256)) * 8, "This file is not a CSV file that Hemvist can read."),
    "an image called csv": ("lista.csv", b"\x89PNG\r\n\x1a\n" + bytes(200), "not a CSV file"),
    "a zip of something else": ("lista.xlsx", _zip({"readme.txt": b"hello"}), "could not be read"),
    "a word document": (
        "lista.xlsx",
        _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}),
        "could not be read",
    ),  # noqa: E501
    "half an xlsx": ("lista.xlsx", xlsx_bytes([["Namn"], ["Ek AB"]])[:700], "could not be read"),
    "text called xlsx": ("lista.xlsx", b"Namn;Ort\r\nEk;Bor\r\n", "could not be read"),
    "password protected": ("lista.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "protected by a password"),
    "old excel": (
        "lista.xls",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
        "Hemvist reads CSV files and Excel files",
    ),
    "a pdf": ("lista.pdf", b"%PDF-1.4\n", "Hemvist reads CSV files and Excel files"),
    "an ods": ("lista.ods", _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "Hemvist reads CSV"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_what_is_not_a_table_is_explained(case):
    filename, content, message = BAD_FILES[case]
    with pytest.raises(UnreadableFile) as raised:
        read_table(filename, content)
    assert message in str(raised.value)


def test_more_rows_than_the_limit_are_refused_in_either_format():
    rows = [["Namn"]] + [[f"AB {n}"] for n in range(MAX_ROWS + 1)]
    for name, content in (("a.csv", csv_bytes(rows)), ("a.xlsx", xlsx_bytes(rows))):
        with pytest.raises(UnreadableFile, match="more than 20\u00a0000 rows"):
            read_table(name, content)
    assert len(read_table("a.csv", csv_bytes(rows[:-1])).rows) == MAX_ROWS


def test_more_columns_than_the_limit_are_refused():
    wide = [[f"Kolumn {n}" for n in range(MAX_COLUMNS + 1)], ["x"] * (MAX_COLUMNS + 1)]
    for name, content in (("a.csv", csv_bytes(wide)), ("a.xlsx", xlsx_bytes(wide))):
        with pytest.raises(UnreadableFile, match=f"more than {MAX_COLUMNS} columns"):
            read_table(name, content)


def test_an_xlsx_that_unpacks_to_gigabytes_is_refused_before_it_is_opened():
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": b"0" * (101 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    with pytest.raises(UnreadableFile, match="unpacks to more than"):
        read_table("lista.xlsx", bomb)


@settings(max_examples=300, deadline=None)
@given(content=st.binary(max_size=3000), name=st.sampled_from(["a.csv", "a.xlsx", "a.txt", "a", "a.tsv"]))
def test_random_bytes_give_a_table_or_an_explanation(content, name):
    try:
        table = read_table(name, content)
    except UnreadableFile as error:
        assert str(error)
    else:
        assert table.rows and all(len(row.cells) == table.width for row in table.rows)


@settings(max_examples=100, deadline=None)
@given(prefix=st.binary(max_size=400), cut=st.integers(min_value=0, max_value=6000))
def test_damaged_workbooks_give_an_explanation(prefix, cut):
    content = xlsx_bytes([["Namn", "Ort"], ["Ek AB", "Bor"]])
    damaged = content[:cut] + prefix + content[cut + len(prefix) :]
    try:
        read_table("a.xlsx", damaged)
    except UnreadableFile as error:
        assert str(error)
