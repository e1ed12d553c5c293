"""Writes of the administration: municipalities enabled, suspended and resumed; users invited and given or
denied access. Every one takes the acting administrator and records what it did in the log, in the same
transaction as the change where the change is this module's own.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from hemvist.admin import actions
from hemvist.admin.models import AdminAction
from hemvist.auth import invitations
from hemvist.auth import operations as auth
from hemvist.auth.models import CountyMembership, Membership, Role, User
from hemvist.core import mail
from hemvist.extensions import db
from hemvist.tenancy import operations as tenancy
from hemvist.tenancy import reference
from hemvist.tenancy.config_files import TenantFileError
from hemvist.tenancy.models import Municipality, TenantStatus

log = logging.getLogger("hemvist.admin")


class AdminError(ValueError):
    """A change the administration refuses; ``str(error)`` is translated, ``field`` names the form field."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def record(actor: User, action: str, subject: str, **details) -> AdminAction:
    """One row of the log; the caller commits it with the change it describes."""
    entry = AdminAction(actor_id=actor.id, action=action, subject=subject, details=details)
    db.session.add(entry)
    return entry


# Municipalities


@dataclass(frozen=True)
class MunicipalityData:
    code: str
    slug: str = ""
    default_locale: str = "sv"
    population: int | None = None
    unit_email: str = ""


def enable_municipality(actor: User, data: MunicipalityData) -> Municipality:
    """Put a municipality of the official list on the service: its schema is created and migrated.

    ``create_tenant`` also brings an existing municipality up to date, which is right for ``tenants sync``
    but not here: enabling one that is on the service already is refused, so nothing of it changes.
    """
    official = reference.municipalities().get(data.code)
    if official is None:
        raise AdminError(_("Choose one of Sweden's municipalities from the list."), "code")
    if db.session.scalar(sa.select(Municipality.id).where(Municipality.code == data.code)) is not None:
        raise AdminError(_("%(name)s is on the service already.", name=official.name), "code")
    # The form checks the address too, alongside its other fields; this is for any other caller.
    slug = data.slug or official.slug
    if slug in platform_paths():
        raise AdminError(slug_rules(), "slug")
    try:
        municipality = tenancy.create_tenant(
            data.code,
            slug=slug,
            default_locale=data.default_locale,
            population=data.population,
            unit_email=data.unit_email or None,
        )
    except tenancy.UnknownMunicipality:
        raise AdminError(_("Choose one of Sweden's municipalities from the list."), "code") from None
    except TenantFileError:
        raise AdminError(slug_rules(), "slug") from None
    except tenancy.SlugTaken:
        message = _("The address /%(slug)s/ belongs to another municipality. Choose another.", slug=slug)
        raise AdminError(message, "slug") from None
    except sa.exc.IntegrityError:
        # Another administrator enabled it, or took the address, between the check and the commit.
        db.session.rollback()
        message = _("Someone enabled this municipality or took its address in the meantime. Check the list.")
        raise AdminError(message, "code") from None
    # create_tenant commits the municipality itself (its storage comes first): the log row follows it.
    record(
        actor,
        actions.MUNICIPALITY_ENABLED,
        municipality.code,
        name=municipality.name,
        slug=municipality.slug,
        default_locale=municipality.default_locale,
        population=municipality.population,
        unit_email=municipality.unit_email,
    )
    db.session.commit()
    log.info("municipality %s enabled by user %s", municipality.code, actor.id)
    return municipality


def slug_rules() -> str:
    """What an address may be, in the reader's language."""
    return _(
        "Use lowercase letters a–z, digits and dashes, at most 40, not starting or ending with a dash; "
        "and none of the service's own words (such as admin or login)."
    )


def platform_paths() -> set[str]:
    """The first segments of the platform's own addresses (/admin/, /invitation/…). ``tenancy`` reserves the
    ones it knows; a page added since (the invitation's) must not be shadowed by a municipality either."""
    return {rule.rule.split("/")[1] for rule in current_app.url_map.iter_rules() if not rule.rule.startswith("/<")}


def set_municipality_status(actor: User, municipality: Municipality, status: TenantStatus) -> bool:
    """Suspend or resume; False when it already had that status (a second click, another admin)."""
    if municipality.status is status:
        return False
    municipality.status = status
    action = actions.MUNICIPALITY_SUSPENDED if status is TenantStatus.SUSPENDED else actions.MUNICIPALITY_RESUMED
    record(actor, action, municipality.code, name=municipality.name, slug=municipality.slug)
    db.session.commit()
    log.info("municipality %s %s by user %s", municipality.code, status.value, actor.id)
    return True


# Access


def add_membership(actor: User, user: User, municipality: Municipality, role: Role) -> None:
    """Give the user a role in the municipality, or change the role they have there."""
    existing = user.membership_of(municipality.id)
    if existing is not None:
        change_role(actor, existing, role)
        return
    auth.grant_membership(user, municipality, role, commit=False)
    record(actor, actions.MEMBERSHIP_GRANTED, user.email, municipality=municipality.name, role=role.value)
    db.session.commit()


