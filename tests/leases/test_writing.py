"""Writing a lease from an accepted offer: the form, its refusals, and what changes with it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hemvist.core.clock import add_months
from hemvist.households.models import Household, HouseholdStatus
from hemvist.landlords.models import LandlordType
from hemvist.leases import operations
from hemvist.leases.models import LeaseForm
from hemvist.leases.operations import LeaseData, LeaseError
from hemvist.offers.models import Offer, OfferStatus
from hemvist.vacancies.models import Vacancy, VacancyStatus
from tests.dialogue.conftest import history
from tests.leases.conftest import accepted_offer, leases, row, user, working_in


def form_data(**changes) -> dict:
    today = date.today()
    data = {
        "form": "sublease",
        "starts_on": today.isoformat(),
        "rent": "6 500",
        "planned_transfer_on": (today + timedelta(days=180)).isoformat(),
        "tenure_waived": "unknown",
    }
    return {**data, **changes}


def test_the_form_is_prefilled_from_the_home(login, app, tenant_a):
    ids = accepted_offer(app, tenant_a, lease_form=LeaseForm.SUBLEASE, rent=6500)
    page = login("coordinator_a").get(f"/varnamo/leases/new?offer={ids.offer}").get_data(as_text=True)
    available = date.today() + timedelta(days=10)
    assert 'value="sublease" selected' in page or 'selected value="sublease"' in page
    assert 'value="6500"' in page
    assert f'value="{available.isoformat()}"' in page
    assert f'value="{add_months(available, 6).isoformat()}"' in page


def test_a_sublease_is_written_and_the_home_let_and_the_household_housed(login, app, tenant_a):
    ids = accepted_offer(app, tenant_a)
    response = login("coordinator_a").submit(f"/varnamo/leases/new?offer={ids.offer}", form_data(tenure_waived="no"))
    assert response.status_code == 302, response.get_data(as_text=True)
    [lease] = leases(app, tenant_a)
    assert response.headers["Location"] == f"/varnamo/leases/{lease.id}/"
    assert (lease.form, lease.rent, lease.offer_id, lease.tenure_waived) == (LeaseForm.SUBLEASE, 6500, ids.offer, False)
    assert lease.planned_transfer_on == date.today() + timedelta(days=180)
    assert (lease.household_id, lease.vacancy_id, lease.landlord_id) == (ids.household, ids.vacancy, ids.landlord)
    assert row(app, tenant_a, Vacancy, ids.vacancy).status is VacancyStatus.LET
    household = row(app, tenant_a, Household, ids.household)
    assert household.status is HouseholdStatus.HOUSED
    # The county board's statistics: the municipality is the landlord while it holds the lease.
    assert (household.lease_form, household.landlord_type) == (LeaseForm.SUBLEASE, LandlordType.MUNICIPALITY)
    assert [entry.changes["status"] for entry in history(app, tenant_a, "vacancies")] == [["reserved", "let"]]
    assert history(app, tenant_a, "households")[-1].changes["status"] == ["offered", "housed"]
    assert len(history(app, tenant_a, "leases")) == 1


def test_a_first_hand_lease_takes_the_landlords_type(login, app, tenant_a):
    ids = accepted_offer(app, tenant_a, lease_form=None, landlord_type=LandlordType.PRIVATE_PERSON)
    data = form_data(form="first_hand_open_ended", planned_transfer_on="", tenure_waived="yes")
    response = login("coordinator_a").submit(f"/varnamo/leases/new?offer={ids.offer}", data)
    assert response.status_code == 302
    [lease] = leases(app, tenant_a)
    # The sublease's fields are not kept for a first-hand lease.
    assert (lease.planned_transfer_on, lease.tenure_waived) == (None, None)
    household = row(app, tenant_a, Household, ids.household)
    assert (household.lease_form, household.landlord_type) == (
        LeaseForm.FIRST_HAND_OPEN_ENDED,
        LandlordType.PRIVATE_PERSON,
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"planned_transfer_on": ""}, "Enter the date the household is to take the lease over."),
        ({"planned_transfer_on": date.today().isoformat()}, "The transfer must be planned after the start"),
        ({"starts_on": "i morgon"}, "Enter a date as year-month-day"),
        ({"rent": "-5"}, "Enter an amount of 0 kronor or more."),
        ({"form": "castle"}, "Choose a lease form from the list."),
        ({"tenure_waived": "perhaps"}, "Choose one of the answers."),
    ],
)
def test_bad_input_is_refused_kept_and_nothing_saved(login, app, tenant_a, changes, message):
    ids = accepted_offer(app, tenant_a)
    response = login("coordinator_a").submit(f"/varnamo/leases/new?offer={ids.offer}&lang=en", form_data(**changes))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page
    assert "Storgatan 3" in page
    if "starts_on" in changes:
        assert 'value="i morgon"' in page
    assert leases(app, tenant_a) == []
    assert row(app, tenant_a, Vacancy, ids.vacancy).status is VacancyStatus.RESERVED
    assert row(app, tenant_a, Household, ids.household).status is HouseholdStatus.OFFERED


@pytest.mark.parametrize("status", [OfferStatus.OPEN, OfferStatus.VIEWING, OfferStatus.REFUSED, OfferStatus.WITHDRAWN])
def test_only_an_accepted_offer_gets_a_lease(login, app, tenant_a, status):
    ids = accepted_offer(app, tenant_a, status=status)
    anna = login("coordinator_a")
    assert anna.get(f"/varnamo/leases/new?offer={ids.offer}&lang=en").status_code == 409
    response = anna.submit(f"/varnamo/leases/new?offer={ids.offer}&lang=en", form_data(), form_url="/varnamo/")
    assert response.status_code == 400
    assert "A lease can only be written from an accepted offer." in response.get_data(as_text=True)
    assert leases(app, tenant_a) == []


def test_a_second_lease_of_one_offer_is_refused(login, app, tenant_a):
    ids = accepted_offer(app, tenant_a)
    anna = login("coordinator_a")
    url = f"/varnamo/leases/new?offer={ids.offer}"
    token = anna.csrf_token(url)
    first = anna.http.post(url, data={"csrf_token": token, **form_data()})
    # The same form sent again (a double click): the lease exists, the page says so and shows it.
    second = anna.http.post(url, data={"csrf_token": token, **form_data()})
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert len(leases(app, tenant_a)) == 1
    with working_in(app, tenant_a):
        from hemvist.extensions import db

        with pytest.raises(LeaseError, match="already been written"):
            operations.create_lease(
                tenant_a,
                user("coordinator_a"),
                db.session.get(Offer, ids.offer),
                LeaseData(LeaseForm.FIRST_HAND_OPEN_ENDED, date.today()),
            )


def test_a_double_submit_racing_past_the_check_gets_a_message_not_a_500(app, tenant_a, monkeypatch):
    """Two requests at the same instant both pass the check; the unique offer id refuses the second."""
    ids = accepted_offer(app, tenant_a)
    with working_in(app, tenant_a):
        from hemvist.extensions import db
        from hemvist.leases.models import Lease

        anna = user("coordinator_a")
        offer = db.session.get(Offer, ids.offer)
        data = LeaseData(LeaseForm.FIRST_HAND_OPEN_ENDED, date.today())
        operations.create_lease(tenant_a, anna, offer, data)
        real_scalar = db.session.scalar

        def blind(statement, *args, **kwargs):
            # The check for an existing lease sees none, as in the racing request.
            if "leases" in str(statement) and "offer_id" in str(statement):
                return None
            return real_scalar(statement, *args, **kwargs)

        monkeypatch.setattr(db.session, "scalar", blind, raising=False)
        with pytest.raises(LeaseError, match="already been written"):
            operations.create_lease(tenant_a, anna, db.session.get(Offer, ids.offer), data)
        monkeypatch.undo()
        assert db.session.scalar(sa_count(Lease)) == 1


def sa_count(model):
    import sqlalchemy as sa

    return sa.select(sa.func.count()).select_from(model)


def test_readers_cannot_write_a_lease(login, app, tenant_a):
    ids = accepted_offer(app, tenant_a)
    assert login("read_only_a").get(f"/varnamo/leases/new?offer={ids.offer}").status_code == 403


@pytest.mark.parametrize("query", ["", "?offer=", "?offer=abc", "?offer=99999", "?offer=99999999999999999999"])
def test_a_missing_offer_is_404(login, query):
    assert login("coordinator_a").get(f"/varnamo/leases/new{query}").status_code == 404


def test_the_household_page_offers_to_write_the_lease_then_lists_it(login, app, tenant_a):
    ids = accepted_offer(app, tenant_a)
    anna = login("coordinator_a")
    page = anna.get(f"/varnamo/households/{ids.household}/").get_data(as_text=True)
    assert f"/varnamo/leases/new?offer={ids.offer}" in page
    anna.submit(f"/varnamo/leases/new?offer={ids.offer}", form_data())
    [lease] = leases(app, tenant_a)
    page = anna.get(f"/varnamo/households/{ids.household}/").get_data(as_text=True)
    assert f"/varnamo/leases/{lease.id}/" in page and "/varnamo/leases/new?offer=" not in page
    assert "MIG-2025-0001" in anna.get("/varnamo/leases/").get_data(as_text=True)
    assert "MIG-2025-0001" in anna.get(f"/varnamo/leases/{lease.id}/").get_data(as_text=True)
    assert history(app, tenant_a, "leases")[0].subject_id == lease.id
