"""The worked example of the quota figures: Värnamo's households as of 15 June 2025, written out by hand.

Every figure the tests expect is computed by hand in ``test_figures.py`` from this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
import sqlalchemy as sa

from hemvist.core import clock
from hemvist.extensions import db
from hemvist.households.models import ArrivalRoute, Household
from hemvist.quotas.figures import HouseholdRow
from hemvist.quotas.models import Quota
from hemvist.tenancy.binding import bound

TODAY = date(2025, 6, 15)
QUOTA_2025 = 40

FROM_ACCOMMODATION = ArrivalRoute.FROM_ACCOMMODATION
RESETTLED = ArrivalRoute.RESETTLED
TEMPORARY = ArrivalRoute.TEMPORARY_PROTECTION
SELF_SETTLED = ArrivalRoute.SELF_SETTLED


@dataclass(frozen=True)
class Example:
    reference: str
    route: ArrivalRoute
    assigned_on: date | None
    receive_by: date | None
    received_on: date | None
    adults: int
    children_ages: tuple[int, ...] = ()

    @property
    def persons(self) -> int:
        return self.adults + len(self.children_ages)

    def row(self) -> HouseholdRow:
        return HouseholdRow(
            self.assigned_on, self.receive_by, self.received_on, self.persons, self.route.counts_against_quota
        )


# fmt: off
EXAMPLE = [
    # A: assigned in December 2024, received in January 2025: received in 2025, assigned in 2024. 4 persons.
    Example("MIG-A", RESETTLED, date(2024, 12, 10), date(2025, 2, 10), date(2025, 1, 20), 2, (5, 8)),
    # B: assigned and received in 2025 (March). 1 person.
    Example("MIG-B", FROM_ACCOMMODATION, date(2025, 1, 15), date(2025, 3, 15), date(2025, 3, 1), 1),
    # C: assigned and received in 2025 (March). 5 persons.
    Example("MIG-C", FROM_ACCOMMODATION, date(2025, 2, 1), date(2025, 4, 1), date(2025, 3, 20), 2, (1, 3, 7)),
    # D: self-settled, moved in February 2025: counts in no figure. 3 persons.
    Example("EGET-D", SELF_SETTLED, None, None, date(2025, 2, 10), 3),
    # E: assigned in 2025, deadline 1 May passed, not received: overdue. 3 persons.
    Example("MIG-E", TEMPORARY, date(2025, 3, 1), date(2025, 5, 1), None, 2, (4,)),
    # F: assigned in 2024, deadline 1 December 2024 passed, not received: overdue. 2 persons.
    Example("MIG-F", RESETTLED, date(2024, 10, 1), date(2024, 12, 1), None, 2),
    # G: assigned in May 2025, deadline in July: waiting, not overdue. 2 persons.
    Example("MIG-G", FROM_ACCOMMODATION, date(2025, 5, 20), date(2025, 7, 20), None, 1, (2,)),
    # H: assigned in 2025, received in June after its deadline: received, no longer overdue. 2 persons.
    Example("MIG-H", RESETTLED, date(2025, 4, 1), date(2025, 6, 1), date(2025, 6, 10), 2),
    # J: assigned in 2023, received in January 2024: in none of 2025's figures. 4 persons.
    Example("MIG-J", FROM_ACCOMMODATION, date(2023, 11, 1), date(2024, 1, 1), date(2024, 1, 5), 4),
]
# fmt: on


def add_households(app, tenant, examples) -> dict[str, int]:
    """Store ``examples`` in ``tenant``; their ids by reference."""
    with app.app_context(), bound(db.session, tenant.schema):
        for example in examples:
            db.session.add(
                Household(
                    reference=example.reference,
                    arrival_route=example.route,
                    assigned_on=example.assigned_on,
                    receive_by=example.receive_by,
                    received_on=example.received_on,
                    adults=example.adults,
                    children_ages=list(example.children_ages),
                )
            )
        db.session.commit()
        return dict(db.session.execute(sa.select(Household.reference, Household.id)).all())


def add_quota(app, tenant, year: int, persons: int) -> None:
    with app.app_context(), bound(db.session, tenant.schema):
        db.session.add(Quota(year=year, persons=persons))
        db.session.commit()


@pytest.fixture
def frozen_today(monkeypatch):
    """Every page sees 15 June 2025 as today."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def example(app, tenant_a, frozen_today) -> dict[str, int]:
    """Värnamo holds the example and a quota of 40 for 2025; Gislaved holds nothing."""
    add_quota(app, tenant_a, 2025, QUOTA_2025)
    return add_households(app, tenant_a, EXAMPLE)
