"""How the dialogue is told to a reader: "Called by Anna Lindqvist (Social services) 3 days ago".

Everything here runs in the reader's language (an active Flask-Babel locale: a request, or the digest's
``force_locale``) and loads the people it names in one query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import url_for
from flask_babel import format_timedelta
from flask_babel import gettext as _
from phonenumbers import NumberParseException

from hemvist.auth.models import User
from hemvist.auth.queries import users_by_id
from hemvist.core import clock
from hemvist.core.paging import Page
from hemvist.dialogue import queries
from hemvist.dialogue.models import FollowUp, Interaction, InteractionKind
from hemvist.landlords.models import Landlord
from hemvist.landlords.validation import display_phone
from hemvist.tenancy.models import Tenant


def landlord_url(landlord_id: int, **values) -> str:
    """The landlord's page in the registry, where the dialogue's section is shown."""
    return url_for("landlords.detail", landlord_id=landlord_id, **values)


def person(user: User | None) -> str:
    """A colleague as others should see them: the name, and the department when it is known."""
    if user is None:
        return _("a former colleague")
    if user.department is None:
        return user.name
    return _("%(name)s (%(department)s)", name=user.name, department=user.department.label)


def when(day: date, today: date) -> str:
    """How long ago ``day`` was, in whole days at least: "today", "yesterday", "3 days ago", "2 months ago"."""
    days = (today - day).days
    if days <= 0:
        return _("today")
    if days == 1:
        return _("yesterday")
    # threshold=2: "10 days ago" rather than "1 week ago", "6 weeks ago" rather than "1 month ago".
    return format_timedelta(timedelta(days=-days), granularity="day", threshold=2, add_direction=True)


def contact_sentence(kind: InteractionKind, who: str, ago: str) -> str:
    # One sentence per kind, so that each language can put the verb where it belongs.
    if kind is InteractionKind.PHONE:
        return _("Called by %(who)s %(when)s", who=who, when=ago)
    if kind is InteractionKind.EMAIL:
        return _("E-mailed by %(who)s %(when)s", who=who, when=ago)
    if kind is InteractionKind.MEETING:
        return _("Met in person by %(who)s %(when)s", who=who, when=ago)
    if kind is InteractionKind.LETTER:
        return _("Written to by %(who)s %(when)s", who=who, when=ago)
    return _("Met at an event by %(who)s %(when)s", who=who, when=ago)


@dataclass(frozen=True)
class ContactLine:
    interaction: Interaction
    sentence: str


@dataclass
class LandlordDialogue:
    """What a reader of the landlord's page or of the log form is told about the dialogue so far."""

    landlord: Landlord
    reader: User
    today: date
    owner: User | None
    latest: list[ContactLine]
    recent_by_others: list[ContactLine]
    timeline: Page[Interaction] | None = None
    open_follow_ups: list[FollowUp] = field(default_factory=list)
    users: dict[int, User] = field(default_factory=dict)

    @property
    def reader_is_owner(self) -> bool:
        return self.owner is not None and self.owner.id == self.reader.id

    def user(self, user_id: int | None) -> User | None:
        return self.users.get(user_id)

    def person(self, user_id: int | None) -> str:
        return person(self.users.get(user_id))

    @staticmethod
    def phone_text(e164: str) -> str:
        try:
            return display_phone(e164)
        except NumberParseException:
            return e164  # stored before phones were normalised: shown as typed


def landlord_dialogue(
    tenant: Tenant, landlord: Landlord, reader: User, *, timeline_page: int | None = None
) -> LandlordDialogue:
    """What ``reader`` is told about the dialogue; with ``timeline_page``, that page of the timeline too."""
    today = clock.today()
    timeline = None
    history: list[Interaction] = []
    follow_ups: list[FollowUp] = []
    if timeline_page is not None:
        timeline = queries.timeline(tenant, landlord, timeline_page)
        history = timeline.items
        follow_ups = queries.open_follow_ups(tenant, landlord)
    if timeline is not None and timeline.page == 1:
        latest = history[: queries.LATEST_CONTACTS]
    else:
        latest = queries.latest_contacts(tenant, landlord)
    recent = queries.recent_contacts_by_others(tenant, landlord, reader.id, today)
    users = users_by_id(
        [landlord.owner_id] + [i.user_id for i in history + latest + recent] + [f.assigned_to_id for f in follow_ups]
    )

    def lines(interactions: list[Interaction]) -> list[ContactLine]:
        return [
            ContactLine(i, contact_sentence(i.kind, person(users.get(i.user_id)), when(i.occurred_on, today)))
            for i in interactions
        ]

    return LandlordDialogue(
        landlord=landlord,
        reader=reader,
        today=today,
        owner=users.get(landlord.owner_id),
        latest=lines(latest),
        recent_by_others=lines(recent),
        timeline=timeline,
        open_follow_ups=follow_ups,
        users=users,
    )
