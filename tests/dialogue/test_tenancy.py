"""Writes through the dialogue's forms never reach another municipality's landlords or follow-ups."""

from __future__ import annotations

from datetime import timedelta

from hemvist.dialogue.models import FollowUp
from hemvist.extensions import db
from tests.dialogue.conftest import TODAY, follow_ups, interactions, new_landlord, user, working_in


def test_a_user_of_a_cannot_write_into_b(app, login, tenant_a, tenant_b, today):
    landlord_id = new_landlord(app, tenant_b, owner="coordinator_b", name="Gislaveds Hyresvärd AB")
    with working_in(app, tenant_b):
        follow_up = FollowUp(landlord_id=landlord_id, due_on=TODAY, assigned_to_id=user("coordinator_b").id)
        db.session.add(follow_up)
        db.session.commit()
        follow_up_id = follow_up.id
    intruder = login("unit_admin_a")
    later = {"due_on": (TODAY + timedelta(days=9)).isoformat()}
    log = {"kind": "meeting", "occurred_on": TODAY.isoformat(), "follow_up": "none"}
    for slug, expected in (("gislaved", 403), ("varnamo", 404)):
        base = f"/{slug}/landlords/{landlord_id}/interactions/new"
        assert intruder.submit(base, log, form_url="/varnamo/").status_code == expected
        assert (
            intruder.submit(f"/{slug}/followups/{follow_up_id}/done", {}, form_url="/varnamo/").status_code == expected
        )
        reschedule = f"/{slug}/followups/{follow_up_id}/reschedule"
        assert intruder.submit(reschedule, later, form_url="/varnamo/").status_code == expected
    assert interactions(app, tenant_b) == []
    [untouched] = follow_ups(app, tenant_b)
    assert (untouched.due_on, untouched.done_on) == (TODAY, None)
