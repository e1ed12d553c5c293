"""The dialogue's services: what logging a contact does to stages and follow-ups, and what it refuses."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hemvist.core import clock
from hemvist.dialogue.models import FollowUp, Interaction, InteractionKind, Topic
from hemvist.dialogue.operations import (
    DialogueError,
    FollowUpPlan,
    InteractionData,
    complete_follow_up,
    delete_interaction,
    log_interaction,
    plan_follow_up,
    reschedule_follow_up,
    update_interaction,
)
from hemvist.extensions import db
from hemvist.landlords.models import Landlord, Stage
from tests.dialogue.conftest import TODAY, follow_ups, history, interactions, new_landlord, stage_of, user, working_in


def contact(who: str, kind=InteractionKind.PHONE, on: date = TODAY, **fields) -> InteractionData:
    return InteractionData(kind=kind, occurred_on=on, user_id=user(who).id, **fields)


def log(app, tenant, landlord_id, who="coordinator_a", kind=InteractionKind.PHONE, plan=None, **fields) -> int:
    with working_in(app, tenant):
        landlord = db.session.get(Landlord, landlord_id)
        return log_interaction(tenant, user(who), landlord, contact(who, kind, **fields), plan).id


@pytest.mark.parametrize(
    "before, kind, after",
    [
        (Stage.NEW, InteractionKind.PHONE, Stage.CONTACTED),
        (Stage.NEW, InteractionKind.EMAIL, Stage.CONTACTED),
        (Stage.NEW, InteractionKind.LETTER, Stage.CONTACTED),
        (Stage.NEW, InteractionKind.EVENT, Stage.CONTACTED),
        (Stage.NEW, InteractionKind.MEETING, Stage.MET),
        (Stage.CONTACTED, InteractionKind.MEETING, Stage.MET),
        (Stage.CONTACTED, InteractionKind.PHONE, Stage.CONTACTED),
        (Stage.MET, InteractionKind.PHONE, Stage.MET),
        (Stage.INTERESTED, InteractionKind.MEETING, Stage.INTERESTED),
        (Stage.PARTNER, InteractionKind.MEETING, Stage.PARTNER),
        (Stage.PAUSED, InteractionKind.MEETING, Stage.PAUSED),
        (Stage.DECLINED, InteractionKind.PHONE, Stage.DECLINED),
    ],
)
def test_logging_moves_the_stage_forward_only(app, tenant_a, today, before, kind, after):
    landlord_id = new_landlord(app, tenant_a, stage=before)
    log(app, tenant_a, landlord_id, kind=kind)
    assert stage_of(app, tenant_a, landlord_id) is after


def test_the_stage_change_is_dated_and_recorded_like_any_other(app, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a)
    log(app, tenant_a, landlord_id, kind=InteractionKind.MEETING, on=TODAY - timedelta(days=5))
    with working_in(app, tenant_a):
        landlord = db.session.get(Landlord, landlord_id)
        last = landlord.stage_changes[-1]
        assert (last.from_stage, last.to_stage, last.changed_on) == (Stage.NEW, Stage.MET, TODAY - timedelta(days=5))
    assert [entry.changes for entry in history(app, tenant_a, "landlords") if "stage" in entry.changes] == [
        {"stage": ["new", "met"]}
    ]


def test_a_contact_closes_the_makers_follow_ups_that_are_due(app, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a)
    other_landlord = new_landlord(app, tenant_a, name="Tallmons Fastigheter AB")
    anna, omar = "coordinator_a", "unit_admin_a"
    with working_in(app, tenant_a):
        landlord, other = db.session.get(Landlord, landlord_id), db.session.get(Landlord, other_landlord)
        for who, target, due in [
            (anna, landlord, TODAY - timedelta(days=3)),  # overdue: done
            (anna, landlord, TODAY),  # due today: done
            (anna, landlord, TODAY + timedelta(days=1)),  # not yet due: stays
            (omar, landlord, TODAY),  # someone else's: stays
            (anna, other, TODAY),  # another landlord's: stays
        ]:
            db.session.add(FollowUp(landlord_id=target.id, due_on=due, assigned_to_id=user(who).id))
        db.session.commit()
    log(app, tenant_a, landlord_id, who=anna, on=TODAY - timedelta(days=1))
    done = [(f.landlord_id, f.due_on, f.done_on) for f in follow_ups(app, tenant_a) if f.done_on]
    assert done == [
        (landlord_id, TODAY - timedelta(days=3), TODAY - timedelta(days=1)),
        (landlord_id, TODAY, TODAY - timedelta(days=1)),
    ]
    assert sum(1 for f in follow_ups(app, tenant_a) if f.done_on is None) == 3


@pytest.mark.parametrize(
    "change, message",
    [
        ({"on": TODAY + timedelta(days=1)}, "The date of the contact cannot be in the future."),
        ({"duration_minutes": -1}, "Enter a duration from 0 to 1 440 minutes."),
        ({"who": "coordinator_b"}, "Choose someone who works in Värnamo."),
        ({"contact_person_id": 999}, "Choose one of the landlord's contact persons."),
        ({"plan_due": TODAY - timedelta(days=1)}, "A follow-up cannot be due in the past."),
        ({"plan_to": "coordinator_b"}, "Choose someone who works in Värnamo."),
    ],
)
def test_the_service_refuses_what_the_form_would(app, tenant_a, today, change, message):
    landlord_id = new_landlord(app, tenant_a)
    with working_in(app, tenant_a):
        landlord = db.session.get(Landlord, landlord_id)
        data = contact(
            change.get("who", "coordinator_a"),
            on=change.get("on", TODAY),
            duration_minutes=change.get("duration_minutes"),
            contact_person_id=change.get("contact_person_id"),
        )
        plan = FollowUpPlan(
            due_on=change.get("plan_due", TODAY), assigned_to_id=user(change.get("plan_to", "coordinator_a")).id
        )
        with pytest.raises(DialogueError, match=message):
            log_interaction(tenant_a, user("coordinator_a"), landlord, data, plan)
        db.session.rollback()
    assert interactions(app, tenant_a) == [] and follow_ups(app, tenant_a) == []
    assert stage_of(app, tenant_a, landlord_id) is Stage.NEW


def test_a_contact_of_another_landlord_cannot_be_named(app, tenant_a, today):
    first, second = new_landlord(app, tenant_a), new_landlord(app, tenant_a, name="Lagastrands Bostäder AB")
    with working_in(app, tenant_a):
        someone_elses = db.session.get(Landlord, second).contacts[0].id
        with pytest.raises(DialogueError):
            log_interaction(
                tenant_a,
                user("coordinator_a"),
                db.session.get(Landlord, first),
                contact("coordinator_a", contact_person_id=someone_elses),
            )


def test_correcting_an_interaction_is_recorded_and_may_move_the_stage_on(app, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a)
    interaction_id = log(app, tenant_a, landlord_id, summary="Ringde")
    with working_in(app, tenant_a):
        interaction = db.session.get(Interaction, interaction_id)
        changed = contact("coordinator_a", InteractionKind.MEETING, topics=[Topic.RENT_LEVEL], summary="Träffades")
        update_interaction(tenant_a, user("coordinator_a"), interaction, changed)
    assert stage_of(app, tenant_a, landlord_id) is Stage.MET
    [created, updated] = history(app, tenant_a, "interactions")
    assert created.action.value == "created" and created.changes["summary"] == [None, "Ringde"]
    assert updated.changes == {
        "kind": ["phone", "meeting"],
        "topics": [[], ["rent_level"]],
        "summary": ["Ringde", "Träffades"],
    }
    # Back to a call: the landlord stays at "met".
    with working_in(app, tenant_a):
        interaction = db.session.get(Interaction, interaction_id)
        update_interaction(tenant_a, user("coordinator_a"), interaction, contact("coordinator_a"))
    assert stage_of(app, tenant_a, landlord_id) is Stage.MET


def test_only_the_author_or_a_unit_admin_may_change_or_delete(app, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a)
    interaction_id = log(app, tenant_a, landlord_id)
    with working_in(app, tenant_a):
        interaction = db.session.get(Interaction, interaction_id)
        for outsider in ("two_workspaces", "read_only_a"):
            with pytest.raises(DialogueError):
                update_interaction(tenant_a, user(outsider), interaction, contact("coordinator_a"))
            with pytest.raises(DialogueError):
                delete_interaction(tenant_a, user(outsider), interaction)
        delete_interaction(tenant_a, user("unit_admin_a"), interaction)
    assert interactions(app, tenant_a) == []
    deleted = history(app, tenant_a, "interactions")[-1]
    assert deleted.action.value == "deleted" and deleted.changes["kind"] == ["phone", None]


def test_deleting_an_interaction_keeps_its_follow_up(app, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a)
    plan = FollowUpPlan(due_on=TODAY + timedelta(days=30), assigned_to_id=None)
    with working_in(app, tenant_a):
        plan.assigned_to_id = user("coordinator_a").id
    interaction_id = log(app, tenant_a, landlord_id, plan=plan)
    with working_in(app, tenant_a):
        delete_interaction(tenant_a, user("coordinator_a"), db.session.get(Interaction, interaction_id))
    [follow_up] = follow_ups(app, tenant_a)
    assert follow_up.planned_in_id is None and follow_up.done_on is None


def test_follow_ups_are_completed_and_rescheduled_with_history(app, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a)
    with working_in(app, tenant_a):
        landlord = db.session.get(Landlord, landlord_id)
        anna = user("coordinator_a")
        follow_up = plan_follow_up(tenant_a, anna, landlord, FollowUpPlan(due_on=TODAY, assigned_to_id=anna.id))
        db.session.commit()
        with pytest.raises(DialogueError, match="cannot be due in the past"):
            reschedule_follow_up(tenant_a, anna, follow_up, TODAY - timedelta(days=1))
        reschedule_follow_up(tenant_a, anna, follow_up, TODAY + timedelta(days=7))
        today.move(TODAY + timedelta(days=7))
        complete_follow_up(tenant_a, anna, follow_up)
        assert follow_up.done_on == clock.today() == TODAY + timedelta(days=7)
        with pytest.raises(DialogueError, match="already done"):
            reschedule_follow_up(tenant_a, anna, follow_up, TODAY + timedelta(days=30))
    changes = [entry.changes for entry in history(app, tenant_a, "follow_ups")]
    assert changes[1:] == [
        {"due_on": [TODAY.isoformat(), (TODAY + timedelta(days=7)).isoformat()]},
        {"done_on": [None, (TODAY + timedelta(days=7)).isoformat()]},
    ]


def test_months_are_added_as_people_count_them():
    assert clock.add_months(date(2025, 6, 18), 3) == date(2025, 9, 18)
    assert clock.add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert clock.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert clock.add_months(date(2025, 12, 1), 1) == date(2026, 1, 1)
