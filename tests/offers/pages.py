"""The offers' pages for ``tests/test_html_validity.py``: every kind, in the language asked for."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.households.models import ArrivalRoute, Household
from hemvist.households.operations import HouseholdData, create_household
from hemvist.landlords.models import LandlordKind, Source
from hemvist.landlords.operations import LandlordData, create_landlord
from hemvist.offers import operations
from hemvist.offers.models import Offer, RefusalReason
from hemvist.tenancy.binding import bound
from hemvist.tenancy.models import Municipality
from hemvist.vacancies.models import OfferedVia
from hemvist.vacancies.operations import VacancyData, offer_vacancy


def seed(app) -> dict[str, int]:
    """Once per application: an open offer with a viewing, one accepted (another withdrawn by it), one refused."""
    from tests.landlords.conftest import user, working_in

    with app.app_context():
        tenant = db.session.scalar(sa.select(Municipality).where(Municipality.slug == "varnamo")).as_tenant()
    with app.app_context(), bound(db.session, tenant.schema):
        done = db.session.scalar(sa.select(Household.id).where(Household.reference == "OFFER-0001"))
    if done is None:
        today = date.today()
        with working_in(app, tenant):
            anna = user("coordinator_a")
            landlord = create_landlord(
                tenant, anna, LandlordData(kind=LandlordKind.COMPANY, name="Erbjudarna AB", source=Source.OUTREACH)
            )
            homes = [
                offer_vacancy(
                    tenant,
                    anna,
                    landlord,
                    VacancyData(rooms=3, rent=6000, street_address=f"Offergatan {n}"),
                    OfferedVia.STAFF,
                )  # fmt: skip
                for n in (1, 2, 3)
            ]
            families = [
                create_household(
                    tenant,
                    anna,
                    HouseholdData(
                        f"OFFER-000{n}",
                        ArrivalRoute.RESETTLED,
                        2,
                        today - timedelta(days=10),
                        children_ages=[4],
                        affordable_rent=7000,
                        coordinator_id=anna.id,
                    ),  # fmt: skip
                )
                for n in (1, 2, 3)
            ]
            viewing = operations.make_offer(tenant, anna, homes[0], families[0])
            operations.book_viewing(tenant, anna, viewing, today + timedelta(days=2))
            operations.make_offer(tenant, anna, homes[0], families[1])  # left open
            operations.make_offer(tenant, anna, homes[1], families[1])  # withdrawn: the home is taken; then 409
            accepted = operations.make_offer(tenant, anna, homes[1], families[2])
            operations.make_offer(tenant, anna, homes[2], families[2])  # withdrawn by the acceptance
            operations.accept(tenant, anna, accepted, today)
            refused = operations.make_offer(tenant, anna, homes[2], families[1])
            operations.refuse(tenant, anna, refused, RefusalReason.TOO_SMALL, "pause", today + timedelta(days=20),
                              "För litet.")  # fmt: skip
    with app.app_context(), bound(db.session, tenant.schema):
        ours = sa.select(Household.id).where(Household.reference.like("OFFER-%"))
        offers = list(db.session.scalars(sa.select(Offer).where(Offer.household_id.in_(ours)).order_by(Offer.id)))
        return {
            "viewing": offers[0].id,
            "open": offers[1].id,
            "taken": offers[2].id,
            "accepted": offers[3].id,
            "withdrawn": offers[4].id,
            "refused": offers[5].id,
            "vacancy": offers[0].vacancy_id,
            "household": offers[5].household_id,
            "free_vacancy": offers[5].vacancy_id,
            "free_household": offers[0].household_id,
        }


def offer_pages(app, lang: str, client) -> dict[str, tuple[int, object]]:
    ids = seed(app)
    coordinator = client(app, lang, "coordinator_a")
    reader = client(app, lang, "read_only_a")
    base = "/varnamo/offers"
    open_url = f"{base}/{ids['viewing']}/"
    new = f"{base}/new?vacancy={ids['free_vacancy']}&household={ids['free_household']}"
    taken = {"answered_on": date.today().isoformat()}
    bad_refusal = {"reason": "x", "after": "pause", "paused_until": "snart", "note": "x" * 501}
    return {
        "offers-list": (200, coordinator.get(f"{base}/")),
        "offers-list-filtered": (200, coordinator.get(f"{base}/?status=open")),
        "offers-list-empty": (200, client(app, lang, "coordinator_b").get("/gislaved/offers/")),
        "offer-new": (200, coordinator.get(new)),
        "offer-new-refused": (
            400,
            coordinator.submit(f"{base}/new", {"vacancy": str(ids["vacancy"]), "household": str(ids["household"])}),
        ),
        "offer-page-open": (200, coordinator.get(open_url)),
        "offer-page-accepted": (200, coordinator.get(f"{base}/{ids['accepted']}/")),
        "offer-page-withdrawn": (200, coordinator.get(f"{base}/{ids['withdrawn']}/")),
        "offer-page-refused": (200, coordinator.get(f"{base}/{ids['refused']}/")),
        "offer-page-read-only": (200, reader.get(open_url)),
        "offer-viewing-errors": (400, coordinator.submit(f"{open_url}viewing", {"viewing_on": "x"}, form_url=open_url)),
        "offer-refuse-errors": (400, coordinator.submit(f"{open_url}refuse", bad_refusal, form_url=open_url)),
        "offer-accept-taken": (
            409,
            coordinator.submit(f"{base}/{ids['taken']}/accept", taken, form_url=f"{base}/{ids['taken']}/"),
        ),
        "offer-household-section": (200, coordinator.get(f"/varnamo/households/{ids['household']}/")),
        "offer-vacancy-section": (200, coordinator.get(f"/varnamo/vacancies/{ids['vacancy']}/")),
    }
