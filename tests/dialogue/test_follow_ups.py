"""My follow-ups: overdue, due today, coming up, later; everyone's; done and moved; the card on the overview."""

from __future__ import annotations

import re
from datetime import timedelta

from hemvist.dialogue import queries
from hemvist.dialogue.models import FollowUp
from hemvist.extensions import db
from hemvist.landlords.models import Landlord
from hemvist.landlords.operations import delete_landlord
from tests.dialogue.conftest import TODAY, follow_ups, history, new_landlord, user, user_id, working_in


def plan(app, tenant, landlord_id, who, days, note=""):
    with working_in(app, tenant):
        follow_up = FollowUp(
            landlord_id=landlord_id, due_on=TODAY + timedelta(days=days), assigned_to_id=user(who).id, note=note
        )
        db.session.add(follow_up)
        db.session.commit()
        return follow_up.id


def section(page: str, heading_id: str) -> str:
    return page.split(f'id="follow-ups-{heading_id}"')[1].split("</section>")[0]


def test_my_list_is_grouped_by_when_it_is_due(app, login, tenant_a, today):
    names = ["Ekeskogs AB", "Tallmons AB", "Lagastrands AB", "Björkelunds AB", "Sjövikens AB", "Granhöjdens AB"]
    ids = [new_landlord(app, tenant_a, name=name) for name in names]
    plan(app, tenant_a, ids[0], "coordinator_a", -10, note="Ring om sommaren")
    plan(app, tenant_a, ids[1], "coordinator_a", 0)
    plan(app, tenant_a, ids[2], "coordinator_a", 12)
    plan(app, tenant_a, ids[3], "coordinator_a", 45)  # beyond 30 days: later
    plan(app, tenant_a, ids[4], "unit_admin_a", -2)  # someone else's
    done = plan(app, tenant_a, ids[5], "coordinator_a", -1)
    with working_in(app, tenant_a):
        db.session.get(FollowUp, done).done_on = TODAY
        db.session.commit()

    page = login("coordinator_a").get("/varnamo/followups/?lang=en").get_data(as_text=True)
    assert "<h1>My follow-ups</h1>" in page
    assert "Ekeskogs AB" in section(page, "overdue") and "Ring om sommaren" in section(page, "overdue")
    assert "Tallmons AB" in section(page, "today")
    assert "Lagastrands AB" in section(page, "coming")
    assert "Björkelunds AB" in section(page, "later") and "Lagastrands AB" not in section(page, "later")
    for absent in ("Sjövikens AB", "Granhöjdens AB"):
        assert absent not in page
    assert f'href="/varnamo/landlords/{ids[0]}/"' in page

    everyone = login("coordinator_a").get("/varnamo/followups/?who=all&lang=en").get_data(as_text=True)
    assert "Everyone's follow-ups" in everyone
    assert "Sjövikens AB" in section(everyone, "overdue") and "Omar Enhetschef" in section(everyone, "overdue")


def test_a_follow_up_in_3_months_from_a_meeting_is_on_my_list(app, login, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a, name="Kvarnfallets Fastigheter AB")
    coordinator = login("coordinator_a")
    me = user_id(app, "coordinator_a")
    response = coordinator.submit(
        f"/varnamo/landlords/{landlord_id}/interactions/new?lang=en",
        {"kind": "meeting", "occurred_on": TODAY.isoformat(), "duration_minutes": "60", "user_id": str(me),
         "contact_person_id": "", "summary": "", "outcome": "", "follow_up": "3", "follow_up_on": "",
         "assigned_to_id": str(me), "follow_up_note": "Fråga om sommaren"},
    )  # fmt: skip
    assert response.status_code == 302
    page = coordinator.get("/varnamo/followups/?lang=en").get_data(as_text=True)
    later = section(page, "later")
    assert "Later <span" in later and "(1)" in later
    assert "Kvarnfallets Fastigheter AB" in later and "Fråga om sommaren" in later and "Mark done" in later
    assert f'href="/varnamo/landlords/{landlord_id}/"' in later
    # The overview's figures count what is due or overdue only, as before.
    assert "Nothing is due today." in coordinator.get("/varnamo/?lang=en").get_data(as_text=True)
    # Someone else's plans are not on my list, but are on everyone's.
    assert "Kvarnfallets" not in login("unit_admin_a").get("/varnamo/followups/?lang=en").get_data(as_text=True)
    everyone = login("unit_admin_a").get("/varnamo/followups/?who=all&lang=en").get_data(as_text=True)
    assert "Kvarnfallets" in section(everyone, "later") and "Anna Samordnare" in section(everyone, "later")


