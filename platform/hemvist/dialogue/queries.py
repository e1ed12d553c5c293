"""Reads from the dialogue log: a landlord's timeline, the latest contacts, follow-up lists, headline figures.

Every function takes the municipality the session is bound to, and the date it counts from where "today"
matters, so that lists and figures can be computed for any day (the digest, the tests).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import joinedload, selectinload

from hemvist.auth.models import Role
from hemvist.core.paging import Page, paginate
from hemvist.dialogue.models import FollowUp, Interaction, InteractionKind
from hemvist.extensions import db
from hemvist.landlords.models import Landlord, Stage, StageChange
from hemvist.tenancy.models import Tenant

LATEST_CONTACTS = 3
# A partner of many years has hundreds of interactions; the page shows the newest and links to the rest.
TIMELINE_PER_PAGE = 20
# A contact by a colleague this recent is worth a word before one calls the landlord again.
RECENT_CONTACT_DAYS = 14
COMING_UP_DAYS = 30
# Follow-ups planned further ahead (a meeting's "in three months") are listed a page at a time, soonest first.
LATER_PER_PAGE = 25


def can_log(membership) -> bool:
    """Coordinators and unit administrators log contacts; read-only members read them."""
    return membership is not None and membership.role in (Role.COORDINATOR, Role.UNIT_ADMIN)


def _live(query: sa.Select, landlord_column) -> sa.Select:
    # Deleted landlords (in their grace period) are out of every list and figure, as in the registry.
    return query.join(Landlord, Landlord.id == landlord_column).where(Landlord.deleted_at.is_(None))


def get_interaction_or_404(tenant: Tenant, landlord: Landlord, interaction_id: int) -> Interaction:
    interaction = db.session.get(Interaction, interaction_id)
    if interaction is None or interaction.landlord_id != landlord.id:
        abort(404)
    return interaction


def get_open_follow_up_or_404(tenant: Tenant, follow_up_id: int) -> FollowUp:
    follow_up = db.session.scalar(
        _live(sa.select(FollowUp), FollowUp.landlord_id)
        .where(FollowUp.id == follow_up_id, FollowUp.done_on.is_(None))
        .options(joinedload(FollowUp.landlord))
    )
    if follow_up is None:
        abort(404)
    return follow_up


def _timeline(landlord: Landlord) -> sa.Select:
    return (
        sa.select(Interaction)
        .where(Interaction.landlord_id == landlord.id)
        .options(selectinload(Interaction.topic_rows), joinedload(Interaction.contact_person))
    )


TIMELINE_ORDER = (Interaction.occurred_on.desc(), Interaction.id.desc())


def timeline(tenant: Tenant, landlord: Landlord, page: int = 1, per_page: int = TIMELINE_PER_PAGE) -> Page[Interaction]:
    """A page of the landlord's interactions, newest first, with their topics and contact persons loaded."""
    return paginate(_timeline(landlord), TIMELINE_ORDER, page, per_page)


def latest_contacts(tenant: Tenant, landlord: Landlord) -> list[Interaction]:
    return list(db.session.scalars(_timeline(landlord).order_by(*TIMELINE_ORDER).limit(LATEST_CONTACTS)))


def recent_contacts_by_others(tenant: Tenant, landlord: Landlord, user_id: int, today: date) -> list[Interaction]:
    """Contacts with the landlord by anyone but ``user_id`` in the last ``RECENT_CONTACT_DAYS`` days."""
    return list(
        db.session.scalars(
            sa.select(Interaction)
            .where(
                Interaction.landlord_id == landlord.id,
                Interaction.user_id != user_id,
                Interaction.occurred_on >= today - timedelta(days=RECENT_CONTACT_DAYS),
            )
            .order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
        )
    )


def open_follow_ups(tenant: Tenant, landlord: Landlord) -> list[FollowUp]:
    return list(
        db.session.scalars(
            sa.select(FollowUp)
            .where(FollowUp.landlord_id == landlord.id, FollowUp.done_on.is_(None))
            .order_by(FollowUp.due_on, FollowUp.id)
        )
    )


@dataclass
class FollowUpLists:
    overdue: list[FollowUp] = field(default_factory=list)
    due_today: list[FollowUp] = field(default_factory=list)
    coming_up: list[FollowUp] = field(default_factory=list)
    # Due after the next ``COMING_UP_DAYS`` days: one page of them, the page says how many there are in all.
    later: Page[FollowUp] = field(default_factory=lambda: Page(items=[], total=0, page=1, per_page=LATER_PER_PAGE))

    @property
    def all(self) -> list[FollowUp]:
        return self.overdue + self.due_today + self.coming_up + self.later.items


FOLLOW_UP_ORDER = (FollowUp.due_on, Landlord.name, FollowUp.id)


