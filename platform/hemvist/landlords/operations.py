"""Writes to the landlord registry. Each takes the municipality and the acting user explicitly."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from hemvist.areas.models import Area
from hemvist.auth.models import User
from hemvist.auth.queries import is_member
from hemvist.core import clock
from hemvist.extensions import db
from hemvist.history.models import Action
from hemvist.history.operations import diff, record
from hemvist.landlords.models import ContactPerson, Landlord, LandlordKind, LandlordType, Source, Stage, StageChange
from hemvist.tenancy.models import Tenant

log = logging.getLogger("hemvist.landlords")

# How long a deleted landlord can be restored before `flask landlords purge` removes it for good.
DELETION_GRACE = timedelta(days=30)


class LandlordError(ValueError):
    """A change the registry refuses; ``str(error)`` is translated for the person who asked."""


@dataclass
class ContactData:
    name: str
    role: str = ""
    phone: str = ""  # E.164, already normalised (landlords.validation.phone)
    email: str = ""
    id: int | None = None


@dataclass
class LandlordData:
    """A landlord as a form or an import row describes it, already validated and normalised."""

    kind: LandlordKind
    name: str
    identity_number: str | None = None
    street_address: str = ""
    postal_code: str = ""
    city: str = ""
    flats: int | None = None
    older_stock: bool = False
    source: Source = Source.OUTREACH
    notes: str = ""
    area_ids: list[int] = field(default_factory=list)
    contacts: list[ContactData] = field(default_factory=list)
    # None follows the kind (LandlordType.default_for) unless a type the kind does not imply was chosen before.
    landlord_type: LandlordType | None = None

    FIELDS = (
        "kind", "name", "identity_number", "street_address", "postal_code", "city", "flats", "older_stock",
        "source", "notes",
    )  # fmt: skip


def _snapshot(landlord: Landlord) -> dict:
    values = {name: getattr(landlord, name) for name in LandlordData.FIELDS}
    values["landlord_type"] = landlord.landlord_type
    values["areas"] = [area.name for area in landlord.areas]
    values["contacts"] = [contact.name for contact in landlord.contacts]
    return values


def _check_identity_number_free(number: str | None, landlord_id: int | None) -> None:
    from flask_babel import gettext as _

    if number is None:
        return
    holder = db.session.scalar(sa.select(Landlord).where(Landlord.identity_number == number))
    if holder is not None and holder.id != landlord_id:
        raise LandlordError(_("%(name)s already has the number %(number)s.", name=holder.name, number=number))


# The types the kind alone implies; the others (a municipal housing company, the municipality) are chosen.
KIND_TYPES = (LandlordType.PRIVATE_COMPANY, LandlordType.PRIVATE_PERSON)


def _apply(landlord: Landlord, data: LandlordData) -> None:
    for name in LandlordData.FIELDS:
        setattr(landlord, name, getattr(data, name))
    if data.landlord_type is not None:
        landlord.landlord_type = data.landlord_type
    elif landlord.landlord_type in (None, *KIND_TYPES):
        landlord.landlord_type = LandlordType.default_for(data.kind)
    landlord.areas = (
        list(db.session.scalars(sa.select(Area).where(Area.id.in_(data.area_ids)))) if data.area_ids else []
    )
    existing = {contact.id: contact for contact in landlord.contacts}
    kept = []
    for contact_data in data.contacts:
        contact = existing.get(contact_data.id) if contact_data.id else None
        if contact is None:
            contact = ContactPerson()
        contact.name, contact.role = contact_data.name, contact_data.role
        contact.phone, contact.email = contact_data.phone, contact_data.email
        kept.append(contact)
    landlord.contacts = kept


def create_landlord(
    tenant: Tenant, user: User, data: LandlordData, *, owner_id: int | None = None, commit: bool = True
) -> Landlord:
    """Register a landlord; the user who registers it is its named contact unless another is given."""
    _check_identity_number_free(data.identity_number, None)
    landlord = Landlord(stage=Stage.NEW, owner_id=owner_id or user.id, created_by_id=user.id)
    _apply(landlord, data)
    db.session.add(landlord)
    landlord.stage_changes.append(StageChange(to_stage=Stage.NEW, changed_on=clock.today(), changed_by_id=user.id))
    record(tenant, user, Action.CREATED, landlord, {"name": [None, landlord.name]})
    if commit:
        db.session.commit()
        log.info("landlord %s registered by user %s", landlord.id, user.id)
    return landlord


def update_landlord(tenant: Tenant, user: User, landlord: Landlord, data: LandlordData) -> Landlord:
    _check_identity_number_free(data.identity_number, landlord.id)
    before = _snapshot(landlord)
    _apply(landlord, data)
    changes = diff(before, _snapshot(landlord))
    if changes:
        record(tenant, user, Action.UPDATED, landlord, changes)
    db.session.commit()
    return landlord


def change_stage(
    tenant: Tenant, user: User, landlord: Landlord, stage: Stage, reason: str = "", on: date | None = None
) -> Landlord:
    """Move the landlord to ``stage``; paused and declined need a reason."""
    from flask_babel import gettext as _

    reason = reason.strip()
    if stage.needs_reason and not reason:
        raise LandlordError(_("Say why the landlord is paused or has declined."))
    if stage is landlord.stage and reason == landlord.stage_reason:
        return landlord
    landlord.stage_changes.append(
        StageChange(
            from_stage=landlord.stage,
            to_stage=stage,
            reason=reason,
            changed_on=on or clock.today(),
            changed_by_id=user.id,
        )
    )
    record(tenant, user, Action.UPDATED, landlord, {"stage": [landlord.stage.value, stage.value]})
    landlord.stage = stage
    landlord.stage_reason = reason if stage.needs_reason else ""
    db.session.commit()
    return landlord


def reassign_owner(tenant: Tenant, user: User, landlord: Landlord, owner: User) -> Landlord:
    """Make ``owner`` the landlord's named contact. Earlier interactions keep who made them."""
    from flask_babel import gettext as _

    if not is_member(owner, tenant):
        raise LandlordError(_("The named contact must work in %(municipality)s.", municipality=tenant.name))
    if landlord.owner_id != owner.id:
        record(tenant, user, Action.UPDATED, landlord, {"owner_id": [landlord.owner_id, owner.id]})
        landlord.owner_id = owner.id
        db.session.commit()
    return landlord


