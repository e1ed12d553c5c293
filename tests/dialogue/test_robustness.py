"""Whatever is typed into the dialogue's forms for a real landlord and follow-up, the answer is never a 500."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.dialogue.conftest import new_landlord, user, working_in
from tests.test_robustness import WEIRD_TEXT

FIELDS = [
    "kind",
    "occurred_on",
    "duration_minutes",
    "user_id",
    "contact_person_id",
    "topics",
    "summary",
    "outcome",
    "follow_up",
    "follow_up_on",
    "assigned_to_id",
    "follow_up_note",
    "due_on",
    "who",
]
DATES = st.one_of(WEIRD_TEXT, st.dates().map(str), st.sampled_from(["0001-01-01", "9999-12-31", "2025-02-30"]))
FORM = st.dictionaries(st.sampled_from(FIELDS), st.one_of(WEIRD_TEXT, DATES), max_size=8)


@pytest.fixture
def setting(app, tenant_a, login):
    from datetime import date

    from hemvist.dialogue.models import FollowUp
    from hemvist.extensions import db

    landlord_id = new_landlord(app, tenant_a)
    with working_in(app, tenant_a):
        follow_up = FollowUp(landlord_id=landlord_id, due_on=date.today(), assigned_to_id=user("coordinator_a").id)
        db.session.add(follow_up)
        db.session.commit()
        follow_up_id = follow_up.id
    return login("coordinator_a"), landlord_id, follow_up_id


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=FORM)
def test_the_log_form_takes_anything(setting, data):
    client, landlord_id, _ = setting
    response = client.submit(f"/varnamo/landlords/{landlord_id}/interactions/new", data)
    assert response.status_code < 500


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=FORM, page=st.sampled_from(["reschedule", "figures"]))
def test_the_follow_up_and_period_forms_take_anything(setting, data, page):
    client, _, follow_up_id = setting
    if page == "figures":
        response = client.get(
            "/varnamo/figures/", query_string={"from": data.get("due_on", ""), "to": data.get("occurred_on", "")}
        )
    else:
        response = client.submit(f"/varnamo/followups/{follow_up_id}/reschedule", data)
    assert response.status_code < 500
