"""Helpers for the county page's tests: households that make chosen figures, the page's cells."""

from __future__ import annotations

import re
from datetime import date

import pytest

from hemvist.demo import operations as demo
from hemvist.households.models import ArrivalRoute
from hemvist.tenancy import config_files
from hemvist.tenancy import operations as tenancy
from tests.households.conftest import add_household, household

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


@pytest.fixture
def demo_app(app):
    """The test application with the demo loaded as ``make run`` loads it: tenants/*.toml, then the demo."""
    app.config["DEMO"] = True
    with app.app_context():
        tenancy.sync(config_files.load_all(app.config["TENANTS_DIR"]))
        demo.load()
    return app
