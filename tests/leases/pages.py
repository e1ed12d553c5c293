"""The leases' pages for ``tests/test_html_validity.py``: every kind, in the language asked for."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.leases.models import Lease, LeaseForm
from hemvist.offers.models import Offer, OfferStatus
from hemvist.tenancy.binding import bound
from hemvist.tenancy.models import Municipality
from tests.leases.conftest import accepted_offer


def seed(app) -> dict[str, int]:
    """Once per application: a sublease near two years and overdue, one transferred, an offer still open."""
    with app.app_context():
        tenant = db.session.scalar(sa.select(Municipality).where(Municipality.slug == "varnamo")).as_tenant()
    with app.app_context(), bound(db.session, tenant.schema):
        existing = db.session.scalar(sa.select(Lease.id).where(Lease.form == LeaseForm.SUBLEASE).order_by(Lease.id))
    if existing is None:
        from hemvist.leases import operations
        from hemvist.leases.operations import LeaseData
        from tests.leases.conftest import user, working_in

        today = date.today()
        held = accepted_offer(app, tenant, reference="LEASE-0001", landlord_name="Hyresvärd Ett AB")
        moved = accepted_offer(app, tenant, reference="LEASE-0002", landlord_name="Hyresvärd Två AB")
        accepted_offer(app, tenant, reference="LEASE-0003", landlord_name="Hyresvärd Tre AB")
        accepted_offer(app, tenant, reference="LEASE-0004", landlord_name="Hyresvärd Fyra AB", status=OfferStatus.OPEN)
        with working_in(app, tenant):
            anna = user("coordinator_a")
            start = today - timedelta(days=700)
            for ids, planned in ((held, today - timedelta(days=3)), (moved, today + timedelta(days=10))):
                offer = db.session.get(Offer, ids.offer)
                data = LeaseData(LeaseForm.SUBLEASE, start, 6100, planned)
                lease = operations.create_lease(tenant, anna, offer, data)
            operations.mark_transferred(tenant, anna, lease, today, LeaseForm.FIRST_HAND_OPEN_ENDED)
    with app.app_context(), bound(db.session, tenant.schema):
        leases = list(db.session.scalars(sa.select(Lease).order_by(Lease.id)))
        offers = list(db.session.scalars(sa.select(Offer.id).order_by(Offer.id)))
    return {
        "held": leases[0].id,
        "transferred": leases[1].id,
        "own": leases[2].id,
        "household": leases[0].household_id,
        "accepted": offers[2],
        "open": offers[3],
    }


def lease_pages(app, lang: str, client) -> dict[str, tuple[int, object]]:
    ids = seed(app)
    coordinator = client(app, lang, "coordinator_a")
    reader = client(app, lang, "read_only_a")
    held = f"/varnamo/leases/{ids['held']}/"
    new = f"/varnamo/leases/new?offer={ids['accepted']}"
    bad = {"form": "sublease", "starts_on": "snart", "rent": "x", "planned_transfer_on": "", "tenure_waived": "z"}
    return {
        "leases-list": (200, coordinator.get("/varnamo/leases/")),
        "leases-list-empty": (200, client(app, lang, "coordinator_b").get("/gislaved/leases/")),
        "lease-new": (200, coordinator.get(new)),
        "lease-new-errors": (400, coordinator.submit(new, bad)),
        "lease-new-refused": (409, coordinator.get(f"/varnamo/leases/new?offer={ids['open']}")),
        "lease-page-held": (200, coordinator.get(held)),
        "lease-page-read-only": (200, reader.get(held)),
        "lease-page-transferred": (200, coordinator.get(f"/varnamo/leases/{ids['transferred']}/")),
        "lease-page-own": (200, coordinator.get(f"/varnamo/leases/{ids['own']}/")),
        "lease-transfer-errors": (400, coordinator.submit(f"{held}transfer", {"transferred_on": "x"}, form_url=held)),
        "lease-planned-errors": (400, coordinator.submit(f"{held}planned", {"planned_transfer_on": ""}, form_url=held)),
        "lease-tenure-errors": (400, coordinator.submit(f"{held}tenure", {"tenure_waived": "x"}, form_url=held)),
        "lease-transfers": (200, coordinator.get("/varnamo/leases/transfers")),
        "lease-transfers-empty": (200, client(app, lang, "coordinator_b").get("/gislaved/leases/transfers")),
        "lease-figures": (200, coordinator.get(f"/varnamo/leases/figures?year={date.today().year}")),
        "lease-household-section": (200, coordinator.get(f"/varnamo/households/{ids['household']}/")),
    }
