"""Writes to the households. Each takes the municipality and the acting user explicitly.

Households are sensitive personal data: log lines name ids only, never a value typed about a household.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from hemvist.auth.models import User
from hemvist.core import clock
from hemvist.core.clock import add_months
from hemvist.extensions import db
from hemvist.history.models import Action
from hemvist.history.operations import diff, record
from hemvist.households.models import ArrivalRoute, Destination, Household, HouseholdStatus
from hemvist.landlords.models import LandlordType
from hemvist.leases.models import LeaseForm
from hemvist.tenancy.models import Tenant

log = logging.getLogger("hemvist.households")

# The Settlement Act's practice: a household assigned is to be received within two months.
DEADLINE_MONTHS = 2


class HouseholdError(ValueError):
    """A change refused; ``str(error)`` is translated for the person who asked."""


def default_deadline(assigned_on: date, months: int = DEADLINE_MONTHS) -> date:
    """``months`` calendar months after ``assigned_on``, on the month's last day when it is shorter.

    2016-12-31 → 2017-02-28, 2017-03-31 → 2017-05-31, 2019-12-30 → 2020-02-29.
    """
    return add_months(assigned_on, months)


def normalised_reference(text: str) -> str:
    """``mig 2026-0101`` and ``MIG-2026-0101`` are one case: upper case, no spaces."""
    return "".join(text.split()).upper()


@dataclass
class HouseholdData:
    """A household as the form describes it, already validated."""

    reference: str
    arrival_route: ArrivalRoute
    adults: int
    assigned_on: date | None = None
    receive_by: date | None = None  # None: the default deadline
    children_ages: list[int] = field(default_factory=list)
    languages: str = ""
    accessibility_needs: str = ""
    step_free_needed: bool = False
    driving_licence: bool = False
    has_car: bool = False
    affordable_rent: int | None = None
    destinations: list[Destination] = field(default_factory=list)
    coordinator_id: int | None = None
    notes: str = ""

    FIELDS = (
        "reference", "arrival_route", "assigned_on", "receive_by", "adults", "children_ages", "languages",
        "accessibility_needs", "step_free_needed", "driving_licence", "has_car", "affordable_rent",
        "coordinator_id", "notes",
    )  # fmt: skip


def _snapshot(household: Household) -> dict:
    values = {name: getattr(household, name) for name in HouseholdData.FIELDS}
    for name in ("assigned_on", "receive_by"):
        values[name] = _iso(values[name])  # history is stored as JSON
    values["children_ages"] = list(household.children_ages or [])
    values["destinations"] = list(household.destinations or [])
    return values


def _check_reference_free(reference: str, household_id: int | None) -> None:
    from flask_babel import gettext as _

    holder = db.session.scalar(sa.select(Household.id).where(Household.reference == reference))
    if holder is not None and holder != household_id:
        raise HouseholdError(_("Another household already has the reference %(reference)s.", reference=reference))


def _dates(data: HouseholdData, received_on: date | None = None) -> tuple[date | None, date | None]:
    """The assignment date and deadline to store: none for a self-settled household, else the default deadline."""
    from flask_babel import gettext as _

    if data.arrival_route is ArrivalRoute.SELF_SETTLED:
        return None, None
    if data.assigned_on is None:
        raise HouseholdError(_("Enter the date of the assignment."))
    receive_by = data.receive_by or default_deadline(data.assigned_on)
    if receive_by < data.assigned_on:
        raise HouseholdError(_("The deadline cannot be before the assignment."))
    if received_on is not None and received_on < data.assigned_on:
        raise HouseholdError(_("The household cannot be received before it was assigned."))
    return data.assigned_on, receive_by


def _flush_or_refuse(household: Household) -> None:
    """Write now, so that a colleague registering the same reference at this moment is told, not a 500."""
    from flask_babel import gettext as _

    try:
        db.session.flush()
    except sa.exc.IntegrityError:
        reference = household.reference
        db.session.rollback()
        raise HouseholdError(
            _("Another household already has the reference %(reference)s.", reference=reference)
        ) from None


def _apply(household: Household, data: HouseholdData) -> None:
    """Checks come first, so that a refusal leaves the household as it was."""
    assigned_on, receive_by = _dates(data, household.received_on)
    for name in HouseholdData.FIELDS:
        setattr(household, name, getattr(data, name))
    household.assigned_on, household.receive_by = assigned_on, receive_by
    household.children_ages = list(data.children_ages)
    household.destinations = [destination.value for destination in data.destinations]


def create_household(tenant: Tenant, user: User, data: HouseholdData, *, commit: bool = True) -> Household:
    """Register a household; without a deadline given, it is two months after the assignment."""
    _check_reference_free(data.reference, None)
    household = Household(status=HouseholdStatus.WAITING)
    _apply(household, data)
    db.session.add(household)
    _flush_or_refuse(household)
    record(tenant, user, Action.CREATED, household, {"reference": [None, household.reference]})
    if commit:
        db.session.commit()
        log.info("household %s registered by user %s", household.id, user.id)
    return household


def update_household(tenant: Tenant, user: User, household: Household, data: HouseholdData) -> Household:
    _check_reference_free(data.reference, household.id)
    before = _snapshot(household)
    _apply(household, data)
    changes = diff(before, _snapshot(household))
    _flush_or_refuse(household)
    if changes:
        record(tenant, user, Action.UPDATED, household, changes)
    db.session.commit()
    log.info("household %s changed by user %s", household.id, user.id)
    return household


def mark_received(
    tenant: Tenant,
    user: User,
    household: Household,
    received_on: date,
    lease_form: LeaseForm | None = None,
    landlord_type: LandlordType | None = None,
) -> Household:
    """The household has moved into the municipality on ``received_on``; its status stays as it is.

    ``lease_form`` and ``landlord_type`` say how it is housed (None: not stated), for the county board's
    statistics. Marking it received again changes all three; one history entry holds what changed.
    """
    from flask_babel import gettext as _

    if household.assigned_on is not None and received_on < household.assigned_on:
        raise HouseholdError(_("The household cannot be received before it was assigned."))
    if received_on > clock.today():
        raise HouseholdError(_("The date of reception cannot be in the future."))
    before = {
        "received_on": _iso(household.received_on),
        "lease_form": household.lease_form,
        "landlord_type": household.landlord_type,
    }
    changes = diff(
        before, {"received_on": received_on.isoformat(), "lease_form": lease_form, "landlord_type": landlord_type}
    )
    if changes:
        record(tenant, user, Action.UPDATED, household, changes)
        household.received_on = received_on
        household.lease_form, household.landlord_type = lease_form, landlord_type
        db.session.commit()
        log.info("household %s marked received by user %s", household.id, user.id)
    return household


def change_status(tenant: Tenant, user: User, household: Household, status: HouseholdStatus) -> Household:
    """Any move is allowed: a household may go back to waiting when an offer falls through."""
    if household.status is not status:
        changes = {"status": [household.status.value, status.value]}
        # Moving on is for housed households: one that is no longer housed is no candidate either.
        if household.moving_on and status is not HouseholdStatus.HOUSED:
            changes["moving_on"] = [True, False]
            household.moving_on = False
        record(tenant, user, Action.UPDATED, household, changes)
        household.status = status
        db.session.commit()
        log.info("household %s status changed by user %s", household.id, user.id)
    return household


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
