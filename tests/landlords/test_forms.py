"""Every form of the registry, through the real pages: good input saved, bad input explained and kept."""

from __future__ import annotations

import re

import pytest
from markupsafe import Markup

from hemvist.auth.models import Department
from hemvist.auth.operations import update_profile
from hemvist.core.signals import landlord_page
from hemvist.landlords.models import LandlordKind, Source, Stage
from tests.landlords.conftest import add_landlord, company, contact, form_data, org_number, stored_landlords, user

NEW = "/varnamo/landlords/new?lang=en"


def page_of(response) -> str:
    return response.get_data(as_text=True)


def test_a_coordinator_registers_a_landlord_with_its_contact_person(app, login, tenant_a, tenant_b, areas_a):
    anna = login("coordinator_a")
    data = form_data(identity_number="559000 0013", areas=[str(areas_a["Bor"]), str(areas_a["Värnamo"])])
    data["name"] = "  Ekeskogs   Hyresgårdar AB "
    response = anna.submit(NEW, data)

    [landlord] = stored_landlords(app, tenant_a)
    assert response.headers["Location"] == f"/varnamo/landlords/{landlord.id}/"
    assert (landlord.kind, landlord.name, landlord.identity_number) == (
        LandlordKind.COMPANY,
        "Ekeskogs Hyresgårdar AB",
        "559000-0013",
    )
    assert (landlord.street_address, landlord.postal_code, landlord.city) == ("Storgatan 12", "331 30", "Värnamo")
    assert (landlord.flats, landlord.older_stock, landlord.source) == (24, True, Source.RECOMMENDATION)
    assert landlord.notes == "Ringer helst på förmiddagen."
    assert sorted(area.name for area in landlord.areas) == ["Bor", "Värnamo"]
    assert [(c.name, c.role, c.phone, c.email) for c in landlord.contacts] == [
        ("Karin Ek", "Förvaltare", "+46701740605", "Karin.Ek@ekeskog.example")
    ]
    assert stored_landlords(app, tenant_b) == []

    page = page_of(anna.get(response.headers["Location"]))
    assert "Ekeskogs Hyresgårdar AB is registered." in page
    assert "070-174 06 05" in page and "+46701740605" not in page.replace('href="tel:+46701740605"', "")
    assert "Registered the landlord" in page


def test_a_private_person_has_a_personal_identity_number(app, login, tenant_a):
    anna = login("coordinator_a")
    data = form_data(kind="private_person", name="Ulla Bergström", identity_number="19811218-9876")
    assert anna.submit(NEW, data).status_code == 302
    [landlord] = stored_landlords(app, tenant_a)
    assert (landlord.kind, landlord.identity_number) == (LandlordKind.PRIVATE_PERSON, "811218-9876")


def test_bad_input_is_explained_beside_each_field_kept_and_nothing_is_saved(app, login, tenant_a):
    anna = login("coordinator_a")
    typed = form_data(
        name="   ",
        identity_number="559000-0017",
        postal_code="1234",
        flats="many",
        **{
            "contacts-0-phone": "12ab",
            "contacts-0-email": "karin@",
            "contacts-1-phone": "070-174 06 06",
        },
    )
    response = anna.submit(NEW, typed)
    page = page_of(response)
    assert response.status_code == 200
    for message in (
        "Enter the landlord&#39;s name.",
        "This is not a valid organisation number (e.g. 556036-0793).",
        "A postal code has five digits, e.g. 331 30.",
        "Enter a whole number, in digits only.",
        "This is not a valid phone number (e.g. 070-123 45 67).",
        "This is not a valid e-mail address.",
        "Enter the contact person&#39;s name, or empty the whole row.",
    ):
        assert message in page, message
    for value in ("559000-0017", "1234", "many", "12ab", "karin@", "070-174 06 06", "Storgatan 12", "Karin Ek"):
        assert f'value="{value}"' in page, value
    assert "Ringer helst på förmiddagen.</textarea>" in page
    assert 'id="contacts-0-phone-error"' in page and 'aria-invalid="true"' in page
    # The summary names the row of a contact person's error and leads to the field.
    assert '<a href="#contacts-1-name">Contact person 2, Name:' in page
    assert stored_landlords(app, tenant_a) == []


def test_a_company_number_is_not_a_personal_identity_number(app, login, tenant_a):
    anna = login("coordinator_a")
    page = page_of(anna.submit(NEW, form_data(kind="private_person", identity_number="559000-0013")))
    assert "This is not a valid personal identity number (e.g. 811218-9876)." in page
    assert stored_landlords(app, tenant_a) == []


