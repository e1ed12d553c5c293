"""A coordinator moves her spreadsheet in: upload, choose the columns, see the check, import or not."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from hemvist.auth.models import User
from hemvist.extensions import db
from hemvist.history.models import Action, HistoryEntry
from hemvist.landlords.models import Landlord, Source, Stage
from hemvist.spreadsheets.models import UploadStatus
from hemvist.tenancy.binding import bound
from tests.conftest import USERS
from tests.spreadsheets.conftest import (
    HEADER,
    IMPORT_URL,
    add_landlord,
    check,
    columns_choice,
    csv_bytes,
    figures,
    import_valid,
    landlord_names,
    landlord_row,
    orgnr,
    read_csv,
    read_xlsx,
    stored_uploads,
    upload,
    upload_id,
    xlsx_bytes,
)


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize(("encoding", "bom"), [("utf-8", False), ("utf-8", True), ("cp1252", False)])
def test_a_csv_list_is_imported_whatever_its_encoding_and_delimiter(
    app, coordinator, tenant_a, tenant_b, areas, encoding, bom, delimiter
):
    rows = [HEADER, landlord_row(1, Namn="Åkerlunds Fastigheter AB", Område="Bor; Forsheda"), landlord_row(2)]
    response = upload(coordinator, "hyresvärdar.csv", csv_bytes(rows, delimiter=delimiter, encoding=encoding, bom=bom))
    page = check(coordinator, upload_id(response))
    assert figures(text(page)) == {"Valid": 2, "Rejected": 0, "Duplicates": 0}

    page = import_valid(coordinator, upload_id(response))

    assert figures(text(page))["Imported"] == 2
    assert landlord_names(app, tenant_a) == ["Fastighets AB Nummer 2", "Åkerlunds Fastigheter AB"]
    assert landlord_names(app, tenant_b) == []
    with app.app_context(), bound(db.session, tenant_a.schema):
        landlord = db.session.scalar(sa.select(Landlord).where(Landlord.name.startswith("Åker")))
        anna = db.session.scalar(sa.select(User).where(User.email == USERS["coordinator_a"].email))
        assert landlord.identity_number == orgnr(1)
        assert (landlord.postal_code, landlord.city, landlord.flats, landlord.older_stock) == (
            "331 30",
            "Värnamo",
            1,
            True,
        )
        assert [area.name for area in landlord.areas] == ["Bor", "Forsheda"]
        assert (landlord.source, landlord.stage, landlord.owner_id, landlord.created_by_id) == (
            Source.OTHER, Stage.NEW, anna.id, anna.id
        )  # fmt: skip
        assert [(c.name, c.phone, c.email) for c in landlord.contacts] == [
            ("Kontakt 1", "+46701234567", "info1@example.com")
        ]
        history = db.session.scalars(sa.select(HistoryEntry).where(HistoryEntry.subject_id == landlord.id)).all()
        assert [(entry.action, entry.user_id) for entry in history] == [(Action.CREATED, anna.id)]


def test_the_columns_page_previews_the_file_and_guesses_swedish_headings(coordinator, areas):
    rows = [HEADER] + [landlord_row(n) for n in range(1, 9)]
    upload_number = upload_id(upload(coordinator, "lista.xlsx", xlsx_bytes(rows)))
    page = text(coordinator.get(f"/varnamo/spreadsheets/import/{upload_number}/columns?lang=en"))
    assert "Fastighets AB Nummer 5" in page and "Fastighets AB Nummer 6" not in page  # five rows previewed
    assert "8 rows" in page
    assert "For example: 070-123 45 67" in page
    assert list(columns_choice(coordinator, upload_number).values()) == [
        "name", "organisation_number", "street_address", "postal_code", "city", "flats", "contact_name",
        "contact_phone", "contact_email", "areas", "older_stock", "notes",
    ]  # fmt: skip


def test_english_headings_are_guessed_and_a_column_can_be_left_out(app, coordinator, tenant_a):
    rows = [
        ["Name", "Org. number", "Phone", "E-mail", "Shoe size"],
        ["Oak Homes AB", orgnr(7), "+47 22 12 34 56", "oak@example.com", "44"],
    ]
    upload_number = upload_id(upload(coordinator, "landlords.csv", csv_bytes(rows, delimiter=",")))
    assert columns_choice(coordinator, upload_number) == {
        "column_0": "name",
        "column_1": "organisation_number",
        "column_2": "contact_phone",
        "column_3": "contact_email",
        "column_4": "",
    }
    check(coordinator, upload_number, {"column_3": ""})
    import_valid(coordinator, upload_number)
    with app.app_context(), bound(db.session, tenant_a.schema):
        landlord = db.session.scalar(sa.select(Landlord))
        assert [(c.name, c.phone, c.email) for c in landlord.contacts] == [("Oak Homes AB", "+4722123456", "")]


def test_the_columns_must_name_the_landlord_and_hold_each_field_once(coordinator):
    rows = [["Namn", "Telefon", "Mobil"], ["Ek AB", "070-123 45 67", "070-123 45 68"]]
    upload_number = upload_id(upload(coordinator, "lista.csv", csv_bytes(rows)))
    url = f"/varnamo/spreadsheets/import/{upload_number}/columns?lang=en"
    page = text(coordinator.submit(url, {"column_0": "", "column_1": "contact_phone", "column_2": "contact_phone"}))
    assert "Choose the column that holds the landlords&#39; names." in page
    assert "“Phone” is chosen for another column too." in page
    assert 'href="#column_0"' in page and 'aria-invalid="true"' in page
    page = text(coordinator.submit(url, {"column_0": "shoe_size"}))
    assert "Not a valid choice" in page


def test_headings_and_cells_from_the_file_are_shown_as_text(coordinator):
    rows = [["Namn", "<script>alert(1)</script>"], ["<b>Ek</b> AB", "<img src=x onerror=alert(2)>"]]
    upload_number = upload_id(upload(coordinator, "<i>lista</i>.csv", csv_bytes(rows)))
    page = text(coordinator.get(f"/varnamo/spreadsheets/import/{upload_number}/columns"))
    assert (
        "<script>alert(1)" not in page and "<img src=x" not in page and "<b>Ek" not in page and "<i>lista" not in page
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_row_errors_are_shown_per_row_and_column_in_the_readers_language(coordinator, areas):
    rows = [
        HEADER,
        landlord_row(1),
        landlord_row(2, Telefon="12ab", Postnummer="1"),
        landlord_row(3, Namn="", Område="Mars"),
    ]
    upload_number = upload_id(upload(coordinator, "lista.xlsx", xlsx_bytes(rows)))
    english = text(check(coordinator, upload_number))
    assert figures(english) == {"Valid": 1, "Rejected": 2, "Duplicates": 0}
    problems = re.findall(r'<tr><th scope="row">(\d+)</th><td>([^<]*)</td><td>([^<]*)</td></tr>', english)
    assert problems == [
        ("3", "D “Postnummer”", "A postal code has five digits, e.g. 331 30."),
        ("3", "H “Telefon”", "This is not a valid phone number (e.g. 070-123 45 67)."),
        ("4", "A “Namn”", "The landlord&#39;s name is missing."),
        ("4", "J “Område”", "Värnamo has no area called “Mars”."),
    ]
    swedish = text(coordinator.get(f"/varnamo/spreadsheets/import/{upload_number}?lang=sv"))
    assert "Det här är inget giltigt telefonnummer (till exempel 070-123 45 67)." in swedish


def test_duplicates_of_the_registry_and_within_the_file_are_rejected_with_the_reason(app, coordinator, tenant_a, areas):
    add_landlord(app, tenant_a, "Ekens Bostäder AB")
    add_landlord(app, tenant_a, "Granens Hus AB", orgnr(2))
    rows = [
        HEADER,
        landlord_row(1),
        landlord_row(2, Namn="Helt Annat Namn AB"),  # the registry's number
        landlord_row(3, Namn="  ekens  BOSTÄDER ab"),  # the registry's name
        landlord_row(4, Namn="Fastighets AB Nummer 1", Organisationsnummer=""),  # the name of row 2
        landlord_row(1, Namn="Nytt Namn AB"),  # the number of row 2
    ]
    upload_number = upload_id(upload(coordinator, "lista.csv", csv_bytes(rows)))
    page = text(check(coordinator, upload_number))
    assert figures(page) == {"Valid": 1, "Rejected": 4, "Duplicates": 4}
    assert "Granens Hus AB is already in the registry with this number." in page
    assert "Ekens Bostäder AB is already in the registry under this name." in page
    assert page.count("The same landlord as on row 2 of this file.") == 2

    import_valid(coordinator, upload_number)
    assert landlord_names(app, tenant_a) == ["Ekens Bostäder AB", "Fastighets AB Nummer 1", "Granens Hus AB"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_rejected_rows_come_back_as_a_file_of_the_same_kind_with_an_error_column(
    app, coordinator, tenant_a, areas, file_format
):
    rows = [HEADER, landlord_row(1), landlord_row(2, Telefon="12ab"), landlord_row(3), landlord_row(4, Namn="")]
    content = csv_bytes(rows, encoding="cp1252") if file_format == "csv" else xlsx_bytes(rows)
    upload_number = upload_id(upload(coordinator, f"Mina hyresvärdar.{file_format}", content))
    check(coordinator, upload_number, {"column_9": ""})
    page = import_valid(coordinator, upload_number)
    assert figures(text(page))["Imported"] == 2

    response = coordinator.get(f"/varnamo/spreadsheets/import/{upload_number}/rejected?lang=en")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert f"filename*=UTF-8''Mina%20hyresv%C3%A4rdar-rejected.{file_format}" in response.headers["Content-Disposition"]
    assert response.headers["Content-Type"] == (
        "text/csv; charset=utf-8"  # one charset, not two
        if file_format == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    returned = read_csv(response.data) if file_format == "csv" else read_xlsx(response.data)
    returned = [["" if cell is None else cell for cell in row] for row in returned]
    assert returned[0] == [*HEADER, "Error"]
    assert [row[0] for row in returned[1:]] == ["Fastighets AB Nummer 2", ""]
    assert returned[1][:-1] == landlord_row(2, Telefon="12ab")
    assert returned[1][-1] == "H “Telefon”: This is not a valid phone number (e.g. 070-123 45 67)."
    assert returned[2][-1] == "A “Namn”: The landlord's name is missing."

    swedish = coordinator.get(f"/varnamo/spreadsheets/import/{upload_number}/rejected?lang=sv")
    returned = read_csv(swedish.data) if file_format == "csv" else read_xlsx(swedish.data)
    assert "Det här är inget giltigt telefonnummer" in returned[1][-1]


def test_the_corrected_rejected_file_can_be_imported_as_it_is(app, coordinator, tenant_a, areas):
    rows = [HEADER, landlord_row(1), landlord_row(2, Telefon="12ab")]
    first = upload_id(upload(coordinator, "lista.csv", csv_bytes(rows)))
    check(coordinator, first)
    import_valid(coordinator, first)
    returned = read_csv(coordinator.get(f"/varnamo/spreadsheets/import/{first}/rejected").data)
    returned[1][HEADER.index("Telefon")] = "070-765 43 21"
    second = upload_id(upload(coordinator, "lista-rättad.csv", csv_bytes(returned, bom=True)))
    assert "" in columns_choice(coordinator, second).values()  # the error column is not imported
    page = text(check(coordinator, second))
    assert figures(page) == {"Valid": 1, "Rejected": 0, "Duplicates": 0}
    import_valid(coordinator, second)
    assert landlord_names(app, tenant_a) == ["Fastighets AB Nummer 1", "Fastighets AB Nummer 2"]


def test_importing_nothing_removes_the_file_and_saves_nothing(app, coordinator, tenant_a, areas):
    rows = [HEADER, landlord_row(1), landlord_row(2, Telefon="x")]
    upload_number = upload_id(upload(coordinator, "lista.csv", csv_bytes(rows)))
    check(coordinator, upload_number)
    page_url = f"/varnamo/spreadsheets/import/{upload_number}"
    response = coordinator.submit(f"{page_url}/discard", {}, form_url=page_url)
    assert response.headers["Location"] == "/varnamo/spreadsheets/"
    assert "Nothing was imported." in text(coordinator.get("/varnamo/spreadsheets/?lang=en"))
    assert landlord_names(app, tenant_a) == []
    assert stored_uploads(app, tenant_a) == []
    assert coordinator.get(page_url).status_code == 404


def test_an_import_that_fails_half_way_imports_nothing(app, coordinator, tenant_a, areas, monkeypatch):
    from hemvist.landlords import operations as landlord_operations
    from hemvist.spreadsheets import operations

    created = []

    def fail_on_the_third(tenant, user, data, **kwargs):
        created.append(data.name)
        if len(created) == 3:
            raise RuntimeError("the disk is full")
        return landlord_operations.create_landlord(tenant, user, data, **kwargs)

    monkeypatch.setattr(operations, "create_landlord", fail_on_the_third)
    rows = [HEADER] + [landlord_row(n) for n in range(1, 6)]
    upload_number = upload_id(upload(coordinator, "lista.csv", csv_bytes(rows)))
    check(coordinator, upload_number)
    page = text(import_valid(coordinator, upload_number))

    assert len(created) == 3
    assert "The import stopped" in page and "Nothing was imported." in page
    assert "An error occurred on our side; it has been logged." in page
    assert landlord_names(app, tenant_a) == []
    with app.app_context(), bound(db.session, tenant_a.schema):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(HistoryEntry)) == 0
    (stored,) = stored_uploads(app, tenant_a)
    assert stored.status is UploadStatus.FAILED

    monkeypatch.undo()
    page = text(check(coordinator, upload_number))  # the person checks again and imports
    assert figures(page)["Valid"] == 5
    import_valid(coordinator, upload_number)
    assert len(landlord_names(app, tenant_a)) == 5


def test_a_landlord_registered_between_the_check_and_the_import_is_not_imported_twice(
    app, coordinator, tenant_a, areas
):
    rows = [HEADER, landlord_row(1), landlord_row(2)]
    upload_number = upload_id(upload(coordinator, "lista.csv", csv_bytes(rows)))
    check(coordinator, upload_number)
    add_landlord(app, tenant_a, "Någon Annan AB", orgnr(2))
    page = text(import_valid(coordinator, upload_number))
    assert figures(page) == {"Imported": 1, "Rejected": 1, "Duplicates": 1}
    assert "1 of the rows found valid had been added to the registry since the check" in page
    assert landlord_names(app, tenant_a) == ["Fastighets AB Nummer 1", "Någon Annan AB"]


def test_an_import_cannot_be_started_twice(app, coordinator, tenant_a, areas):
    rows = [HEADER, landlord_row(1)]
    upload_number = upload_id(upload(coordinator, "lista.csv", csv_bytes(rows)))
    check(coordinator, upload_number)
    import_valid(coordinator, upload_number)
    page_url = f"/varnamo/spreadsheets/import/{upload_number}"
    again = coordinator.submit(f"{page_url}/import?lang=en", {}, form_url=page_url, follow_redirects=True)
    assert "This file is already being checked or imported." in text(again)
    assert landlord_names(app, tenant_a) == ["Fastighets AB Nummer 1"]


BAD_UPLOADS = {
    "garbage": ("lista.csv", bytes(range(256)) * 20, "This file is not a CSV file that Hemvist can read."),
    "empty": ("lista.csv", b"", "The file is empty."),
    "fake xlsx": ("lista.xlsx", b"PK\x03\x04" + bytes(500), "The Excel file could not be read"),
    "pdf": ("lista.pdf", b"%PDF-1.7", "Hemvist reads CSV files and Excel files (.xlsx)."),
    "too many rows": (
        "lista.csv",
        csv_bytes([["Namn"]] + [["AB"]] * 20_001),
        "The file has more than 20\u00a0000 rows.",
    ),
}


@pytest.mark.parametrize("case", BAD_UPLOADS, ids=list(BAD_UPLOADS))
def test_a_file_that_cannot_be_read_is_explained_on_the_form_and_nothing_is_saved(app, coordinator, tenant_a, case):
    filename, content, message = BAD_UPLOADS[case]
    response = upload(coordinator, filename, content, url=f"{IMPORT_URL}?lang=en")
    page = text(response)
    assert response.status_code == 200
    assert message in page
    assert 'id="file-error"' in page and 'class="error-summary"' in page
    assert stored_uploads(app, tenant_a) == []


def test_a_post_without_a_file_asks_for_one(coordinator):
    page = text(coordinator.submit(f"{IMPORT_URL}?lang=en", {"file": "not a file"}))
    assert "Choose the file to import." in page


def test_a_workbook_with_many_rows_is_checked_and_imported_in_one_go(app, coordinator, tenant_a, areas):
    rows = [HEADER] + [landlord_row(n) for n in range(1, 1201)]
    upload_number = upload_id(upload(coordinator, "stor.xlsx", xlsx_bytes(rows)))
    page = text(check(coordinator, upload_number))
    assert figures(page) == {"Valid": 1200, "Rejected": 0, "Duplicates": 0}
    page = text(import_valid(coordinator, upload_number))
    assert figures(page)["Imported"] == 1200
    assert len(landlord_names(app, tenant_a)) == 1200
