from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import abort

from hemvist.extensions import db
from hemvist.households.models import ArrivalRoute, Household
from hemvist.quotas.figures import HouseholdRow, QuotaFigures, official_figures
from hemvist.quotas.models import Quota
from hemvist.tenancy.models import Tenant

COUNTING_ROUTES = [route for route in ArrivalRoute if route.counts_against_quota]


def list_quotas(tenant: Tenant) -> list[Quota]:
    """The municipality's quotas, newest year first. ``tenant`` is the one the session is bound to."""
    return list(db.session.scalars(sa.select(Quota).order_by(Quota.year.desc())))


def get_quota_or_404(tenant: Tenant, quota_id: int) -> Quota:
    quota = db.session.get(Quota, quota_id)
    if quota is None:
        abort(404)
    return quota


def year_taken(tenant: Tenant, year: int, except_id: int | None = None) -> bool:
    query = sa.select(Quota.id).where(Quota.year == year)
    if except_id is not None:
        query = query.where(Quota.id != except_id)
    return db.session.scalar(query) is not None


def get_quota_for_year(tenant: Tenant, year: int) -> Quota | None:
    return db.session.scalar(sa.select(Quota).where(Quota.year == year))


def _not_received(today: date):
    return sa.or_(Household.received_on.is_(None), Household.received_on > today)


def figure_rows(tenant: Tenant, year: int, today: date) -> list[HouseholdRow]:
    """The counting households that any of ``year``'s figures may need, in one query.

    Those assigned or received in the year, and those overdue today whatever their year.
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    rows = db.session.execute(
        sa.select(
            Household.assigned_on,
            Household.receive_by,
            Household.received_on,
            Household.adults,
            Household.children_ages,
        ).where(
            Household.arrival_route.in_(COUNTING_ROUTES),
            sa.or_(
                Household.assigned_on.between(start, end),
                Household.received_on.between(start, end),
                sa.and_(Household.assigned_on.is_not(None), Household.receive_by < today, _not_received(today)),
            ),
        )
    )
    return [
        HouseholdRow(
            assigned_on=assigned_on,
            receive_by=receive_by,
            received_on=received_on,
            persons=adults + len(children_ages or []),
        )
        for assigned_on, receive_by, received_on, adults, children_ages in rows
    ]


def quota_figures(tenant: Tenant, year: int, today: date, quota: Quota | None = None) -> QuotaFigures:
    """The official figures of ``year`` as of ``today``; pass ``quota`` when it is already loaded."""
    if quota is None:
        quota = get_quota_for_year(tenant, year)
    persons = None if quota is None else quota.persons
    return official_figures(year, today, persons, figure_rows(tenant, year, today))


def households_before_deadline(tenant: Tenant, today: date, limit: int) -> list[Household]:
    """Counting households not yet received whose deadline is today or later, the nearest first."""
    return list(
        db.session.scalars(
            sa.select(Household)
            .where(
                Household.arrival_route.in_(COUNTING_ROUTES),
                Household.receive_by >= today,
                _not_received(today),
            )
            .order_by(Household.receive_by, Household.id)
            .limit(limit)
        )
    )


def households_past_deadline(tenant: Tenant, today: date, limit: int) -> list[Household]:
    """Counting households not received whose deadline has passed, the longest overdue first."""
    return list(
        db.session.scalars(
            sa.select(Household)
            .where(
                Household.arrival_route.in_(COUNTING_ROUTES),
                Household.assigned_on.is_not(None),
                Household.receive_by < today,
                _not_received(today),
            )
            .order_by(Household.receive_by, Household.id)
            .limit(limit)
        )
    )
