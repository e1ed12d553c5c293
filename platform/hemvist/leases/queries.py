"""Reads of the leases: one lease, the list, the transfers to watch, reminders and the headline figures.

Every function takes the municipality explicitly; the session must be bound to it.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from flask import abort

from hemvist.auth.models import Membership, Role, User
from hemvist.core.clock import add_months
from hemvist.extensions import db
from hemvist.households.models import Household
from hemvist.landlords.models import Landlord
from hemvist.leases.models import Lease, LeaseForm
from hemvist.offers.models import Offer, OfferStatus
from hemvist.tenancy.models import Tenant

# The transfers page: "due soon" is a planned transfer within this many days.
DUE_SOON = timedelta(days=30)
# The e-mail reminds of transfers planned within this many days (and of overdue ones).
REMIND_AHEAD = timedelta(days=14)
# A subtenant may gain security of tenure after two years (12 kap. 45 § jordabalken) unless it was waived;
# the unit is warned this long before.
TENURE_MONTHS = 24
TENURE_WARNING = timedelta(days=60)


def get_lease_or_404(tenant: Tenant, lease_id: int) -> Lease:
    lease = db.session.get(Lease, lease_id)
    if lease is None:
        abort(404)
    return lease


@dataclass(frozen=True)
class LeaseRow:
    lease: Lease
    household: Household
    landlord: Landlord


def _rows(query: sa.Select) -> list[LeaseRow]:
    return [LeaseRow(*row) for row in db.session.execute(query).all()]


def _joined() -> sa.Select:
    return (
        sa.select(Lease, Household, Landlord)
        .join(Household, Household.id == Lease.household_id)
        .join(Landlord, Landlord.id == Lease.landlord_id)
    )


def in_force_on(today: date) -> sa.ColumnElement[bool]:
    """A lease in force on ``today``: started, not ended before today, and not yet transferred.

    A transfer ends the sublease on the day the household's own lease starts (``ends_on`` = ``transferred_on``),
    so on that day only the household's own lease is in force: one home, one lease.
    """
    return sa.and_(
        Lease.starts_on <= today,
        sa.or_(Lease.ends_on.is_(None), Lease.ends_on >= today),
        sa.or_(Lease.transferred_on.is_(None), Lease.transferred_on > today),
    )


def is_in_force(lease: Lease, today: date) -> bool:
    """``in_force_on`` for one lease already read."""
    return (
        lease.starts_on <= today
        and (lease.ends_on is None or lease.ends_on >= today)
        and (lease.transferred_on is None or lease.transferred_on > today)
    )


@dataclass
class LeaseList:
    """The leases by where they stand today: in force, starting later, ended (or transferred)."""

    in_force: list[LeaseRow] = field(default_factory=list)  # the latest start first
    starting_later: list[LeaseRow] = field(default_factory=list)  # the soonest start first
    ended: list[LeaseRow] = field(default_factory=list)  # the latest start first

    def __len__(self) -> int:
        return len(self.in_force) + len(self.starting_later) + len(self.ended)


def list_leases(tenant: Tenant, today: date) -> LeaseList:
    """Every lease, by where it stands on ``today``."""
    result = LeaseList()
    for row in _rows(_joined().order_by(Lease.starts_on.desc(), Lease.id.desc())):
        if row.lease.starts_on > today:
            result.starting_later.append(row)
        elif is_in_force(row.lease, today):
            result.in_force.append(row)
        else:
            result.ended.append(row)
    result.starting_later.reverse()
    return result


def leases_of_household(tenant: Tenant, household_id: int) -> list[LeaseRow]:
    return _rows(_joined().where(Lease.household_id == household_id).order_by(Lease.starts_on.desc(), Lease.id.desc()))


def accepted_offers_without_lease(tenant: Tenant, household_id: int | None = None) -> list[Offer]:
    """Accepted offers no lease has been written from yet: the next step of the brokering."""
    query = (
        sa.select(Offer)
        .outerjoin(Lease, Lease.offer_id == Offer.id)
        .where(Offer.status == OfferStatus.ACCEPTED, Lease.id.is_(None))
        .order_by(Offer.id)
    )
    if household_id is not None:
        query = query.where(Offer.household_id == household_id)
    return list(db.session.scalars(query))


def lease_of_offer(tenant: Tenant, offer_id: int) -> Lease | None:
    return db.session.scalar(sa.select(Lease).where(Lease.offer_id == offer_id))


def replacement_of(tenant: Tenant, lease: Lease) -> Lease | None:
    """The household's first-hand lease a transfer of ``lease`` started."""
    return db.session.scalar(sa.select(Lease).where(Lease.replaces_id == lease.id).order_by(Lease.id).limit(1))


def tenure_date(lease: Lease) -> date:
    """The day the subtenant may gain security of tenure: two years after the start."""
    return add_months(lease.starts_on, TENURE_MONTHS)


def is_pending_transfer(lease: Lease) -> bool:
    return lease.form is LeaseForm.SUBLEASE and lease.transferred_on is None and lease.ends_on is None


def needs_tenure_warning(lease: Lease, today: date) -> bool:
    """Held by the municipality, not transferred, no waiver recorded, and within 60 days of two years (or past)."""
    return (
        is_pending_transfer(lease) and lease.tenure_waived is not True and today >= tenure_date(lease) - TENURE_WARNING
    )


def _pending() -> tuple:
    return (Lease.form == LeaseForm.SUBLEASE, Lease.transferred_on.is_(None), Lease.ends_on.is_(None))


