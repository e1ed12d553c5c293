"""Reads of the vacancies."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort

from hemvist.extensions import db
from hemvist.landlords.models import Landlord
from hemvist.tenancy.models import Tenant
from hemvist.vacancies.models import Vacancy, VacancyStatus


def vacancies_of(tenant: Tenant, landlord_id: int) -> list[Vacancy]:
    """The landlord's homes, open ones first, then the newest."""
    open_first = sa.case((Vacancy.status.in_([VacancyStatus.OFFERED, VacancyStatus.RESERVED]), 0), else_=1)
    return list(
        db.session.scalars(
            sa.select(Vacancy).where(Vacancy.landlord_id == landlord_id).order_by(open_first, Vacancy.id.desc())
        )
    )


def get_vacancy_of_landlord_or_404(tenant: Tenant, landlord_id: int, vacancy_id: int) -> Vacancy:
    vacancy = db.session.get(Vacancy, vacancy_id)
    if vacancy is None or vacancy.landlord_id != landlord_id:
        abort(404)
    return vacancy


def open_vacancy_count(tenant: Tenant) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Vacancy).where(Vacancy.status == VacancyStatus.OFFERED)
    )


def open_vacancies(tenant: Tenant) -> list[tuple[Vacancy, str]]:
    """Every home on offer or reserved, with its landlord's name, the soonest free first."""
    rows = db.session.execute(
        sa.select(Vacancy, Landlord.name)
        .join(Landlord, Landlord.id == Vacancy.landlord_id)
        .where(Vacancy.status.in_([VacancyStatus.OFFERED, VacancyStatus.RESERVED]), Landlord.deleted_at.is_(None))
        .order_by(Vacancy.available_from.is_(None), Vacancy.available_from, Vacancy.id)
    )
    return [(vacancy, name) for vacancy, name in rows]
