"""Word to the coordinators whose offers an acceptance withdrew, each in their own language.

Sent after the acceptance is committed; a mail that fails is logged by ``core.mail`` and never undoes it.
The e-mail names the offers by link and the households by reference only: the details stay behind a login.
"""

from __future__ import annotations

import logging

from flask_babel import force_locale
from flask_babel import gettext as _

from hemvist.auth.queries import users_by_id
from hemvist.core import mail
from hemvist.core.i18n import LOCALES
from hemvist.core.links import external_url
from hemvist.offers.operations import Acceptance
from hemvist.tenancy.models import Tenant

log = logging.getLogger("hemvist.offers")


def withdrawal_notices(tenant: Tenant, acting_user_id: int | None, acceptance: Acceptance) -> list[mail.Mail]:
    """One e-mail per coordinator concerned: whoever made a withdrawn offer, and the coordinators of the
    households whose offers were withdrawn; never the person who recorded the acceptance."""
    concerned: dict[int, list] = {}
    for offer in acceptance.withdrawn:
        for user_id in (offer.offered_by_id, offer.household.coordinator_id):
            if user_id is not None and user_id != acting_user_id:
                offers = concerned.setdefault(user_id, [])
                if offer not in offers:
                    offers.append(offer)
    people = users_by_id(concerned)
    accepted = acceptance.offer
    mails = []
    for user_id, offers in concerned.items():
        user = people.get(user_id)
        if user is None or not user.active:
            continue
        locale = user.locale if user.locale in LOCALES else tenant.default_locale
        links = {
            offer.id: external_url("offers.detail", municipality=tenant.slug, offer_id=offer.id) for offer in offers
        }
        with force_locale(locale):
            subject = _("Offers withdrawn in %(municipality)s", municipality=tenant.name)
            text, html = mail.render(
                "offers/mail/withdrawn",
                user=user,
                municipality=tenant,
                accepted=accepted,
                accepted_link=external_url("offers.detail", municipality=tenant.slug, offer_id=accepted.id),
                offers=offers,
                links=links,
                subject=subject,
                locale=locale,
            )
        mails.append(mail.Mail(to=user.email, subject=subject, text=text, html=html))
    return mails


def send_withdrawal_notices(tenant: Tenant, acting_user_id: int | None, acceptance: Acceptance):
    """Build and send in the background; nothing here may fail the acceptance already made."""
    try:
        mails = withdrawal_notices(tenant, acting_user_id, acceptance)
    except Exception:  # noqa: BLE001 — the acceptance stands whatever the mail does
        log.exception("offer %s: the withdrawal notices could not be made", acceptance.offer.id)
        return None
    return mail.send_in_background(mails)
