"""The morning e-mail: each member's overdue and due follow-ups, and the leases they must act on, one
e-mail per person and municipality.

Only what needs doing (coordinators complained that reminders nag without purpose): follow-ups due, leases
whose transfer is overdue or planned within 14 days, subleases reaching the two-year warning. Nothing due:
no e-mail. Each member's setting (``User.reminders``) decides how often: every day it runs, on Mondays only
(the digest's date), or never.

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

from hemvist.auth.models import ReminderFrequency, User
from hemvist.auth.queries import is_member, users_by_id
from hemvist.core import mail
from hemvist.core.i18n import LOCALES
from hemvist.core.links import UrlBuilder, url_builder
from hemvist.dialogue import queries
from hemvist.dialogue.models import FollowUp
from hemvist.extensions import db
from hemvist.leases import queries as lease_queries
from hemvist.leases.queries import LeaseReminders
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


def digest_for(
    tenant: Tenant,
    user: User,
    follow_ups: list[FollowUp],
    on: date,
    build_url: UrlBuilder,
    leases: LeaseReminders | None = None,
) -> mail.Mail:
    """One person's e-mail, in their language. The session must be bound to ``tenant``."""
    overdue = [follow_up for follow_up in follow_ups if follow_up.due_on < on]
    due = [follow_up for follow_up in follow_ups if follow_up.due_on >= on]
    leases = leases or LeaseReminders()

    def landlord_link(follow_up: FollowUp) -> str:
        return build_url("landlords.detail", municipality=tenant.slug, landlord_id=follow_up.landlord_id)

    def lease_link(row) -> str:
        return build_url("leases.detail", municipality=tenant.slug, lease_id=row.lease.id)

    locale = locale_for(user, tenant)
    with force_locale(locale):
        if follow_ups:
            subject = _("Your follow-ups in %(municipality)s", municipality=tenant.name)
        else:
            subject = _("Leases to act on in %(municipality)s", municipality=tenant.name)
        text, html = mail.render(
            "dialogue/mail/digest",
            user=user,
            municipality=tenant,
            on=on,
            overdue=overdue,
            due=due,
            leases=leases,
            tenure_date=lease_queries.tenure_date,
            weekly=user.reminders is ReminderFrequency.WEEKLY,
            landlord_link=landlord_link,
            lease_link=lease_link,
            list_link=build_url("dialogue.follow_ups", municipality=tenant.slug),
            transfers_link=build_url("leases.transfers", municipality=tenant.slug),
            subject=subject,
            locale=locale,
        )
    return mail.Mail(to=user.email, subject=subject, text=text, html=html)


def wants_digest(user: User, on: date) -> bool:
    """The member's setting: every day the digest runs, on Mondays only, or never."""
    if user.reminders is ReminderFrequency.NEVER:
        return False
    if user.reminders is ReminderFrequency.WEEKLY:
        return on.weekday() == 0
    return True


def digests(tenant: Tenant, on: date, build_url: UrlBuilder) -> list[mail.Mail]:
    """The e-mails of one municipality's members with something due by ``on``. The session must be bound."""
    due = queries.due_by_assignee(tenant, on)
    leases = lease_queries.reminders_by_user(tenant, on)
    people = users_by_id({*due, *leases})
    mails = []
    for user_id in sorted(people):
        user = people[user_id]
        # Someone who has left (deactivated, or no longer a member) gets nothing; their list stays visible
        # in everyone's follow-ups and on the transfers page for a colleague to take over.
        if not is_member(user, tenant) or not wants_digest(user, on):
            continue
        follow_ups, reminders = due.get(user_id, []), leases.get(user_id)
        if not follow_ups and not reminders:
            continue  # nothing due: no e-mail
        mails.append(digest_for(tenant, user, follow_ups, on, build_url, reminders))
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
