"""Helpers for the county page's tests: households that make chosen figures, the page's cells."""

from __future__ import annotations

import re
from datetime import date

import pytest

from hemvist.demo import operations as demo
from hemvist.extensions import db
from hemvist.households.models import ArrivalRoute
from hemvist.quotas.models import Quota
from hemvist.tenancy import config_files
from hemvist.tenancy import operations as tenancy
from tests.households.conftest import add_household, household
from tests.landlords.conftest import working_in

CELL = re.compile(r'<td class="number">(.*?)</td>', re.S)


def received(app, tenant, reference: str, persons: int, on: date, **fields) -> int:
    """A household of ``persons`` adults assigned a month before ``on`` and received on it."""
    data = household(
        reference,
        adults=min(persons, 20),
        children_ages=[],
        assigned_on=date(on.year, on.month, 1) if on.month == 1 else date(on.year, on.month - 1, 1),
        arrival_route=ArrivalRoute.FROM_ACCOMMODATION,
    )
    return add_household(app, tenant, data, received_on=on, **fields)


def row_cells(page: str, table_id: str, name: str) -> list[str]:
    """The number cells of ``name``'s row in the table ``table_id``, as the page shows them."""
    table = page.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    row = next(row for row in table.split("<tr") if f'<th scope="row">{name}' in row)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in CELL.findall(row)]


def set_quota(app, tenant, year: int, persons: int) -> None:
    with working_in(app, tenant):
        db.session.add(Quota(year=year, persons=persons))
        db.session.commit()


@pytest.fixture
def small_and_large(app, tenant_a, tenant_b):
    """Värnamo received 3 persons in 2026 (a small number), Gislaved 12; quotas 20 and 15."""
    set_quota(app, tenant_a, 2026, 20)
    set_quota(app, tenant_b, 2026, 15)
    received(app, tenant_a, "MIG-A1", 3, date(2026, 2, 10))
    received(app, tenant_b, "MIG-B1", 7, date(2026, 2, 12))
    received(app, tenant_b, "MIG-B2", 5, date(2026, 8, 3))


@pytest.fixture
def demo_app(app):
    """The test application with the demo loaded as ``make run`` loads it: tenants/*.toml, then the demo."""
    app.config["DEMO"] = True
    with app.app_context():
        tenancy.sync(config_files.load_all(app.config["TENANTS_DIR"]))
        demo.load()
    return app
