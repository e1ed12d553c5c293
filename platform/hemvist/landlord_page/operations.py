"""Writes made for and by a landlord on their own page. The actor is the landlord's contact person."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from hemvist.auth.models import User
from hemvist.core import mail
from hemvist.core.links import external_url
from hemvist.extensions import db
from hemvist.history.models import Action
from hemvist.history.operations import diff, record
from hemvist.landlord_page.models import ChangeKind, LandlordChange, SignInLink
from hemvist.landlords.models import ContactPerson, Landlord
from hemvist.tenancy.models import Tenant
from hemvist.vacancies.models import OfferedVia, Vacancy
from hemvist.vacancies.operations import VacancyData, offer_vacancy, withdraw_vacancy

log = logging.getLogger("hemvist.landlord_page")


class LinkError(ValueError):
    """A sign-in link that cannot be used; ``str(error)`` is translated for the landlord."""


@dataclass(frozen=True)
class LandlordAccess:
    """Who is on the page: a contact person of a landlord, for a limited time."""

    landlord: Landlord
    contact: ContactPerson


def _serializer(tenant: Tenant) -> URLSafeTimedSerializer:
    # The municipality is part of the salt: a link made for one municipality is no link at another's address.
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"hemvist-landlord-link:{tenant.schema}")


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def contacts_with_email(tenant: Tenant, email: str) -> list[ContactPerson]:
    """The contact persons, of landlords not deleted, who gave this e-mail address."""
    return list(
        db.session.scalars(
            sa.select(ContactPerson)
            .join(Landlord, Landlord.id == ContactPerson.landlord_id)
            .where(sa.func.lower(ContactPerson.email) == email.lower(), Landlord.deleted_at.is_(None))
            .order_by(ContactPerson.id)
        )
    )


# A contact person gets at most one new link in this time, however often it is asked for: a stranger who
# knows the address cannot fill the landlord's inbox with the municipality's mail.
LINK_INTERVAL = timedelta(minutes=10)
# Spent and expired links are kept this long (for the log of who signed in), then purged.
LINK_RETENTION = timedelta(days=1)


def sign_in_mails(tenant: Tenant, email: str, locale: str, now: datetime | None = None) -> list[mail.Mail]:
    """A sign-in link for each contact person with ``email`` (none for an unknown address); commits the links."""
    from flask_babel import force_locale
    from flask_babel import gettext as _

    now = now or datetime.now(UTC)
    mails = []
    for contact in contacts_with_email(tenant, email):
        if _link_made_since(contact, now - LINK_INTERVAL):
            continue
        token = create_link(tenant, contact, now)
        link = external_url("landlord_page.enter", municipality=tenant.slug, token=token)
        with force_locale(locale):
            text, html = mail.render(
                "landlord_page/mail/link",
                tenant=tenant,
                contact=contact,
                link=link,
                hours=current_app.config["LANDLORD_LINK_HOURS"],
                locale=locale,
            )
            subject = _("Your page at %(municipality)s", municipality=tenant.name)
        mails.append(mail.Mail(to=contact.email, subject=subject, text=text, html=html))
    db.session.commit()
    return mails


def _link_made_since(contact: ContactPerson, moment: datetime) -> bool:
    return (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(SignInLink)
            .where(SignInLink.contact_person_id == contact.id, SignInLink.created_at > moment)
        )
        > 0
    )


def purge_links(tenant: Tenant, now: datetime | None = None) -> int:
    """Remove the links spent or expired longer ago than ``LINK_RETENTION``; returns how many."""
    cutoff = (now or datetime.now(UTC)) - LINK_RETENTION
    result = db.session.execute(
        sa.delete(SignInLink).where(sa.or_(SignInLink.used_at < cutoff, SignInLink.expires_at < cutoff))
    )
    db.session.commit()
    return result.rowcount


def create_link(tenant: Tenant, contact: ContactPerson, now: datetime | None = None) -> str:
    """A new sign-in link's token for ``contact``; the caller commits and mails it."""
    now = now or datetime.now(UTC)
    secret = secrets.token_urlsafe(24)
    link = SignInLink(
        landlord_id=contact.landlord_id,
        contact_person_id=contact.id,
        secret_hash=_hash(secret),
        created_at=now,
        expires_at=now + timedelta(hours=current_app.config["LANDLORD_LINK_HOURS"]),
    )
    db.session.add(link)
    db.session.flush()
    return _serializer(tenant).dumps([link.id, secret])