def test_unknown_choices_are_refused_without_a_crash(app, login, tenant_a, areas_a):
    anna = login("coordinator_a")
    response = anna.submit(NEW, form_data(kind="alien", source="nowhere", areas=["999999", "abc"]))
    page = page_of(response)
    assert response.status_code == 200
    assert "Choose areas from the list." in page
    assert stored_landlords(app, tenant_a) == []


def test_a_number_already_registered_is_refused_with_a_link_to_that_landlord(app, login, tenant_a):
    existing = add_landlord(app, tenant_a, company("Tallmons Bostäder AB", serial=1))
    anna = login("coordinator_a")
    page = page_of(anna.submit(NEW, form_data(identity_number=org_number(1).replace("-", ""))))
    assert f"Tallmons Bostäder AB already has the number {org_number(1)}." in page
    assert f'href="/varnamo/landlords/{existing}/"' in page
    assert 'value="Ekeskogs Hyresgårdar AB"' in page
    assert [landlord.name for landlord in stored_landlords(app, tenant_a)] == ["Tallmons Bostäder AB"]


def test_the_edit_form_shows_the_landlord_and_two_empty_rows_and_saves_changes(app, login, tenant_a, areas_a):
    landlord_id = add_landlord(
        app, tenant_a, company(contacts=[contact("Karin Ek", "+46701740605"), contact("Per Lund", role="VD")])
    )
    url = f"/varnamo/landlords/{landlord_id}/edit?lang=en"
    anna = login("coordinator_a")
    page = page_of(anna.get(url))
    assert 'value="070-174 06 05"' in page
    assert 'name="contacts-3-name"' in page and 'name="contacts-4-name"' not in page
    [karin, per] = stored_landlords(app, tenant_a)[0].contacts

    data = form_data(
        name="Ekeskogs Hyresgårdar AB",
        city="Bor",
        areas=[str(areas_a["Lanna"])],
        older_stock=None,
        **{
            "contacts-0-contact_id": str(karin.id),
            "contacts-0-name": "Karin Ek",
            "contacts-0-phone": "0701740606",
            "contacts-1-contact_id": str(per.id),  # emptied: Per is removed
        },
    )
    assert anna.submit(url, data).headers["Location"] == f"/varnamo/landlords/{landlord_id}/"
    [landlord] = stored_landlords(app, tenant_a)
    assert (landlord.city, landlord.older_stock, [a.name for a in landlord.areas]) == ("Bor", False, ["Lanna"])
    assert [(c.id, c.name, c.phone) for c in landlord.contacts] == [(karin.id, "Karin Ek", "+46701740606")]
    page = page_of(anna.get(f"/varnamo/landlords/{landlord_id}/?lang=en"))
    assert "Your changes to Ekeskogs Hyresgårdar AB are saved." in page
    assert "City from Värnamo to Bor" in page
    assert "Contact persons from Karin Ek, Per Lund to Karin Ek" in page


def test_bad_input_on_the_edit_form_changes_nothing(app, login, tenant_a):
    landlord_id = add_landlord(app, tenant_a, company(city="Värnamo"))
    url = f"/varnamo/landlords/{landlord_id}/edit?lang=en"
    page = page_of(login("coordinator_a").submit(url, form_data(city="Bor", flats="-4")))
    assert "Enter a number from 0 to 100 000." in page
    assert 'value="-4"' in page and 'value="Bor"' in page
    assert stored_landlords(app, tenant_a)[0].city == "Värnamo"


def test_the_stage_form_needs_a_reason_for_paused(app, login, tenant_a):
    landlord_id = add_landlord(app, tenant_a)
    url = f"/varnamo/landlords/{landlord_id}/stage?lang=en"
    anna = login("coordinator_a")

    response = anna.submit(url, {"stage": "paused", "reason": ""}, form_url=f"/varnamo/landlords/{landlord_id}/")
    page = page_of(response)
    assert response.status_code == 200
    assert "Say why the landlord is paused or has declined." in page
    assert '<option selected value="paused">' in page
    assert stored_landlords(app, tenant_a)[0].stage is Stage.NEW

    response = anna.submit(url, {"stage": "paused", "reason": "Renoverar till våren."})
    assert response.headers["Location"] == f"/varnamo/landlords/{landlord_id}/#stage-section"
    [landlord] = stored_landlords(app, tenant_a)
    assert (landlord.stage, landlord.stage_reason) == (Stage.PAUSED, "Renoverar till våren.")
    page = page_of(anna.get(f"/varnamo/landlords/{landlord_id}/?lang=en"))
    assert "Ekeskogs Hyresgårdar AB is now at the stage Paused." in page
    assert "Renoverar till våren." in page
    assert "Stage from New to Paused" in page