def test_later_follow_ups_come_soonest_first_a_page_at_a_time(app, login, tenant_a, today, monkeypatch):
    monkeypatch.setattr(queries, "LATER_PER_PAGE", 3)
    names = ["Ekeskogs AB", "Tallmons AB", "Lagastrands AB", "Björkelunds AB", "Sjövikens AB"]
    ids = [new_landlord(app, tenant_a, name=name) for name in names]
    for landlord_id, days in zip(ids, [200, 40, 90, 31, 365], strict=True):
        plan(app, tenant_a, landlord_id, "coordinator_a", days)
    plan(app, tenant_a, ids[0], "coordinator_a", 30)  # still "coming up"
    soonest_first = ["Björkelunds AB", "Tallmons AB", "Lagastrands AB", "Ekeskogs AB", "Sjövikens AB"]
    coordinator = login("coordinator_a")

    def listed(page: str) -> list[str]:
        return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', section(page, "later"))

    page = coordinator.get("/varnamo/followups/?lang=en").get_data(as_text=True)
    assert listed(page) == soonest_first[:3]
    assert "(5)" in section(page, "later") and "Follow-ups 1–3 of 5, soonest first." in page
    assert 'href="/varnamo/followups/?later=2#follow-ups-later" rel="next">Later follow-ups</a>' in page
    page = coordinator.get("/varnamo/followups/?later=2&lang=en").get_data(as_text=True)
    assert listed(page) == soonest_first[3:]
    assert 'href="/varnamo/followups/?later=1#follow-ups-later" rel="prev">Sooner follow-ups</a>' in page
    assert "Ekeskogs AB" in section(page, "coming")  # the other sections are whole on every page
    everyone = coordinator.get("/varnamo/followups/?who=all&later=2&lang=en").get_data(as_text=True)
    assert listed(everyone) == soonest_first[3:]
    assert 'href="/varnamo/followups/?who=all&amp;later=1#follow-ups-later"' in everyone
    for odd in ("99", "0", "-1", "x"):
        assert coordinator.get(f"/varnamo/followups/?later={odd}").status_code == 200


def test_done_follow_ups_and_deleted_landlords_are_not_later(app, login, tenant_a, today):
    kept, done, deleted = (new_landlord(app, tenant_a, name=name) for name in ("Kvar AB", "Klar AB", "Borta AB"))
    plan(app, tenant_a, kept, "coordinator_a", 60)
    done_id = plan(app, tenant_a, done, "coordinator_a", 60)
    plan(app, tenant_a, deleted, "coordinator_a", 60)
    with working_in(app, tenant_a):
        db.session.get(FollowUp, done_id).done_on = TODAY
        delete_landlord(tenant_a, user("coordinator_a"), db.session.get(Landlord, deleted))
        db.session.commit()
    page = login("coordinator_a").get("/varnamo/followups/?lang=en").get_data(as_text=True)
    assert "Kvar AB" in section(page, "later") and "(1)" in section(page, "later")
    assert "Klar AB" not in page and "Borta AB" not in page


def test_moving_the_clock_makes_a_follow_up_due(app, login, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a, name="Kvarnfallets Fastigheter AB")
    plan(app, tenant_a, landlord_id, "coordinator_a", 92)
    coordinator = login("coordinator_a")
    page = coordinator.get("/varnamo/followups/?lang=en").get_data(as_text=True)
    assert "Kvarnfallets" in section(page, "later") and "Nothing is due in the next 30 days." in page
    overview = coordinator.get("/varnamo/?lang=en").get_data(as_text=True)
    assert "Nothing is due today." in overview

    today.move(TODAY + timedelta(days=62))
    page = coordinator.get("/varnamo/followups/?lang=en").get_data(as_text=True)
    assert "Kvarnfallets" in section(page, "coming") and "Nothing is planned further ahead." in page

    today.move(TODAY + timedelta(days=92))
    page = coordinator.get("/varnamo/followups/?lang=en").get_data(as_text=True)
    assert "Kvarnfallets" in section(page, "today")
    overview = coordinator.get("/varnamo/?lang=en").get_data(as_text=True)
    assert "1 due today" in overview and 'href="/varnamo/followups/"' in overview

    today.move(TODAY + timedelta(days=100))
    page = coordinator.get("/varnamo/followups/?lang=en").get_data(as_text=True)
    assert "Kvarnfallets" in section(page, "overdue")
    assert "1 overdue" in coordinator.get("/varnamo/?lang=en").get_data(as_text=True)