def check_link(tenant: Tenant, token: str, now: datetime | None = None) -> SignInLink:
    """The link ``token`` stands for, if it may still be used; raises ``LinkError`` saying why not."""
    from flask_babel import gettext as _

    now = now or datetime.now(UTC)
    try:
        link_id, secret = _serializer(tenant).loads(token)
        link = db.session.get(SignInLink, int(link_id)) if 0 < int(link_id) < 2**31 else None
    except (BadSignature, ValueError, TypeError):
        link = None
    if link is None or not hmac.compare_digest(link.secret_hash, _hash(str(secret))):
        raise LinkError(_("This link is not valid. Ask for a new one below."))
    if link.used_at is not None:
        raise LinkError(_("This link has been used already; each link works once. Ask for a new one below."))
    if _aware(link.expires_at) <= now:
        raise LinkError(_("This link has expired. Ask for a new one below."))
    return link


def use_link(tenant: Tenant, token: str, now: datetime | None = None) -> SignInLink:
    """Spend the link: of two uses at once only one succeeds (one conditional UPDATE)."""
    from flask_babel import gettext as _

    now = now or datetime.now(UTC)
    link = check_link(tenant, token, now)
    spent = db.session.execute(
        sa.update(SignInLink)
        .where(SignInLink.id == link.id, SignInLink.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if spent != 1:
        raise LinkError(_("This link has been used already; each link works once. Ask for a new one below."))
    log.info("sign-in link %s used for landlord %s", link.id, link.landlord_id)
    return link


def offer_home(tenant: Tenant, access: LandlordAccess, data: VacancyData) -> Vacancy:
    vacancy = offer_vacancy(tenant, None, access.landlord, data, OfferedVia.LANDLORD_PAGE, commit=False)
    _note(access, ChangeKind.HOME_OFFERED, vacancy)
    db.session.commit()
    return vacancy


def withdraw_home(tenant: Tenant, access: LandlordAccess, vacancy: Vacancy) -> bool:
    if not withdraw_vacancy(tenant, None, vacancy, commit=False):
        return False
    _note(access, ChangeKind.HOME_WITHDRAWN, vacancy)
    db.session.commit()
    return True


def update_contact(tenant: Tenant, access: LandlordAccess, name: str, phone: str, email: str) -> bool:
    """The contact person's own details; returns False when nothing changed."""
    contact = access.contact
    before = {"name": contact.name, "phone": contact.phone, "email": contact.email}
    after = {"name": name, "phone": phone, "email": email}
    changes = diff(before, after)
    if not changes:
        return False
    old_email = contact.email
    contact.name, contact.phone, contact.email = name, phone, email
    record(tenant, None, Action.UPDATED, access.landlord, {f"contact_{key}": value for key, value in changes.items()})
    _note(access, ChangeKind.CONTACT_UPDATED)
    db.session.commit()
    if old_email and old_email.lower() != email.lower():
        # Links go to the new address from now on: the old one is told, so a change made by someone else
        # who got in does not go unnoticed.
        mail.send_all([_address_changed_mail(tenant, access, old_email, email)])
    return True


def _address_changed_mail(tenant: Tenant, access: LandlordAccess, old_email: str, new_email: str) -> mail.Mail:
    from flask_babel import get_locale
    from flask_babel import gettext as _

    text, html = mail.render(
        "landlord_page/mail/address_changed", tenant=tenant, new_email=new_email, locale=str(get_locale())
    )
    subject = _("Your e-mail address at %(municipality)s was changed", municipality=tenant.name)
    return mail.Mail(to=old_email, subject=subject, text=text, html=html)


def mark_seen(tenant: Tenant, user: User, change_ids: list[int]) -> int:
    """The named contact has read these changes of their own landlords; returns how many."""
    owned = sa.select(Landlord.id).where(Landlord.owner_id == user.id)
    result = db.session.execute(
        sa.update(LandlordChange)
        .where(
            LandlordChange.id.in_(change_ids),
            LandlordChange.seen_at.is_(None),
            LandlordChange.landlord_id.in_(owned),
        )
        .values(seen_at=datetime.now(UTC), seen_by_id=user.id)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount


def _note(access: LandlordAccess, kind: ChangeKind, vacancy: Vacancy | None = None) -> None:
    db.session.add(
        LandlordChange(
            landlord_id=access.landlord.id,
            contact_person_id=access.contact.id,
            kind=kind,
            vacancy_id=vacancy.id if vacancy is not None else None,
        )
    )


def _aware(moment: datetime) -> datetime:
    # SQLite hands timezone-aware columns back naive; they were stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
