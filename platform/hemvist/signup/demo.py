"""Made-up sign-ups from landlords: a few waiting in Värnamo's inbox, one from a landlord already known.

Names end in "(demo)", e-mail addresses use ``.example``, phones the series kept for fiction.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from hemvist.auth.models import User
from hemvist.extensions import db
from hemvist.landlords.models import Landlord, LandlordKind
from hemvist.signup.models import LeaseHolding, Signup, SignupStatus
from hemvist.tenancy.models import Tenant


def load_demo(tenant: Tenant, users: dict[str, User]) -> None:
    if tenant.slug != "varnamo" or db.session.scalar(sa.select(sa.func.count()).select_from(Signup)):
        return
    now = datetime.now(UTC)
    known = db.session.scalar(
        sa.select(Landlord).where(Landlord.identity_number.is_not(None)).order_by(Landlord.id.desc()).limit(1)
    )
    signups = [
        Signup(
            locale="sv",
            kind=LandlordKind.COMPANY,
            name="Solgläntans Fastigheter AB",
            identity_number="559016-4520",
            contact_name="Maja Lindqvist (demo)",
            contact_phone="+46701740670",
            contact_email="maja.lindqvist@solglantan.example",
            flats=18,
            lease_holding=LeaseHolding.YES,
            message="Vi har ett äldre hyreshus i Bredaryd och en trea som blir ledig i januari.",
            home_rooms=3,
            home_rent=7400,
            home_living_area=74,
            home_available_from=date.today() + timedelta(days=40),
            home_street_address="Järnvägsgatan 4",
            received_at=now - timedelta(days=2, hours=3),
        ),
        Signup(
            locale="en",
            kind=LandlordKind.PRIVATE_PERSON,
            name="Daniel Okafor (demo)",
            identity_number="760215-2386",
            contact_name="Daniel Okafor (demo)",
            contact_phone="+46701740671",
            contact_email="daniel.okafor@mail.example",
            flats=2,
            lease_holding=LeaseHolding.MAYBE,
            message="I own a house with a separate flat upstairs. Is there a guarantee for the rent?",
            received_at=now - timedelta(hours=5),
        ),
    ]
    if known is not None:
        signups.append(
            Signup(
                locale="sv",
                kind=known.kind,
                name=known.name,
                identity_number=known.identity_number,
                contact_name="Lena Berg (demo)",
                contact_phone="+46701740672",
                contact_email="lena.berg@uthyrning.example",
                lease_holding=LeaseHolding.YES,
                message="Vi har pratat med er tidigare; nu har vi en tvåa ledig.",
                home_rooms=2,
                home_rent=5900,
                home_available_from=date.today() + timedelta(days=14),
                landlord_id=known.id,
                received_at=now - timedelta(days=1),
            )
        )
    signups.append(
        Signup(
            locale="en",
            kind=LandlordKind.COMPANY,
            name="Best Cheap Loans Ltd",
            identity_number="559087-3112",
            contact_name="Promo",
            contact_email="promo@loans.example",
            lease_holding=LeaseHolding.NO,
            message="Click here for cheap loans!!!",
            status=SignupStatus.SPAM,
            received_at=now - timedelta(days=6),
            handled_at=now - timedelta(days=5),
            handled_by_id=users["samordnare@varnamo.example"].id if "samordnare@varnamo.example" in users else None,
        )
    )
    for signup in signups:
        signup.consent_at = signup.received_at
        db.session.add(signup)
