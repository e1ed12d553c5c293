"""The e-mails a sign-up sets off: the landlord's receipt, and word to the unit that one has arrived."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _

from hemvist.auth.models import Membership, Role, User
from hemvist.core import mail
from hemvist.core.links import external_url
from hemvist.extensions import db
from hemvist.signup.models import Signup
from hemvist.tenancy.models import Tenant


def receipt(tenant: Tenant, signup: Signup) -> mail.Mail:
    """The landlord's confirmation, in the language they filled the form in."""
    with force_locale(signup.locale):
        text, html = mail.render("signup/mail/receipt", tenant=tenant, signup=signup)
        subject = _("Your offer to %(municipality)s has arrived", municipality=tenant.name)
    return mail.Mail(to=signup.contact_email, subject=subject, text=text, html=html)


def unit_recipients(tenant: Tenant) -> list[str]:
    """The unit's shared mailbox from ``tenants/*.toml``, else the unit administrators."""
    if tenant.unit_email:
        return [tenant.unit_email]
    return list(
        db.session.scalars(
            sa.select(User.email)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.municipality_id == tenant.id, Membership.role == Role.UNIT_ADMIN, User.active.is_(True))
            .order_by(User.email)
        )
    )


def unit_notice(tenant: Tenant, signup: Signup) -> list[mail.Mail]:
    """Word to the unit, in the municipality's language; the details stay in Hemvist, behind a login."""
    link = external_url("signup.show", municipality=tenant.slug, signup_id=signup.id)
    with force_locale(tenant.default_locale):
        text, html = mail.render("signup/mail/unit_notice", tenant=tenant, signup=signup, link=link)
        subject = _("New landlord sign-up in Hemvist")
    return [mail.Mail(to=address, subject=subject, text=text, html=html) for address in unit_recipients(tenant)]


def send_for(tenant: Tenant, signup: Signup) -> mail.SendReport:
    return mail.send_all([receipt(tenant, signup), *unit_notice(tenant, signup)])
