"""Helpers for the spreadsheet tests: files made in the test, uploads through the real forms, waiting for jobs."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.landlords.models import Landlord
from hemvist.spreadsheets import jobs
from hemvist.spreadsheets.models import SpreadsheetUpload
from hemvist.tenancy.binding import bound

IMPORT_URL = "/varnamo/spreadsheets/import"

HEADER = ["Namn", "Organisationsnummer", "Adress", "Postnummer", "Ort", "Lägenheter", "Kontaktperson", "Telefon",
          "E-post", "Område", "Äldre bestånd", "Anteckningar"]  # fmt: skip


def orgnr(serial: int) -> str:
    """A made-up organisation number with a valid check digit: 559xxx-xxxx."""
    from stdnum import luhn

    digits = f"559{serial:06d}"
    digits += luhn.calc_check_digit(digits)
    return f"{digits[:6]}-{digits[6:]}"


def landlord_row(serial: int, **changes) -> list[str]:
    values = {
        "Namn": f"Fastighets AB Nummer {serial}",
        "Organisationsnummer": orgnr(serial),
        "Adress": f"Storgatan {serial}",
        "Postnummer": "331 30",
        "Ort": "Värnamo",
        "Lägenheter": str(serial % 40),
        "Kontaktperson": f"Kontakt {serial}",
        "Telefon": "070-123 45 67",
        "E-post": f"info{serial}@example.com",
        "Område": "Värnamo",
        "Äldre bestånd": "ja" if serial % 2 else "nej",
        "Anteckningar": "",
    }
    values.update(changes)
    return [values[heading] for heading in HEADER]


def csv_bytes(rows, *, delimiter=";", encoding="utf-8", bom=False) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, title="Hyresvärdar") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_xlsx(content: bytes) -> list[list]:
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    return rows


def read_csv(content: bytes, delimiter=";") -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "a CSV for Excel starts with a byte order mark"
    return list(csv.reader(io.StringIO(content[3:].decode("utf-8")), delimiter=delimiter))


def upload(client, filename: str, content: bytes, url: str = IMPORT_URL):
    """Post the file through the upload form, CSRF token and all."""
    token = client.csrf_token(url)
    return client.http.post(
        url, data={"csrf_token": token, "file": (io.BytesIO(content), filename)}, content_type="multipart/form-data"
    )


def upload_id(response) -> int:
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(re.search(r"/import/(\d+)/columns$", response.headers["Location"]).group(1))


def columns_choice(client, upload: int) -> dict[str, str]:
    """The columns page's selects as they are pre-filled."""
    page = client.get(f"/varnamo/spreadsheets/import/{upload}/columns").get_data(as_text=True)
    choices = {}
    for name, body in re.findall(r'<select[^>]*name="(column_\d+)"[^>]*>(.*?)</select>', page, re.S):
        selected = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', body)
        choices[name] = (selected.group(1) or selected.group(2) or "") if selected else ""
    return choices


def check(client, upload: int, changes: dict | None = None):
    """Confirm the columns (as guessed, with ``changes``), wait for the check, return the upload's page."""
    url = f"/varnamo/spreadsheets/import/{upload}/columns"
    response = client.submit(url, {**columns_choice(client, upload), **(changes or {})})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert jobs.wait_for_all(60)
    return client.get(f"/varnamo/spreadsheets/import/{upload}?lang=en")


def import_valid(client, upload: int):
    page = f"/varnamo/spreadsheets/import/{upload}"
    response = client.submit(f"{page}/import", {}, form_url=page)
    assert response.status_code == 302
    assert jobs.wait_for_all(120)
    return client.get(f"{page}?lang=en")


def figures(page: str) -> dict[str, int]:
    """The summary's cards on an upload's page: heading → figure."""
    return {
        heading: int(figure.replace("\u00a0", "").replace(",", ""))
        for heading, figure in re.findall(r'<h2>([^<]+)</h2><p class="figure">([^<]+)</p>', page)
    }


def landlord_names(app, tenant) -> list[str]:
    with app.app_context(), bound(db.session, tenant.schema):
        return sorted(db.session.scalars(sa.select(Landlord.name)))


def stored_uploads(app, tenant) -> list[SpreadsheetUpload]:
    with app.app_context(), bound(db.session, tenant.schema):
        uploads = list(db.session.scalars(sa.select(SpreadsheetUpload)))
        db.session.expunge_all()
        return uploads


@pytest.fixture(autouse=True)
def no_job_outlives_its_test():
    yield
    assert jobs.wait_for_all(120), "a spreadsheet job was still running at the end of the test"


@pytest.fixture
def coordinator(login):
    return login("coordinator_a")


@pytest.fixture
def areas(app, tenant_a) -> dict[str, int]:
    """Värnamo's central town and two villages, as its tenant file would have them."""
    from hemvist.areas.models import Area, AreaKind

    with app.app_context(), bound(db.session, tenant_a.schema):
        rows = [Area(name="Värnamo", kind=AreaKind.CENTRAL_TOWN)]
        rows += [Area(name=name, kind=AreaKind.VILLAGE) for name in ("Bor", "Forsheda")]
        db.session.add_all(rows)
        db.session.commit()
        return {area.name: area.id for area in rows}


def add_landlord(app, tenant, name: str, number: str | None = None, **fields) -> int:
    """A landlord registered through the registry's own operation, by Värnamo's unit admin."""
    from hemvist.auth.models import User
    from hemvist.landlords.models import LandlordKind
    from hemvist.landlords.operations import LandlordData, create_landlord
    from tests.conftest import USERS

    with app.test_request_context("/"), bound(db.session, tenant.schema):
        user = db.session.scalar(sa.select(User).where(User.email == USERS["unit_admin_a"].email))
        data = LandlordData(kind=LandlordKind.COMPANY, name=name, identity_number=number, **fields)
        return create_landlord(tenant, user, data).id
