"""Helpers for the households' tests: a household's data, the form's fields, stored households."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.households.models import ArrivalRoute, Household
from hemvist.households.operations import HouseholdData, create_household
from tests.landlords.conftest import user, working_in


def household(reference: str = "MIG-2026-0001", **fields) -> HouseholdData:
    values = {
        "reference": reference,
        "arrival_route": ArrivalRoute.FROM_ACCOMMODATION,
        "assigned_on": date(2026, 10, 1),
        "adults": 2,
        "children_ages": [3, 7],
    }
    values.update(fields)
    return HouseholdData(**values)


def add_household(app, tenant, data: HouseholdData | None = None, who: str = "coordinator_a", **fields) -> int:
    """Register a household through the operation (not the form), then set ``fields``; its id."""
    with working_in(app, tenant):
        stored = create_household(tenant, user(who), data or household())
        for name, value in fields.items():
            setattr(stored, name, value)
        db.session.commit()
        return stored.id


def stored_households(app, tenant) -> list[Household]:
    with working_in(app, tenant):
        households = list(db.session.scalars(sa.select(Household).order_by(Household.id)))
        db.session.expunge_all()
        return households


def form_data(**fields) -> dict:
    """What the household form posts: a family of four assigned from accommodation, changed by ``fields``."""
    data = {
        "reference": "MIG-2026-0001",
        "arrival_route": "from_accommodation",
        "assigned_on": "2026-10-01",
        "receive_by": "",
        "adults": "2",
        "children_ages": "3, 7",
        "languages": "arabiska",
        "accessibility_needs": "",
        "affordable_rent": "7 500",
        "destinations": ["school", "language_school"],
        "coordinator_id": "",
        "notes": "",
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}
