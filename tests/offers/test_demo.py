"""The demo's offers: every state, between households and homes that pass the hard rules, loaded once."""

from __future__ import annotations

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.households.demo import load_demo as load_households
from hemvist.households.models import Household
from hemvist.landlords.demo import load_demo as load_landlords
from hemvist.matching.rules import explain
from hemvist.offers.demo import load_demo
from hemvist.offers.models import Offer, OfferStatus, Party
from hemvist.tenancy.binding import bound
from hemvist.vacancies.demo import load_demo as load_vacancies
from hemvist.vacancies.models import Vacancy, VacancyStatus
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


def test_the_demo_has_offers_in_every_state(app, tenant_a, areas_a):
    load(app, tenant_a)
    with working_in(app, tenant_a):
        offers = list(db.session.scalars(sa.select(Offer)))
        assert {offer.status for offer in offers} == set(OfferStatus)
        refused = [offer.refusal_reason.party for offer in offers if offer.status is OfferStatus.REFUSED]
        assert set(refused) == {Party.HOUSEHOLD, Party.LANDLORD}
        withdrawn = [offer for offer in offers if offer.status is OfferStatus.WITHDRAWN]
        assert withdrawn and all(offer.withdrawal_reason is not None for offer in withdrawn)
        [accepted] = [offer for offer in offers if offer.status is OfferStatus.ACCEPTED]
        assert db.session.get(Vacancy, accepted.vacancy_id).status is VacancyStatus.RESERVED
        for offer in offers:
            assert all(reason["passed"] for reason in offer.reasons if reason["hard"])
        opened = [offer for offer in offers if offer.status.is_open]
        for offer in opened:
            household = db.session.get(Household, offer.household_id)
            assert explain(household, offer.vacancy, today=offer.offered_on, persons_per_bedroom=2).suggested
        count = len(offers)
    load(app, tenant_a)  # again: nothing more
    with working_in(app, tenant_a):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Offer)) == count
