"""Reads for the landlord's page and for the named contact's dashboard."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.landlord_page.models import LandlordChange
from hemvist.landlords.models import ContactPerson, Landlord
from hemvist.tenancy.models import Tenant

# The dashboard lists this many changes at most; the rest wait until these are marked as seen.
DASHBOARD_LIMIT = 20


@dataclass(frozen=True)
class ChangeLine:
    change: LandlordChange
    landlord: Landlord
    contact: ContactPerson | None


def unseen_changes(tenant: Tenant, owner_id: int) -> list[ChangeLine]:
    """Changes landlords made on their pages that their named contact ``owner_id`` has not seen, newest first."""
    rows = db.session.execute(
        sa.select(LandlordChange, Landlord, ContactPerson)
        .join(Landlord, Landlord.id == LandlordChange.landlord_id)
        .outerjoin(ContactPerson, ContactPerson.id == LandlordChange.contact_person_id)
        .where(LandlordChange.seen_at.is_(None), Landlord.owner_id == owner_id, Landlord.deleted_at.is_(None))
        .order_by(LandlordChange.made_at.desc(), LandlordChange.id.desc())
        .limit(DASHBOARD_LIMIT)
    )
    return [ChangeLine(change, landlord, contact) for change, landlord, contact in rows]
