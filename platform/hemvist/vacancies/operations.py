"""Writes to the vacancies. Each takes the municipality and who acts: a user, or ``None`` for the landlord."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime

from hemvist.auth.models import User
from hemvist.extensions import db
from hemvist.history.models import Action
from hemvist.history.operations import diff, record
from hemvist.landlords.models import Landlord
from hemvist.leases.models import LeaseForm
from hemvist.tenancy.models import Tenant
from hemvist.vacancies.models import OfferedVia, Vacancy, VacancyStatus

log = logging.getLogger("hemvist.vacancies")

# Where a vacancy may go from where it stands. Let and withdrawn are the end: a home offered again is a
# new vacancy, so that the register's history of each one stays readable.
TRANSITIONS = {
    VacancyStatus.OFFERED: (VacancyStatus.RESERVED, VacancyStatus.LET, VacancyStatus.WITHDRAWN),
    VacancyStatus.RESERVED: (VacancyStatus.OFFERED, VacancyStatus.LET, VacancyStatus.WITHDRAWN),
    VacancyStatus.LET: (),
    VacancyStatus.WITHDRAWN: (),
}


class VacancyError(ValueError):
    """A change the register refuses; ``str(error)`` is translated for the person who asked."""


@dataclass
class VacancyData:
    """A home as a form describes it, already validated. The landlords' forms fill the first fields only."""

    rooms: int
    street_address: str = ""
    area_id: int | None = None
    living_area: int | None = None
    rent: int | None = None
    available_from: date | None = None
    notes: str = ""
    floor: int | None = None
    lift: bool = False
    step_free: bool = False
    lease_form: LeaseForm | None = None
    takeover_possible: bool = False
    stop_distance: int | None = None
    weekday_departures: int | None = None
    needs_car: bool = False

    FIELDS = (
        "rooms", "street_address", "area_id", "living_area", "rent", "available_from", "notes", "floor", "lift",
        "step_free", "lease_form", "takeover_possible", "stop_distance", "weekday_departures", "needs_car",
    )  # fmt: skip


def _apply(vacancy: Vacancy, data: VacancyData) -> None:
    for name in VacancyData.FIELDS:
        setattr(vacancy, name, getattr(data, name))
    # Only a sublease can be taken over from the municipality; the forms check it, this keeps the data true.
    if data.lease_form is not LeaseForm.SUBLEASE:
        vacancy.takeover_possible = False


def _snapshot(vacancy: Vacancy) -> dict:
    values = {name: getattr(vacancy, name) for name in VacancyData.FIELDS}
    values["available_from"] = vacancy.available_from.isoformat() if vacancy.available_from else None
    return values


def offer_vacancy(
    tenant: Tenant, user: User | None, landlord: Landlord, data: VacancyData, via: OfferedVia, *, commit: bool = True
) -> Vacancy:
    """Register a home the landlord offers; the caller's transaction is committed unless told otherwise."""
    vacancy = Vacancy(landlord_id=landlord.id, status=VacancyStatus.OFFERED, offered_via=via)
    _apply(vacancy, data)
    db.session.add(vacancy)
    db.session.flush()
    record(
        tenant, user, Action.CREATED, vacancy, {"landlord_id": [None, str(landlord.id)], "rooms": [None, data.rooms]}
    )
    if commit:
        db.session.commit()
        log.info("vacancy %s offered by landlord %s via %s", vacancy.id, landlord.id, via.value)
    return vacancy


def update_vacancy(tenant: Tenant, user: User, vacancy: Vacancy, data: VacancyData) -> Vacancy:
    """Change what is known about the home; its status and when it was confirmed free stay as they are."""
    before = _snapshot(vacancy)
    _apply(vacancy, data)
    changes = diff(before, _snapshot(vacancy))
    if changes:
        record(tenant, user, Action.UPDATED, vacancy, changes)
    db.session.commit()
    return vacancy


def change_status(
    tenant: Tenant, user: User, vacancy: Vacancy, status: VacancyStatus, now: datetime | None = None
) -> Vacancy:
    """Move the vacancy along (``TRANSITIONS``). Reserving it or offering it again is news about the home,
    so it also counts as confirming where it stands."""
    from flask_babel import gettext as _

    if status is vacancy.status:
        return vacancy
    if status not in TRANSITIONS[vacancy.status]:
        raise VacancyError(
            _("A home that is %(now)s cannot become %(then)s.", now=vacancy.status.label, then=status.label)
        )
    record(tenant, user, Action.UPDATED, vacancy, {"status": [vacancy.status.value, status.value]})
    vacancy.status = status
    if status.is_open:
        vacancy.confirmed_at = now or datetime.now(UTC)
    db.session.commit()
    log.info("vacancy %s is now %s", vacancy.id, status.value)
    return vacancy


def confirm_vacancy(tenant: Tenant, user: User, vacancy: Vacancy, now: datetime | None = None) -> Vacancy:
    """Someone checked with the landlord that the home is still free: it is no longer stale."""
    from flask_babel import gettext as _

    if not vacancy.status.is_open:
        raise VacancyError(_("Only a home on offer or reserved can be confirmed as still free."))
    vacancy.confirmed_at = now or datetime.now(UTC)
    record(tenant, user, Action.UPDATED, vacancy, {"confirmed_at": [None, vacancy.confirmed_at.isoformat()]})
    db.session.commit()
    return vacancy


def withdraw_vacancy(tenant: Tenant, user: User | None, vacancy: Vacancy, *, commit: bool = True) -> bool:
    """Take an open home off the list; returns False when it was let or withdrawn already."""
    if not vacancy.status.is_open:
        return False
    record(tenant, user, Action.UPDATED, vacancy, {"status": [vacancy.status.value, VacancyStatus.WITHDRAWN.value]})
    vacancy.status = VacancyStatus.WITHDRAWN
    if commit:
        db.session.commit()
    return True
