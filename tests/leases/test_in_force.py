"""Which leases are in force today: started, not ended, not transferred. A lease written to start later is
listed apart and not counted in the headline figures; the lease's page names its home."""

from __future__ import annotations

from datetime import date

import pytest

from hemvist.core import clock
from hemvist.extensions import db
from hemvist.leases import operations, queries
from hemvist.leases.models import Lease, LeaseForm
from hemvist.leases.operations import LeaseData
from hemvist.offers.models import Offer
from tests.leases.conftest import accepted_offer, user, working_in

TODAY = date(2026, 12, 7)


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def write(app, tenant, ids, form, starts_on, planned=None) -> int:
    with working_in(app, tenant):
        data = LeaseData(form, starts_on, 6500, planned)
        return operations.create_lease(tenant, user("coordinator_a"), db.session.get(Offer, ids.offer), data).id


@pytest.fixture
def leases_today(app, tenant_a, frozen) -> dict[str, int]:
    """A first-hand lease since January; a sublease transferred today (its own lease starts today); a sublease
    still held; a first-hand lease starting next week."""
    first = accepted_offer(app, tenant_a, reference="FIRST", landlord_name="Ett", assigned_on=date(2025, 12, 1))
    moved = accepted_offer(app, tenant_a, reference="MOVED", landlord_name="Två", assigned_on=date(2025, 12, 1))
    held = accepted_offer(app, tenant_a, reference="HELD", landlord_name="Tre", assigned_on=date(2025, 12, 1))
    future = accepted_offer(app, tenant_a, reference="FUTURE", landlord_name="Fyra", assigned_on=date(2026, 10, 1))
    ids = {
        "first": write(app, tenant_a, first, LeaseForm.FIRST_HAND_OPEN_ENDED, date(2026, 1, 10)),
        "moved": write(app, tenant_a, moved, LeaseForm.SUBLEASE, date(2026, 2, 1), date(2026, 12, 1)),
        "held": write(app, tenant_a, held, LeaseForm.SUBLEASE, date(2026, 3, 1), date(2027, 3, 1)),
        "future": write(app, tenant_a, future, LeaseForm.FIRST_HAND_OPEN_ENDED, date(2026, 12, 14)),
    }
    with working_in(app, tenant_a):
        own = operations.mark_transferred(
            tenant_a, user("coordinator_a"), db.session.get(Lease, ids["moved"]), TODAY, LeaseForm.FIRST_HAND_OPEN_ENDED
        )
        ids["own"] = own.id
    return ids


def test_a_lease_starting_later_is_not_in_force_nor_counted(app, tenant_a, leases_today):
    with working_in(app, tenant_a):
        figures = queries.figures(tenant_a, 2026, TODAY)
        listed = queries.list_leases(tenant_a, TODAY)
        in_force = {lease.id for lease in db.session.scalars(db.select(Lease).where(queries.in_force_on(TODAY)))}
    # In force: FIRST (first-hand), MOVED's own lease from today (first-hand), HELD (sublease). Not FUTURE,
    # and not MOVED's sublease, which ended today with the transfer.
    assert in_force == {leases_today["first"], leases_today["own"], leases_today["held"]}
    assert (figures.current, figures.first_hand, figures.starting_later) == (3, 2, 1)
    assert [row.lease.id for row in listed.in_force] == [
        leases_today["own"],
        leases_today["held"],
        leases_today["first"],
    ]
    assert [row.lease.id for row in listed.starting_later] == [leases_today["future"]]
    assert [row.lease.id for row in listed.ended] == [leases_today["moved"]]
    assert len(listed) == 5
    # From its first day on, the lease is in force.
    with working_in(app, tenant_a):
        assert queries.figures(tenant_a, 2026, date(2026, 12, 14)).current == 4


def test_the_pages_list_a_lease_starting_later_apart(login, leases_today):
    client = login("coordinator_a")
    page = client.get("/varnamo/leases/?lang=en").get_data(as_text=True)
    in_force = page[page.index('id="in-force"') : page.index('id="starting-later"')]
    later = page[page.index('id="starting-later"') : page.index('id="ended"')]
    ended = page[page.index('id="ended"') :]
    assert "FUTURE" not in in_force and "FUTURE" in later
    assert all(reference in in_force for reference in ("FIRST", "HELD", "MOVED"))
    assert "MOVED" in ended and "Transferred" in ended
    figures = client.get("/varnamo/leases/figures?year=2026&lang=en").get_data(as_text=True)
    share = figures[figures.index('id="first-hand-share"') : figures.index('id="transfers-done"')]
    assert "67 %" in share and "2 of 3 leases in force" in share
    assert "Not counted: 1 lease starting later" in share


def test_the_lease_page_names_its_home(login, leases_today):
    page = login("coordinator_a").get(f"/varnamo/leases/{leases_today['first']}/?lang=en").get_data(as_text=True)
    home = page[page.index("<dt>Home</dt>") : page.index("</dd>", page.index("<dt>Home</dt>"))]
    assert "Storgatan 3" in home and "3 rooms" in home
    assert "The home in the register" not in page
