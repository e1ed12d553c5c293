"""Statuses only where they mean something, still to receive never below 0, and the exports' times and type."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime

import openpyxl
import pytest

from hemvist.extensions import db
from hemvist.statistics.models import FiguresRun
from tests.county.conftest import received, row_cells, set_quota
from tests.households.conftest import add_household, household


def status_cell(page: str, name: str) -> str:
    """What the reception table's status column says for ``name``, as text."""
    table = page.split('id="reception"', 1)[1].split("</table>", 1)[0]
    row = next(row for row in table.split("<tr") if f'<th scope="row">{name}' in row)
    return re.sub(r"<[^>]+>", "", row.rsplit("<td>", 1)[1]).replace("</td>", "").strip()


@pytest.fixture
def past_years(app, tenant_a, tenant_b):
    """Värnamo: no quota in 2015 but 7 received, a quota of 20 in 2016 with 19 received; Gislaved: no quota in
    2017 and 100 received. Today Värnamo has 12 persons assigned long ago and not received."""
    received(app, tenant_a, "MIG-A2015", 7, date(2015, 5, 4))
    set_quota(app, tenant_a, 2016, 20)
    received(app, tenant_a, "MIG-A2016", 19, date(2016, 6, 1))
    for index in range(5):
        received(app, tenant_b, f"MIG-B2017-{index}", 20, date(2017, 3, 1 + index))
    for index in range(3):
        add_household(app, tenant_a, household(f"MIG-AW{index}", adults=2, children_ages=[1, 2],
                                               assigned_on=date(date.today().year - 1, 1, 5)))  # fmt: skip


def test_a_past_year_without_a_quota_has_no_status_and_says_why(login, past_years):
    karin = login("county_06")
    page = karin.get("/county/06/?year=2015&lang=en").get_data(as_text=True)
    assert status_cell(page, "Värnamo") == "– (no quota for 2015)"
    assert "Behind" not in status_cell(page, "Värnamo")
    page = karin.get("/county/06/?year=2017&lang=en").get_data(as_text=True)
    gislaved = row_cells(page, "reception", "Gislaved")
    assert gislaved[0] == "0" and gislaved[2] == "100"
    assert gislaved[3] == "0"  # received beyond the quota: nothing still to receive, never −100
    assert status_cell(page, "Gislaved") == "– (no quota for 2017)"
    assert "a negative number" not in page
    assert "0 once the quota is reached" in page


def test_a_past_year_is_judged_on_its_own_figures_and_the_page_says_so(login, past_years):
    karin = login("county_06")
    page = karin.get("/county/06/?year=2016&lang=en").get_data(as_text=True)
    # 19 of 20 received in 2016: on track, though 12 persons are overdue today.
    assert row_cells(page, "reception", "Värnamo")[4] == "12"
    assert status_cell(page, "Värnamo") == "On track"
    assert "Status in 2016, a past year: judged on that year's own figures" in page
    assert "Assignments overdue today do not count in it." in page
    this_year = karin.get("/county/06/?lang=en").get_data(as_text=True)
    assert "a past year" not in this_year
    assert status_cell(this_year, "Värnamo") == f"– (no quota for {date.today().year})"
    rows = list(csv.reader(io.StringIO(karin.get("/county/06/figures.csv?year=2015&lang=en").get_data(as_text=True)
                                       .lstrip("\ufeff")), delimiter=";"))  # fmt: skip
    status = rows[0].index("Status")
    assert [row[status] for row in rows[1:]] == ["no quota for 2015", "no quota for 2015", ""]


def test_the_small_numbers_sentence_is_true_of_still_to_receive(login, small_and_large):
    page = login("county_06").get("/county/06/?year=2026&lang=en").get_data(as_text=True)
    assert "and neither does this page" not in page
    assert "a count of persons or households from 1 to 5" in page
    assert "(still to receive) are shown as they are" in page


def test_the_exports_write_the_time_in_swedish_time_as_the_page_does(app, login, small_and_large, tenant_a, tenant_b):
    with app.app_context():
        db.session.get(FiguresRun, tenant_a.id).as_of = datetime(2026, 1, 15, 11, 30, tzinfo=UTC)  # 12:30 CET
        db.session.get(FiguresRun, tenant_b.id).as_of = datetime(2026, 7, 1, 10, 5, tzinfo=UTC)  # 12:05 CEST
        db.session.commit()
    karin = login("county_06")
    page = karin.get("/county/06/?year=2026&lang=sv").get_data(as_text=True)
    assert "2026-01-15 12:30" in page.split('id="as-of"', 1)[1].split("</p>", 1)[0]

    exported = karin.get("/county/06/figures.csv?year=2026&lang=en").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(exported), delimiter=";"))
    assert rows[0][-1] == "Figures as of (Swedish time)"
    assert {row[0]: row[-1] for row in rows[1:]} == {
        "Gislaved": "2026-07-01 12:05",
        "Värnamo": "2026-01-15 12:30",
        "Jönköpings län": "2026-01-15 12:30",  # the oldest: every figure is at least this new
    }
    sheet = openpyxl.load_workbook(io.BytesIO(karin.get("/county/06/figures.xlsx?year=2026&lang=en").data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "Figures as of (Swedish time)"
    assert [row[-1] for row in rows[1:]] == [
        datetime(2026, 7, 1, 12, 5), datetime(2026, 1, 15, 12, 30), datetime(2026, 1, 15, 12, 30)]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("figures.csv", "text/csv; charset=utf-8"),
        ("trends.csv", "text/csv; charset=utf-8"),
        ("figures.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_the_exports_state_their_type_once(login, path, content_type):
    response = login("county_06").get(f"/county/06/{path}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == content_type
    assert response.headers.getlist("Content-Type") == [content_type]
