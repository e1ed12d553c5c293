"""Invitations: a signed link by e-mail with which a new user chooses their password.

The token is signed with the application's secret (``itsdangerous``, a salt of its own, so that no other
signed value of Hemvist passes for an invitation) and carries two things: the user's id and a fingerprint
of the user's password hash as it was when the link was made (empty: no password yet). Setting the
password changes the hash, so the fingerprint stops matching and the link is spent after one use without
a table of links to keep. A link is refused outright for a user who has a password, so an invitation can
never replace a password someone chose, and for a deactivated user. It expires after
``INVITATION_DAYS``.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from hemvist.auth.models import User
from hemvist.auth.operations import MIN_PASSWORD_LENGTH, AuthError
from hemvist.auth.passwords import hash_password
from hemvist.core import mail
from hemvist.core.links import external_url
from hemvist.extensions import db

log = logging.getLogger("hemvist.auth")

SALT = "hemvist-invitation"
# Why a link cannot be used; the page says it in words.
INVALID, EXPIRED, SPENT = "invalid", "expired", "spent"


class InvitationError(ValueError):
    """An invitation link that cannot be used; ``reason`` is ``INVALID``, ``EXPIRED`` or ``SPENT``."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def validity() -> timedelta:
    return timedelta(days=int(current_app.config["INVITATION_DAYS"]))


def _fingerprint(user: User) -> str:
    # A digest, not the hash itself: the token's payload is signed, not encrypted, and is read in e-mails.
    return hashlib.sha256(f"{SALT}:{user.password_hash or ''}".encode()).hexdigest()[:24]


def make_token(user: User) -> str:
    return _serializer().dumps([user.id, _fingerprint(user)])


def invited_user(token: str) -> User:
    """The user ``token`` invites, if the link may still be used; raises ``InvitationError`` saying why not."""
    try:
        user_id, fingerprint = _serializer().loads(token, max_age=int(validity().total_seconds()))
    except SignatureExpired:
        raise InvitationError(EXPIRED) from None
    except (BadSignature, ValueError, TypeError):
        raise InvitationError(INVALID) from None
    if not (isinstance(user_id, int) and 0 < user_id < 2**31 and isinstance(fingerprint, str)):
        raise InvitationError(INVALID)
    user = db.session.get(User, user_id)
    if user is None or not user.active:
        raise InvitationError(INVALID)
    if user.password_hash is not None or not hmac.compare_digest(fingerprint, _fingerprint(user)):
        raise InvitationError(SPENT)
    return user


def accept(token: str, password: str) -> User:
    """Set the invited user's password; of two uses of one link at once only one succeeds."""
    user = invited_user(token)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(f"a password has at least {MIN_PASSWORD_LENGTH} characters")
    # One conditional UPDATE: the check above and the write cannot be split by another request.
    changed = db.session.execute(
        sa.update(User)
        .where(User.id == user.id, User.password_hash.is_(None), User.active.is_(True))
        .values(password_hash=hash_password(password))
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if changed != 1:
        raise InvitationError(SPENT)
    db.session.refresh(user)
    log.info("user %s accepted an invitation", user.id)
    return user


def invitation_mail(user: User, inviter: User) -> mail.Mail:
    """The invitation, in the invitee's language, with a link that opens the page in that language too."""
    locale = user.locale or "sv"
    link = external_url("auth.invitation", token=make_token(user), lang=locale)
    with force_locale(locale):
        places = [
            _("%(municipality)s, as %(role)s", municipality=m.municipality.name, role=m.role.label)
            for m in sorted(user.memberships, key=lambda m: m.municipality.name)
        ]
        places += [
            _("The county page of %(county)s", county=c.county.name)
            for c in sorted(user.county_memberships, key=lambda c: c.county_code)
        ]
        if user.is_platform_admin:
            places.append(_("The platform administration"))
        text, html = mail.render(
            "auth/mail/invitation",
            user=user,
            inviter=inviter,
            link=link,
            places=places,
            days=validity().days,
            locale=locale,
        )
        subject = _("You are invited to Hemvist")
    return mail.Mail(to=user.email, subject=subject, text=text, html=html)
