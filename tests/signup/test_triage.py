"""The unit's triage of sign-ups: accept into the registry, mark as spam, reject; the inbox and the purge."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from hemvist.extensions import db
from hemvist.history.models import Action, HistoryEntry
from hemvist.landlords.models import Landlord, LandlordKind, Source
from hemvist.leases.models import LeaseForm
from hemvist.signup import operations
from hemvist.signup.models import LeaseHolding, Signup, SignupStatus
from hemvist.vacancies.models import OfferedVia, Vacancy, VacancyStatus
from hemvist.vacancies.operations import VacancyData
from tests.landlords.conftest import add_landlord, company, contact, org_number, stored_landlords, user, working_in
from tests.signup.conftest import signup_count, stored_signups


def receive(app, tenant, *, name="Solgläntans Fastigheter AB", serial=164, home=True, area_ids=(), **fields) -> int:
    """A sign-up as the form would store it; its id."""
    with working_in(app, tenant):
        values = {
            "locale": "sv",
            "kind": LandlordKind.COMPANY,
            "name": name,
            "identity_number": org_number(serial),
            "contact_name": "Maja Lindqvist",
            "contact_phone": "+46701740670",
            "contact_email": "maja@solglantan.example",
            "lease_holding": LeaseHolding.YES,
            "flats": 18,
            "area_ids": list(area_ids),
            "message": "Vi har ett äldre hyreshus.",
            "home": VacancyData(rooms=3, rent=7400, living_area=74, street_address="Järnvägsgatan 4") if home else None,
        }
        values.update(fields)
        return operations.receive_signup(tenant, operations.SignupData(**values)).id


def member_id(app, key: str) -> int:
    with app.app_context():
        return user(key).id


def accept(client, signup_id: int, owner: int, add_contact: bool = False, **kwargs):
    url = f"/varnamo/signups/{signup_id}/"
    data = {"owner": str(owner)} | ({"add_contact": "y"} if add_contact else {})
    return client.submit(f"{url}accept", data, form_url=url, **kwargs)


def vacancies(app, tenant) -> list[Vacancy]:
    with working_in(app, tenant):
        rows = list(db.session.scalars(sa.select(Vacancy).order_by(Vacancy.id)))
        db.session.expunge_all()
        return rows


def lease_note(app, answer: LeaseHolding, lang: str = "sv") -> str:
    """The sentence the answer about the lease becomes in the notes, in ``lang`` (the municipality's)."""
    with app.test_request_context(f"/?lang={lang}"), force_locale(lang):
        return str(answer.note)


def test_accepting_creates_the_landlord_and_the_offered_home(app, tenant_a, areas_a, login):
    signup_id = receive(app, tenant_a, area_ids=[areas_a["Bor"], areas_a["Lanna"]])
    owner = member_id(app, "unit_admin_a")
    response = accept(login("coordinator_a"), signup_id, owner)
    assert response.status_code == 302

    [landlord] = stored_landlords(app, tenant_a)
    assert response.headers["Location"].endswith(f"/varnamo/landlords/{landlord.id}/")
    assert (landlord.name, landlord.identity_number, landlord.kind) == (
        "Solgläntans Fastigheter AB",
        org_number(164),
        LandlordKind.COMPANY,
    )
    assert landlord.source is Source.SELF_REGISTERED and landlord.owner_id == owner and landlord.flats == 18
    assert [(c.name, c.phone, c.email) for c in landlord.contacts] == [
        ("Maja Lindqvist", "+46701740670", "maja@solglantan.example")
    ]
    assert sorted(area.name for area in landlord.areas) == ["Bor", "Lanna"]

    [vacancy] = vacancies(app, tenant_a)
    assert vacancy.landlord_id == landlord.id and vacancy.offered_via is OfferedVia.SIGNUP
    assert vacancy.status is VacancyStatus.OFFERED
    assert (vacancy.rooms, vacancy.rent, vacancy.living_area, vacancy.street_address) == (
        3,
        7400,
        74,
        "Järnvägsgatan 4",
    )

    [signup] = stored_signups(app, tenant_a)
    assert signup.status is SignupStatus.ACCEPTED
    assert (signup.landlord_id, signup.vacancy_id) == (landlord.id, vacancy.id)
    assert signup.handled_by_id == member_id(app, "coordinator_a") and signup.handled_at is not None


def test_accepting_twice_is_refused_and_creates_nothing(app, tenant_a, login):
    signup_id = receive(app, tenant_a)
    coordinator = login("coordinator_a")
    assert accept(coordinator, signup_id, member_id(app, "coordinator_a")).status_code == 302
    colleague = login("unit_admin_a")
    colleague.get("/varnamo/?lang=en")
    response = accept(colleague, signup_id, member_id(app, "unit_admin_a"), follow_redirects=True)
    assert response.status_code == 200
    assert "This sign-up was handled already" in html.unescape(response.get_data(as_text=True))
    assert len(stored_landlords(app, tenant_a)) == 1 and len(vacancies(app, tenant_a)) == 1
    [signup] = stored_signups(app, tenant_a)
    assert signup.handled_by_id == member_id(app, "coordinator_a")  # the first handler stays


def test_the_named_contact_must_work_in_the_municipality(app, tenant_a, login):
    signup_id = receive(app, tenant_a)
    coordinator = login("coordinator_a")
    response = accept(coordinator, signup_id, member_id(app, "coordinator_b"))
    assert response.status_code == 400
    assert accept(coordinator, signup_id, 987654).status_code == 400
    assert stored_landlords(app, tenant_a) == [] and vacancies(app, tenant_a) == []
    assert stored_signups(app, tenant_a)[0].status is SignupStatus.NEW


def test_a_signup_of_a_known_landlord_adds_to_it_instead_of_a_twin(app, tenant_a, areas_a, login):
    known = add_landlord(
        app,
        tenant_a,
        company(
            "Solgläntans Fastigheter",
            serial=164,
            notes="Skriven av enheten.",
            area_ids=[areas_a["Bor"]],
            contacts=[contact("Karin Ek", email="karin@solglantan.example")],
        ),
    )
    signup_id = receive(app, tenant_a, area_ids=[areas_a["Bor"], areas_a["Horda"]], flats=30)
    [signup] = stored_signups(app, tenant_a)
    assert signup.landlord_id == known

    coordinator = login("coordinator_a")
    page = html.unescape(coordinator.get(f"/varnamo/signups/{signup_id}/?lang=en").get_data(as_text=True))
    assert "maja@solglantan.example is not one of this landlord's contact persons." in page
    assert accept(coordinator, signup_id, member_id(app, "unit_admin_a"), add_contact=True).status_code == 302
    [landlord] = stored_landlords(app, tenant_a)
    assert landlord.id == known
    assert landlord.name == "Solgläntans Fastigheter"
    # The unit's notes are not overwritten; the answer about the lease is added after them.
    assert landlord.notes == "Skriven av enheten.\n\n" + lease_note(app, LeaseHolding.YES)
    assert landlord.owner_id == member_id(app, "coordinator_a")  # the named contact stays
    assert landlord.source is Source.OUTREACH
    assert [c.name for c in landlord.contacts] == ["Karin Ek", "Maja Lindqvist"]
    assert sorted(area.name for area in landlord.areas) == ["Bor", "Horda"]
    [vacancy] = vacancies(app, tenant_a)
    assert vacancy.landlord_id == known and vacancy.offered_via is OfferedVia.SIGNUP
    assert stored_signups(app, tenant_a)[0].vacancy_id == vacancy.id


def test_the_sender_is_no_contact_person_of_a_known_landlord_unless_the_unit_says_so(app, tenant_a, login):
    # Anyone can type a known organisation number; a contact person can open the landlord's own page.
    add_landlord(app, tenant_a, company(serial=164, contacts=[contact("Karin Ek", email="karin@solglantan.example")]))
    signup_id = receive(app, tenant_a, home=False)
    assert accept(login("coordinator_a"), signup_id, member_id(app, "coordinator_a")).status_code == 302
    [landlord] = stored_landlords(app, tenant_a)
    assert [c.email for c in landlord.contacts] == ["karin@solglantan.example"]
    assert stored_signups(app, tenant_a)[0].status is SignupStatus.ACCEPTED


def test_a_known_contact_is_not_added_twice(app, tenant_a, login):
    add_landlord(app, tenant_a, company(serial=164, contacts=[contact("Maja L", email="MAJA@solglantan.example")]))
    signup_id = receive(app, tenant_a, home=False)
    assert (
        accept(login("coordinator_a"), signup_id, member_id(app, "coordinator_a"), add_contact=True).status_code == 302
    )
    [landlord] = stored_landlords(app, tenant_a)
    assert [c.name for c in landlord.contacts] == ["Maja L"]
    assert vacancies(app, tenant_a) == []


@pytest.mark.parametrize(("action", "status"), [("spam", SignupStatus.SPAM), ("reject", SignupStatus.REJECTED)])
def test_spam_and_reject_change_the_status_only(app, tenant_a, login, action, status):
    signup_id = receive(app, tenant_a)
    url = f"/varnamo/signups/{signup_id}/"
    coordinator = login("coordinator_a")
    response = coordinator.submit(f"{url}{action}", {}, form_url=url)
    assert response.status_code == 302 and response.headers["Location"].endswith("/varnamo/signups/")
    [signup] = stored_signups(app, tenant_a)
    assert signup.status is status and signup.handled_by_id == member_id(app, "coordinator_a")
    assert signup.landlord_id is None and signup.vacancy_id is None
    assert stored_landlords(app, tenant_a) == [] and vacancies(app, tenant_a) == []
    # Handled is handled: neither accepting nor the other dismissal changes it now.
    assert accept(coordinator, signup_id, member_id(app, "coordinator_a")).status_code == 302
    other = "reject" if action == "spam" else "spam"
    coordinator.submit(f"{url}{other}", {}, form_url=url)
    assert stored_signups(app, tenant_a)[0].status is status
    assert stored_landlords(app, tenant_a) == []


def test_a_read_only_member_cannot_triage(app, tenant_a, login):
    signup_id = receive(app, tenant_a)
    url = f"/varnamo/signups/{signup_id}/"
    reader = login("read_only_a")
    shown = reader.get(url)
    assert shown.status_code == 200 and "Solgläntans Fastigheter AB" in shown.get_data(as_text=True)
    assert f"{url}accept" not in shown.get_data(as_text=True)  # no buttons to press
    assert reader.submit(f"{url}accept", {"owner": str(member_id(app, "read_only_a"))}, form_url=url).status_code == 403
    assert reader.submit(f"{url}spam", {}, form_url=url).status_code == 403
    assert reader.submit(f"{url}reject", {}, form_url=url).status_code == 403
    assert stored_signups(app, tenant_a)[0].status is SignupStatus.NEW
    assert stored_landlords(app, tenant_a) == []


def test_the_inbox_lists_new_signups_and_the_dashboard_counts_them(app, tenant_a, login):
    coordinator = login("coordinator_a")
    assert "waiting for triage" not in coordinator.get("/varnamo/?lang=en").get_data(as_text=True)
    receive(app, tenant_a, name="Äldsta Bostäder AB", serial=1)
    receive(app, tenant_a, name="Nyaste Hyresrätter AB", serial=2, home=False)
    spam = receive(app, tenant_a, name="Billiga Lån AB", serial=3)
    with working_in(app, tenant_a):
        operations.dismiss_signup(tenant_a, user("coordinator_a"), db.session.get(Signup, spam), SignupStatus.SPAM)

    inbox = coordinator.get("/varnamo/signups/").get_data(as_text=True)
    assert inbox.index("Äldsta Bostäder AB") < inbox.index("Nyaste Hyresrätter AB")  # longest waiting first
    assert "Billiga Lån AB" not in inbox
    assert "Billiga Lån AB" in coordinator.get("/varnamo/signups/?status=spam").get_data(as_text=True)
    assert coordinator.get("/varnamo/signups/?status=nonsense").status_code == 404

    dashboard = coordinator.get("/varnamo/").get_data(as_text=True)
    assert '<p class="figure">2</p>' in dashboard and "new sign-ups waiting for triage" in dashboard
    assert login("read_only_a").get("/varnamo/signups/").status_code == 200  # readers may read


def test_purge_removes_only_handled_signups_older_than_30_days(app, tenant_a, tenant_b):
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    cases = {
        "Gammal Spam AB": (SignupStatus.SPAM, 31),
        "Gammal Avvisad AB": (SignupStatus.REJECTED, 45),
        "Färsk Spam AB": (SignupStatus.SPAM, 29),
        "Gammal Antagen AB": (SignupStatus.ACCEPTED, 90),
        "Gammal Ny AB": (SignupStatus.NEW, None),
    }
    for serial, (name, (status, days)) in enumerate(cases.items(), start=1):
        signup_id = receive(app, tenant_a, name=name, serial=serial)
        with working_in(app, tenant_a):
            signup = db.session.get(Signup, signup_id)
            signup.status = status
            signup.received_at = now - timedelta(days=100)
            signup.handled_at = now - timedelta(days=days) if days is not None else None
            db.session.commit()
    with working_in(app, tenant_a):
        assert operations.purge_handled(tenant_a, now=now) == 3
    # An accepted sign-up's details live on in the registry; one not yet triaged waits for the unit.
    assert sorted(s.name for s in stored_signups(app, tenant_a)) == ["Färsk Spam AB", "Gammal Ny AB"]
    with working_in(app, tenant_a):
        assert operations.purge_handled(tenant_a, now=now + timedelta(days=2)) == 1  # the fresh one has aged
    assert signup_count(app, tenant_a) == 1


def test_the_purge_command_runs_in_every_municipality(app, tenant_a, tenant_b):
    for tenant, name in ((tenant_a, "Värnamo Spam AB"), (tenant_b, "Gislaved Spam AB")):
        signup_id = receive(app, tenant, name=name)
        kept = receive(app, tenant, name=f"{name} ny", serial=2)
        with working_in(app, tenant):
            signup = db.session.get(Signup, signup_id)
            signup.status, signup.handled_at = SignupStatus.SPAM, datetime.now(UTC) - timedelta(days=31)
            db.session.commit()
    result = app.test_cli_runner().invoke(args=["signups", "purge"])
    assert result.exit_code == 0, result.output
    assert "varnamo: 1 purged" in result.output and "gislaved: 1 purged" in result.output
    assert "2 sign-ups purged" in result.output
    assert [s.name for s in stored_signups(app, tenant_a)] == ["Värnamo Spam AB ny"]
    assert [s.name for s in stored_signups(app, tenant_b)] == ["Gislaved Spam AB ny"]
    assert kept


def test_a_landlord_removed_since_is_brought_back_on_acceptance(app, tenant_a, login):
    from hemvist.landlords.operations import delete_landlord

    known = add_landlord(app, tenant_a, company(serial=164))
    with working_in(app, tenant_a):
        delete_landlord(tenant_a, user("coordinator_a"), db.session.get(Landlord, known))
    signup_id = receive(app, tenant_a)
    assert accept(login("coordinator_a"), signup_id, member_id(app, "coordinator_a")).status_code == 302
    [landlord] = stored_landlords(app, tenant_a)
    assert landlord.id == known and landlord.deleted_at is None


def test_a_yes_to_holding_the_lease_makes_the_home_a_sublease_the_household_may_take_over(app, tenant_a, login):
    # The sign-up is purged 30 days after it was handled: the answer must live on in the registry.
    signup_id = receive(app, tenant_a, lease_holding=LeaseHolding.YES)
    coordinator = login("coordinator_a")
    assert accept(coordinator, signup_id, member_id(app, "coordinator_a")).status_code == 302
    [vacancy] = vacancies(app, tenant_a)
    assert (vacancy.lease_form, vacancy.takeover_possible) == (LeaseForm.SUBLEASE, True)
    assert vacancy.notes == ""  # the lease form says it all
    [landlord] = stored_landlords(app, tenant_a)
    # The landlord's own words first, then the answer, in the municipality's language.
    assert landlord.notes == "Vi har ett äldre hyreshus.\n\n" + lease_note(app, LeaseHolding.YES)

    shown = html.unescape(coordinator.get(f"/varnamo/vacancies/{vacancy.id}/?lang=en").get_data(as_text=True))
    assert "Sublease: the municipality holds the lease; the household may take the lease over later" in shown


@pytest.mark.parametrize("answer", [LeaseHolding.MAYBE, LeaseHolding.NO])
def test_an_answer_no_lease_form_expresses_is_written_in_the_notes(app, tenant_a, login, answer):
    signup_id = receive(app, tenant_a, lease_holding=answer, message="")
    coordinator = login("coordinator_a")
    assert accept(coordinator, signup_id, member_id(app, "coordinator_a")).status_code == 302
    note = lease_note(app, answer)
    [vacancy] = vacancies(app, tenant_a)
    assert (vacancy.lease_form, vacancy.takeover_possible) == (None, False)  # not known: the unit asks
    assert vacancy.notes == note
    [landlord] = stored_landlords(app, tenant_a)
    assert landlord.notes == note
    shown = html.unescape(coordinator.get(f"/varnamo/vacancies/{vacancy.id}/").get_data(as_text=True))
    assert note in shown


def test_the_answer_about_the_lease_is_in_the_municipalitys_language_and_kept_without_a_home(
    app, tenant_a, tenant_b, login
):
    with app.app_context():
        from hemvist.tenancy.models import Municipality

        db.session.scalar(sa.select(Municipality).where(Municipality.slug == "varnamo")).default_locale = "en"
        db.session.commit()
    signup_id = receive(app, tenant_a, lease_holding=LeaseHolding.NO, home=False)
    coordinator = login("coordinator_a")
    coordinator.get("/varnamo/?lang=sv")  # the coordinator reads Swedish; the notes follow the municipality
    assert accept(coordinator, signup_id, member_id(app, "coordinator_a")).status_code == 302
    assert vacancies(app, tenant_a) == []
    [landlord] = stored_landlords(app, tenant_a)
    assert landlord.notes == (
        "Vi har ett äldre hyreshus.\n\nIn the sign-up, the landlord answered that they let directly to the tenant: "
        "the municipality is not to hold the lease."
    )


def test_the_answer_is_added_to_a_known_landlords_notes_once_and_logged(app, tenant_a, login):
    known = add_landlord(app, tenant_a, company(serial=164, notes="Skriven av enheten."))
    coordinator = login("coordinator_a")
    for name in ("Solgläntans Fastigheter AB", "Solgläntan igen"):
        signup_id = receive(app, tenant_a, name=name, lease_holding=LeaseHolding.MAYBE, home=False)
        assert accept(coordinator, signup_id, member_id(app, "coordinator_a")).status_code == 302
    note = lease_note(app, LeaseHolding.MAYBE)
    [landlord] = stored_landlords(app, tenant_a)
    assert landlord.notes == "Skriven av enheten.\n\n" + note  # the same answer twice is written once
    with working_in(app, tenant_a):
        [entry] = db.session.scalars(
            sa.select(HistoryEntry).where(
                HistoryEntry.subject_type == "landlords",
                HistoryEntry.subject_id == known,
                HistoryEntry.action == Action.UPDATED,
            )
        )
        assert entry.changes["notes"] == ["Skriven av enheten.", "Skriven av enheten.\n\n" + note]


def inbox_rows(client, status: str) -> dict[str, list[str]]:
    """The inbox's table for ``status``: each sign-up's name and the texts of its cells."""
    page = html.unescape(client.get(f"/varnamo/signups/?status={status}&lang=en").get_data(as_text=True))
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", page.split("<tbody>", 1)[1], flags=re.S):
        cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, flags=re.S)]
        found[cells[1]] = cells
    return found


def test_the_inbox_tells_whether_the_landlord_was_in_the_registry_when_the_signup_arrived(app, tenant_a, login):
    add_landlord(app, tenant_a, company("Kända Hus AB", serial=1))
    known = receive(app, tenant_a, name="Kända Hus AB", serial=1)
    new = receive(app, tenant_a, name="Nya Hus AB", serial=2)
    coordinator = login("coordinator_a")
    already = 3  # the column "Already in the registry"
    before = inbox_rows(coordinator, "new")
    assert (before["Kända Hus AB"][already], before["Nya Hus AB"][already]) == ("Yes", "No")

    for signup_id in (known, new):
        assert accept(coordinator, signup_id, member_id(app, "coordinator_a")).status_code == 302
    # Accepting created the second landlord: that does not make it one the registry knew.
    after = inbox_rows(coordinator, "accepted")
    assert (after["Kända Hus AB"][already], after["Nya Hus AB"][already]) == ("Yes", "No")