def follow_up_lists(
    tenant: Tenant, today: date, assigned_to_id: int | None = None, later_page: int = 1
) -> FollowUpLists:
    """Every open follow-up, one person's or everyone's, landlords loaded.

    Those due by ``today`` + 30 days are grouped by when they are due; those due later come a page at a time
    (``later_page``), so that a follow-up planned months ahead is listed too, however many there are.
    """
    horizon = today + timedelta(days=COMING_UP_DAYS)
    open_ones = _live(sa.select(FollowUp), FollowUp.landlord_id).where(FollowUp.done_on.is_(None))
    if assigned_to_id is not None:
        open_ones = open_ones.where(FollowUp.assigned_to_id == assigned_to_id)
    open_ones = open_ones.options(joinedload(FollowUp.landlord))
    query = open_ones.where(FollowUp.due_on <= horizon).order_by(*FOLLOW_UP_ORDER)
    lists = FollowUpLists(
        later=paginate(open_ones.where(FollowUp.due_on > horizon), FOLLOW_UP_ORDER, later_page, LATER_PER_PAGE)
    )
    for follow_up in db.session.scalars(query):
        if follow_up.due_on < today:
            lists.overdue.append(follow_up)
        elif follow_up.due_on == today:
            lists.due_today.append(follow_up)
        else:
            lists.coming_up.append(follow_up)
    return lists


def follow_up_counts(tenant: Tenant, today: date, assigned_to_id: int) -> tuple[int, int]:
    """How many of the person's open follow-ups are overdue, and how many due today."""
    overdue = sa.func.sum(sa.case((FollowUp.due_on < today, 1), else_=0))
    due_today = sa.func.sum(sa.case((FollowUp.due_on == today, 1), else_=0))
    # Deleted landlords left out by NOT EXISTS over the few deleted ones (``ix_landlords_deleted_at``), the
    # same rows as ``_live``'s join (the foreign key guarantees the landlord), without reading every landlord.
    deleted_landlord = sa.exists().where(Landlord.id == FollowUp.landlord_id, Landlord.deleted_at.is_not(None))
    row = db.session.execute(
        sa.select(overdue, due_today).where(
            FollowUp.assigned_to_id == assigned_to_id,
            FollowUp.done_on.is_(None),
            FollowUp.due_on <= today,
            ~deleted_landlord,
        )
    ).one()
    return int(row[0] or 0), int(row[1] or 0)


def due_by_assignee(tenant: Tenant, on: date) -> dict[int, list[FollowUp]]:
    """Every open follow-up due on or before ``on``, by the person it is assigned to, landlords loaded."""
    query = (
        _live(sa.select(FollowUp), FollowUp.landlord_id)
        .where(FollowUp.done_on.is_(None), FollowUp.due_on <= on)
        .order_by(FollowUp.assigned_to_id, FollowUp.due_on, Landlord.name, FollowUp.id)
        .options(joinedload(FollowUp.landlord))
    )
    due: dict[int, list[FollowUp]] = {}
    for follow_up in db.session.scalars(query):
        due.setdefault(follow_up.assigned_to_id, []).append(follow_up)
    return due


@dataclass(frozen=True)
class Figures:
    start: date
    end: date
    contacted: int
    met: int
    new_partners: int
    by_kind: dict[InteractionKind, int]

    @property
    def interactions(self) -> int:
        return sum(self.by_kind.values())


def figures(tenant: Tenant, start: date, end: date) -> Figures:
    """The headline figures of the dialogue from ``start`` to ``end``, both days included."""
    in_period = (
        _live(sa.select(Interaction.landlord_id), Interaction.landlord_id)
        .where(Interaction.occurred_on.between(start, end))
        .distinct()
        .subquery()
    )
    contacted = db.session.scalar(sa.select(sa.func.count()).select_from(in_period))
    met_query = (
        _live(sa.select(Interaction.landlord_id), Interaction.landlord_id)
        .where(Interaction.occurred_on.between(start, end), Interaction.kind == InteractionKind.MEETING)
        .distinct()
        .subquery()
    )
    met = db.session.scalar(sa.select(sa.func.count()).select_from(met_query))
    partners_query = (
        _live(sa.select(StageChange.landlord_id), StageChange.landlord_id)
        .where(StageChange.to_stage == Stage.PARTNER, StageChange.changed_on.between(start, end))
        .distinct()
        .subquery()
    )
    new_partners = db.session.scalar(sa.select(sa.func.count()).select_from(partners_query))
    by_kind = dict.fromkeys(InteractionKind, 0)
    rows = db.session.execute(
        _live(sa.select(Interaction.kind, sa.func.count()), Interaction.landlord_id)
        .where(Interaction.occurred_on.between(start, end))
        .group_by(Interaction.kind)
    ).all()
    by_kind.update(dict(rows))
    return Figures(start=start, end=end, contacted=contacted, met=met, new_partners=new_partners, by_kind=by_kind)
