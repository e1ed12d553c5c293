"""What a landlord does on their page: see their contact and homes, offer and withdraw homes, update details;
and how the named contact hears of it on the dashboard."""

from __future__ import annotations

import html
import re

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.history.models import Action, HistoryEntry
from hemvist.landlord_page.models import ChangeKind, LandlordChange
from hemvist.landlords.models import ContactPerson
from hemvist.vacancies.models import OfferedVia, Vacancy, VacancyStatus
from hemvist.vacancies.operations import VacancyData, offer_vacancy
from tests.landlord_page.conftest import KARIN, PAGE
from tests.landlords.conftest import add_landlord, company, user, working_in


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def rows(app, tenant, model, *where):
    with working_in(app, tenant):
        found = list(db.session.scalars(sa.select(model).where(*where).order_by(model.id)))
        db.session.expunge_all()
        return found


def staff_vacancy(app, tenant, landlord_id: int, street: str, rooms: int = 2) -> int:
    with working_in(app, tenant):
        from hemvist.landlords.models import Landlord

        landlord = db.session.get(Landlord, landlord_id)
        return offer_vacancy(
            tenant, user("coordinator_a"), landlord, VacancyData(rooms=rooms, street_address=street), OfferedVia.STAFF
        ).id


def test_the_page_shows_the_named_contact_and_the_landlords_homes(app, tenant_a, landlord, on_page):
    staff_vacancy(app, tenant_a, landlord["id"], "Storgatan 12")
    other = add_landlord(app, tenant_a, company("Annan Hyresvärd AB", serial=5))
    staff_vacancy(app, tenant_a, other, "Främmande vägen 3")
    page = text(on_page.get(PAGE))
    assert "Ekeskogs Hyresgårdar AB" in page and "Karin Ek" in page
    assert "Anna Samordnare" in page  # the named contact
    assert "070-174 06 05" in page and 'href="tel:+46701740605"' in page
    assert "mailto:anna@varnamo.test" in page
    assert "Storgatan 12" in page and "Främmande vägen 3" not in page


def dashboard_changes(client) -> list[str]:
    return re.findall(r'name="change" value="(\d+)"', client.get("/varnamo/").get_data(as_text=True))


