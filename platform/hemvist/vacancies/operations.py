"""Writes to the vacancies. Each takes the municipality and who acts: a user, or ``None`` for the landlord."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from hemvist.auth.models import User
from hemvist.extensions import db
from hemvist.history.models import Action
from hemvist.history.operations import record
from hemvist.landlords.models import Landlord
from hemvist.tenancy.models import Tenant
from hemvist.vacancies.models import OfferedVia, Vacancy, VacancyStatus

log = logging.getLogger("hemvist.vacancies")


@dataclass
class VacancyData:
    """A home as a form describes it, already validated."""

    rooms: int
    street_address: str = ""
    area_id: int | None = None
    living_area: int | None = None
    rent: int | None = None
    available_from: date | None = None
    notes: str = ""


def offer_vacancy(
    tenant: Tenant, user: User | None, landlord: Landlord, data: VacancyData, via: OfferedVia, *, commit: bool = True
) -> Vacancy:
    """Register a home the landlord offers; the caller's transaction is committed unless told otherwise."""
    vacancy = Vacancy(
        landlord_id=landlord.id,
        street_address=data.street_address,
        area_id=data.area_id,
        rooms=data.rooms,
        living_area=data.living_area,
        rent=data.rent,
        available_from=data.available_from,
        notes=data.notes,
        status=VacancyStatus.OFFERED,
        offered_via=via,
    )
    db.session.add(vacancy)
    db.session.flush()
    record(
        tenant, user, Action.CREATED, vacancy, {"landlord_id": [None, str(landlord.id)], "rooms": [None, data.rooms]}
    )
    if commit:
        db.session.commit()
        log.info("vacancy %s offered by landlord %s via %s", vacancy.id, landlord.id, via.value)
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
