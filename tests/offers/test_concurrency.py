"""Two acceptances of one home at the same instant: exactly one is stored, on both backends.

Each thread works as a request of its own (its own session and connection), loads its offer, and waits at a
barrier so that both call ``accept`` together. On PostgreSQL the second waits on the home's row lock; on
SQLite on the database's write lock; either way it then finds the home taken and gets the translated error.
"""

from __future__ import annotations

import threading
from datetime import date

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.offers import operations
from hemvist.offers.models import Offer, OfferStatus
from hemvist.offers.operations import OfferTaken
from hemvist.vacancies.models import Vacancy, VacancyStatus
from tests.landlords.conftest import user, working_in
from tests.offers.conftest import family, home, offer, stored


def test_two_simultaneous_acceptances_of_one_home_store_one(app, tenant_a, landlord_a, backend):
    vacancy = home(app, tenant_a, landlord_a)
    offers = [
        offer(app, tenant_a, vacancy, family(app, tenant_a)),
        offer(app, tenant_a, vacancy, family(app, tenant_a, "MIG-2026-0002")),
    ]
    barrier = threading.Barrier(2, timeout=20)
    outcomes: dict[int, str] = {}

    def accept(offer_id: int) -> None:
        with working_in(app, tenant_a):
            mine = db.session.get(Offer, offer_id)
            acting = user("coordinator_a")
            barrier.wait()
            try:
                operations.accept(tenant_a, acting, mine, date.today())
            except OfferTaken as error:
                outcomes[offer_id] = str(error)
            except Exception as error:  # noqa: BLE001 — reported by the assertion below
                outcomes[offer_id] = f"unexpected {type(error).__name__}: {error}"
            else:
                outcomes[offer_id] = "accepted"
            finally:
                db.session.remove()

    threads = [threading.Thread(target=accept, args=(offer_id,)) for offer_id in offers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes.values()) == ["This home was accepted for another household a moment ago.", "accepted"]
    with working_in(app, tenant_a):
        statuses = dict(db.session.execute(sa.select(Offer.id, Offer.status).where(Offer.id.in_(offers))).all())
    winner = next(offer_id for offer_id, outcome in outcomes.items() if outcome == "accepted")
    loser = next(offer_id for offer_id in offers if offer_id != winner)
    assert statuses == {winner: OfferStatus.ACCEPTED, loser: OfferStatus.WITHDRAWN}
    assert stored(app, tenant_a, Vacancy, vacancy).status is VacancyStatus.RESERVED
