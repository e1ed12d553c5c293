"""The county page: its municipalities side by side, small numbers suppressed, no tenant schema read."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pytest
import sqlalchemy as sa

from hemvist.county.figures import Status, Thresholds, status_note, status_of
from hemvist.extensions import db
from hemvist.statistics import measures as m
from tests.county.conftest import row_cells
from tests.households.conftest import add_household, household


def test_the_county_page_shows_its_municipalities_and_protects_a_small_number(login, small_and_large):
    page = login("county_06").get("/county/06/?year=2026&lang=en").get_data(as_text=True)
    # Quota, assigned, received, still to receive, overdue.
    varnamo = row_cells(page, "reception", "Värnamo")
    gislaved = row_cells(page, "reception", "Gislaved")
    county = row_cells(page, "reception", "Jönköpings län")
    assert varnamo[0] == "20" and gislaved[0] == "15" and county[0] == "35"
    assert varnamo[2] == "1–5"
    # Anything that would give Värnamo's 3 back is hidden: Gislaved's 12 or the county's 15, and the
    # remainder of Värnamo's quota (20 − 3).
    assert varnamo[3] == ".."
    assert ".." in (gislaved[2], county[2])
    assert "Uppsala" not in page
    assert "MIG-" not in page


def test_every_table_and_export_keeps_small_numbers_out(login, small_and_large):
    karin = login("county_06")
    page = karin.get("/county/06/?year=2026&lang=en").get_data(as_text=True)
    for table in ("reception", "waiting", "lease-forms", "landlord-types", "outreach", "trends"):
        shown = page.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
        for number in range(1, 6):
            assert f'<td class="number">{number}</td>' not in shown, (table, number)
    exported = karin.get("/county/06/figures.csv?year=2026&lang=en")
    assert exported.status_code == 200 and exported.headers["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert [row[0] for row in body] == ["Gislaved", "Värnamo", "Jönköpings län"]
    counts = [i for i, name in enumerate(header) if "Quota" not in name and "Still" not in name][3:-1]
    for row in body:
        for index in counts:
            assert row[index] not in {"1", "2", "3", "4", "5"}, (row[0], header[index], row[index])
    workbook = openpyxl.load_workbook(io.BytesIO(karin.get("/county/06/trends.xlsx?year=2026").data))
    values = [cell for row in workbook.active.iter_rows(min_row=2, values_only=True) for cell in row[1:]]
    assert not any(isinstance(value, int) and 1 <= value <= 5 for value in values)
    assert "1–5" in values


def test_the_threshold_is_configurable(app, login, small_and_large):
    app.config["SUPPRESS_BELOW"] = 1
    page = login("county_06").get("/county/06/?year=2026&lang=en").get_data(as_text=True)
    assert row_cells(page, "reception", "Värnamo")[2] == "3"
    assert row_cells(page, "reception", "Jönköpings län")[2] == "15"


def test_the_county_page_reads_no_municipality_schema(app, login, small_and_large):
    karin = login("county_06")
    statements = []

    def remember(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", remember)
    try:
        assert karin.get("/county/06/?year=2026").status_code == 200
        assert karin.get("/county/06/figures.xlsx?year=2026").status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", remember)
    assert statements
    assert not [statement for statement in statements if "kommun_" in statement]


@pytest.mark.parametrize(
    "url", ["/county/06/?year=1999", "/county/06/figures.pdf", "/county/06/people.csv", "/county/06/trends.csv?year=x"]
)
def test_odd_addresses_answer_404_or_fall_back(login, url):
    response = login("county_06").get(url)
    if "year=x" in url:
        assert response.status_code == 200  # an unreadable year is this year
    else:
        assert response.status_code == 404


def test_exports_need_county_access(login):
    assert login("county_03").get("/county/06/figures.csv").status_code == 403
    assert login("coordinator_a").get("/county/06/trends.xlsx").status_code == 403


def values(quota=0, received=0, overdue=0, year=2026):
    return {
        ("x", m.QUOTA_PERSONS, str(year)): quota,
        ("x", m.RECEIVED_PERSONS, str(year)): received,
        ("x", m.OVERDUE_PERSONS, m.NOW): overdue,
    }


THRESHOLDS = Thresholds(suppress_below=6, on_track_pace=90, far_behind_pace=60, far_behind_overdue=10)
JULY_2ND = date(2026, 7, 2)  # half the year gone: the even pace is half the quota


@pytest.mark.parametrize(
    ("figures", "status"),
    [
        (values(quota=100, received=50), Status.ON_TRACK),
        (values(quota=100, received=45), Status.ON_TRACK),
        (values(quota=100, received=44), Status.BEHIND),
        (values(quota=100, received=50, overdue=1), Status.BEHIND),
        (values(quota=100, received=29), Status.FAR_BEHIND),
        (values(quota=100, received=60, overdue=10), Status.FAR_BEHIND),
        (values(quota=0, received=0), None),  # no quota: nothing to be on track with
        (values(quota=0, received=0, overdue=12), None),
    ],
)
def test_status_from_the_pace_and_overdue_assignments(figures, status):
    assert status_of(figures, "x", 2026, JULY_2ND, THRESHOLDS) is status


def test_a_past_year_is_judged_on_the_whole_quota_and_a_coming_one_not_at_all():
    assert status_of(values(quota=100, received=89, year=2025), "x", 2025, JULY_2ND, THRESHOLDS) is Status.BEHIND
    assert status_of(values(quota=100, received=0, year=2027), "x", 2027, JULY_2ND, THRESHOLDS) is None


@pytest.mark.parametrize(
    ("figures", "status"),
    [
        # Persons overdue today are not the past year's: its own figures alone judge it.
        (values(quota=20, received=19, overdue=12, year=2015), Status.ON_TRACK),
        (values(quota=20, received=15, overdue=1, year=2015), Status.BEHIND),
        (values(quota=20, received=11, year=2015), Status.FAR_BEHIND),
        (values(quota=20, received=30, overdue=12, year=2015), Status.ON_TRACK),
        # A year without a quota has no status, whatever was received or is overdue today.
        (values(quota=0, received=0, overdue=9, year=2015), None),
        (values(quota=0, received=100, overdue=9, year=2017), None),
    ],
)
def test_a_past_year_is_judged_on_its_own_figures(figures, status):
    year = int(next(key[2] for key in figures if key[1] == m.QUOTA_PERSONS))
    assert status_of(figures, "x", year, JULY_2ND, THRESHOLDS) is status


def test_why_there_is_no_status_is_said():
    with_quota, without = values(quota=20, year=2015), values(quota=0, year=2015)
    assert status_note(with_quota, "x", 2015, JULY_2ND) is None
    assert str(status_note(without, "x", 2015, JULY_2ND)) == "no quota for 2015"
    assert str(status_note(values(quota=20, year=2027), "x", 2027, JULY_2ND)) == "the year has not begun"


def test_waiting_households_by_deadline(app, login, tenant_a, tenant_b):
    for index in range(7):
        add_household(app, tenant_a, household(f"MIG-W{index}", assigned_on=date(2026, 9, 1)))
    page = login("county_06").get("/county/06/?lang=en").get_data(as_text=True)
    waiting = row_cells(page, "waiting", "Värnamo")
    assert waiting[:2] == ["7", "7"]  # waiting, and every deadline (two months after assignment) passed
