"""Who is on a landlord's page: kept in the session, per municipality, for ``LANDLORD_SESSION_MINUTES``."""

from __future__ import annotations

import time
from functools import wraps

from flask import current_app, flash, g, redirect, session, url_for
from flask_babel import gettext as _

from hemvist.extensions import db
from hemvist.landlord_page.models import SignInLink
from hemvist.landlord_page.operations import LandlordAccess
from hemvist.landlords.models import ContactPerson, Landlord
from hemvist.tenancy.models import Tenant

SESSION_KEY = "landlord_access"


def open_page(tenant: Tenant, link: SignInLink) -> None:
    pages = session.get(SESSION_KEY, {})
    minutes = current_app.config["LANDLORD_SESSION_MINUTES"]
    pages[str(tenant.id)] = [link.landlord_id, link.contact_person_id, int(time.time()) + 60 * minutes]
    session[SESSION_KEY] = pages


def close_page(tenant: Tenant) -> None:
    pages = session.get(SESSION_KEY, {})
    if pages.pop(str(tenant.id), None) is not None:
        session[SESSION_KEY] = pages


def current_access(tenant: Tenant) -> LandlordAccess | None:
    """The landlord and contact person whose page this browser may see in ``tenant``, if any."""
    entry = session.get(SESSION_KEY, {}).get(str(tenant.id))
    if not (isinstance(entry, list) and len(entry) == 3):
        return None
    landlord_id, contact_id, until = entry
    if until < time.time():
        close_page(tenant)
        return None
    landlord = db.session.get(Landlord, landlord_id)
    contact = db.session.get(ContactPerson, contact_id)
    if landlord is None or landlord.deleted_at is not None or contact is None or contact.landlord_id != landlord.id:
        close_page(tenant)
        return None
    return LandlordAccess(landlord=landlord, contact=contact)


def landlord_required(view):
    """A view of the landlord's page: without an open page, back to asking for a link."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        access = current_access(g.tenant)
        if access is None:
            flash(_("Ask for a link by e-mail to open your page."), "info")
            return redirect(url_for("landlord_page.page"))
        g.landlord_access = access
        return view(*args, **kwargs)

    return wrapped
