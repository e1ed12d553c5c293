"""Writes to the leases. Each takes the municipality and the acting user explicitly and commits once.

Households are sensitive personal data: log lines name ids only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from hemvist.auth.models import User
from hemvist.core import clock
from hemvist.extensions import db
from hemvist.history.models import Action
from hemvist.history.operations import record
from hemvist.households.models import Household, HouseholdStatus
from hemvist.landlords.models import Landlord, LandlordType
from hemvist.leases.models import Lease, LeaseForm
from hemvist.offers.models import Offer, OfferStatus
from hemvist.tenancy.models import Tenant
from hemvist.vacancies.models import Vacancy, VacancyStatus

log = logging.getLogger("hemvist.leases")

NOTE_LENGTH = 500


class LeaseError(ValueError):
    """A change refused; ``str(error)`` is translated for the person who asked."""


@dataclass
class LeaseData:
    """A lease as the form describes it, already validated."""

    form: LeaseForm
    starts_on: date
    rent: int | None = None
    planned_transfer_on: date | None = None  # a sublease only
    tenure_waived: bool | None = None  # a sublease only; None: not known


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _check(data: LeaseData) -> None:
    from flask_babel import gettext as _

    if data.form is LeaseForm.SUBLEASE:
        if data.planned_transfer_on is None:
            raise LeaseError(_("Enter the date the household is to take the lease over."))
        if data.planned_transfer_on <= data.starts_on:
            raise LeaseError(_("The transfer must be planned after the start of the lease."))
    if data.rent is not None and data.rent < 0:
        raise LeaseError(_("Enter an amount of 0 kronor or more."))


def _landlord_type(form: LeaseForm, landlord: Landlord) -> LandlordType:
    """Who the county board counts as the household's landlord: the municipality while it holds the lease."""
    return LandlordType.MUNICIPALITY if form is LeaseForm.SUBLEASE else landlord.landlord_type


def _house(tenant: Tenant, user: User, household: Household, form: LeaseForm, landlord: Landlord) -> None:
    before = (household.status, household.lease_form, household.landlord_type)
    after = (HouseholdStatus.HOUSED, form, _landlord_type(form, landlord))
    changes = {
        name: [old.value if old else None, new.value]
        for name, old, new in zip(("status", "lease_form", "landlord_type"), before, after, strict=True)
        if old is not new
    }
    if changes:
        household.status, household.lease_form, household.landlord_type = after
        record(tenant, user, Action.UPDATED, household, changes)


def create_lease(tenant: Tenant, user: User, offer: Offer, data: LeaseData) -> Lease:
    """The lease of an accepted offer, in one transaction: the home is let, the household housed."""
    from flask_babel import gettext as _

    if offer.status is not OfferStatus.ACCEPTED:
        raise LeaseError(_("A lease can only be written from an accepted offer."))
    if db.session.scalar(sa.select(Lease.id).where(Lease.offer_id == offer.id)) is not None:
        raise LeaseError(_("A lease has already been written from this offer."))
    _check(data)
    vacancy = db.session.get(Vacancy, offer.vacancy_id)
    household = db.session.get(Household, offer.household_id)
    landlord = db.session.get(Landlord, vacancy.landlord_id)
    sublease = data.form is LeaseForm.SUBLEASE
    lease = Lease(
        household_id=household.id,
        vacancy_id=vacancy.id,
        landlord_id=landlord.id,
        offer_id=offer.id,
        form=data.form,
        starts_on=data.starts_on,
        rent=data.rent,
        planned_transfer_on=data.planned_transfer_on if sublease else None,
        tenure_waived=data.tenure_waived if sublease else None,
        created_by_id=user.id,
    )
    db.session.add(lease)
    try:
        db.session.flush()  # a colleague's lease of the same offer, written at this moment, is refused here
    except sa.exc.IntegrityError:
        db.session.rollback()
        raise LeaseError(_("A lease has already been written from this offer.")) from None
    record(
        tenant,
        user,
        Action.CREATED,
        lease,
        {
            "form": [None, lease.form.value],
            "starts_on": [None, _iso(lease.starts_on)],
            "rent": [None, lease.rent],
            "planned_transfer_on": [None, _iso(lease.planned_transfer_on)],
            "tenure_waived": [None, lease.tenure_waived],
            "offer_id": [None, offer.id],
        },
    )
    if vacancy.status is not VacancyStatus.LET:
        record(tenant, user, Action.UPDATED, vacancy, {"status": [vacancy.status.value, VacancyStatus.LET.value]})
        vacancy.status = VacancyStatus.LET
    _house(tenant, user, household, lease.form, landlord)
    db.session.commit()
    log.info("lease %s written from offer %s by user %s", lease.id, offer.id, user.id)
    return lease


