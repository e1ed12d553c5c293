"""Reads of the households: one household, the list with its filters and pages, a deadline's state."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta
from math import ceil

import sqlalchemy as sa
from flask import abort

from hemvist.core import clock
from hemvist.core.paging import Page
from hemvist.extensions import db
from hemvist.households.models import Household, HouseholdStatus
from hemvist.tenancy.models import Tenant

PER_PAGE = 25
# "Due soon": the deadline falls within this many days.
SOON = timedelta(days=14)


class DeadlineFilter(enum.Enum):
    ALL = ""
    PAST = "past"
    SOON = "soon"


@dataclass(frozen=True)
class HouseholdFilter:
    status: HouseholdStatus | None = None
    deadline: DeadlineFilter = DeadlineFilter.ALL


def get_household_or_404(tenant: Tenant, household_id: int) -> Household:
    household = db.session.get(Household, household_id)
    if household is None:
        abort(404)
    return household


def _pending():
    return Household.received_on.is_(None)


def _filtered(criteria: HouseholdFilter, today: date) -> sa.Select:
    query = sa.select(Household)
    if criteria.status is not None:
        query = query.where(Household.status == criteria.status)
    # A deadline is past or near only for households not yet received: the others met it or missed it.
    if criteria.deadline is DeadlineFilter.PAST:
        query = query.where(_pending(), Household.receive_by < today)
    elif criteria.deadline is DeadlineFilter.SOON:
        query = query.where(_pending(), Household.receive_by >= today, Household.receive_by <= today + SOON)
    return query


# Nearest deadline first: the households still to be received, the most pressing deadline first (past ones
# before near ones), then those without a deadline, then the received ones, the most recent deadline first.
DEADLINE_ORDER = (
    Household.received_on.is_not(None),
    Household.receive_by.is_(None),
    sa.case((Household.received_on.is_(None), Household.receive_by)),
    Household.receive_by.desc(),
    Household.id.desc(),
)


def search_households(
    tenant: Tenant, criteria: HouseholdFilter, *, page: int = 1, per_page: int = PER_PAGE, today: date | None = None
) -> Page[Household]:
    """One page in the nearest-deadline order, and the total, in one statement.

    The order is an expression no index serves, so the households are sorted every time; the sort takes
    only their ids and dates (a narrow subquery that also counts them, ``count(*) OVER ()``), and the page's
    25 full rows are read by id afterwards, instead of sorting every household's full row and counting in a
    second statement. A page past the last shows the last, as ``core.paging.paginate`` does.
    """
    query = _filtered(criteria, today or clock.today())
    page = max(1, page)
    rows = _page_of(query, page, per_page)
    if rows:
        total = rows[0][1]
    elif page == 1:
        total = 0
    else:
        total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
        last = max(1, ceil(total / per_page))
        if page > last:
            page = last
            rows = _page_of(query, page, per_page)
    return Page(items=[household for household, _total in rows], total=total, page=page, per_page=per_page)


def _page_of(query: sa.Select, page: int, per_page: int) -> list:
    keys = (
        query.with_only_columns(Household.id, sa.func.count().over().label("total"))
        .order_by(*DEADLINE_ORDER)
        .limit(per_page)
        .offset((page - 1) * per_page)
        .subquery()
    )
    return db.session.execute(
        sa.select(Household, keys.c.total).join(keys, keys.c.id == Household.id).order_by(*DEADLINE_ORDER)
    ).all()


class DeadlineState(enum.Enum):
    NONE = "none"  # self-settled: no deadline
    RECEIVED = "received"
    RECEIVED_LATE = "received_late"
    LEFT = "left"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Deadline:
    state: DeadlineState
    days: int = 0  # left or overdue (LEFT, OVERDUE) or late (RECEIVED_LATE)


def deadline_of(household: Household, today: date | None = None) -> Deadline:
    if household.receive_by is None:
        return Deadline(DeadlineState.RECEIVED if household.received_on else DeadlineState.NONE)
    if household.received_on is not None:
        late = (household.received_on - household.receive_by).days
        return Deadline(DeadlineState.RECEIVED_LATE, late) if late > 0 else Deadline(DeadlineState.RECEIVED)
    days = (household.receive_by - (today or clock.today())).days
    return Deadline(DeadlineState.LEFT, days) if days >= 0 else Deadline(DeadlineState.OVERDUE, -days)
