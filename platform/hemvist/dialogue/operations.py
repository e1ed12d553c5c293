"""Writes to the dialogue log and its follow-ups. Each takes the municipality and the acting user explicitly.

Every check a form makes is made here again, because the import and the tests call these functions
without a form; ``DialogueError`` carries a message translated for the person who asked.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from hemvist.auth.models import Role, User
from hemvist.auth.queries import is_member, users_by_id
from hemvist.core import clock
from hemvist.dialogue.models import FollowUp, Interaction, InteractionKind, InteractionTopic, Topic
from hemvist.extensions import db
from hemvist.history.models import Action
from hemvist.history.operations import diff, record
from hemvist.landlords.models import ContactPerson, Landlord, Stage
from hemvist.landlords.operations import change_stage
from hemvist.tenancy.models import Tenant

log = logging.getLogger("hemvist.dialogue")

# The stage a kind of contact brings a landlord to, and the stages it may bring it from. A landlord who
# is already further on (interested, partner) or on a side track someone chose (paused, declined) stays
# where it is: logging a contact never moves a landlord backwards or undoes a decision.
STAGE_MOVES: dict[InteractionKind, tuple[Stage, frozenset[Stage]]] = {
    kind: (Stage.CONTACTED, frozenset({Stage.NEW})) for kind in InteractionKind
}
STAGE_MOVES[InteractionKind.MEETING] = (Stage.MET, frozenset({Stage.NEW, Stage.CONTACTED}))

SUMMARY_MAX = 5000
OUTCOME_MAX = 500
NOTE_MAX = 500
DURATION_MAX = 24 * 60


class DialogueError(ValueError):
    """A change the dialogue log refuses; ``str(error)`` is translated for the person who asked."""


@dataclass
class InteractionData:
    """An interaction as the form describes it, already validated."""

    kind: InteractionKind
    occurred_on: date
    user_id: int
    duration_minutes: int | None = None
    contact_person_id: int | None = None
    topics: list[Topic] = field(default_factory=list)
    summary: str = ""
    outcome: str = ""


@dataclass
class FollowUpPlan:
    due_on: date
    assigned_to_id: int
    note: str = ""


def may_change(tenant: Tenant, user: User, interaction: Interaction) -> bool:
    """The person who made the contact may correct or delete it, and so may a unit administrator."""
    membership = user.membership_of(tenant.id)
    if membership is None or not user.active:
        return False
    return membership.role is Role.UNIT_ADMIN or (
        membership.role is Role.COORDINATOR and interaction.user_id == user.id
    )


def _require_member(tenant: Tenant, user_id: int) -> None:
    member = users_by_id([user_id]).get(user_id)
    if member is None or not is_member(member, tenant):
        raise DialogueError(_("Choose someone who works in %(municipality)s.", municipality=tenant.name))


def _check_interaction(
    tenant: Tenant, landlord: Landlord, data: InteractionData, previous_user_id: int | None = None
) -> None:
    if data.occurred_on > clock.today():
        raise DialogueError(_("The date of the contact cannot be in the future."))
    if data.duration_minutes is not None and not 0 <= data.duration_minutes <= DURATION_MAX:
        raise DialogueError(_("Enter a duration from 0 to 1 440 minutes."))
    if len(data.summary) > SUMMARY_MAX or len(data.outcome) > OUTCOME_MAX:
        raise DialogueError(_("The summary or the outcome is too long."))
    if data.user_id != previous_user_id:
        # A correction may leave a colleague who has since left as the one who made the contact.
        _require_member(tenant, data.user_id)
    if data.contact_person_id is not None:
        owner = db.session.scalar(
            sa.select(ContactPerson.landlord_id).where(ContactPerson.id == data.contact_person_id)
        )
        if owner != landlord.id:
            raise DialogueError(_("Choose one of the landlord's contact persons."))


def _check_plan(tenant: Tenant, plan: FollowUpPlan) -> None:
    if plan.due_on < clock.today():
        raise DialogueError(_("A follow-up cannot be due in the past."))
    if len(plan.note) > NOTE_MAX:
        raise DialogueError(_("The note is too long."))
    _require_member(tenant, plan.assigned_to_id)


def _snapshot(interaction: Interaction) -> dict:
    # Plain values only: history keeps them as JSON.
    return {
        "kind": interaction.kind.value,
        "occurred_on": interaction.occurred_on.isoformat(),
        "duration_minutes": interaction.duration_minutes,
        "user_id": interaction.user_id,
        "contact_person_id": interaction.contact_person_id,
        "topics": sorted(topic.value for topic in interaction.topics),
        "summary": interaction.summary,
        "outcome": interaction.outcome,
    }


def _apply(interaction: Interaction, data: InteractionData) -> None:
    interaction.kind = data.kind
    interaction.occurred_on = data.occurred_on
    interaction.user_id = data.user_id
    interaction.duration_minutes = data.duration_minutes
    interaction.contact_person_id = data.contact_person_id
    interaction.summary = data.summary.strip()
    interaction.outcome = data.outcome.strip()
    wanted = list(dict.fromkeys(data.topics))
    kept = [row for row in interaction.topic_rows if row.topic in wanted]
    have = {row.topic for row in kept}
    interaction.topic_rows = kept + [InteractionTopic(topic=topic) for topic in wanted if topic not in have]


def _advance_stage(tenant: Tenant, user: User, landlord: Landlord, interaction: Interaction) -> None:
    target, movable = STAGE_MOVES[interaction.kind]
    if landlord.stage in movable:
        # change_stage commits, and with it everything this operation has added so far.
        change_stage(tenant, user, landlord, target, on=interaction.occurred_on)


def _close_due_follow_ups(tenant: Tenant, user: User, landlord: Landlord, interaction: Interaction) -> list[FollowUp]:
    """The contact that was planned has been made: the maker's open follow-ups due by today are done."""
    due = db.session.scalars(
        sa.select(FollowUp).where(
            FollowUp.landlord_id == landlord.id,
            FollowUp.assigned_to_id == interaction.user_id,
            FollowUp.done_on.is_(None),
            FollowUp.due_on <= clock.today(),
        )
    ).all()
    for follow_up in due:
        follow_up.done_on = interaction.occurred_on
        record(tenant, user, Action.UPDATED, follow_up, {"done_on": [None, follow_up.done_on.isoformat()]})
    return list(due)


