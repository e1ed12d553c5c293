"""The morning e-mail: each member's overdue and due follow-ups, one e-mail per person and municipality.

Run by ``flask followups send-digest`` from a daily cron job. Each municipality is read with the session
bound to it alone, and each e-mail is built from that municipality's rows only: a coordinator working
for two municipalities gets two e-mails, never one that mixes them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from hemvist.auth.models import User
from hemvist.auth.queries import is_member, users_by_id
from hemvist.core import mail
from hemvist.core.i18n import LOCALES
from hemvist.core.links import UrlBuilder, url_builder
from hemvist.dialogue import queries
from hemvist.dialogue.models import FollowUp
from hemvist.extensions import db
from hemvist.tenancy.binding import bound
from hemvist.tenancy.models import Municipality, Tenant, TenantStatus

log = logging.getLogger("hemvist.dialogue")


@dataclass
class DigestReport:
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    municipalities: int = 0


def locale_for(user: User, tenant: Tenant) -> str:
    return user.locale if user.locale in LOCALES else tenant.default_locale


def active_tenants() -> list[Tenant]:
    municipalities = db.session.scalars(
        sa.select(Municipality).where(Municipality.status == TenantStatus.ACTIVE).order_by(Municipality.code)
    )
    return [municipality.as_tenant() for municipality in municipalities]


def digest_for(tenant: Tenant, user: User, follow_ups: list[FollowUp], on: date, build_url: UrlBuilder) -> mail.Mail:
    """One person's e-mail, in their language. The session must be bound to ``tenant``."""
    overdue = [follow_up for follow_up in follow_ups if follow_up.due_on < on]
    due = [follow_up for follow_up in follow_ups if follow_up.due_on >= on]

    def landlord_link(follow_up: FollowUp) -> str:
        return build_url("landlords.detail", municipality=tenant.slug, landlord_id=follow_up.landlord_id)

    locale = locale_for(user, tenant)
    with force_locale(locale):
        subject = _("Your follow-ups in %(municipality)s", municipality=tenant.name)
        text, html = mail.render(
            "dialogue/mail/digest",
            user=user,
            municipality=tenant,
            on=on,
            overdue=overdue,
            due=due,
            landlord_link=landlord_link,
            list_link=build_url("dialogue.follow_ups", municipality=tenant.slug),
            subject=subject,
            locale=locale,
        )
    return mail.Mail(to=user.email, subject=subject, text=text, html=html)


def digests(tenant: Tenant, on: date, build_url: UrlBuilder) -> list[mail.Mail]:
    """The e-mails of one municipality's members with follow-ups due by ``on``. The session must be bound."""
    due = queries.due_by_assignee(tenant, on)
    people = users_by_id(due)
    mails = []
    for user_id, follow_ups in due.items():
        user = people.get(user_id)
        # Someone who has left (deactivated, or no longer a member) gets nothing; their list stays visible
        # in everyone's follow-ups for a colleague to take over.
        if user is None or not is_member(user, tenant):
            continue
        mails.append(digest_for(tenant, user, follow_ups, on, build_url))
    return mails


def send_digest(on: date) -> DigestReport:
    build_url = url_builder(current_app.config["BASE_URL"])
    report = DigestReport()
    mails: list[mail.Mail] = []
    for tenant in active_tenants():
        with bound(db.session, tenant.schema):
            mails += digests(tenant, on, build_url)
        report.municipalities += 1
    sent = mail.send_all(mails)
    report.sent, report.failed = sent.sent, sent.failed
    log.info("follow-up digest for %s: %s sent, %s failed", on.isoformat(), len(report.sent), len(report.failed))
    return report
