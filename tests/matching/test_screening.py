"""The rankings that screen the hard rules in SQL give what the Python rules give on the whole pool.

``households_for`` and ``vacancies_for`` count the failing hard rules in the database and build matches only
for the rows read; ``rank_households`` and ``rank_vacancies`` run every rule in Python on every row of the
pool. On generated households and homes, stored in the municipality's schema, the two must agree on every
match: the same households and homes suggested and not, in the same order, with the same reasons and scores.
Generated with a seeded ``random`` (a database per example would make hypothesis too slow here), with every
hard rule failing now and then and the NULLs each column may hold.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta

import pytest

from hemvist.core import clock
from hemvist.extensions import db
from hemvist.households.models import ArrivalRoute, Household, HouseholdStatus
from hemvist.matching import queries
from hemvist.vacancies.models import OfferedVia, Vacancy, VacancyStatus
from tests.landlords.conftest import working_in
from tests.matching.conftest import family
from tests.vacancies.conftest import areas_a, landlord_a  # noqa: F401 (fixture)

HOMES = 130  # more than a window of those not suggested, and of suggestions, for some households
HOUSEHOLDS = 70


def maybe_day(rng: random.Random, today: date) -> date | None:
    return rng.choice([None, today + timedelta(days=rng.randint(-60, 120))])


def generated_homes(rng: random.Random, landlord_id: int, today: date) -> list[Vacancy]:
    statuses = [VacancyStatus.OFFERED] * 6 + list(VacancyStatus)
    return [
        Vacancy(
            landlord_id=landlord_id,
            street_address=f"Provgatan {n}",
            rooms=rng.randint(1, 8),
            rent=rng.choice([None, 0, rng.randrange(3000, 15000, 500)]),
            available_from=maybe_day(rng, today),
            step_free=rng.random() < 0.4,
            needs_car=rng.random() < 0.3,
            stop_distance=rng.choice([None, rng.randint(0, 4000)]),
            weekday_departures=rng.choice([None, rng.randint(0, 150)]),
            status=rng.choice(statuses),
            offered_via=OfferedVia.STAFF,
        )
        for n in range(HOMES)
    ]


def generated_households(rng: random.Random, today: date) -> list[Household]:
    people = []
    for n in range(HOUSEHOLDS):
        assigned = rng.choice([None, today - timedelta(days=rng.randint(0, 300))])
        receive_by = maybe_day(rng, today)
        if assigned is not None and receive_by is not None and receive_by < assigned:
            receive_by = assigned  # the table's check: never received before assigned
        people.append(
            Household(
                reference=f"PROV-{n:03d}",
                arrival_route=ArrivalRoute.FROM_ACCOMMODATION,
                assigned_on=assigned,
                receive_by=receive_by,
                received_on=rng.choice([None, None, today - timedelta(days=10)]),
                adults=rng.randint(1, 4),
                # JSON null now and then: the rules count it as no children, and so must SQL.
                children_ages=rng.choice([None, [rng.randint(0, 17) for _ in range(rng.randint(0, 6))]]),
                accessibility_needs=rng.choice(["", "Rullstol"]),
                step_free_needed=rng.random() < 0.3,
                driving_licence=rng.random() < 0.5,
                has_car=rng.random() < 0.5,
                affordable_rent=rng.choice([None, rng.randrange(3000, 15000, 500)]),
                status=rng.choice(list(HouseholdStatus)),
                moving_on=rng.random() < 0.3,
                paused_until=maybe_day(rng, today),
            )
        )
    return people


@pytest.fixture
def generated(app, tenant_a, landlord_a, request):  # noqa: F811
    rng = random.Random(request.param)
    today = clock.today()
    with working_in(app, tenant_a):
        db.session.add_all(generated_homes(rng, landlord_a, today) + generated_households(rng, today))
        db.session.commit()
    return rng


@pytest.mark.parametrize("generated", [1, 2], indirect=True)
@pytest.mark.parametrize("norm", [1, 2, 3])
def test_sql_screening_ranks_as_the_python_rules_do(app, tenant_a, generated, norm):
    tenant = dataclasses.replace(tenant_a, persons_per_bedroom=norm)
    today = clock.today()
    with working_in(app, tenant_a):
        households = db.session.scalars(db.select(Household).order_by(Household.id)).all()
        vacancies = db.session.scalars(db.select(Vacancy).order_by(Vacancy.id)).all()
        vacancy_pool, household_pool = queries.vacancy_pool(tenant), queries.household_pool(tenant)
        # Every household, in the pool or not (then the SQL has no row that passes), against the homes.
        for household in households:
            suggested, rest = queries.vacancies_for(tenant, household, today)
            expected = queries.rank_vacancies(tenant, household, vacancy_pool, today)
            assert (list(suggested), list(rest)) == expected, household.reference
        # Every home, on offer or not, against the households.
        for vacancy in vacancies:
            suggested, rest = queries.households_for(tenant, vacancy, today)
            expected = queries.rank_households(tenant, vacancy, household_pool, today)
            assert (list(suggested), list(rest)) == expected, vacancy.street_address
    assert any(queries.rank_vacancies(tenant, h, vacancy_pool, today)[0] for h in household_pool)


@pytest.mark.parametrize("generated", [3], indirect=True)
def test_a_ranking_builds_matches_where_they_are_read_and_pages_through_the_rest(app, tenant_a, generated):
    today = clock.today()
    with working_in(app, tenant_a):
        household = db.session.scalars(
            db.select(Household).where(Household.status == HouseholdStatus.WAITING).order_by(Household.id)
        ).first()
        suggested, rest = queries.vacancies_for(tenant_a, household, today)
        expected_suggested, expected_rest = queries.rank_vacancies(
            tenant_a, household, queries.vacancy_pool(tenant_a), today
        )
        assert len(suggested) == len(expected_suggested) and len(rest) == len(expected_rest)
        # Any window, in any order, and single positions from either end.
        assert rest[60:75] == expected_rest[60:75] and rest[:10] == expected_rest[:10]
        assert rest[-1] == expected_rest[-1] and suggested[-1:] == expected_suggested[-1:]
        assert suggested == expected_suggested and rest == expected_rest
        assert set(rest.rows) == {match.vacancy_id for match in expected_rest}
        with pytest.raises(IndexError):
            rest[len(rest)]


@pytest.mark.parametrize("generated", [4], indirect=True)
def test_a_ranking_is_never_read_in_another_municipalitys_session(app, tenant_a, tenant_b, generated):
    # One person with a car and no deadline: most homes on offer suit them, read only when asked for.
    anyone = family(adults=1, children_ages=[], affordable_rent=None, receive_by=None, driving_licence=True,
                    has_car=True)  # fmt: skip
    with working_in(app, tenant_a):
        suggested, rest = queries.vacancies_for(tenant_a, anyone, clock.today())
    assert len(suggested) > 0
    with working_in(app, tenant_b), pytest.raises(RuntimeError):
        suggested[0]