def test_a_failed_stage_change_lands_at_the_stage_section_with_its_errors(app, login, tenant_a):
    """The section is far down the page: the form posts to an address with its fragment, which the browser keeps
    for the page the errors are shown on, so that it lands at the section rather than at the top."""
    landlord_id = add_landlord(app, tenant_a)
    url = f"/varnamo/landlords/{landlord_id}/"
    anna = login("coordinator_a")
    stage_action = f'action="{url}stage#stage-section"'
    owner_action = f'action="{url}owner#owner"'
    page = page_of(anna.get(f"{url}?lang=en"))
    assert stage_action in page and owner_action in page

    response = anna.submit(f"{url}stage?lang=en", {"stage": "declined", "reason": ""}, form_url=url)
    page = page_of(response)
    assert response.status_code == 200
    section = page[
        page.index('<section id="stage-section"') : page.index("</section>", page.index('id="stage-section"'))
    ]
    summary = section[section.index('class="error-summary"') : section.index("</div>", section.index("error-summary"))]
    assert 'role="alert"' in summary
    assert '<a href="#reason">Reason: Say why the landlord is paused or has declined.</a>' in summary
    assert stage_action in section  # a second failure lands there too
    assert 'class="error-summary"' not in page[: page.index('id="stage-section"')]

    page = page_of(anna.submit(f"{url}owner?lang=en", {"owner_id": "999999"}, form_url=url))
    owner_card = page[page.index('id="owner"') : page.index("</section>", page.index('id="owner"'))]
    assert "Choose a colleague from the list." in owner_card and owner_action in owner_card


def test_an_unknown_stage_is_refused(app, login, tenant_a):
    landlord_id = add_landlord(app, tenant_a)
    page = page_of(login("coordinator_a").submit(f"/varnamo/landlords/{landlord_id}/stage?lang=en", {"stage": "x"}))
    assert "Choose a stage from the list." in page
    assert stored_landlords(app, tenant_a)[0].stage is Stage.NEW


def test_the_named_contact_is_shown_first_and_can_be_reassigned(app, login, tenant_a):
    with app.app_context():
        update_profile(user("unit_admin_a"), name="Omar Haddad", phone="+46370377002", department=Department.HOUSING)
    landlord_id = add_landlord(app, tenant_a)
    anna = login("coordinator_a")
    url = f"/varnamo/landlords/{landlord_id}/"
    with app.app_context():
        omar_id = user("unit_admin_a").id
        outsider_id = user("coordinator_b").id

    page = page_of(anna.submit(f"{url}owner?lang=en", {"owner_id": str(outsider_id)}))
    assert "Choose a colleague from the list." in page

    response = anna.submit(f"{url}owner", {"owner_id": str(omar_id)})
    assert response.headers["Location"] == f"{url}#owner"
    assert stored_landlords(app, tenant_a)[0].owner_id == omar_id
    page = page_of(anna.get(f"{url}?lang=en"))
    owner_card = page[page.index('id="owner"') : page.index("</section>", page.index('id="owner"'))]
    assert "Omar Haddad" in owner_card and "Housing and planning" in owner_card and "0370-37 70 02" in owner_card
    assert page.index("Omar Haddad") < page.index('id="stage-section"')
    assert "Omar Haddad is now the named contact for Ekeskogs Hyresgårdar AB." in page
    assert "Named contact from Anna Samordnare to Omar Haddad" in page


def test_delete_asks_first_then_the_landlord_can_be_restored(app, login, tenant_a):
    landlord_id = add_landlord(app, tenant_a)
    anna = login("coordinator_a")
    page = page_of(anna.get(f"/varnamo/landlords/{landlord_id}/delete?lang=en"))
    assert "Delete Ekeskogs Hyresgårdar AB?" in page and "30 days" in page
    assert stored_landlords(app, tenant_a)[0].deleted_at is None

    response = anna.submit(f"/varnamo/landlords/{landlord_id}/delete", {})
    assert response.headers["Location"] == "/varnamo/landlords/"
    assert stored_landlords(app, tenant_a)[0].deleted_at is not None
    assert anna.get(f"/varnamo/landlords/{landlord_id}/").status_code == 404
    assert "Ekeskogs" not in page_of(anna.get("/varnamo/landlords/"))
    deleted = page_of(anna.get("/varnamo/landlords/deleted?lang=en"))
    assert "Ekeskogs Hyresgårdar AB" in deleted and f"/varnamo/landlords/{landlord_id}/restore" in deleted

    response = anna.submit(f"/varnamo/landlords/{landlord_id}/restore", {}, form_url="/varnamo/landlords/deleted")
    assert response.headers["Location"] == f"/varnamo/landlords/{landlord_id}/"
    assert stored_landlords(app, tenant_a)[0].deleted_at is None
    page = page_of(anna.get(f"/varnamo/landlords/{landlord_id}/?lang=en"))
    assert "Ekeskogs Hyresgårdar AB is restored." in page
    assert "Restored the landlord" in page and "Deleted the landlord" in page


