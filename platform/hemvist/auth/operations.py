"""Writes about users and what they may reach."""

from __future__ import annotations

import logging

import sqlalchemy as sa

from hemvist.auth.models import CountyMembership, Department, Membership, ReminderFrequency, Role, User
from hemvist.auth.passwords import hash_password, needs_rehash, verify_password
from hemvist.extensions import db
from hemvist.tenancy.models import County, Municipality

log = logging.getLogger("hemvist.auth")

MIN_PASSWORD_LENGTH = 10


class AuthError(ValueError):
    pass


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or ``None``."""
    user = find_user(email)
    if not verify_password(user.password_hash if user else None, password) or not user.active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        db.session.commit()
    return user


def create_user(
    email: str,
    name: str,
    password: str | None = None,
    *,
    platform_admin: bool = False,
    locale: str | None = None,
    commit: bool = True,
) -> User:
    """A new user; without a password one cannot log in until an invitation has been accepted."""
    if find_user(email) is not None:
        raise AuthError(f"a user with the e-mail {normalise_email(email)} exists already")
    user = User(email=normalise_email(email), name=name.strip(), is_platform_admin=platform_admin, locale=locale)
    if password is not None:
        set_password(user, password)
    db.session.add(user)
    db.session.flush()
    if commit:
        db.session.commit()
    log.info("user %s created", user.id)
    return user


def set_password(user: User, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(f"a password has at least {MIN_PASSWORD_LENGTH} characters")
    user.password_hash = hash_password(password)


def grant_membership(user: User, municipality: Municipality, role: Role, *, commit: bool = True) -> Membership:
    """Give ``user`` ``role`` in ``municipality`` (or change the role they have)."""
    membership = user.membership_of(municipality.id)
    if membership is None:
        membership = Membership(user=user, municipality=municipality, role=role)
        db.session.add(membership)
    membership.role = role
    if commit:
        db.session.commit()
    return membership


def revoke_membership(membership: Membership, *, commit: bool = True) -> None:
    """Take a municipality away from its member; what they wrote there stays, under their name."""
    membership.user.memberships.remove(membership)
    if commit:
        db.session.commit()


def grant_county(user: User, county: County, *, commit: bool = True) -> CountyMembership:
    for existing in user.county_memberships:
        if existing.county_code == county.code:
            return existing
    membership = CountyMembership(user=user, county=county)
    db.session.add(membership)
    if commit:
        db.session.commit()
    return membership


def revoke_county(membership: CountyMembership, *, commit: bool = True) -> None:
    membership.user.county_memberships.remove(membership)
    if commit:
        db.session.commit()


def grant_platform_admin(user: User, *, commit: bool = True) -> None:
    set_platform_admin(user, True, commit=commit)


def set_platform_admin(user: User, value: bool, *, commit: bool = True) -> None:
    user.is_platform_admin = value
    if commit:
        db.session.commit()


def set_active(user: User, active: bool, *, commit: bool = True) -> None:
    """Deactivate or reactivate a user. Users are never deleted: tenant rows refer to them by id. A
    deactivated user's session ends at their next request (the user loader refuses them)."""
    user.active = active
    if commit:
        db.session.commit()


def update_profile(
    user: User,
    *,
    name: str,
    phone: str,
    department: Department | None,
    locale: str | None = None,
    reminders: ReminderFrequency | None = None,
) -> User:
    """What colleagues and landlords see of a user: name, phone, department; and the user's language."""
    user.name = name.strip()
    user.phone = phone
    user.department = department
    if locale is not None:
        user.locale = locale
    if reminders is not None:
        user.reminders = reminders
    db.session.commit()
    return user


def save_locale(user: User, locale: str) -> None:
    user.locale = locale
    db.session.commit()
