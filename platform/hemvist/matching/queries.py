"""Reads for matching: the households a home could go to, the homes a household could get, ranked.

Only the columns the rules read (and the few a page shows) are loaded, with Core selects, and the rules run
on those light rows: one household against thousands of homes stays a matter of milliseconds.

The pools:

- homes: on offer (``VacancyStatus.OFFERED``), of a landlord not deleted;
- households: waiting or offered a home, or housed and moving on. Those paused from offers are in the pool
  and fail the ``paused`` rule, so that a page can say why they are not suggested.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.households.models import Household, HouseholdStatus
from hemvist.landlords.models import Landlord
from hemvist.matching.rules import Match, rank_homes_for, rank_households_for
from hemvist.tenancy.models import Tenant
from hemvist.vacancies.models import Vacancy, VacancyStatus

log = logging.getLogger("hemvist.matching")

_households = Household.__table__.c
_vacancies = Vacancy.__table__.c
_landlords = Landlord.__table__.c

# What the rules read of a household, and its reference for the pages.
HOUSEHOLD_COLUMNS = (
    _households.id,
    _households.reference,
    _households.status,
    _households.moving_on,
    _households.adults,
    _households.children_ages,
    _households.affordable_rent,
    _households.step_free_needed,
    # Whether other needs are described, not the description: it is not needed here.
    (_households.accessibility_needs != "").label("accessibility_needs"),
    _households.driving_licence,
    _households.has_car,
    _households.assigned_on,
    _households.receive_by,
    _households.received_on,
    _households.paused_until,
)
# What the rules read of a home, and what a page shows of it.
VACANCY_COLUMNS = (
    _vacancies.id,
    _vacancies.status,
    _vacancies.street_address,
    _vacancies.rooms,
    _vacancies.rent,
    _vacancies.available_from,
    _vacancies.step_free,
    _vacancies.needs_car,
    _vacancies.stop_distance,
    _vacancies.weekday_departures,
)


def household_pool_query() -> sa.Select:
    looking = sa.or_(
        _households.status.in_((HouseholdStatus.WAITING, HouseholdStatus.OFFERED)),
        sa.and_(_households.status == HouseholdStatus.HOUSED, _households.moving_on.is_(True)),
    )
    return sa.select(*HOUSEHOLD_COLUMNS).where(looking)


def vacancy_pool_query() -> sa.Select:
    deleted_landlord = sa.exists().where(_landlords.id == _vacancies.landlord_id, _landlords.deleted_at.is_not(None))
    return sa.select(*VACANCY_COLUMNS).where(_vacancies.status == VacancyStatus.OFFERED, ~deleted_landlord)


def household_pool(tenant: Tenant) -> list:
    """The households a home could go to, as light rows (attribute access, like the model's)."""
    return db.session.execute(household_pool_query()).all()


def vacancy_pool(tenant: Tenant) -> list:
    """The homes on offer, as light rows."""
    return db.session.execute(vacancy_pool_query()).all()


def household_row(tenant: Tenant, reference: str):
    """The light row of the household with this reference (in any state), or None."""
    return db.session.execute(sa.select(*HOUSEHOLD_COLUMNS).where(_households.reference == reference)).first()


def rank_households(tenant: Tenant, vacancy, households: Iterable, today: date) -> tuple[list[Match], list[Match]]:
    return rank_households_for(vacancy, households, today, tenant.persons_per_bedroom)


def rank_vacancies(tenant: Tenant, household, vacancies: Iterable, today: date) -> tuple[list[Match], list[Match]]:
    return rank_homes_for(household, vacancies, today, tenant.persons_per_bedroom)


def households_for(tenant: Tenant, vacancy, today: date) -> tuple[list[Match], list[Match]]:
    """The households for a home: (suggested, best first; not suggested, fewest failing rules first)."""
    suggested, rest = rank_households(tenant, vacancy, household_pool(tenant), today)
    log.debug("vacancy %s: %s households suggested, %s not", vacancy.id, len(suggested), len(rest))
    return suggested, rest


def vacancies_for(tenant: Tenant, household, today: date) -> tuple[list[Match], list[Match]]:
    """The homes for a household: (suggested, best first; not suggested, fewest failing rules first)."""
    suggested, rest = rank_vacancies(tenant, household, vacancy_pool(tenant), today)
    log.debug("household %s: %s homes suggested, %s not", household.id, len(suggested), len(rest))
    return suggested, rest