def plan_follow_up(
    tenant: Tenant, user: User, landlord: Landlord, plan: FollowUpPlan, *, planned_in: Interaction | None = None
) -> FollowUp:
    """Add a follow-up; the caller commits."""
    _check_plan(tenant, plan)
    follow_up = FollowUp(
        landlord_id=landlord.id,
        due_on=plan.due_on,
        assigned_to_id=plan.assigned_to_id,
        note=plan.note.strip(),
        planned_in_id=planned_in.id if planned_in is not None else None,
    )
    db.session.add(follow_up)
    record(
        tenant,
        user,
        Action.CREATED,
        follow_up,
        {"due_on": [None, plan.due_on.isoformat()], "assigned_to_id": [None, plan.assigned_to_id]},
    )
    return follow_up


def log_interaction(
    tenant: Tenant, user: User, landlord: Landlord, data: InteractionData, follow_up: FollowUpPlan | None = None
) -> Interaction:
    """Log a contact with ``landlord``, and with it close what was due, plan the next, move the stage on."""
    _check_interaction(tenant, landlord, data)
    if follow_up is not None:
        _check_plan(tenant, follow_up)
    interaction = Interaction(landlord_id=landlord.id)
    _apply(interaction, data)
    db.session.add(interaction)
    db.session.flush()
    record(tenant, user, Action.CREATED, interaction, diff({}, _snapshot(interaction)))
    closed = _close_due_follow_ups(tenant, user, landlord, interaction)
    if follow_up is not None:
        plan_follow_up(tenant, user, landlord, follow_up, planned_in=interaction)
    _advance_stage(tenant, user, landlord, interaction)
    db.session.commit()
    log.info(
        "interaction %s with landlord %s logged by user %s (%s follow-ups done)",
        interaction.id,
        landlord.id,
        user.id,
        len(closed),
    )
    return interaction


def update_interaction(tenant: Tenant, user: User, interaction: Interaction, data: InteractionData) -> Interaction:
    if not may_change(tenant, user, interaction):
        raise DialogueError(_("Only the person who made the contact, or a unit administrator, may change it."))
    landlord = interaction.landlord
    _check_interaction(tenant, landlord, data, previous_user_id=interaction.user_id)
    before = _snapshot(interaction)
    _apply(interaction, data)
    changes = diff(before, _snapshot(interaction))
    if changes:
        record(tenant, user, Action.UPDATED, interaction, changes)
    # A call corrected to a meeting counts as one; a meeting corrected to a call moves nothing back.
    _advance_stage(tenant, user, landlord, interaction)
    db.session.commit()
    return interaction


def delete_interaction(tenant: Tenant, user: User, interaction: Interaction) -> None:
    if not may_change(tenant, user, interaction):
        raise DialogueError(_("Only the person who made the contact, or a unit administrator, may change it."))
    # What was deleted stays readable in the history.
    record(
        tenant, user, Action.DELETED, interaction, {key: [value, None] for key, value in _snapshot(interaction).items()}
    )
    # The follow-up planned at this contact is still wanted; it just no longer points at it. Done here as
    # well as by the foreign key, which SQLite only enforces when asked to.
    db.session.execute(sa.update(FollowUp).where(FollowUp.planned_in_id == interaction.id).values(planned_in_id=None))
    db.session.delete(interaction)
    db.session.commit()
    log.info("interaction %s deleted by user %s", interaction.id, user.id)


def complete_follow_up(tenant: Tenant, user: User, follow_up: FollowUp) -> FollowUp:
    if follow_up.done_on is None:
        follow_up.done_on = clock.today()
        record(tenant, user, Action.UPDATED, follow_up, {"done_on": [None, follow_up.done_on.isoformat()]})
        db.session.commit()
    return follow_up


def reschedule_follow_up(tenant: Tenant, user: User, follow_up: FollowUp, due_on: date) -> FollowUp:
    if follow_up.done_on is not None:
        raise DialogueError(_("This follow-up is already done."))
    if due_on < clock.today():
        raise DialogueError(_("A follow-up cannot be due in the past."))
    if due_on != follow_up.due_on:
        record(tenant, user, Action.UPDATED, follow_up, {"due_on": [follow_up.due_on.isoformat(), due_on.isoformat()]})
        follow_up.due_on = due_on
        db.session.commit()
    return follow_up
