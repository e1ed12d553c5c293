"""The moving-on pages for ``tests/test_html_validity.py``: every kind, in the language asked for."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.households import moving_on
from hemvist.households.models import Barrier, Household, HouseholdStatus
from hemvist.tenancy.binding import bound
from hemvist.tenancy.models import Municipality
from tests.households.conftest import add_household, household
from tests.landlords.conftest import user, working_in

REFERENCES = ("FLYTT-0001", "FLYTT-0002", "FLYTT-0003", "FLYTT-0004")


def seed(app) -> dict[str, int]:
    """Once per application: a housed household, a candidate with barriers, one moved, one that gave up."""
    with app.app_context():
        tenant = db.session.scalar(sa.select(Municipality).where(Municipality.slug == "varnamo")).as_tenant()
    with app.app_context(), bound(db.session, tenant.schema):
        found = dict(
            db.session.execute(
                sa.select(Household.reference, Household.id).where(Household.reference.in_(REFERENCES))
            ).all()
        )
    if not found:
        today = date.today()
        for reference in REFERENCES:
            data = household(reference, assigned_on=today - timedelta(days=500))
            found[reference] = add_household(
                app, tenant, data, status=HouseholdStatus.HOUSED, received_on=today - timedelta(days=450)
            )
        with working_in(app, tenant):
            anna = user("coordinator_a")
            for reference, barriers in (
                ("FLYTT-0002", [Barrier.CAR, Barrier.TRANSPORT]),
                ("FLYTT-0003", [Barrier.CAR, Barrier.TRANSPORT]),
                ("FLYTT-0004", [Barrier.RENT]),
            ):
                candidate = db.session.get(Household, found[reference])
                moving_on.mark_moving_on(tenant, anna, candidate, "Större lägenhet i Bor")
                moving_on.update_moving_on(tenant, anna, candidate, "Större lägenhet i Bor", barriers)
            moving_on.mark_moved(tenant, anna, db.session.get(Household, found["FLYTT-0003"]), today)
            moving_on.stop_moving_on(tenant, anna, db.session.get(Household, found["FLYTT-0004"]))
    return {"housed": found["FLYTT-0001"], "candidate": found["FLYTT-0002"], "moved": found["FLYTT-0003"]}


def moving_on_pages(app, lang: str, client) -> dict[str, tuple[int, object]]:
    ids = seed(app)
    coordinator = client(app, lang, "coordinator_a")
    housed = f"/varnamo/households/{ids['housed']}/"
    candidate = f"/varnamo/households/{ids['candidate']}/"
    long_wish = {"moving_on_wish": "x" * 201}
    return {
        "moving-on-report": (200, coordinator.get("/varnamo/households/moving-on/")),
        "moving-on-report-empty": (200, client(app, lang, "coordinator_b").get("/gislaved/households/moving-on/")),
        "moving-on-housed": (200, coordinator.get(housed)),
        "moving-on-candidate": (200, coordinator.get(candidate)),
        "moving-on-candidate-read-only": (200, client(app, lang, "read_only_a").get(candidate)),
        "moving-on-moved": (200, coordinator.get(f"/varnamo/households/{ids['moved']}/")),
        "moving-on-start-errors": (400, coordinator.submit(f"{housed}moving-on", long_wish, form_url=housed)),
        "moving-on-update-errors": (
            400,
            coordinator.submit(
                f"{candidate}moving-on/update", {"moving_on_wish": "", "barriers": ["boat"]}, form_url=candidate
            ),
        ),
        "moving-on-moved-errors": (
            400,
            coordinator.submit(f"{candidate}moving-on/moved", {"moved_on": "igår"}, form_url=candidate),
        ),
        "moving-on-refused": (400, coordinator.submit(f"{housed}moving-on/stop", {}, form_url=housed)),
    }