def test_offering_a_home_tells_the_named_contact_until_seen(app, tenant_a, landlord, on_page, login):
    response = on_page.submit(
        f"{PAGE}homes/new",
        {"rooms": "3", "rent": "6 900", "living_area": "71", "street_address": "Nygatan 8", "area": ""},
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(PAGE)
    [vacancy] = rows(app, tenant_a, Vacancy)
    assert (vacancy.landlord_id, vacancy.offered_via, vacancy.status) == (
        landlord["id"],
        OfferedVia.LANDLORD_PAGE,
        VacancyStatus.OFFERED,
    )
    assert (vacancy.rooms, vacancy.rent, vacancy.living_area, vacancy.street_address) == (3, 6900, 71, "Nygatan 8")
    [change] = rows(app, tenant_a, LandlordChange)
    assert (change.kind, change.vacancy_id, change.contact_person_id) == (
        ChangeKind.HOME_OFFERED,
        vacancy.id,
        landlord["contact_id"],
    )
    assert "Nygatan 8" in text(on_page.get(PAGE))

    owner = login("coordinator_a")
    owner.get("/varnamo/?lang=en")
    dashboard = text(owner.get("/varnamo/"))
    assert "News from your landlords" in dashboard and "offered a home" in dashboard
    assert "Ekeskogs Hyresgårdar AB" in dashboard and "(Karin Ek)" in dashboard
    assert dashboard_changes(owner) == [str(change.id)]

    # A colleague neither sees it nor can mark it as seen.
    colleague = login("unit_admin_a")
    assert dashboard_changes(colleague) == []
    colleague.submit("/varnamo/landlord-changes/seen", {"change": str(change.id)}, form_url="/varnamo/")
    assert dashboard_changes(owner) == [str(change.id)]

    response = owner.submit(
        "/varnamo/landlord-changes/seen", {"change": dashboard_changes(owner)}, form_url="/varnamo/"
    )
    assert response.status_code == 302
    assert dashboard_changes(owner) == [] and "News from your landlords" not in text(owner.get("/varnamo/"))
    [seen] = rows(app, tenant_a, LandlordChange)
    assert seen.seen_at is not None and seen.seen_by_id == user_id(app, "coordinator_a")


def user_id(app, key):
    with app.app_context():
        return user(key).id


def test_an_invalid_home_is_refused_and_nothing_is_offered(app, tenant_a, landlord, on_page):
    response = on_page.submit(f"{PAGE}homes/new", {"rooms": "", "rent": "-5", "available_from": "imorgon"})
    assert response.status_code == 400
    assert 'value="imorgon"' in response.get_data(as_text=True)
    assert rows(app, tenant_a, Vacancy) == [] and rows(app, tenant_a, LandlordChange) == []


def test_withdrawing_a_home(app, tenant_a, landlord, on_page):
    vacancy_id = staff_vacancy(app, tenant_a, landlord["id"], "Storgatan 12")
    url = f"{PAGE}homes/{vacancy_id}/withdraw"
    shown = on_page.get(url)
    assert shown.status_code == 200 and "Storgatan 12" in text(shown)
    assert rows(app, tenant_a, Vacancy)[0].status is VacancyStatus.OFFERED  # showing it changes nothing
    assert on_page.submit(url, {}).status_code == 302
    [vacancy] = rows(app, tenant_a, Vacancy)
    assert vacancy.status is VacancyStatus.WITHDRAWN
    [change] = rows(app, tenant_a, LandlordChange)
    assert (change.kind, change.vacancy_id) == (ChangeKind.HOME_WITHDRAWN, vacancy_id)
    # Withdrawn already: nothing more happens (a second tab's button, pressed late).
    on_page.get(PAGE + "?lang=en")
    again = on_page.submit(url, {}, form_url=PAGE, follow_redirects=True)
    assert "This home is no longer on offer." in text(again)
    assert len(rows(app, tenant_a, LandlordChange)) == 1


def test_a_home_no_longer_on_offer_is_not_offered_for_withdrawal(app, tenant_a, landlord, on_page):
    vacancy_id = staff_vacancy(app, tenant_a, landlord["id"], "Ljungvägen 3")
    with working_in(app, tenant_a):
        db.session.get(Vacancy, vacancy_id).status = VacancyStatus.WITHDRAWN
        db.session.commit()
    shown = on_page.get(f"{PAGE}homes/{vacancy_id}/withdraw?lang=en")
    assert shown.status_code == 200
    page = text(shown)
    assert "This home is no longer on offer." in page and "Ljungvägen 3, 2 rooms: Withdrawn" in page
    assert "Do you want to withdraw" not in page and "Withdraw this home" not in page
    assert "<button" not in page.split("<main", 1)[1]  # nothing to press
    assert f'<a href="{PAGE}">Back to your page</a>' in page


def test_the_homes_table_scrolls_in_its_own_named_box_on_a_narrow_screen(app, tenant_a, landlord, on_page):
    staff_vacancy(app, tenant_a, landlord["id"], "Storgatan 12")
    page = on_page.get(PAGE + "?lang=en").get_data(as_text=True)
    box = re.search(r'<div class="table-scroll" tabindex="0" role="region" aria-labelledby="([^"]+)">\s*<table', page)
    assert box, "the homes table is not in a scrolling box"
    caption = re.search(rf'<caption id="{box.group(1)}">([^<]*)</caption>', page)
    assert caption and caption.group(1) == "The homes you have offered and where they stand"
    assert page.index(box.group(0)) < page.index("Storgatan 12") < page.index("</table>\n</div>")


def test_the_landlords_pages_have_no_staff_login_link(app, tenant_a, landlord, client, on_page, login):
    # A landlord has no account: "Log in" beside their own page's "Log out" only confuses.
    for url in (PAGE, f"{PAGE}link", f"{PAGE}homes/new", f"{PAGE}details"):
        page = on_page.get(url + "?lang=en").get_data(as_text=True)
        assert on_page.get(url).status_code == 200 and 'href="/login"' not in page, url
    asking = type(on_page)(app.test_client()).get(PAGE).get_data(as_text=True)  # no page open
    assert 'href="/login"' not in asking
    assert 'href="/login"' in client.get("/varnamo/landlord-signup").get_data(as_text=True)  # elsewhere it is
    # A member of staff who is logged in still sees their account in the header.
    staff = login("coordinator_a").get(PAGE + "?lang=en").get_data(as_text=True)
    assert 'class="account__name"' in staff


def summary_targets(response) -> list[str]:
    page = response.get_data(as_text=True)
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    return re.findall(r'<a href="#([^"]+)">', summary)


def test_the_error_summary_of_a_home_follows_the_order_of_the_page(app, tenant_a, landlord, on_page):
    data = {"rooms": "", "rent": "0", "living_area": "0", "available_from": "imorgon",
            "street_address": "x" * 201, "area": "999999"}  # fmt: skip
    response = on_page.submit(f"{PAGE}homes/new?lang=en", data, form_url=f"{PAGE}homes/new")
    assert response.status_code == 400
    targets = summary_targets(response)
    form = response.get_data(as_text=True).split("<form", 1)[1]
    assert sorted(targets) == sorted(data)
    assert targets == sorted(targets, key=lambda target: form.index(f'id="{target}"'))
    assert targets == ["rooms", "rent", "living_area", "available_from", "street_address", "area"]


def test_another_landlords_home_is_not_found(app, tenant_a, landlord, on_page):
    other = add_landlord(app, tenant_a, company("Annan Hyresvärd AB", serial=5))
    vacancy_id = staff_vacancy(app, tenant_a, other, "Främmande vägen 3")
    url = f"{PAGE}homes/{vacancy_id}/withdraw"
    assert on_page.get(url).status_code == 404
    assert on_page.submit(url, {}, form_url=PAGE).status_code == 404
    assert on_page.get(f"{PAGE}homes/99999/withdraw").status_code == 404
    assert rows(app, tenant_a, Vacancy)[0].status is VacancyStatus.OFFERED
    assert rows(app, tenant_a, LandlordChange) == []


def test_an_invalid_phone_keeps_what_was_typed_and_changes_nothing(app, tenant_a, landlord, on_page):
    data = {"name": "Karin Ekström", "phone": "12", "email": KARIN}
    response = on_page.submit(f"{PAGE}details", data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'value="Karin Ekström"' in page and 'value="12"' in page
    [person] = rows(app, tenant_a, ContactPerson)
    assert (person.name, person.phone, person.email) == ("Karin Ek", "+46701740699", KARIN)
    assert rows(app, tenant_a, LandlordChange) == []


def test_valid_contact_details_are_saved_and_logged(app, tenant_a, landlord, on_page):
    shown = on_page.get(f"{PAGE}details").get_data(as_text=True)
    assert 'value="070-174 06 99"' in shown  # the stored number, as people write it
    data = {"name": " Karin  Ekström ", "phone": "0701740698", "email": "Karin.Ekstrom@EKESKOG.example"}
    assert on_page.submit(f"{PAGE}details", data).status_code == 302
    [person] = rows(app, tenant_a, ContactPerson)
    assert (person.name, person.phone, person.email) == (
        "Karin Ekström",
        "+46701740698",
        "Karin.Ekstrom@ekeskog.example",
    )
    [entry] = rows(
        app, tenant_a, HistoryEntry, HistoryEntry.subject_type == "landlords", HistoryEntry.action == Action.UPDATED
    )
    assert entry.subject_id == landlord["id"] and entry.user_id is None
    assert entry.changes["contact_name"] == ["Karin Ek", "Karin Ekström"]
    assert entry.changes["contact_phone"] == ["+46701740699", "+46701740698"]
    [change] = rows(app, tenant_a, LandlordChange)
    assert change.kind is ChangeKind.CONTACT_UPDATED
    assert "Karin Ekström" in text(on_page.get(PAGE))
    # The same details again: nothing changes, nothing is logged.
    assert on_page.submit(f"{PAGE}details", data).status_code == 302
    assert len(rows(app, tenant_a, LandlordChange)) == 1


def test_the_pages_views_need_an_open_page(client, landlord):
    for url in (f"{PAGE}homes/new", f"{PAGE}details", f"{PAGE}homes/1/withdraw"):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].endswith(PAGE)
    assert client.submit(f"{PAGE}details", {"name": "X", "email": "x@y.example"}, form_url=PAGE).status_code == 302


def test_a_new_email_address_is_told_to_the_old_one(app, tenant_a, landlord, on_page, mailbox):
    # Links go to the new address from now on: whoever made the change, the old address hears of it.
    data = {"name": "Karin Ek", "phone": "070-174 06 05", "email": "karin.ny@ekeskog.example"}
    assert on_page.submit(f"{PAGE}details", data).status_code == 302
    [(recipients, message)] = mailbox.wait_for(1)
    assert recipients == [KARIN]
    assert "karin.ny@ekeskog.example" in message.get_body(("plain",)).get_content()


def test_a_named_contact_who_has_left_the_municipality_is_not_shown(app, tenant_a, landlord, on_page):
    from hemvist.auth.models import Membership

    with app.app_context():
        owner = user("coordinator_a")
        name = owner.name
        db.session.execute(sa.delete(Membership).where(Membership.user_id == owner.id))
        db.session.commit()
    page = text(on_page.get(PAGE + "?lang=en"))
    assert name not in page and "Your contact is being appointed." in page
