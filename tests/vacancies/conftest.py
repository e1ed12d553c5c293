"""Helpers for the vacancies' tests: a landlord in Värnamo, homes added through the operation, what is stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.history.models import HistoryEntry
from hemvist.leases.models import LeaseForm
from hemvist.vacancies.models import OfferedVia, Vacancy, VacancyStatus
from hemvist.vacancies.operations import VacancyData, offer_vacancy
from tests.landlords.conftest import add_landlord, areas_a, company, user, working_in  # noqa: F401 (fixture)


@pytest.fixture
def landlord_a(app, tenant_a, areas_a) -> int:  # noqa: F811
    """A landlord in Värnamo (with its areas there): its id."""
    return add_landlord(app, tenant_a, company("Ekeskogs Hyresgårdar AB", serial=1))


def add_vacancy(
    app,
    tenant,
    landlord_id: int,
    *,
    status: VacancyStatus = VacancyStatus.OFFERED,
    confirmed_days_ago: int = 0,
    who: str = "coordinator_a",
    **fields,
) -> int:
    """A home registered through the operation, then put in ``status``; its id."""
    from hemvist.landlords.models import Landlord

    values = {"rooms": 2, "street_address": "Nygatan 1", "rent": 6000, "lease_form": LeaseForm.FIRST_HAND_OPEN_ENDED}
    values.update(fields)
    with working_in(app, tenant):
        landlord = db.session.get(Landlord, landlord_id)
        vacancy = offer_vacancy(tenant, user(who), landlord, VacancyData(**values), OfferedVia.STAFF, commit=False)
        vacancy.status = status
        vacancy.confirmed_at = datetime.now(UTC) - timedelta(days=confirmed_days_ago)
        db.session.commit()
        return vacancy.id


def stored_vacancies(app, tenant) -> list[Vacancy]:
    with working_in(app, tenant):
        rows = list(db.session.scalars(sa.select(Vacancy).order_by(Vacancy.id)))
        db.session.expunge_all()
        return rows


def vacancy_history(app, tenant, vacancy_id: int) -> list[HistoryEntry]:
    with working_in(app, tenant):
        rows = list(
            db.session.scalars(
                sa.select(HistoryEntry)
                .where(HistoryEntry.subject_type == "vacancies", HistoryEntry.subject_id == vacancy_id)
                .order_by(HistoryEntry.id)
            )
        )
        db.session.expunge_all()
        return rows


def text(response) -> str:
    return response.get_data(as_text=True)


def vacancy_form(**fields) -> dict:
    """What the staff form posts for a typical home, changed by ``fields`` (None leaves a field out)."""
    data = {
        "street_address": "Storgatan 12",
        "area": "",
        "rooms": "3",
        "living_area": "74",
        "rent": "7 400",
        "available_from": "",
        "floor": "2",
        "lift": "y",
        "lease_form": "sublease",
        "takeover_possible": "y",
        "stop_distance": "250",
        "weekday_departures": "32",
        "notes": "Nyrenoverat kök.",
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}
