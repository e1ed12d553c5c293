"""A coordinator imports an XLSX of 500 landlords of which 3 are wrong, and finds the 497 in the registry.

As in the other journeys, the test holds on to structure (URLs, ids, data attributes) and to the data in
the file, not to Swedish sentences, since the catalogue may lag behind the templates.
"""

from __future__ import annotations

import re

import openpyxl
import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from hemvist.extensions import db
from hemvist.landlords.models import Landlord
from hemvist.tenancy.binding import bound
from tests.spreadsheets.conftest import HEADER, landlord_row

pytestmark = pytest.mark.browser

BAD_ROWS = {
    101: {"Telefon": "12ab"},  # not a phone number
    202: {"Namn": ""},  # no name
    303: {"Postnummer": "1234"},  # four digits
}


@pytest.fixture
def workbook(tmp_path):
    """500 landlords, made here with openpyxl; rows 101, 202 and 303 (sheet rows 102, 203, 304) are wrong."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for serial in range(1, 501):
        sheet.append(landlord_row(serial, Område="", **BAD_ROWS.get(serial, {})))
    path = tmp_path / "hyresvärdar.xlsx"
    book.save(path)
    return path


def wait_until_done(page) -> None:
    """On a page showing progress, wait for its script to say the work is done, then follow its link."""
    box = page.locator("[data-progress-url]")
    if box.count():
        expect(page.locator("progress")).to_be_visible()
        expect(page.locator("[data-progress-done]")).not_to_be_empty(timeout=60_000)
        page.follow(page.locator("[data-progress-refresh]"))
    expect(page.locator("[data-progress-url]")).to_have_count(0)


def figure(page, index: int) -> int:
    return int(re.sub(r"\D", "", page.locator("main .card .figure").nth(index).inner_text()))


def test_a_coordinator_imports_500_rows_of_which_3_are_rejected(page, workbook, app, tenant_a):
    page.log_in("coordinator_a")
    page.follow(page.locator(".workspace-nav a[href='/varnamo/spreadsheets/']"))
    page.follow("main a[href='/varnamo/spreadsheets/import']")

    page.locator("#file").set_input_files(workbook)
    page.submit()

    assert re.fullmatch(r"/varnamo/spreadsheets/import/\d+/columns", page.path)
    expect(page.locator("main table tbody tr")).to_have_count(5)
    expect(page.locator("#column_0")).to_have_value("name")
    expect(page.locator("#column_1")).to_have_value("organisation_number")
    expect(page.locator("#column_7")).to_have_value("contact_phone")
    page.locator("#column_11").select_option("")  # the notes column is left out
    page.submit("main form.form")

    upload_path = page.path.removesuffix("/columns")
    assert page.path == upload_path
    wait_until_done(page)
    assert (figure(page, 0), figure(page, 1), figure(page, 2)) == (497, 3, 0)
    rejected = page.locator("main table tbody tr th[scope=row]")
    expect(rejected).to_have_text(["102", "203", "304"])
    expect(page.locator(f"main a[href='{upload_path}/rejected']")).to_be_visible()

    page.submit(page.locator(f"main form[action='{upload_path}/import']"))

    assert page.path == upload_path
    wait_until_done(page)
    assert figure(page, 0) == 497
    page.follow("main a[href='/varnamo/landlords/']")

    assert page.path == "/varnamo/landlords/"
    expect(page.locator("main .result-count")).to_contain_text("497")
    page.locator("#q").fill("Fastighets AB Nummer 250")
    page.submit("main form[role=search]")
    expect(page.locator("main table tbody tr")).to_have_count(1)
    with app.app_context(), bound(db.session, tenant_a.schema):
        names = set(db.session.scalars(sa.select(Landlord.name)))
    assert len(names) == 497
    assert "Fastighets AB Nummer 101" not in names and "Fastighets AB Nummer 303" not in names


def test_the_progress_bar_moves_without_reloading_and_says_when_it_is_done(page, app, tenant_a, workbook):
    """The page's own script polls the progress; the page itself never reloads (axe forbids meta refresh)."""
    from datetime import UTC, datetime

    from hemvist.spreadsheets.models import SpreadsheetUpload, UploadStatus

    page.log_in("coordinator_a")
    page.goto("/varnamo/spreadsheets/import")
    page.locator("#file").set_input_files(workbook)
    page.submit()
    upload_id = int(page.path.split("/")[-2])

    def set_upload(**values):
        with app.app_context(), bound(db.session, tenant_a.schema):
            table = SpreadsheetUpload
            db.session.execute(sa.update(table).where(table.id == upload_id).values(**values))
            db.session.commit()

    set_upload(status=UploadStatus.VALIDATING, rows_done=100, updated_at=datetime.now(UTC))
    page.goto(f"/varnamo/spreadsheets/import/{upload_id}")
    bar = page.locator("progress")
    expect(bar).to_have_js_property("value", 100)
    expect(page.locator("[data-progress-done]")).to_be_empty()

    set_upload(rows_done=400, updated_at=datetime.now(UTC))
    expect(bar).to_have_js_property("value", 400)
    result = {"header": HEADER, "valid": 500, "duplicates": 0, "rejected": []}
    set_upload(status=UploadStatus.VALIDATED, rows_done=500, result=result)
    expect(page.locator("[data-progress-done]")).not_to_be_empty()
    page.follow(page.locator("[data-progress-refresh]"))
    expect(page.locator("main .card .figure").first).to_have_text(re.compile(r"500"))
