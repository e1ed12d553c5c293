"""The dialogue's section of a landlord's page, and who else is in touch with the landlord."""

from __future__ import annotations

from datetime import timedelta

from hemvist.auth.models import Department
from hemvist.dialogue.models import InteractionKind, Topic
from hemvist.dialogue.operations import FollowUpPlan, InteractionData, log_interaction
from hemvist.extensions import db
from hemvist.landlords.models import Landlord
from tests.dialogue.conftest import TODAY, new_landlord, set_department, user, working_in


def log(app, tenant, landlord_id, who, kind=InteractionKind.PHONE, days_ago=0, plan=None, **fields):
    with working_in(app, tenant):
        person = user(who)
        landlord = db.session.get(Landlord, landlord_id)
        data = InteractionData(kind=kind, occurred_on=TODAY - timedelta(days=days_ago), user_id=person.id, **fields)
        return log_interaction(tenant, person, landlord, data, plan).id


def page_of(client, landlord_id, lang="en") -> str:
    response = client.get(f"/varnamo/landlords/{landlord_id}/?lang={lang}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_timeline_shows_every_interaction_newest_first(app, login, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a)
    log(app, tenant_a, landlord_id, "coordinator_a", days_ago=40, summary="Första samtalet", outcome="Ring igen")
    log(
        app,
        tenant_a,
        landlord_id,
        "coordinator_a",
        kind=InteractionKind.MEETING,
        days_ago=2,
        duration_minutes=60,
        topics=[Topic.MUNICIPALITY_HOLDS_LEASE],
        summary="Möte på kontoret",
        outcome="Positiv",
        plan=FollowUpPlan(due_on=TODAY + timedelta(days=90), assigned_to_id=user_id_of(app, "coordinator_a")),
    )
    page = page_of(login("coordinator_a"), landlord_id)
    assert '<h2 id="dialogue-heading">Dialogue</h2>' in page
    assert page.index("Möte på kontoret") < page.index("Första samtalet")
    assert "Meeting in person" in page and "60 minutes" in page
    assert "The municipality holding the lease" in page and "Positiv" in page
    assert "Open follow-ups" in page and '<time datetime="2025-09-16">16 Sept 2025</time>' in page
    assert f"/varnamo/landlords/{landlord_id}/interactions/new" in page
    # The owner reads her own landlord: no "who is in touch" box for her.
    assert "Who is in touch with this landlord" not in page


def test_a_long_timeline_comes_in_pages_of_twenty_newest_first(app, login, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a)
    with working_in(app, tenant_a):
        person = user("coordinator_a")
        landlord = db.session.get(Landlord, landlord_id)
        for days_ago in range(45):
            data = InteractionData(
                kind=InteractionKind.PHONE,
                occurred_on=TODAY - timedelta(days=days_ago),
                user_id=person.id,
                summary=f"Samtal nummer {days_ago:02d}",
            )
            log_interaction(tenant_a, person, landlord, data)
    client = login("coordinator_a")

    first = page_of(client, landlord_id)
    assert first.count('<article aria-labelledby="interaction-') == 20
    assert "Samtal nummer 00" in first and "Samtal nummer 19" in first and "Samtal nummer 20" not in first
    assert "Interactions 1–20 of 45, newest first." in first
    assert f'href="/varnamo/landlords/{landlord_id}/?interactions=2#dialogue-heading" rel="next"' in first
    assert 'rel="prev"' not in first

    last = client.get(f"/varnamo/landlords/{landlord_id}/?interactions=3&lang=en").get_data(as_text=True)
    assert last.count('<article aria-labelledby="interaction-') == 5
    assert "Samtal nummer 40" in last and "Samtal nummer 44" in last and "Samtal nummer 39" not in last
    assert "Interactions 41–45 of 45, newest first." in last
    assert f'href="/varnamo/landlords/{landlord_id}/?interactions=2#dialogue-heading" rel="prev"' in last
    # Who is in touch is always told from the newest contacts, whatever page of the timeline is shown.
    assert "Samtal nummer 00" not in last.split('<ol class="timeline">')[1]

    for nonsense in ("0", "-1", "x", "99999999999999", "3.5", "%00"):
        response = client.get(f"/varnamo/landlords/{landlord_id}/?interactions={nonsense}&lang=en")
        assert response.status_code == 200
    # A page past the last shows the last, so an old link still leads somewhere.
    past = client.get(f"/varnamo/landlords/{landlord_id}/?interactions=9&lang=en").get_data(as_text=True)
    assert "Interactions 41–45 of 45, newest first." in past


def user_id_of(app, key):
    with app.app_context():
        return user(key).id


def test_someone_else_sees_the_latest_contacts_with_departments(app, login, tenant_a, today):
    set_department(app, "unit_admin_a", Department.SOCIAL_SERVICES)
    landlord_id = new_landlord(app, tenant_a, owner="coordinator_a")
    log(app, tenant_a, landlord_id, "coordinator_a", days_ago=30)
    log(app, tenant_a, landlord_id, "coordinator_a", kind=InteractionKind.EMAIL, days_ago=10)
    log(app, tenant_a, landlord_id, "unit_admin_a", days_ago=3)
    log(app, tenant_a, landlord_id, "coordinator_a", kind=InteractionKind.LETTER, days_ago=1)
    page = page_of(login("read_only_a"), landlord_id)
    box = page.split("Who is in touch with this landlord")[1].split("</section>")[0]
    assert "Written to by Anna Samordnare yesterday" in box
    assert "Called by Omar Enhetschef (Social services) 3 days ago" in box
    assert "E-mailed by Anna Samordnare 10 days ago" in box
    assert "30 days ago" not in box  # only the latest three
    # A reader who may not write gets no link to the form.
    assert "/interactions/new" not in page


def test_the_latest_contacts_are_told_in_the_readers_language(app, login, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a, owner="coordinator_a")
    log(app, tenant_a, landlord_id, "coordinator_a", days_ago=3)
    page = page_of(login("unit_admin_a"), landlord_id, lang="sv")
    assert "för 3 dagar sedan" in page and "15 juni 2025" in page  # Babel's Swedish, whatever the catalogue says
    page = page_of(login("unit_admin_a"), landlord_id, lang="en")
    assert "3 days ago" in page and "15 Jun 2025" in page


def test_only_the_author_or_a_unit_admin_may_change_an_interaction(app, login, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a)
    interaction_id = log(app, tenant_a, landlord_id, "coordinator_a")
    edit = f"/varnamo/landlords/{landlord_id}/interactions/{interaction_id}/edit"
    assert edit in page_of(login("coordinator_a"), landlord_id)
    assert edit in page_of(login("unit_admin_a"), landlord_id)
    assert edit not in page_of(login("two_workspaces"), landlord_id)
    assert login("two_workspaces").get(edit).status_code == 403


def test_the_log_form_tells_of_a_colleagues_recent_contact_without_stopping_anyone(app, login, tenant_a, today):
    set_department(app, "unit_admin_a", Department.SOCIAL_SERVICES)
    landlord_id = new_landlord(app, tenant_a, owner="coordinator_a")
    log(app, tenant_a, landlord_id, "unit_admin_a", days_ago=3)
    anna = login("coordinator_a")
    url = f"/varnamo/landlords/{landlord_id}/interactions/new?lang=en"
    page = anna.get(url).get_data(as_text=True)
    notice = page.split("A colleague was in touch with this landlord recently")[1].split("</section>")[0]
    assert "Called by Omar Enhetschef (Social services) 3 days ago" in notice
    assert "Who is in touch with this landlord" not in page  # she is the named contact
    assert "You can still log your contact below." in notice
    landlord_page = page_of(anna, landlord_id)
    assert "A colleague was in touch with this landlord recently" in landlord_page
    assert "You can still log your contact below." not in landlord_page
    response = anna.submit(
        url,
        {
            "kind": "phone",
            "occurred_on": TODAY.isoformat(),
            "user_id": str(user_id_of(app, "coordinator_a")),
            "follow_up": "none",
        },
    )
    assert response.status_code == 302


def test_the_log_form_shows_someone_else_the_named_contact(app, login, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a, owner="coordinator_a")
    log(app, tenant_a, landlord_id, "coordinator_a", days_ago=20)
    page = (
        login("unit_admin_a").get(f"/varnamo/landlords/{landlord_id}/interactions/new?lang=en").get_data(as_text=True)
    )
    box = page.split("Who is in touch with this landlord")[1].split("</section>")[0]
    assert "Named contact:" in box and "Anna Samordnare" in box
    assert "Called by Anna Samordnare 3 weeks ago" in box
    # Twenty days ago is not recent enough for the notice; nor is one's own contact ever.
    assert "was in touch with this landlord recently" not in page
    log(app, tenant_a, landlord_id, "unit_admin_a", days_ago=1)
    page = (
        login("unit_admin_a").get(f"/varnamo/landlords/{landlord_id}/interactions/new?lang=en").get_data(as_text=True)
    )
    assert "was in touch with this landlord recently" not in page
