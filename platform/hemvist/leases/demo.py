"""Made-up leases for the demo municipalities' housed households.

Leases of every form this year, one sublease whose transfer is planned next week, one overdue, one
transferred (its first-hand lease points back), and one sublet close to two years (security of tenure, the
waiver not known). Written directly, not from demo offers, so that this loader depends on no other
feature's demo. Idempotent (nothing is added once a municipality has a lease); loaded with the session
bound to the municipality; the caller commits.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from hemvist.auth.models import User
from hemvist.core import clock
from hemvist.core.clock import add_months
from hemvist.extensions import db
from hemvist.history.models import Action
from hemvist.history.operations import record
from hemvist.households.models import Household, HouseholdStatus
from hemvist.landlords.models import Landlord, LandlordType
from hemvist.leases.models import Lease, LeaseForm
from hemvist.tenancy.models import Tenant


def load_demo(tenant: Tenant, users: dict[str, User]) -> None:
    if db.session.scalar(sa.select(sa.func.count()).select_from(Lease)):
        return
    landlords = list(
        db.session.scalars(sa.select(Landlord).where(Landlord.deleted_at.is_(None)).order_by(Landlord.id).limit(6))
    )
    housed = list(
        db.session.scalars(
            sa.select(Household)
            .where(Household.status == HouseholdStatus.HOUSED, Household.received_on.is_not(None))
            .order_by(Household.received_on.desc(), Household.id.desc())
            .limit(9)
        )
    )
    if not landlords or len(housed) < 7:
        return
    actor = next(iter(users.values()), None)
    today = clock.today()

    def lease(household: Household, form: LeaseForm, starts_ago: int, rent: int, **fields) -> Lease:
        landlord = landlords[household.id % len(landlords)]
        written = Lease(
            household_id=household.id,
            landlord_id=landlord.id,
            form=form,
            starts_on=today - timedelta(days=starts_ago),
            rent=rent,
            created_by_id=actor.id if actor else None,
            **fields,
        )
        db.session.add(written)
        db.session.flush()
        record(tenant, actor, Action.CREATED, written, {"form": [None, form.value]})
        household.lease_form = form
        household.landlord_type = LandlordType.MUNICIPALITY if form is LeaseForm.SUBLEASE else landlord.landlord_type
        return written

    def sublease(household: Household, starts_ago: int, planned_in: int, waived: bool | None = None) -> Lease:
        return lease(
            household,
            LeaseForm.SUBLEASE,
            starts_ago,
            6800,
            planned_transfer_on=today + timedelta(days=planned_in),
            tenure_waived=waived,
        )

    first, second, third, fourth, fifth, sixth, seventh, *rest = housed
    lease(first, LeaseForm.FIRST_HAND_OPEN_ENDED, 40, 7200)
    lease(second, LeaseForm.FIRST_HAND_TIME_LIMITED, 70, 6900)
    sublease(third, 180, 7)  # the transfer is planned next week
    sublease(fourth, 200, -10, waived=False)  # overdue
    # Close to two years: security of tenure may be gained in 30 days; whether it was waived is not known.
    near = add_months(today, -24) + timedelta(days=30)
    sublease(fifth, (today - near).days, 90)
    sublease(sixth, 60, 120, waived=True)
    # Transferred three weeks ago: the sublease ended, the household's own lease started.
    held = sublease(seventh, 210, -21)
    held.transferred_on = held.ends_on = today - timedelta(days=21)
    own = lease(seventh, LeaseForm.FIRST_HAND_OPEN_ENDED, 21, 6800, replaces_id=held.id)
    record(tenant, actor, Action.UPDATED, held, {"transferred_on": [None, held.transferred_on.isoformat()]})
    own.vacancy_id = held.vacancy_id
    if rest:
        lease(rest[0], LeaseForm.TRANSITIONAL_HOME, 100, 5200)