def test_a_get_of_a_form_address_leads_back_to_the_page(login, app, tenant_a):
    landlord_id = add_landlord(app, tenant_a)
    anna = login("coordinator_a")
    for action in ("stage", "owner"):
        response = anna.get(f"/varnamo/landlords/{landlord_id}/{action}")
        assert response.headers["Location"].startswith(f"/varnamo/landlords/{landlord_id}/#")
    assert anna.get(f"/varnamo/landlords/{landlord_id}/restore").headers["Location"] == "/varnamo/landlords/deleted"


WRITES = ["new", "{id}/edit", "{id}/stage", "{id}/owner", "{id}/delete", "{id}/restore"]


@pytest.mark.parametrize("path", WRITES)
def test_read_only_members_may_not_write(app, login, tenant_a, path):
    landlord_id = add_landlord(app, tenant_a)
    reader = login("read_only_a")
    url = "/varnamo/landlords/" + path.format(id=landlord_id)
    assert reader.get(url).status_code == 403
    data = form_data(stage="paused", reason="x", owner_id="1")
    assert reader.submit(url, data, form_url="/varnamo/landlords/").status_code == 403
    [landlord] = stored_landlords(app, tenant_a)
    assert (landlord.stage, landlord.deleted_at, landlord.city) == (Stage.NEW, None, "Värnamo")


def test_read_only_members_see_everything_but_no_write_forms(app, login, tenant_a):
    landlord_id = add_landlord(app, tenant_a, company(contacts=[contact("Karin Ek", "+46701740605")]))
    reader = login("read_only_a")
    page = page_of(reader.get(f"/varnamo/landlords/{landlord_id}/?lang=en"))
    assert "Karin Ek" in page and "Anna Samordnare" in page and "History" in page
    assert "<form" not in page.replace('<form method="post" action="/logout"', "")
    listing = page_of(reader.get("/varnamo/landlords/?lang=en"))
    assert "Ekeskogs Hyresgårdar AB" in listing and "/varnamo/landlords/new" not in listing
    assert "/restore" not in page_of(reader.get("/varnamo/landlords/deleted"))


def test_another_municipalitys_landlord_is_not_found(app, login, tenant_a):
    landlord_id = add_landlord(app, tenant_a)
    johan = login("coordinator_b")
    for path in ("", "edit", "delete"):
        assert johan.get(f"/gislaved/landlords/{landlord_id}/{path}").status_code == 404
    response = johan.submit(f"/gislaved/landlords/{landlord_id}/stage", {"stage": "met"}, form_url="/gislaved/")
    assert response.status_code == 404
    assert stored_landlords(app, tenant_a)[0].stage is Stage.NEW


def test_other_features_add_sections_right_after_the_named_contact(app, login, tenant_a):
    landlord_id = add_landlord(app, tenant_a)

    def first(sender, tenant):
        return Markup(f"<section><h2>First for {sender.name} in {tenant.name}</h2></section>")

    def nothing(sender, tenant):
        return None

    def second(sender, tenant):
        return Markup("<section><h2>Second</h2></section>")

    for receiver in (first, nothing, second):
        landlord_page.connect(receiver)
    try:
        page = page_of(login("read_only_a").get(f"/varnamo/landlords/{landlord_id}/"))
    finally:
        for receiver in (first, nothing, second):
            landlord_page.disconnect(receiver)
    # Blinker does not promise the order receivers were connected in; the page keeps the order of the answers.
    # They follow the named contact, before everything else, so that who else is in touch is seen first.
    sections = re.search(r'id="owner-heading"(.*)id="stage-heading"', page, re.S).group(1)
    assert "<h2>First for Ekeskogs Hyresgårdar AB in Värnamo</h2>" in sections and "<h2>Second</h2>" in sections
