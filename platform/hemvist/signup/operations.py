"""Writes of sign-ups: receiving one from the public form, and the unit's triage of it."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from hemvist.auth.models import User
from hemvist.auth.queries import is_member
from hemvist.extensions import db
from hemvist.history.models import Action
from hemvist.history.operations import record
from hemvist.landlords import operations as landlords
from hemvist.landlords.models import ContactPerson, Landlord, LandlordKind, LandlordType, Source
from hemvist.landlords.operations import LandlordError
from hemvist.landlords.queries import find_by_identity_number
from hemvist.leases.models import LeaseForm
from hemvist.signup.models import LeaseHolding, Signup, SignupStatus
from hemvist.tenancy.models import Tenant
from hemvist.vacancies.models import OfferedVia
from hemvist.vacancies.operations import VacancyData, offer_vacancy

log = logging.getLogger("hemvist.signup")


class SignupError(ValueError):
    """A triage step the inbox refuses; ``str(error)`` is translated."""


@dataclass
class SignupData:
    """A sign-up as the public form describes it, validated and normalised."""

    locale: str
    kind: LandlordKind
    name: str
    identity_number: str
    contact_name: str
    contact_email: str
    lease_holding: LeaseHolding
    contact_phone: str = ""
    flats: int | None = None
    area_ids: list[int] = field(default_factory=list)
    message: str = ""
    home: VacancyData | None = None


def receive_signup(tenant: Tenant, data: SignupData) -> Signup:
    """Keep what a landlord sent; a number the registry knows attaches the sign-up to that landlord."""
    known = find_by_identity_number(tenant, data.identity_number)
    home = data.home
    signup = Signup(
        locale=data.locale,
        kind=data.kind,
        name=data.name,
        identity_number=data.identity_number,
        contact_name=data.contact_name,
        contact_phone=data.contact_phone,
        contact_email=data.contact_email,
        flats=data.flats,
        area_ids=list(data.area_ids),
        lease_holding=data.lease_holding,
        message=data.message,
        home_rooms=home.rooms if home else None,
        home_rent=home.rent if home else None,
        home_living_area=home.living_area if home else None,
        home_available_from=home.available_from if home else None,
        home_street_address=home.street_address if home else "",
        home_area_id=home.area_id if home else None,
        consent_at=datetime.now(UTC),
        landlord_id=known.id if known is not None else None,
    )
    db.session.add(signup)
    db.session.commit()
    log.info("sign-up %s received%s", signup.id, f" from landlord {known.id}" if known else "")
    return signup


def accept_signup(tenant: Tenant, user: User, signup: Signup, owner: User, *, add_contact: bool = False) -> Landlord:
    """Bring the sign-up into the registry: the landlord (new, or the known one brought up to date) and the
    offered home as a vacancy, in one transaction."""
    from flask_babel import gettext as _

    if not is_member(owner, tenant):
        raise SignupError(_("The named contact must work in %(municipality)s.", municipality=tenant.name))
    _claim(tenant, signup, user, SignupStatus.ACCEPTED)
    try:
        landlord = _accept(tenant, user, signup, owner, add_contact=add_contact)
        db.session.commit()
    except (LandlordError, sa.exc.IntegrityError) as error:
        # Nothing of it stays: the sign-up is new again, the registry as it was.
        db.session.rollback()
        if isinstance(error, LandlordError):
            raise SignupError(str(error)) from None
        raise SignupError(
            _("Someone registered a landlord with this number meanwhile. Open the sign-up again to add to it.")
        ) from None
    log.info("sign-up %s accepted into landlord %s by user %s", signup.id, landlord.id, user.id)
    return landlord


def _accept(tenant: Tenant, user: User, signup: Signup, owner: User, *, add_contact: bool) -> Landlord:
    # The answer about the lease outlives the sign-up (purged after RETENTION) in the landlord's notes, and in
    # the home's lease form when the answer is one: a yes is a sublease the household may take over later.
    lease_note = _lease_holding_note(tenant, signup.lease_holding)
    sublease = signup.lease_holding is LeaseHolding.YES
    landlord = _known_landlord(tenant, signup)
    if landlord is None:
        landlord = landlords.create_landlord(
            tenant,
            user,
            landlords.LandlordData(
                kind=signup.kind,
                landlord_type=LandlordType.default_for(signup.kind),
                name=signup.name,
                identity_number=signup.identity_number,
                flats=signup.flats,
                source=Source.SELF_REGISTERED,
                notes=_with_sentence(signup.message, lease_note),
                area_ids=list(signup.area_ids or []),
                contacts=[_contact_data(signup)],
            ),
            owner_id=owner.id,
            commit=False,
        )
        db.session.flush()
    else:
        _bring_up_to_date(tenant, user, landlord, signup, add_contact=add_contact, lease_note=lease_note)
    if signup.offers_home:
        vacancy = offer_vacancy(
            tenant,
            user,
            landlord,
            VacancyData(
                rooms=signup.home_rooms,
                street_address=signup.home_street_address,
                area_id=signup.home_area_id,
                living_area=signup.home_living_area,
                rent=signup.home_rent,
                available_from=signup.home_available_from,
                lease_form=LeaseForm.SUBLEASE if sublease else None,
                takeover_possible=sublease,
                notes="" if sublease else lease_note,
            ),
            OfferedVia.SIGNUP,
            commit=False,
        )
        signup.vacancy_id = vacancy.id
    signup.landlord_id = landlord.id
    return landlord


def dismiss_signup(tenant: Tenant, user: User, signup: Signup, status: SignupStatus) -> None:
    """Mark the sign-up as spam or rejected; nothing reaches the registry."""
    if status not in (SignupStatus.SPAM, SignupStatus.REJECTED):
        raise ValueError(status)
    _claim(tenant, signup, user, status)
    db.session.commit()


def _claim(tenant: Tenant, signup: Signup, user: User, status: SignupStatus) -> None:
    """Mark the sign-up handled, or refuse if it was not new. One conditional UPDATE, so that of two
    colleagues pressing "accept" at once, the second waits for the first and is then told."""
    from flask_babel import gettext as _

    claimed = db.session.execute(
        sa.update(Signup)
        .where(Signup.id == signup.id, Signup.status == SignupStatus.NEW)
        .values(status=status, handled_at=datetime.now(UTC), handled_by_id=user.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(signup)
    if claimed != 1:
        message = _("This sign-up was handled already (%(status)s).", status=signup.status.label)
        db.session.rollback()
        raise SignupError(message)
    record(tenant, user, Action.UPDATED, signup, {"status": [SignupStatus.NEW.value, status.value]})


def _known_landlord(tenant: Tenant, signup: Signup) -> Landlord | None:
    """The landlord the sign-up belongs to: attached on arrival, or registered with its number since."""
    landlord = db.session.get(Landlord, signup.landlord_id) if signup.landlord_id else None
    return landlord or find_by_identity_number(tenant, signup.identity_number)


def _lease_holding_note(tenant: Tenant, answer: LeaseHolding) -> str:
    """The landlord's answer as a sentence in the municipality's language: the notes are the unit's."""
    from flask_babel import force_locale

    with force_locale(tenant.default_locale):
        return str(answer.note)


