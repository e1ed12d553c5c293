"""For any households and homes, no suggestion breaks a hard rule, the ranking does not depend on the order
the rows come in, and whatever is not suggested says which hard rule fails.

The hard rules are checked here again from the raw attributes, independently of the reasons' own verdicts.
"""

from __future__ import annotations

import random
from datetime import timedelta
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from hemvist.households.models import HouseholdStatus
from hemvist.matching.queries import rank_households, rank_vacancies
from hemvist.vacancies.models import VacancyStatus
from tests.matching.conftest import TODAY, family, home

SETTINGS = settings(max_examples=100, deadline=None)
maybe_day = st.one_of(st.none(), st.integers(-60, 120).map(lambda days: TODAY + timedelta(days=days)))


@st.composite
def households(draw, id: int):
    return family(
        id,
        status=draw(st.sampled_from(list(HouseholdStatus))),
        moving_on=draw(st.booleans()),
        adults=draw(st.integers(1, 6)),
        children_ages=draw(st.lists(st.integers(0, 17), max_size=7)),
        affordable_rent=draw(st.one_of(st.none(), st.integers(1, 20000))),
        step_free_needed=draw(st.booleans()),
        accessibility_needs=draw(st.sampled_from(["", "Rullstol"])),
        driving_licence=draw(st.booleans()),
        has_car=draw(st.booleans()),
        assigned_on=draw(maybe_day),
        receive_by=draw(maybe_day),
        received_on=draw(st.one_of(st.none(), st.just(TODAY - timedelta(days=10)))),
        paused_until=draw(maybe_day),
    )


@st.composite
def homes(draw, id: int):
    return home(
        id,
        status=draw(st.sampled_from(list(VacancyStatus))),
        rooms=draw(st.integers(1, 8)),
        rent=draw(st.one_of(st.none(), st.integers(0, 20000))),
        available_from=draw(maybe_day),
        step_free=draw(st.booleans()),
        needs_car=draw(st.booleans()),
        stop_distance=draw(st.one_of(st.none(), st.integers(0, 5000))),
        weekday_departures=draw(st.one_of(st.none(), st.integers(0, 200))),
    )


def many(strategy, max_size: int):
    return st.integers(0, max_size).flatmap(lambda n: st.tuples(*(strategy(i + 1) for i in range(n))))


def breaks_a_hard_rule(household, vacancy, norm: int) -> list[str]:
    broken = []
    persons = household.adults + len(household.children_ages)
    bedrooms = max(1, vacancy.rooms - 1)
    if persons > bedrooms * norm + (1 if vacancy.rooms >= 2 else 0):
        broken.append("room_norm")
    if None not in (vacancy.rent, household.affordable_rent) and vacancy.rent > household.affordable_rent:
        broken.append("rent")
    if household.step_free_needed and not vacancy.step_free:
        broken.append("step_free")
    if vacancy.needs_car and not (household.driving_licence and household.has_car):
        broken.append("car")
    deadline_applies = household.receive_by and not household.received_on and not household.moving_on
    if deadline_applies and vacancy.available_from and vacancy.available_from > max(household.receive_by, TODAY):
        broken.append("free_in_time")
    looking = household.status in (HouseholdStatus.WAITING, HouseholdStatus.OFFERED) or (
        household.status is HouseholdStatus.HOUSED and household.moving_on
    )
    if not looking:
        broken.append("looking")
    if household.paused_until and household.paused_until > TODAY:
        broken.append("paused")
    if vacancy.status is not VacancyStatus.OFFERED:
        broken.append("on_offer")
    return broken


def check(suggested, rest, households_by_id, homes_by_id, norm):
    for match in suggested:
        household, vacancy = households_by_id[match.household_id], homes_by_id[match.vacancy_id]
        assert breaks_a_hard_rule(household, vacancy, norm) == [], match
    for match in rest:
        household, vacancy = households_by_id[match.household_id], homes_by_id[match.vacancy_id]
        failing = {reason.key for reason in match.failures}
        assert failing, match
        assert failing == set(breaks_a_hard_rule(household, vacancy, norm)), match
    scores = [match.score for match in suggested]
    assert scores == sorted(scores, reverse=True)


@SETTINGS
@given(vacancy=homes(1), pool=many(households, 10), norm=st.integers(1, 4), seed=st.integers(0, 1000))
def test_households_for_a_home(vacancy, pool, norm, seed):
    tenant = SimpleNamespace(persons_per_bedroom=norm)
    suggested, rest = rank_households(tenant, vacancy, pool, TODAY)
    assert len(suggested) + len(rest) == len(pool)
    check(suggested, rest, {h.id: h for h in pool}, {vacancy.id: vacancy}, norm)
    shuffled = list(pool)
    random.Random(seed).shuffle(shuffled)
    assert rank_households(tenant, vacancy, shuffled, TODAY) == (suggested, rest)


@SETTINGS
@given(household=households(1), pool=many(homes, 10), norm=st.integers(1, 4), seed=st.integers(0, 1000))
def test_homes_for_a_household(household, pool, norm, seed):
    tenant = SimpleNamespace(persons_per_bedroom=norm)
    suggested, rest = rank_vacancies(tenant, household, pool, TODAY)
    assert len(suggested) + len(rest) == len(pool)
    check(suggested, rest, {household.id: household}, {v.id: v for v in pool}, norm)
    shuffled = list(pool)
    random.Random(seed).shuffle(shuffled)
    assert rank_vacancies(tenant, household, shuffled, TODAY) == (suggested, rest)
