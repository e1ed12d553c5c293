"""The matching pages both ways, the pools they draw from, the lookup by reference, other municipalities."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from hemvist.core import clock
from hemvist.extensions import db
from hemvist.households.models import Household, HouseholdStatus
from hemvist.landlords.models import Landlord
from hemvist.matching.queries import households_for, vacancies_for
from hemvist.vacancies.models import Vacancy, VacancyStatus
from tests.households.conftest import add_household, household
from tests.landlords.conftest import (
    areas_a,  # noqa: F401 (fixture)
    working_in,
)
from tests.vacancies.conftest import add_vacancy, landlord_a  # noqa: F401 (fixture)

TODAY = date.today()


@pytest.fixture
def world(app, tenant_a, landlord_a):  # noqa: F811
    """Värnamo: a 3-room home near a stop, a 1-room home; households that fit, that are too many, that are
    paused, that are housed, and one moving on."""
    ids = {
        "home": add_vacancy(app, tenant_a, landlord_a, rooms=3, rent=7000, street_address="Ågatan 3",
                            stop_distance=400, weekday_departures=14),
        "small": add_vacancy(app, tenant_a, landlord_a, rooms=1, rent=4000, street_address="Lillgatan 1"),
        "let": add_vacancy(app, tenant_a, landlord_a, rooms=3, status=VacancyStatus.LET, street_address="Uthyrd 9"),
    }  # fmt: skip
    soon = TODAY + timedelta(days=5)
    later = TODAY + timedelta(days=50)
    ids["urgent"] = add_household(
        app, tenant_a, household("URGENT", adults=2, children_ages=[1, 2, 3], affordable_rent=8000), receive_by=soon
    )
    ids["later"] = add_household(
        app, tenant_a, household("LATER", adults=2, children_ages=[], affordable_rent=9000), receive_by=later
    )
    ids["poor"] = add_household(
        app, tenant_a, household("POOR", adults=1, children_ages=[], affordable_rent=5000), receive_by=later
    )
    ids["big"] = add_household(
        app, tenant_a, household("BIG", adults=2, children_ages=[1, 2, 3, 4, 5]), receive_by=later
    )
    ids["paused"] = add_household(
        app,
        tenant_a,
        household("PAUSED", adults=1, children_ages=[]),
        receive_by=later,
        paused_until=TODAY + timedelta(days=3),
    )
    ids["housed"] = add_household(
        app,
        tenant_a,
        household("HOUSED", adults=1, children_ages=[]),
        status=HouseholdStatus.HOUSED,
        received_on=TODAY - timedelta(days=30),
    )
    ids["moving"] = add_household(
        app,
        tenant_a,
        household("MOVING", adults=2, children_ages=[], affordable_rent=7500),
        status=HouseholdStatus.HOUSED,
        moving_on=True,
        received_on=TODAY - timedelta(days=300),
    )
    return ids  # fmt: skip


def text(response) -> str:
    return response.get_data(as_text=True)


def references(matches, app, tenant) -> list[str]:
    with working_in(app, tenant):
        return [db.session.get(Household, m.household_id).reference for m in matches]


def test_households_for_a_home_ranks_the_pool_and_keeps_the_others_apart(app, tenant_a, world):
    with working_in(app, tenant_a):
        vacancy = db.session.get(Vacancy, world["home"])
        suggested, rest = households_for(tenant_a, vacancy, clock.today())
    assert references(suggested, app, tenant_a) == ["URGENT", "LATER", "MOVING"]
    assert references(rest, app, tenant_a) == ["POOR", "BIG", "PAUSED"]  # fewest failures first, then by id
    assert {r.key for r in rest[0].failures} == {"rent"}


def test_homes_for_a_household_leave_out_homes_not_on_offer_and_of_deleted_landlords(app, tenant_a, world, landlord_a):  # noqa: F811
    with working_in(app, tenant_a):
        found = db.session.get(Household, world["later"])
        suggested, rest = vacancies_for(tenant_a, found, clock.today())
        # Two persons: the one-room home fits them snugly and ranks first; the let home is not in the pool.
        assert [m.vacancy_id for m in suggested] == [world["small"], world["home"]] and rest == []
        db.session.get(Landlord, landlord_a).deleted_at = datetime.now(UTC)
        db.session.commit()
        assert vacancies_for(tenant_a, db.session.get(Household, world["later"]), clock.today()) == ([], [])


def test_a_homes_page_ranks_households_and_says_why_the_others_are_not_suggested(login, world):
    page = text(login("read_only_a").get(f"/varnamo/matching/vacancies/{world['home']}/?lang=en"))
    suggested = page[page.index('id="suggested"') : page.index('id="why-not"')]
    why_not = page[page.index('id="why-not"') :]
    assert suggested.index("URGENT") < suggested.index("LATER") < suggested.index("MOVING")
    assert "3 rooms for 5 persons: within the norm" in suggested
    assert "No car: 14 departures a weekday within 400 m" in suggested
    assert "POOR" not in suggested and "HOUSED" not in page
    assert "Rent SEK\u00a02,000 above what the household can pay" in why_not
    assert "3 rooms for 7 persons: the norm allows at most 5" in why_not
    assert "The household may be offered homes again from" in why_not
    assert "Not met:" in why_not and "Sensitive personal data" in page


def test_a_households_page_ranks_homes_and_shows_the_pair_in_full(login, world):
    client = login("coordinator_a")
    page = text(client.get(f"/varnamo/matching/households/{world['urgent']}/?lang=sv"))
    assert page.index("Ågatan 3") < page.index('id="why-not"') < page.index("Lillgatan 1")
    assert "Uthyrd 9" not in page
    pair = text(client.get(f"/varnamo/matching/households/{world['big']}/vacancies/{world['home']}/?lang=en"))
    assert "Not suggested: 1 rule is not met" in pair
    assert "3 rooms for 7 persons: the norm allows at most 5" in pair and "Rent SEK" in pair
    let = text(client.get(f"/varnamo/matching/households/{world['urgent']}/vacancies/{world['let']}/?lang=en"))
    assert "The home is not on offer now" in let


def test_the_lookup_by_reference_leads_to_the_pairs_explanation(login, world):
    client = login("coordinator_a")
    base = f"/varnamo/matching/vacancies/{world['home']}/"
    response = client.get(f"{base}?reference=HOUSED")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        f"/varnamo/matching/households/{world['housed']}/vacancies/{world['home']}/"
    )
    assert "The household is not looking for a home now" in text(client.get(response.headers["Location"] + "?lang=en"))
    missing = text(client.get(f"{base}?reference=NOBODY&lang=en"))
    assert "No household has that reference." in missing


def test_the_why_not_part_is_paged(app, tenant_a, login, world):
    for n in range(55):
        add_household(app, tenant_a, household(f"MANY-{n:02d}", adults=9, children_ages=[]))
    client = login("coordinator_a")
    first = text(client.get(f"/varnamo/matching/vacancies/{world['small']}/?lang=en"))
    second = text(client.get(f"/varnamo/matching/vacancies/{world['small']}/?page=2&lang=en"))
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    assert "MANY-54" in second and "MANY-54" not in first


def test_another_municipalitys_ids_answer_404(login, world):
    client = login("coordinator_b")
    assert client.get(f"/gislaved/matching/vacancies/{world['home']}/").status_code == 404
    assert client.get(f"/gislaved/matching/households/{world['urgent']}/").status_code == 404
    assert client.get(f"/gislaved/matching/households/{world['urgent']}/vacancies/{world['home']}/").status_code == 404
    assert client.get(f"/varnamo/matching/vacancies/{world['home']}/").status_code == 403


def test_a_household_moving_on_since_long_ranks_after_the_households_still_to_be_received(app, tenant_a, login, world):
    # Assigned in 2016, received long ago, now moving on: its assignment's age gives it no priority.
    veteran = add_household(
        app,
        tenant_a,
        household("VETERAN", assigned_on=date(2016, 3, 1), adults=2, children_ages=[], affordable_rent=9000),
        status=HouseholdStatus.HOUSED,
        moving_on=True,
        received_on=date(2016, 5, 1),
    )
    with working_in(app, tenant_a):
        vacancy = db.session.get(Vacancy, world["home"])
        suggested, _rest = households_for(tenant_a, vacancy, clock.today())
    assert references(suggested, app, tenant_a)[:2] == ["URGENT", "LATER"]
    assert set(references(suggested, app, tenant_a)[2:]) == {"MOVING", "VETERAN"}
    page = text(login("read_only_a").get(f"/varnamo/matching/vacancies/{world['home']}/?lang=en"))
    suggested_part = page[page.index('id="suggested"') : page.index('id="why-not"')]
    assert suggested_part.index("LATER") < suggested_part.index("VETERAN")
    assert "since the assignment" in suggested_part  # the newcomers' waiting time is still told
    assert "households looking for their first home come first" in suggested_part
    pair = text(login("read_only_a").get(f"/varnamo/matching/households/{veteran}/vacancies/{world['home']}/?lang=en"))
    assert "days since the assignment" not in pair


def test_a_rent_limit_not_stated_is_shown_as_to_check_not_as_met(app, tenant_a, login, world):
    unknown = add_household(app, tenant_a, household("NO-LIMIT", adults=2, children_ages=[]), receive_by=TODAY)
    page = text(
        login("coordinator_a").get(f"/varnamo/matching/households/{unknown}/vacancies/{world['home']}/?lang=en")
    )
    rent = page[page.index('data-rule="rent"') : page.index("</li>", page.index('data-rule="rent"'))]
    assert "what the household can pay is not stated" in rent
    assert "✓" not in rent and "Met:" not in rent and "Not known, to check:" in rent
    assert "Suggested: no rule is broken, but 1 rule could not be checked" in page
    assert "Suggested: every rule is met" not in page
    norm = page[page.index('data-rule="room_norm"') : page.index("</li>", page.index('data-rule="room_norm"'))]
    assert "✓" in norm and "Met:" in norm
