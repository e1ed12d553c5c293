"""Helpers for the leases' tests: a household with an accepted offer of a landlord's home, built directly
(without the offers feature's operations), and reading rows back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.households.models import ArrivalRoute, Household, HouseholdStatus
from hemvist.landlords.models import Landlord, LandlordKind, LandlordType, Stage
from hemvist.leases.models import Lease, LeaseForm
from hemvist.offers.models import Offer, OfferStatus
from hemvist.tenancy.binding import bound
from hemvist.vacancies.models import OfferedVia, Vacancy, VacancyStatus
from tests.dialogue.conftest import user, working_in

__all__ = ["Brokered", "accepted_offer", "leases", "working_in", "user", "row"]


@dataclass(frozen=True)
class Brokered:
    offer: int
    household: int
    vacancy: int
    landlord: int


def accepted_offer(
    app,
    tenant,
    *,
    reference: str = "MIG-2025-0001",
    status: OfferStatus = OfferStatus.ACCEPTED,
    lease_form: LeaseForm | None = LeaseForm.SUBLEASE,
    rent: int | None = 6500,
    coordinator: str | None = "coordinator_a",
    assigned_on: date | None = None,
    landlord_type: LandlordType = LandlordType.PRIVATE_COMPANY,
    landlord_name: str = "Ekeskogs Hyresgårdar AB",
) -> Brokered:
    today = date.today()
    with working_in(app, tenant):
        landlord = Landlord(kind=LandlordKind.COMPANY, name=landlord_name, stage=Stage.PARTNER)
        landlord.landlord_type = landlord_type
        household = Household(
            reference=reference,
            arrival_route=ArrivalRoute.FROM_ACCOMMODATION,
            assigned_on=assigned_on or today - timedelta(days=40),
            adults=2,
            status=HouseholdStatus.OFFERED,
            coordinator_id=user(coordinator).id if coordinator else None,
        )
        db.session.add_all([landlord, household])
        db.session.flush()
        vacancy = Vacancy(
            landlord_id=landlord.id,
            street_address="Storgatan 3",
            rooms=3,
            rent=rent,
            lease_form=lease_form,
            available_from=today + timedelta(days=10),
            status=VacancyStatus.RESERVED,
            offered_via=OfferedVia.STAFF,
        )
        db.session.add(vacancy)
        db.session.flush()
        offer = Offer(
            vacancy_id=vacancy.id,
            household_id=household.id,
            status=status,
            offered_on=today - timedelta(days=5),
            reasons=[],
        )
        db.session.add(offer)
        db.session.commit()
        return Brokered(offer.id, household.id, vacancy.id, landlord.id)


def row(app, tenant, model, row_id):
    """One row, detached."""
    with app.app_context(), bound(db.session, tenant.schema):
        found = db.session.get(model, row_id)
        db.session.expunge_all()
        return found


def leases(app, tenant) -> list[Lease]:
    with app.app_context(), bound(db.session, tenant.schema):
        found = list(db.session.scalars(sa.select(Lease).order_by(Lease.id)))
        db.session.expunge_all()
        return found
