"""Counting one municipality's figures from its own rows, in a session bound to its schema.

Households are few (a municipality receives tens to a few hundred a year), so they are read once and
counted here; the dialogue log may hold a hundred thousand interactions, so landlords are counted by the
database, one grouped query per measure.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import sqlalchemy as sa

from hemvist.core.clock import add_months
from hemvist.dialogue.models import Interaction, InteractionKind
from hemvist.extensions import db
from hemvist.households.models import ArrivalRoute, Household
from hemvist.households.moving_on import barriers_of
from hemvist.households.moving_on_report import moves_achieved
from hemvist.landlords.models import Landlord, Stage, StageChange
from hemvist.leases.models import Lease, LeaseForm
from hemvist.quotas.models import Quota
from hemvist.statistics import measures as m
from hemvist.vacancies.models import Vacancy, VacancyStatus

# The tables whose rows the figures are counted from: a change to any of them makes the figures stale.
SOURCE_TABLES = frozenset(
    model.__table__.name for model in (Household, Quota, Landlord, StageChange, Interaction, Vacancy, Lease)
)

Figures = dict[tuple[str, str], int]


def month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def count_figures(today: date) -> Figures:
    """Every figure of the municipality the session is bound to; zeros are left out."""
    figures: Counter[tuple[str, str]] = Counter()
    _count_households(figures, today)
    for year, persons in db.session.execute(sa.select(Quota.year, Quota.persons)):
        figures[(m.QUOTA_PERSONS, str(year))] = persons
    _count_landlords(figures)
    on_offer = _live(sa.select(sa.func.count(Vacancy.id)), Vacancy.landlord_id).where(
        Vacancy.status == VacancyStatus.OFFERED
    )
    figures[(m.VACANCIES_ON_OFFER, m.NOW)] = db.session.scalar(on_offer)
    _count_transfers(figures, today)
    _count_moving_on(figures)
    return {key: value for key, value in figures.items() if value}


def _count_households(figures: Counter, today: date) -> None:
    # Self-settled households are not assigned and do not count against the quota (Settlement Act).
    rows = db.session.execute(
        sa.select(
            Household.assigned_on,
            Household.receive_by,
            Household.received_on,
            Household.adults,
            Household.children_ages,
            Household.lease_form,
            Household.landlord_type,
        ).where(Household.arrival_route != ArrivalRoute.SELF_SETTLED)
    )
    two_months_ago = add_months(today, -2)
    for assigned_on, receive_by, received_on, adults, children_ages, lease_form, landlord_type in rows:
        persons = adults + len(children_ages or [])
        if assigned_on is not None:
            figures[(m.ASSIGNED_PERSONS, month(assigned_on))] += persons
        if received_on is not None:
            period = month(received_on)
            figures[(m.RECEIVED_PERSONS, period)] += persons
            figures[(m.RECEIVED_HOUSEHOLDS, period)] += 1
            figures[(m.LEASE_PREFIX + (lease_form.value if lease_form else m.NOT_STATED), period)] += 1
            figures[(m.LANDLORD_PREFIX + (landlord_type.value if landlord_type else m.NOT_STATED), period)] += 1
            continue
        figures[(m.WAITING_HOUSEHOLDS, m.NOW)] += 1
        figures[(_deadline_bucket(receive_by, today), m.NOW)] += 1
        if assigned_on is not None and assigned_on < two_months_ago:
            figures[(m.OVERDUE_PERSONS, m.NOW)] += persons


def _deadline_bucket(receive_by: date | None, today: date) -> str:
    if receive_by is None:
        return m.WAITING_LATER
    days_left = (receive_by - today).days
    if days_left < 0:
        return m.WAITING_OVERDUE
    if days_left <= 14:
        return m.WAITING_WITHIN_14
    if days_left <= 30:
        return m.WAITING_WITHIN_30
    return m.WAITING_LATER


def _live(query: sa.Select, landlord_column) -> sa.Select:
    # Landlords deleted in their grace period are out of every figure, as they are out of the registry.
    return query.join(Landlord, Landlord.id == landlord_column).where(Landlord.deleted_at.is_(None))


def _count_by_year(figures: Counter, measure: str, day_column, landlord_column, *conditions) -> None:
    year = sa.extract("year", day_column)
    query = (
        _live(sa.select(year, sa.func.count(sa.distinct(landlord_column))), landlord_column)
        .where(*conditions)
        .group_by(year)
    )
    for found_year, landlords in db.session.execute(query):
        figures[(measure, str(int(found_year)))] = landlords


def _count_landlords(figures: Counter) -> None:
    _count_by_year(figures, m.LANDLORDS_CONTACTED, Interaction.occurred_on, Interaction.landlord_id)
    _count_by_year(
        figures,
        m.LANDLORDS_MET,
        Interaction.occurred_on,
        Interaction.landlord_id,
        Interaction.kind == InteractionKind.MEETING,
    )
    _count_by_year(
        figures, m.NEW_PARTNERS, StageChange.changed_on, StageChange.landlord_id, StageChange.to_stage == Stage.PARTNER
    )
    by_stage = db.session.execute(
        sa.select(Landlord.stage, sa.func.count()).where(Landlord.deleted_at.is_(None)).group_by(Landlord.stage)
    )
    for stage, landlords in by_stage:
        figures[(m.LANDLORDS, m.NOW)] += landlords
        if stage is Stage.PARTNER:
            figures[(m.PARTNERS, m.NOW)] += landlords


def _count_transfers(figures: Counter, today: date) -> None:
    """Subleases the municipality held and handed over to the household, and those past their planned day."""
    subleases = db.session.execute(
        sa.select(Lease.transferred_on, Lease.planned_transfer_on).where(Lease.form == LeaseForm.SUBLEASE)
    )
    for transferred_on, planned_transfer_on in subleases:
        if transferred_on is not None:
            figures[(m.TRANSFERS_DONE, month(transferred_on))] += 1
        elif planned_transfer_on is not None and planned_transfer_on < today:
            figures[(m.TRANSFERS_OVERDUE, m.NOW)] += 1


def _count_moving_on(figures: Counter) -> None:
    """Moves achieved, with the barriers the movers had met, and the candidates today with theirs.

    A mover may have met several barriers, so the barrier counts do not add up to the moves.
    """
    for moved_on, barriers in moves_achieved():
        figures[(m.MOVES, month(moved_on))] += 1
        for barrier in barriers:
            figures[(m.MOVE_BARRIER_PREFIX + barrier.value, month(moved_on))] += 1
    for household in db.session.scalars(sa.select(Household).where(Household.moving_on.is_(True))):
        figures[(m.MOVING_ON, m.NOW)] += 1
        for barrier in barriers_of(household):
            figures[(m.MOVING_ON_BARRIER_PREFIX + barrier.value, m.NOW)] += 1
