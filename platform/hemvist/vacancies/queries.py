"""Reads of the vacancies: one vacancy, a landlord's, the register with filters, sorting and pages, the stale.

A vacancy is *stale* when it is offered or reserved and nobody has confirmed it as still free for longer
than ``VACANCY_STALE_DAYS``: the register marks it and the overview counts it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from math import ceil

import sqlalchemy as sa
from flask import abort, current_app

from hemvist.core.paging import Page
from hemvist.extensions import db
from hemvist.landlords.models import Landlord
from hemvist.leases.models import LeaseForm
from hemvist.tenancy.models import Tenant
from hemvist.vacancies.models import Vacancy, VacancyStatus

PER_PAGE = 25
OPEN = (VacancyStatus.OFFERED, VacancyStatus.RESERVED)
# Homes without a date last. ``NULLS LAST`` rather than a leading ``available_from IS NULL`` key: the same
# order, but one that the index on (available_from, id) serves, so the first page reads 25 index entries
# instead of sorting every home (``ix_vacancies_available``, ``ix_vacancies_status_available``).
SORTS = {
    "available": (Vacancy.available_from.asc().nulls_last(), Vacancy.id.asc()),
    "-available": (Vacancy.available_from.desc().nulls_last(), Vacancy.id.desc()),
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


def _live():
    """The vacancy's landlord is not deleted (in the grace period).

    As ``NOT EXISTS`` over the few deleted landlords (``ix_landlords_deleted_at``) rather than a join with
    every live one: a join made PostgreSQL read and hash all landlords for every list and count. The
    foreign key guarantees the landlord exists, so the two are the same rows.
    """
    return ~sa.exists().where(Landlord.id == Vacancy.landlord_id, Landlord.deleted_at.is_not(None))


def _of_live_landlords() -> sa.Select:
    return sa.select(Vacancy).where(_live())


def _landlord_name():
    # Correlated, so PostgreSQL looks the name up for the rows returned only (after the LIMIT).
    return sa.select(Landlord.name).where(Landlord.id == Vacancy.landlord_id).scalar_subquery()


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

    One statement: the page (areas joined, landlords' names looked up per row) with the total as an
    uncorrelated subquery, which PostgreSQL evaluates once. Only a page past the last costs two more.
    """
    cutoff = stale_cutoff(now)
    conditions = [_live()]
    if criteria.status is not None:
        conditions.append(Vacancy.status == criteria.status)
    if criteria.area_id is not None:
        conditions.append(Vacancy.area_id == criteria.area_id)
    if criteria.min_rooms is not None:
        conditions.append(Vacancy.rooms >= criteria.min_rooms)
    if criteria.lease_form is not None:
        conditions.append(Vacancy.lease_form == criteria.lease_form)
    if criteria.stale_only:
        conditions.append(_stale(cutoff))
    order_by = SORTS.get(sort, SORTS[DEFAULT_SORT])
    # Not correlated with the outer query (its own FROM vacancies): PostgreSQL runs it once, as an InitPlan.
    total_of = sa.select(sa.func.count()).select_from(Vacancy).where(*conditions).correlate(None)
    query = sa.select(Vacancy, _landlord_name(), total_of.scalar_subquery()).where(*conditions).order_by(*order_by)
    page = max(1, page)
    rows = db.session.execute(query.limit(per_page).offset((page - 1) * per_page)).all()
    if rows:
        total = rows[0][2]
    elif page == 1:
        total = 0
    else:
        # Past the last page (an old link): show the last one, as ``core.paging.paginate`` does.
        total = db.session.scalar(total_of)
        last = max(1, ceil(total / per_page))
        if page > last:
            page = last
            rows = db.session.execute(query.limit(per_page).offset((page - 1) * per_page)).all()
    items = [RegisterRow(vacancy, name or "", is_stale(vacancy, cutoff)) for vacancy, name, _total in rows]
    return Page(items=items, total=total, page=page, per_page=per_page)


def _with_landlord_names(query: sa.Select, limit: int | None) -> list[tuple[Vacancy, str]]:
    query = query.add_columns(_landlord_name())
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