def _with_sentence(text: str, sentence: str) -> str:
    """``text`` with ``sentence`` as a paragraph of its own at the end, unless it is there already."""
    if sentence in text:
        return text
    return f"{text}\n\n{sentence}" if text.strip() else sentence


def _contact_data(signup: Signup) -> landlords.ContactData:
    return landlords.ContactData(name=signup.contact_name, phone=signup.contact_phone, email=signup.contact_email)


def _bring_up_to_date(
    tenant: Tenant, user: User, landlord: Landlord, signup: Signup, *, add_contact: bool, lease_note: str
) -> None:
    """Add what the registry lacks; never overwrite what the unit already wrote down (the answer about the
    lease is added to the notes after it).

    The sender becomes a contact person only when the unit says so: anyone can type a known landlord's
    organisation number, and a contact person can open the landlord's own page.
    """
    if landlord.deleted_at is not None:
        landlords.restore_landlord(tenant, user, landlord, commit=False)
    changes = {}
    emails = {contact.email.lower() for contact in landlord.contacts if contact.email}
    if add_contact and signup.contact_email.lower() not in emails:
        landlord.contacts.append(
            ContactPerson(name=signup.contact_name, phone=signup.contact_phone, email=signup.contact_email)
        )
        changes["contacts"] = [None, signup.contact_name]
    if landlord.flats is None and signup.flats is not None:
        landlord.flats = signup.flats
        changes["flats"] = [None, signup.flats]
    known_areas = {area.id for area in landlord.areas}
    new_area_ids = [area_id for area_id in signup.area_ids or [] if area_id not in known_areas]
    if new_area_ids:
        from hemvist.areas.models import Area

        landlord.areas.extend(db.session.scalars(sa.select(Area).where(Area.id.in_(new_area_ids))))
        changes["areas"] = [None, sorted(new_area_ids)]
    notes = _with_sentence(landlord.notes or "", lease_note)
    if notes != landlord.notes:
        changes["notes"] = [landlord.notes, notes]
        landlord.notes = notes
    if changes:
        record(tenant, user, Action.UPDATED, landlord, changes)


# Handled sign-ups are removed after this long, as the form promises landlords: what was accepted lives on
# in the registry, what was not has no reason to be kept.
RETENTION = timedelta(days=30)


def purge_handled(tenant: Tenant, now: datetime | None = None) -> int:
    """Remove the sign-ups handled longer ago than ``RETENTION``; returns how many."""
    cutoff = (now or datetime.now(UTC)) - RETENTION
    result = db.session.execute(sa.delete(Signup).where(Signup.status != SignupStatus.NEW, Signup.handled_at < cutoff))
    db.session.commit()
    return result.rowcount