def delete_landlord(tenant: Tenant, user: User, landlord: Landlord) -> None:
    """Hide the landlord; it can be restored for ``DELETION_GRACE``."""
    landlord.deleted_at = datetime.now(UTC)
    record(tenant, user, Action.DELETED, landlord)
    db.session.commit()


def restore_landlord(tenant: Tenant, user: User, landlord: Landlord, *, commit: bool = True) -> None:
    from flask_babel import gettext as _

    if landlord.deleted_at is None:
        return
    if _aware(landlord.deleted_at) + DELETION_GRACE < datetime.now(UTC):
        raise LandlordError(_("This landlord was deleted too long ago to be restored."))
    landlord.deleted_at = None
    record(tenant, user, Action.RESTORED, landlord)
    if commit:
        db.session.commit()


def purge_deleted(tenant: Tenant, now: datetime | None = None) -> int:
    """Remove for good the landlords deleted longer ago than the grace period; returns how many."""
    cutoff = (now or datetime.now(UTC)) - DELETION_GRACE
    expired = list(db.session.scalars(sa.select(Landlord).where(Landlord.deleted_at < cutoff)))
    for landlord in expired:
        db.session.delete(landlord)
    db.session.commit()
    return len(expired)


def _aware(moment: datetime) -> datetime:
    # SQLite hands timezone-aware columns back naive; they were stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
