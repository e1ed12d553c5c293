"""The demo's leases: every form, a transfer next week and one overdue, a sublet near two years; idempotent."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.households.demo import load_demo as load_households
from hemvist.landlords.demo import load_demo as load_landlords
from hemvist.leases import queries
from hemvist.leases.demo import load_demo
from hemvist.leases.models import Lease, LeaseForm
from hemvist.tenancy.binding import bound
from tests.dialogue.conftest import user


def load(app, tenant) -> None:
    with app.app_context():
        users = {"samordnare@varnamo.example": user("coordinator_a")}
        for loader in (load_landlords, load_households, load_demo, load_demo):
            with bound(db.session, tenant.schema):
                loader(tenant, users)
                db.session.commit()


def test_the_demo_has_what_the_coordinator_must_act_on(app, tenant_a):
    load(app, tenant_a)  # the leases' loader runs twice: idempotent
    today = date.today()
    with app.app_context(), bound(db.session, tenant_a.schema):
        leases = list(db.session.scalars(sa.select(Lease)))
        assert len(leases) == 9
        assert {lease.form for lease in leases} >= {
            LeaseForm.FIRST_HAND_OPEN_ENDED,
            LeaseForm.FIRST_HAND_TIME_LIMITED,
            LeaseForm.SUBLEASE,
        }
        found = queries.transfers(tenant_a, today)
        assert [row.lease.planned_transfer_on for row in found.due_soon] == [today + timedelta(days=7)]
        assert len(found.overdue) == 1
        [near] = found.tenure
        assert near.lease.tenure_waived is None
        # Security of tenure may be gained in about 30 days (a day either side at the end of February).
        assert abs((queries.tenure_date(near.lease) - today).days - 30) <= 1
        replaced = [lease for lease in leases if lease.replaces_id]
        assert len(replaced) == 1 and db.session.get(Lease, replaced[0].replaces_id).transferred_on is not None
