"""Who may import, whose uploads are whose, jobs that die, one import at a time, and old files removed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hemvist.extensions import db
from hemvist.spreadsheets.models import SpreadsheetUpload, UploadStatus
from hemvist.tenancy.binding import bound
from tests.spreadsheets.conftest import (
    HEADER,
    IMPORT_URL,
    check,
    csv_bytes,
    figures,
    import_valid,
    landlord_names,
    landlord_row,
    read_csv,
    read_xlsx,
    stored_uploads,
    upload,
    upload_id,
)

ROWS = [HEADER, landlord_row(1, Område=""), landlord_row(2, Område="", Telefon="1")]


def set_upload(app, tenant, upload_number: int, **values) -> None:
    with app.app_context(), bound(db.session, tenant.schema):
        db.session.execute(sa.update(SpreadsheetUpload).where(SpreadsheetUpload.id == upload_number).values(**values))
        db.session.commit()


def test_read_only_members_may_export_but_not_import(login):
    reader = login("read_only_a")
    page = reader.get("/varnamo/spreadsheets/?lang=en").get_data(as_text=True)
    assert "Landlords as an Excel file" in page and IMPORT_URL not in page
    assert reader.get(IMPORT_URL).status_code == 403
    assert reader.get("/varnamo/spreadsheets/landlords.csv").status_code == 200
    assert reader.get("/varnamo/spreadsheets/dialogue.xlsx").status_code == 200


def test_the_import_steps_are_forbidden_to_read_only_members_for_an_existing_upload(login):
    upload_number = upload_id(upload(login("coordinator_a"), "lista.csv", csv_bytes(ROWS)))
    reader = login("read_only_a")
    base = f"/varnamo/spreadsheets/import/{upload_number}"
    for url in (base, f"{base}/columns", f"{base}/progress.json", f"{base}/rejected"):
        assert reader.get(url).status_code == 403, url
    for url in (f"{base}/import", f"{base}/discard", f"{base}/columns", IMPORT_URL):
        assert reader.submit(url, {}, form_url="/varnamo/").status_code == 403, url


def test_a_colleagues_upload_and_another_municipalitys_answer_404(login, app, tenant_a, tenant_b):
    upload_number = upload_id(upload(login("coordinator_a"), "lista.csv", csv_bytes(ROWS)))
    colleague = login("unit_admin_a")
    base = f"/varnamo/spreadsheets/import/{upload_number}"
    for url in (base, f"{base}/columns", f"{base}/progress.json", f"{base}/rejected"):
        assert colleague.get(url).status_code == 404, url
    for url in (f"{base}/import", f"{base}/discard", f"{base}/columns"):
        assert colleague.submit(url, {}, form_url="/varnamo/").status_code == 404, url

    gislaved = login("coordinator_b")
    gislaved_upload = upload_id(upload(gislaved, "lista.csv", csv_bytes(ROWS), url="/gislaved/spreadsheets/import"))
    assert gislaved_upload == upload_number  # each municipality counts its own ids
    assert gislaved.get(f"/gislaved/spreadsheets/import/{upload_number}/columns").status_code == 200
    assert login("coordinator_a").get(f"/gislaved/spreadsheets/import/{upload_number}").status_code == 403
    assert [u.filename for u in stored_uploads(app, tenant_b)] == ["lista.csv"]
    assert [u.created_by_id for u in stored_uploads(app, tenant_a)] != [
        u.created_by_id for u in stored_uploads(app, tenant_b)
    ]


def test_the_status_page_shows_progress_with_a_refresh_link_while_a_job_runs(app, coordinator, tenant_a):
    upload_number = upload_id(upload(coordinator, "lista.csv", csv_bytes(ROWS)))
    set_upload(app, tenant_a, upload_number, status=UploadStatus.VALIDATING, rows_done=1, updated_at=datetime.now(UTC))
    url = f"/varnamo/spreadsheets/import/{upload_number}"
    page = coordinator.get(f"{url}?lang=en").get_data(as_text=True)
    assert '<progress id="progress-bar" max="2" value="1">' in page
    assert "1 of 2 rows checked." in page
    assert f'<a href="{url}" data-progress-refresh>Refresh</a>' in page
    assert 'http-equiv="refresh"' not in page
    progress = coordinator.get(f"{url}/progress.json?lang=en").get_json()
    assert progress == {
        "status": "validating",
        "running": True,
        "determinate": True,
        "rows_done": 1,
        "rows_total": 2,
        "text": "1 of 2 rows checked.",
    }
    # The columns page leads back to the progress while the job runs.
    assert coordinator.get(f"{url}/columns").headers["Location"] == url

    set_upload(app, tenant_a, upload_number, status=UploadStatus.IMPORTING, rows_done=0)
    page = coordinator.get(f"{url}?lang=en").get_data(as_text=True)
    assert '<progress id="progress-bar" max="2">' in page  # indeterminate: one transaction, no count to show
    assert coordinator.get(f"{url}/progress.json").get_json()["determinate"] is False


def test_a_job_that_died_is_shown_as_stopped_and_can_be_started_again(app, coordinator, tenant_a):
    upload_number = upload_id(upload(coordinator, "lista.csv", csv_bytes(ROWS)))
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    set_upload(app, tenant_a, upload_number, status=UploadStatus.IMPORTING, updated_at=an_hour_ago)
    url = f"/varnamo/spreadsheets/import/{upload_number}"
    page = coordinator.get(f"{url}?lang=en").get_data(as_text=True)
    assert "The import stopped" in page and "perhaps because Hemvist was restarted" in page
    assert coordinator.get(f"{url}/progress.json").get_json()["running"] is False
    page = check(coordinator, upload_number).get_data(as_text=True)
    assert "The rows are checked" in page


def test_one_import_at_a_time_in_a_municipality(app, login, tenant_a):
    coordinator, admin = login("coordinator_a"), login("unit_admin_a")
    first = upload_id(upload(coordinator, "a.csv", csv_bytes(ROWS)))
    second = upload_id(upload(admin, "b.csv", csv_bytes([HEADER, landlord_row(5, Område="")])))
    check(admin, second)
    set_upload(app, tenant_a, first, status=UploadStatus.IMPORTING, updated_at=datetime.now(UTC))
    url = f"/varnamo/spreadsheets/import/{second}"
    page = admin.submit(f"{url}/import?lang=en", {}, form_url=url, follow_redirects=True).get_data(as_text=True)
    assert "Another file is being imported in Värnamo. Wait until it is done." in page
    assert landlord_names(app, tenant_a) == []
    set_upload(app, tenant_a, first, status=UploadStatus.FAILED)
    import_valid(admin, second)
    assert landlord_names(app, tenant_a) == ["Fastighets AB Nummer 5"]


def test_the_addresses_the_buttons_post_to_lead_back_to_the_page(coordinator):
    upload_number = upload_id(upload(coordinator, "lista.csv", csv_bytes(ROWS)))
    url = f"/varnamo/spreadsheets/import/{upload_number}"
    for action in ("import", "discard"):
        response = coordinator.get(f"{url}/{action}")
        assert (response.status_code, response.headers["Location"]) == (302, url)


def test_a_running_job_cannot_be_thrown_away(app, coordinator, tenant_a):
    upload_number = upload_id(upload(coordinator, "lista.csv", csv_bytes(ROWS)))
    set_upload(app, tenant_a, upload_number, status=UploadStatus.VALIDATING, updated_at=datetime.now(UTC))
    url = f"/varnamo/spreadsheets/import/{upload_number}"
    page = coordinator.submit(f"{url}/discard?lang=en", {}, form_url="/varnamo/", follow_redirects=True)
    assert "Wait until the work on the file is done." in page.get_data(as_text=True)
    assert len(stored_uploads(app, tenant_a)) == 1


def test_uploads_older_than_a_day_are_removed_by_the_next_upload_and_by_the_command(
    app, coordinator, tenant_a, tenants
):
    old = upload_id(upload(coordinator, "gammal.csv", csv_bytes(ROWS)))
    set_upload(app, tenant_a, old, created_at=datetime.now(UTC) - timedelta(days=1, minutes=1))
    upload_id(upload(coordinator, "ny.csv", csv_bytes(ROWS)))
    assert [u.filename for u in stored_uploads(app, tenant_a)] == ["ny.csv"]

    gislaved = tenants["gislaved"]
    with app.app_context(), bound(db.session, gislaved.schema):
        db.session.add(
            SpreadsheetUpload(
                created_by_id=1, filename="kvar.csv", file_format="csv", content=b"x",
                created_at=datetime.now(UTC) - timedelta(days=2),
            )
        )  # fmt: skip
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["spreadsheets", "purge"])
    assert result.exit_code == 0, result.output
    assert "gislaved: 1 upload(s) removed" in result.output
    assert stored_uploads(app, gislaved) == []
    assert [u.filename for u in stored_uploads(app, tenant_a)] == ["ny.csv"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_example_file_has_the_recognised_headings_and_in_demo_mode_rows_to_try(
    app, coordinator, tenant_a, file_format
):
    read = read_csv if file_format == "csv" else read_xlsx
    response = coordinator.get(f"/varnamo/spreadsheets/example.{file_format}?lang=en")
    assert response.status_code == 200
    (header,) = read(response.data)
    assert header[:3] == ["Name", "Company or private person", "Organisation number"]

    app.config["DEMO"] = True
    from hemvist.areas.models import Area, AreaKind

    with app.app_context(), bound(db.session, tenant_a.schema):
        db.session.add_all([Area(name="Värnamo", kind=AreaKind.CENTRAL_TOWN), Area(name="Bor", kind=AreaKind.VILLAGE)])
        db.session.commit()
    example = coordinator.get(f"/varnamo/spreadsheets/example.{file_format}?lang=en").data
    assert all(row[0].endswith("(demo)") for row in read(example)[1:])
    page = check(coordinator, upload_id(upload(coordinator, f"exempel.{file_format}", example)))
    text = page.get_data(as_text=True)
    assert figures(text) == {"Valid": 3, "Rejected": 2, "Duplicates": 1}
    assert "This is not a valid phone number" in text
    assert "The same landlord as on row 2 of this file." in text


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=4000), name=st.sampled_from(["lista.csv", "lista.xlsx", "lista.txt", "x"]))
def test_any_bytes_uploaded_get_a_page_and_an_unreadable_file_saves_nothing(app, coordinator, tenant_a, content, name):
    before = len(stored_uploads(app, tenant_a))
    response = upload(coordinator, name, content)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert 'id="file-error"' in response.get_data(as_text=True)
        assert len(stored_uploads(app, tenant_a)) == before
    else:
        assert coordinator.get(response.headers["Location"]).status_code == 200
