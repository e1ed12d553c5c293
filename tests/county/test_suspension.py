"""A suspended municipality stays on its county's page with the figures it last published.

Were it left out, the county's totals would change on suspension, and the page before less the page after
would give back its figures, the suppressed small numbers among them.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.statistics.models import FiguresRun, MunicipalFigure
from tests.county.conftest import received, set_quota
from tests.households.conftest import add_household, household

YEAR = date.today().year
CELL = re.compile(r'<td class="number">(.*?)</td>', re.S)
TABLES = ("reception", "waiting", "lease-forms", "landlord-types", "outreach", "transfers", "moves", "moving-on")


def published_cells(page: str) -> dict[str, list[str]]:
    """Every number cell of every table of the page, by table, in order (the trends included)."""
    cells = {}
    for table in (*TABLES, "trends"):
        body = page.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
        cells[table] = [re.sub(r"<[^>]+>", "", cell).strip() for cell in CELL.findall(body)]
    return cells


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))


def county_view(karin) -> tuple[dict, list, list]:
    page = karin.get(f"/county/06/?year={YEAR}&lang=en").get_data(as_text=True)
    figures = csv_rows(karin.get(f"/county/06/figures.csv?year={YEAR}&lang=en"))
    trends = csv_rows(karin.get(f"/county/06/trends.csv?year={YEAR}&lang=en"))
    return published_cells(page), figures, trends


def without_column(rows: list[list[str]], heading: str) -> list[list[str]]:
    index = rows[0].index(heading)
    return [row[:index] + row[index + 1 :] for row in rows]


def test_suspension_changes_no_total_and_no_published_cell(app, login, tenant_a, tenant_b):
    # Värnamo: a small number received and a few waiting; Gislaved: more of both.
    set_quota(app, tenant_a, YEAR, 20)
    set_quota(app, tenant_b, YEAR, 15)
    received(app, tenant_a, "MIG-A1", 3, date(YEAR, 2, 10))
    received(app, tenant_b, "MIG-B1", 7, date(YEAR, 2, 12))
    received(app, tenant_b, "MIG-B2", 5, date(YEAR, 8, 3))
    for index in range(2):
        add_household(app, tenant_a, household(f"MIG-AW{index}", assigned_on=date(YEAR, 1, 5)))
    for index in range(7):
        add_household(app, tenant_b, household(f"MIG-BW{index}", assigned_on=date(YEAR, 1, 5)))
    karin, admin = login("county_06"), login("platform_admin")
    page_before, figures_before, trends_before = county_view(karin)
    assert "1–5" in str(page_before["reception"])  # a small number is there to be protected

    confirmation = admin.get("/admin/municipalities/0683/suspend?lang=en").get_data(as_text=True)
    assert "Its county board goes on seeing the figures it last published, marked as suspended" in confirmation
    assert admin.submit("/admin/municipalities/0683/suspend", {}).status_code == 302
    page_after, figures_after, trends_after = county_view(karin)

    assert page_after == page_before
    assert trends_after == trends_before
    # Only the column saying whether it is on the service changes.
    assert without_column(figures_after, "Service status") == without_column(figures_before, "Service status")
    index = figures_after[0].index("Service status")
    assert [row[index] for row in figures_after[1:]] == ["Active", "Suspended", ""]

    # The page says which municipality is suspended and as of when its figures are.
    page = karin.get(f"/county/06/?year={YEAR}&lang=en").get_data(as_text=True)
    assert re.search(r'<th scope="row">Värnamo <span class="suspended-note">\(suspended – figures as of [^<]+\)', page)
    assert "A suspended municipality keeps the figures it last published" in page


def test_a_suspended_municipality_keeps_its_last_figures_until_it_is_resumed(app, login, tenant_a):
    set_quota(app, tenant_a, YEAR, 20)
    admin = login("platform_admin")
    assert admin.submit("/admin/municipalities/0683/suspend", {}).status_code == 302
    with app.app_context():
        before = {(f.measure, f.period): f.value for f in db.session.scalars(sa.select(MunicipalFigure))}
        as_of = db.session.get(FiguresRun, tenant_a.id).as_of

    # A change to its rows (a script, a sync) and the daily job leave them as they were.
    received(app, tenant_a, "MIG-A1", 9, date(YEAR, 2, 10))
    result = app.test_cli_runner().invoke(args=["statistics", "publish", "varnamo"])
    assert result.exit_code == 0 and "varnamo: suspended, its last figures are kept" in result.output
    with app.app_context():
        after = {(f.measure, f.period): f.value for f in db.session.scalars(sa.select(MunicipalFigure))}
        assert after == before and db.session.get(FiguresRun, tenant_a.id).as_of == as_of

    # Resumed, it publishes again.
    assert admin.submit("/admin/municipalities/0683/resume", {}).status_code == 302
    result = app.test_cli_runner().invoke(args=["statistics", "publish", "varnamo"])
    assert "varnamo: published" in result.output
    with app.app_context():
        received_now = db.session.scalar(
            sa.select(sa.func.sum(MunicipalFigure.value)).where(
                MunicipalFigure.municipality_id == tenant_a.id, MunicipalFigure.measure == "received_persons"
            )
        )
    assert received_now == 9