@dataclass
class Transfers:
    """The leases the municipality still holds, by how soon their transfer is planned."""

    overdue: list[LeaseRow] = field(default_factory=list)
    due_soon: list[LeaseRow] = field(default_factory=list)
    later: list[LeaseRow] = field(default_factory=list)
    tenure: list[LeaseRow] = field(default_factory=list)  # approaching two years without a waiver

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.later or self.tenure)


def transfers(tenant: Tenant, today: date) -> Transfers:
    rows = _rows(
        _joined()
        .where(*_pending())
        .order_by(Lease.planned_transfer_on.is_(None), Lease.planned_transfer_on, Lease.starts_on, Lease.id)
    )
    result = Transfers()
    for row in rows:
        planned = row.lease.planned_transfer_on
        if planned is not None and planned < today:
            result.overdue.append(row)
        elif planned is not None and planned <= today + DUE_SOON:
            result.due_soon.append(row)
        else:
            result.later.append(row)
        if needs_tenure_warning(row.lease, today):
            result.tenure.append(row)
    result.tenure.sort(key=lambda row: (tenure_date(row.lease), row.lease.id))
    return result


def transfer_counts(tenant: Tenant, today: date) -> tuple[int, int]:
    """(overdue, due within 30 days): the overview's card."""
    planned = Lease.planned_transfer_on
    overdue, soon = db.session.execute(
        sa.select(
            sa.func.count().filter(planned < today),
            sa.func.count().filter(planned >= today, planned <= today + DUE_SOON),
        ).where(*_pending())
    ).one()
    return overdue or 0, soon or 0


@dataclass
class LeaseReminders:
    """What one person is reminded of about leases on one day."""

    overdue: list[LeaseRow] = field(default_factory=list)
    due: list[LeaseRow] = field(default_factory=list)  # planned within 14 days
    tenure: list[LeaseRow] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.overdue or self.due or self.tenure)


def unit_admin_ids(tenant: Tenant) -> list[int]:
    return list(
        db.session.scalars(
            sa.select(User.id)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.municipality_id == tenant.id, Membership.role == Role.UNIT_ADMIN, User.active.is_(True))
            .order_by(User.id)
        )
    )


def reminders_by_user(tenant: Tenant, on: date) -> dict[int, LeaseReminders]:
    """Only what needs doing: transfers overdue or planned within 14 days, subleases reaching the two-year
    warning. Each goes to the household's coordinator; without one, to the unit's administrators."""
    reminders: dict[int, LeaseReminders] = defaultdict(LeaseReminders)
    admins: list[int] | None = None
    for row in _rows(_joined().where(*_pending()).order_by(Lease.planned_transfer_on, Lease.id)):
        planned = row.lease.planned_transfer_on
        kinds = []
        if planned is not None and planned < on:
            kinds.append("overdue")
        elif planned is not None and planned <= on + REMIND_AHEAD:
            kinds.append("due")
        if needs_tenure_warning(row.lease, on):
            kinds.append("tenure")
        if not kinds:
            continue
        if row.household.coordinator_id is not None:
            recipients = [row.household.coordinator_id]
        else:
            admins = unit_admin_ids(tenant) if admins is None else admins
            recipients = admins
        for user_id in recipients:
            for kind in kinds:
                getattr(reminders[user_id], kind).append(row)
    return dict(reminders)


@dataclass(frozen=True)
class Figures:
    year: int
    current: int  # leases in force today (``in_force_on``): started, not ended, not transferred
    first_hand: int  # of those, first-hand
    starting_later: int  # leases written that start after today: not counted in ``current``
    transfers_done: int  # in the year
    transfers_overdue: int  # today
    days_to_lease: float | None  # median, assignment → lease start, leases started in the year
    leases_counted: int
    days_to_transfer: float | None  # median, sublease start → transfer, transfers in the year
    transfers_counted: int

    @property
    def first_hand_share(self) -> float | None:
        return self.first_hand / self.current if self.current else None


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def figures(tenant: Tenant, year: int, today: date) -> Figures:
    first, last = date(year, 1, 1), date(year, 12, 31)
    current_forms = list(db.session.scalars(sa.select(Lease.form).where(in_force_on(today))))
    starting_later = (
        db.session.scalar(sa.select(sa.func.count()).select_from(Lease).where(Lease.starts_on > today)) or 0
    )
    done = list(
        db.session.execute(
            sa.select(Lease.starts_on, Lease.transferred_on).where(Lease.transferred_on.between(first, last))
        ).all()
    )
    overdue, _soon = transfer_counts(tenant, today)
    # The household's first lease from the brokering: not the first-hand lease a transfer made.
    started = db.session.execute(
        sa.select(Household.assigned_on, Lease.starts_on)
        .join(Household, Household.id == Lease.household_id)
        .where(Lease.replaces_id.is_(None), Lease.starts_on.between(first, last), Household.assigned_on.is_not(None))
    ).all()
    to_lease = [(starts_on - assigned_on).days for assigned_on, starts_on in started]
    to_transfer = [(transferred_on - starts_on).days for starts_on, transferred_on in done]
    return Figures(
        year=year,
        current=len(current_forms),
        first_hand=sum(1 for form in current_forms if form.is_first_hand),
        starting_later=starting_later,
        transfers_done=len(done),
        transfers_overdue=overdue,
        days_to_lease=_median(to_lease),
        leases_counted=len(to_lease),
        days_to_transfer=_median(to_transfer),
        transfers_counted=len(to_transfer),
    )