def mark_transferred(
    tenant: Tenant,
    user: User,
    lease: Lease,
    transferred_on: date,
    form: LeaseForm,
    rent: int | None = None,
) -> Lease:
    """The household took the lease over: the sublease ends, its own first-hand lease starts; both kept."""
    from flask_babel import gettext as _

    if lease.form is not LeaseForm.SUBLEASE:
        raise LeaseError(_("Only a sublease held by the municipality can be transferred."))
    if lease.transferred_on is not None or lease.ends_on is not None:
        raise LeaseError(_("This lease has already been transferred or has ended."))
    if not form.is_first_hand:
        raise LeaseError(_("The household's own lease is a first-hand lease."))
    if transferred_on < lease.starts_on:
        raise LeaseError(_("The transfer cannot be before the start of the sublease."))
    if transferred_on > clock.today():
        raise LeaseError(_("The date of the transfer cannot be in the future."))
    # Only one of two transfers sent at the same moment ends the sublease; the other is told.
    ended = db.session.execute(
        sa.update(Lease)
        .where(Lease.id == lease.id, Lease.transferred_on.is_(None), Lease.ends_on.is_(None))
        .values(transferred_on=transferred_on, ends_on=transferred_on)
        .execution_options(synchronize_session=False)
    )
    if ended.rowcount != 1:
        db.session.rollback()
        raise LeaseError(_("This lease has already been transferred or has ended."))
    db.session.refresh(lease)
    own = Lease(
        household_id=lease.household_id,
        vacancy_id=lease.vacancy_id,
        landlord_id=lease.landlord_id,
        form=form,
        starts_on=transferred_on,
        rent=lease.rent if rent is None else rent,
        replaces_id=lease.id,
        created_by_id=user.id,
    )
    db.session.add(own)
    db.session.flush()
    record(
        tenant,
        user,
        Action.UPDATED,
        lease,
        {"transferred_on": [None, _iso(transferred_on)], "ends_on": [None, _iso(transferred_on)]},
    )
    record(
        tenant,
        user,
        Action.CREATED,
        own,
        {
            "form": [None, form.value],
            "starts_on": [None, _iso(transferred_on)],
            "rent": [None, own.rent],
            "replaces_id": [None, lease.id],
        },
    )
    household = db.session.get(Household, lease.household_id)
    _house(tenant, user, household, form, db.session.get(Landlord, lease.landlord_id))
    db.session.commit()
    log.info("lease %s transferred by user %s: lease %s", lease.id, user.id, own.id)
    return own


def change_planned_transfer(tenant: Tenant, user: User, lease: Lease, planned_on: date, reason: str) -> Lease:
    """Move the planned transfer; the reason is kept in the history."""
    from flask_babel import gettext as _

    if not (lease.form is LeaseForm.SUBLEASE and lease.transferred_on is None and lease.ends_on is None):
        raise LeaseError(_("Only a sublease not yet transferred has a planned transfer."))
    if planned_on <= lease.starts_on:
        raise LeaseError(_("The transfer must be planned after the start of the lease."))
    reason = reason.strip()[:NOTE_LENGTH]
    if not reason:
        raise LeaseError(_("Say why the transfer is moved."))
    if planned_on != lease.planned_transfer_on:
        record(
            tenant,
            user,
            Action.UPDATED,
            lease,
            {"planned_transfer_on": [_iso(lease.planned_transfer_on), _iso(planned_on)], "reason": [None, reason]},
        )
        lease.planned_transfer_on = planned_on
        db.session.commit()
    return lease


def record_tenure_waiver(tenant: Tenant, user: User, lease: Lease, waived: bool | None) -> Lease:
    """Whether the subtenant waived security of tenure (None: not known)."""
    from flask_babel import gettext as _

    if lease.form is not LeaseForm.SUBLEASE:
        raise LeaseError(_("Only a sublease has a waiver of security of tenure."))
    if waived is not lease.tenure_waived:
        record(tenant, user, Action.UPDATED, lease, {"tenure_waived": [lease.tenure_waived, waived]})
        lease.tenure_waived = waived
        db.session.commit()
    return lease