def change_role(actor: User, membership: Membership, role: Role) -> None:
    if membership.role is role:
        return
    before = membership.role
    auth.grant_membership(membership.user, membership.municipality, role, commit=False)
    record(
        actor,
        actions.ROLE_CHANGED,
        membership.user.email,
        municipality=membership.municipality.name,
        from_role=before.value,
        role=role.value,
    )
    db.session.commit()


def remove_membership(actor: User, membership: Membership) -> None:
    user, municipality, role = membership.user, membership.municipality, membership.role
    auth.revoke_membership(membership, commit=False)
    record(actor, actions.MEMBERSHIP_REMOVED, user.email, municipality=municipality.name, role=role.value)
    db.session.commit()


def grant_county(actor: User, user: User, county_code: str) -> None:
    """Let the user read a county's page; the county need not have a municipality on the service yet."""
    name = reference.counties().get(county_code)
    if name is None:
        raise AdminError(_("Choose a county from the list."), "county")
    if any(c.county_code == county_code for c in user.county_memberships):
        return
    auth.grant_county(user, tenancy.ensure_county(county_code), commit=False)
    record(actor, actions.COUNTY_GRANTED, user.email, county=name)
    db.session.commit()


def remove_county(actor: User, membership: CountyMembership) -> None:
    user, name = membership.user, membership.county.name
    auth.revoke_county(membership, commit=False)
    record(actor, actions.COUNTY_REMOVED, user.email, county=name)
    db.session.commit()


def set_active(actor: User, user: User, active: bool) -> bool:
    """Deactivate or reactivate; False when nothing changed. Nobody deactivates themself: the service
    would be left without the administrator who just did it, and without a way back."""
    if not active and user.id == actor.id:
        raise AdminError(_("You cannot deactivate yourself. Ask another administrator."))
    if user.active is active:
        return False
    auth.set_active(user, active, commit=False)
    record(actor, actions.USER_REACTIVATED if active else actions.USER_DEACTIVATED, user.email, name=user.name)
    db.session.commit()
    return True


def set_platform_admin(actor: User, user: User, value: bool) -> bool:
    if not value and user.id == actor.id:
        raise AdminError(_("You cannot remove your own administrator rights. Ask another administrator."))
    if user.is_platform_admin is value:
        return False
    auth.set_platform_admin(user, value, commit=False)
    action = actions.PLATFORM_ADMIN_GRANTED if value else actions.PLATFORM_ADMIN_REMOVED
    record(actor, action, user.email, name=user.name)
    db.session.commit()
    return True


# Invitations


@dataclass(frozen=True)
class InvitationData:
    email: str
    name: str
    locale: str = "sv"
    municipality: Municipality | None = None
    role: Role = Role.COORDINATOR
    county_code: str = ""


def invite_user(actor: User, data: InvitationData) -> tuple[User, bool]:
    """Create the user without a password, give the access asked for, and mail the invitation.

    An address whose user has not chosen a password yet is invited again (with the name and access given
    now); one whose user has a password, or is deactivated, is refused. Returns the user and whether the
    mail went out: the user exists either way, and the invitation can be sent again from their page.
    """
    if data.county_code and data.county_code not in reference.counties():
        raise AdminError(_("Choose a county from the list."), "county")
    user = auth.find_user(data.email)
    if user is not None and not user.active:
        message = _("%(email)s belongs to a deactivated user. Reactivate them on their page.", email=user.email)
        raise AdminError(message, "email")
    if user is not None and user.password_hash is not None:
        message = _("%(email)s already has an account. Give them access on their page instead.", email=user.email)
        raise AdminError(message, "email")
    if user is None:
        user = auth.create_user(data.email, data.name, locale=data.locale, commit=False)
    else:
        user.name, user.locale = data.name.strip(), data.locale
    if data.municipality is not None:
        auth.grant_membership(user, data.municipality, data.role, commit=False)
    if data.county_code:
        auth.grant_county(user, tenancy.ensure_county(data.county_code), commit=False)
    db.session.commit()
    mailed = _send_invitation(actor, user)
    record(
        actor,
        actions.USER_INVITED,
        user.email,
        name=user.name,
        locale=user.locale,
        municipality=data.municipality.name if data.municipality else None,
        role=data.role.value if data.municipality else None,
        county=reference.counties().get(data.county_code),
        mailed=mailed,
    )
    db.session.commit()
    return user, mailed


def send_invitation_again(actor: User, user: User) -> bool:
    """A new link for a user who has not chosen a password yet; whether the mail went out."""
    if not user.active or user.password_hash is not None:
        raise AdminError(_("%(name)s has chosen a password already or is deactivated.", name=user.name))
    mailed = _send_invitation(actor, user)
    record(actor, actions.INVITATION_SENT_AGAIN, user.email, name=user.name, mailed=mailed)
    db.session.commit()
    return mailed


def _send_invitation(actor: User, user: User) -> bool:
    # Sent while the administrator waits, after the user is committed: the page can then say whether it went.
    report = mail.send_all([invitations.invitation_mail(user, actor)])
    return user.email in report.sent
