"""The demo's offers: every state, between households and homes that pass the hard rules, loaded once.

The first test loads the feature loaders on their own, with the test users; the others load the demo as
``make run`` does (``demo_app``) and look at Värnamo, where the demo shows brokering.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.households.demo import load_demo as load_households
from hemvist.households.models import Household, HouseholdStatus
from hemvist.landlords.demo import load_demo as load_landlords
from hemvist.leases.models import Lease
from hemvist.matching import queries as matching
from hemvist.matching.rules import explain
from hemvist.offers.demo import load_demo
from hemvist.offers.models import Offer, OfferStatus, Party, WithdrawalReason
from hemvist.tenancy.binding import bound
from hemvist.tenancy.models import Municipality
from hemvist.vacancies.demo import load_demo as load_vacancies
from hemvist.vacancies.models import Vacancy, VacancyStatus
from tests.county.conftest import demo_app  # noqa: F401 (fixture)
from tests.landlords.conftest import user, working_in


def load(app, tenant) -> None:
    with app.app_context():
        users = {
            "samordnare@varnamo.example": user("coordinator_a"),
            "enhetschef@varnamo.example": user("unit_admin_a"),
        }
        for loader in (load_landlords, load_vacancies, load_households, load_demo):
            with bound(db.session, tenant.schema):
                loader(tenant, users)
                db.session.commit()


def assert_every_state_on_pairs_that_suit(offers: list[Offer]) -> None:
    assert {offer.status for offer in offers} == set(OfferStatus)
    refused = [offer for offer in offers if offer.status is OfferStatus.REFUSED]
    assert {offer.refusal_reason.party for offer in refused} == {Party.HOUSEHOLD, Party.LANDLORD}
    withdrawn = [offer for offer in offers if offer.status is OfferStatus.WITHDRAWN]
    assert withdrawn and all(offer.withdrawal_reason is WithdrawalReason.BY_MUNICIPALITY for offer in withdrawn)
    assert all(offer.note.endswith("(demo).") for offer in withdrawn)
    # Two accepted: one whose lease is written (the home let, the household housed), one still waiting for it.
    accepted = [offer for offer in offers if offer.status is OfferStatus.ACCEPTED]
    leases = {
        lease.offer_id: lease for lease in db.session.scalars(sa.select(Lease).where(Lease.offer_id.is_not(None)))
    }
    [leased] = [offer for offer in accepted if offer.id in leases]
    assert leased.vacancy.status is VacancyStatus.LET and leased.household.status is HouseholdStatus.HOUSED
    assert leases[leased.id].vacancy_id == leased.vacancy_id and leases[leased.id].starts_on > date.today()
    [waiting_for_lease] = [offer for offer in accepted if offer.id not in leases]
    assert waiting_for_lease.vacancy.status is VacancyStatus.RESERVED
    assert waiting_for_lease.household.status is HouseholdStatus.OFFERED
    [viewing] = [offer for offer in offers if offer.status is OfferStatus.VIEWING]
    assert viewing.viewing_on > date.today()
    # Every offer on a pair of its own, and every pair suited the household on the day it was offered.
    assert len({(offer.vacancy_id, offer.household_id) for offer in offers}) == len(offers)
    for offer in offers:
        assert all(reason["passed"] for reason in offer.reasons if reason["hard"])
    for offer in offers:
        if offer.status.is_open:
            assert explain(offer.household, offer.vacancy, today=offer.offered_on, persons_per_bedroom=2).suggested
            assert offer.household.status is HouseholdStatus.OFFERED
    # "Offered a home" exactly when one of its offers is open or accepted.
    standing = {offer.household_id for offer in offers if offer.status.is_open or offer.status is OfferStatus.ACCEPTED}
    offered = set(db.session.scalars(sa.select(Household.id).where(Household.status == HouseholdStatus.OFFERED)))
    assert offered == standing - {leased.household_id}


def test_the_demo_has_offers_in_every_state(app, tenant_a, areas_a):
    load(app, tenant_a)
    with working_in(app, tenant_a):
        offers = list(db.session.scalars(sa.select(Offer)))
        assert_every_state_on_pairs_that_suit(offers)
        count = len(offers)
    load(app, tenant_a)  # again: nothing more
    with working_in(app, tenant_a):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Offer)) == count


def varnamo(app):
    with app.app_context():
        return db.session.scalar(sa.select(Municipality).where(Municipality.slug == "varnamo")).as_tenant()


def test_the_real_demo_brokers_in_varnamo_on_distinct_pairs(demo_app):  # noqa: F811
    tenant = varnamo(demo_app)
    today = date.today()
    with working_in(demo_app, tenant):
        offers = list(db.session.scalars(sa.select(Offer).order_by(Offer.id)))
        assert_every_state_on_pairs_that_suit(offers)
        # Each state on a household and a home of its own.
        assert len({offer.household_id for offer in offers}) == len(offers)
        assert len({offer.vacancy_id for offer in offers}) == len(offers)
        # Households still to be received this year: several, of varied sizes, with and without a car, their
        # deadlines spread over the weeks ahead, some past it.
        pending = list(
            db.session.scalars(
                sa.select(Household).where(Household.received_on.is_(None), Household.receive_by.is_not(None))
            )
        )
        assert 6 <= len(pending) <= 8
        assert len({household.persons for household in pending}) >= 4
        assert {household.has_car for household in pending} == {True, False}
        days_left = sorted((household.receive_by - today).days for household in pending)
        assert days_left[0] < 0 and days_left[-1] > 30 and any(0 <= days <= 14 for days in days_left)
        assert all(household.reference.startswith(f"DEMO-{today.year}-") for household in pending)
        # The suggestions pair several households with several homes, besides the offers already made.
        pairs = set()
        for household in pending:
            row = matching.household_row(tenant, household.reference)
            suggested, _others = matching.vacancies_for(tenant, row, today)
            pairs |= {(match.household_id, match.vacancy_id) for match in suggested}
        assert len(pairs) >= 8
        assert len({household for household, _home in pairs}) >= 5
        assert len({home for _household, home in pairs}) >= 5
        assert (
            db.session.scalar(
                sa.select(sa.func.count()).select_from(Vacancy).where(Vacancy.status == VacancyStatus.OFFERED)
            )
            >= 6
        )
        listed = [(offer.household.reference, offer.vacancy.street_address) for offer in offers]
        viewing = next(offer for offer in offers if offer.status is OfferStatus.VIEWING)
        a_pair = sorted(pairs)[0]
        shown = {
            "viewing": (viewing.id, viewing.vacancy.street_address),
            "suggested": (a_pair[0], db.session.get(Vacancy, a_pair[1]).street_address),
        }
    count = len(offers)
    with demo_app.app_context():
        from hemvist.demo import operations as demo

        demo.load()  # again: nothing more
    with working_in(demo_app, tenant):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Offer)) == count
    # The pages show it: the offers' list, the viewing's page, a household's suggested homes.
    from tests.conftest import Client

    anna = Client(demo_app.test_client())
    assert anna.login("samordnare@varnamo.example", "hemvist-demo").status_code == 302
    offers_page = anna.get("/varnamo/offers/?lang=en").get_data(as_text=True)
    for reference, street in listed:
        assert reference in offers_page and street in offers_page, (reference, street)
    offer_id, street = shown["viewing"]
    page = anna.get(f"/varnamo/offers/{offer_id}/?lang=en")
    assert page.status_code == 200 and street in page.get_data(as_text=True)
    household_id, street = shown["suggested"]
    page = anna.get(f"/varnamo/matching/households/{household_id}/?lang=en")
    assert page.status_code == 200 and street in page.get_data(as_text=True)
