"""Reads of the vacancies: one vacancy, a landlord's, the register with filters, sorting and pages, the stale.

A vacancy is *stale* when it is offered or reserved and nobody has confirmed it as still free for longer
than ``VACANCY_STALE_DAYS``: the register marks it and the overview counts it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from flask import abort, current_app

from hemvist.core.paging import Page, paginate
from hemvist.extensions import db
from hemvist.landlords.models import Landlord
from hemvist.leases.models import LeaseForm
from hemvist.tenancy.models import Tenant
from hemvist.vacancies.models import Vacancy, VacancyStatus

PER_PAGE = 25
OPEN = (VacancyStatus.OFFERED, VacancyStatus.RESERVED)
_NO_DATE_LAST = Vacancy.available_from.is_(None)
SORTS = {
    "available": (_NO_DATE_LAST, Vacancy.available_from.asc(), Vacancy.id.asc()),
    "-available": (_NO_DATE_LAST, Vacancy.available_from.desc(), Vacancy.id.desc()),
    "rent": (Vacancy.rent.is_(None), Vacancy.rent.asc(), Vacancy.id.asc()),
    "-rent": (Vacancy.rent.is_(None), Vacancy.rent.desc(), Vacancy.id.desc()),
    "rooms": (Vacancy.rooms.asc(), Vacancy.id.asc()),
    "-rooms": (Vacancy.rooms.desc(), Vacancy.id.desc()),
}
DEFAULT_SORT = "available"


def stale_period() -> timedelta:
    return timedelta(days=int(current_app.config["VACANCY_STALE_DAYS"]))


def stale_cutoff(today: date | datetime, period: timedelta | None = None) -> datetime:
    """Vacancies confirmed before this moment are stale. ``today`` is a moment, or a day (counted from its
    start, in UTC)."""
    now = today if isinstance(today, datetime) else datetime.combine(today, time.min, UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now - (period if period is not None else stale_period())


def is_stale(vacancy: Vacancy, cutoff: datetime) -> bool:
    confirmed = vacancy.confirmed_at
    if confirmed is not None and confirmed.tzinfo is None:
        confirmed = confirmed.replace(tzinfo=UTC)  # SQLite hands timezone-aware columns back naive (UTC)
    return vacancy.status.is_open and confirmed is not None and confirmed < cutoff


def _stale(cutoff: datetime):
    return sa.and_(Vacancy.status.in_(OPEN), Vacancy.confirmed_at < cutoff)


def _of_live_landlords() -> sa.Select:
    return sa.select(Vacancy).join(Landlord, Landlord.id == Vacancy.landlord_id).where(Landlord.deleted_at.is_(None))


def get_vacancy_or_404(tenant: Tenant, vacancy_id: int) -> Vacancy:
    """The vacancy, or 404; a deleted landlord's homes are gone with it."""
    vacancy = db.session.scalar(_of_live_landlords().where(Vacancy.id == vacancy_id))
    if vacancy is None:
        abort(404)
    return vacancy


def vacancies_of(tenant: Tenant, landlord_id: int) -> list[Vacancy]:
    """The landlord's homes, open ones first, then the newest."""
    open_first = sa.case((Vacancy.status.in_(OPEN), 0), else_=1)
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


@dataclass(frozen=True)
class VacancyFilter:
    status: VacancyStatus | None = None
    area_id: int | None = None
    min_rooms: int | None = None
    lease_form: LeaseForm | None = None
    stale_only: bool = False


@dataclass(frozen=True)
class RegisterRow:
    vacancy: Vacancy
    landlord_name: str
    stale: bool


def search_vacancies(
    tenant: Tenant,
    criteria: VacancyFilter,
    now: datetime,
    *,
    sort: str = DEFAULT_SORT,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Page[RegisterRow]:
    """The register: one page of vacancies with their landlord's name and whether each is stale.

    Three statements whatever the page's size: the count, the page (areas joined), the landlords' names.
    """
    cutoff = stale_cutoff(now)
    query = _of_live_landlords()
    if criteria.status is not None:
        query = query.where(Vacancy.status == criteria.status)
    if criteria.area_id is not None:
        query = query.where(Vacancy.area_id == criteria.area_id)
    if criteria.min_rooms is not None:
        query = query.where(Vacancy.rooms >= criteria.min_rooms)
    if criteria.lease_form is not None:
        query = query.where(Vacancy.lease_form == criteria.lease_form)
    if criteria.stale_only:
        query = query.where(_stale(cutoff))
    result = paginate(query, SORTS.get(sort, SORTS[DEFAULT_SORT]), page, per_page)
    names = _landlord_names({vacancy.landlord_id for vacancy in result.items})
    rows = [
        RegisterRow(vacancy, names.get(vacancy.landlord_id, ""), is_stale(vacancy, cutoff)) for vacancy in result.items
    ]
    return Page(items=rows, total=result.total, page=result.page, per_page=result.per_page)


def _landlord_names(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(db.session.execute(sa.select(Landlord.id, Landlord.name).where(Landlord.id.in_(ids))).all())


def _with_landlord_names(query: sa.Select, limit: int | None) -> list[tuple[Vacancy, str]]:
    query = query.add_columns(Landlord.name)
    if limit is not None:
        query = query.limit(limit)
    return [(vacancy, name) for vacancy, name in db.session.execute(query)]


def stale_vacancies(tenant: Tenant, today: date | datetime, limit: int | None = None) -> list[tuple[Vacancy, str]]:
    """Open vacancies not confirmed within the stale period, with their landlord's name: the longest
    unconfirmed first. For the overview; ``today`` as for ``stale_cutoff``."""
    query = _of_live_landlords().where(_stale(stale_cutoff(today))).order_by(Vacancy.confirmed_at, Vacancy.id)
    return _with_landlord_names(query, limit)


def stale_count(tenant: Tenant, today: date | datetime) -> int:
    query = _of_live_landlords().where(_stale(stale_cutoff(today)))
    return db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))


def unmatched_vacancies(tenant: Tenant, limit: int | None = None) -> list[tuple[Vacancy, str]]:
    """Homes on offer (not yet reserved for a household), with their landlord's name, the soonest free first."""
    query = _of_live_landlords().where(Vacancy.status == VacancyStatus.OFFERED).order_by(*SORTS["available"])
    return _with_landlord_names(query, limit)


def open_vacancy_count(tenant: Tenant) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Vacancy).where(Vacancy.status == VacancyStatus.OFFERED)
    )


def open_vacancies(tenant: Tenant) -> list[tuple[Vacancy, str]]:
    """Every home on offer or reserved, with its landlord's name, the soonest free first."""
    query = _of_live_landlords().where(Vacancy.status.in_(OPEN)).order_by(*SORTS["available"])
    return _with_landlord_names(query, None)