def test_a_follow_up_is_marked_done(app, login, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a)
    follow_up_id = plan(app, tenant_a, landlord_id, "coordinator_a", 0)
    coordinator = login("coordinator_a")
    response = coordinator.submit(f"/varnamo/followups/{follow_up_id}/done", {}, form_url="/varnamo/followups/")
    assert response.status_code == 302 and response.headers["Location"] == "/varnamo/followups/"
    [follow_up] = follow_ups(app, tenant_a)
    assert follow_up.done_on == TODAY
    assert [entry.changes for entry in history(app, tenant_a, "follow_ups")] == [{"done_on": [None, TODAY.isoformat()]}]
    # Done is done: a second post finds nothing open.
    again = coordinator.submit(f"/varnamo/followups/{follow_up_id}/done", {}, form_url="/varnamo/followups/")
    assert again.status_code == 404


def test_everyones_list_comes_back_to_everyones(app, login, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a)
    follow_up_id = plan(app, tenant_a, landlord_id, "unit_admin_a", 0)
    response = login("coordinator_a").submit(
        f"/varnamo/followups/{follow_up_id}/done", {"who": "all"}, form_url="/varnamo/followups/?who=all"
    )
    assert response.headers["Location"] == "/varnamo/followups/?who=all"


def test_a_follow_up_is_moved_to_a_later_date(app, login, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a)
    follow_up_id = plan(app, tenant_a, landlord_id, "coordinator_a", -3)
    url = f"/varnamo/followups/{follow_up_id}/reschedule?lang=en"
    coordinator = login("coordinator_a")
    form_page = coordinator.get(url).get_data(as_text=True)
    assert f'value="{(TODAY - timedelta(days=3)).isoformat()}"' in form_page
    later = (TODAY + timedelta(days=14)).isoformat()
    response = coordinator.submit(url, {"due_on": later})
    assert response.status_code == 302 and response.headers["Location"] == "/varnamo/followups/"
    assert follow_ups(app, tenant_a)[0].due_on == TODAY + timedelta(days=14)


def test_a_bad_new_date_is_explained_and_kept(app, login, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a)
    follow_up_id = plan(app, tenant_a, landlord_id, "coordinator_a", 5)
    url = f"/varnamo/followups/{follow_up_id}/reschedule?lang=en"
    coordinator = login("coordinator_a")
    for typed, message in [
        ("i morgon", "Enter a date as year-month-day, like 2025-03-14."),
        ((TODAY - timedelta(days=1)).isoformat(), "Choose today or a later date."),
        ("", "Enter the new date of the follow-up."),
    ]:
        response = coordinator.submit(url, {"due_on": typed})
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and message in page
        assert re.search(
            rf'id="due_on"[^>]*value="{re.escape(typed)}"|value="{re.escape(typed)}"[^>]*id="due_on"', page
        )
    assert follow_ups(app, tenant_a)[0].due_on == TODAY + timedelta(days=5)


def test_read_only_members_see_but_do_not_change(app, login, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a, name="Hagalids AB")
    follow_up_id = plan(app, tenant_a, landlord_id, "coordinator_a", 0)
    reader = login("read_only_a")
    page = reader.get("/varnamo/followups/?who=all&lang=en").get_data(as_text=True)
    assert "Hagalids AB" in page and "Mark done" not in page
    assert reader.get(f"/varnamo/followups/{follow_up_id}/reschedule").status_code == 403
    response = reader.submit(f"/varnamo/followups/{follow_up_id}/done", {}, form_url="/varnamo/followups/")
    assert response.status_code == 403
    assert follow_ups(app, tenant_a)[0].done_on is None
