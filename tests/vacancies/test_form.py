"""Registering and changing a vacancy through the staff form: what is saved, and every error explained."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from flask_babel import force_locale, gettext
from markupsafe import escape

from hemvist.history.models import Action
from hemvist.leases.models import LeaseForm
from hemvist.vacancies.models import OfferedVia, VacancyStatus
from tests.vacancies.conftest import add_vacancy, stored_vacancies, text, vacancy_form, vacancy_history

# Each bad value, and the message the form must answer it with beside its field.
ERRORS = {
    "rooms": ("", "Enter the number of rooms."),
    "living_area": ("0", "Enter a number from 1 to 1 000."),
    "rent": ("0", "Enter a number from 1 to 100 000."),
    "available_from": ("imorgon", "Enter a date as year-month-day, like 2025-03-14."),
    "floor": ("-9", "Enter a number from -3 to 99."),
    "stop_distance": ("-1", "Enter a number from 0 to 100 000."),
    "weekday_departures": ("många", "Enter a whole number, in digits only."),
    "lease_form": ("", "Choose the lease form."),
    "area": ("999999", "Choose a part of the municipality from the list."),
    "street_address": ("x" * 201, "At most 200 characters."),
}


def new_url(landlord_id: int, lang: str = "en") -> str:
    return f"/varnamo/vacancies/new?landlord={landlord_id}&lang={lang}"


def test_a_coordinator_registers_a_home_for_a_landlord(app, login, tenant_a, tenant_b, areas_a, landlord_a):
    anna = login("coordinator_a")
    free = (date.today() + timedelta(days=20)).isoformat()
    response = anna.submit(new_url(landlord_a), vacancy_form(area=str(areas_a["Bor"]), available_from=free))

    [vacancy] = stored_vacancies(app, tenant_a)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/varnamo/vacancies/{vacancy.id}/"
    assert (vacancy.landlord_id, vacancy.street_address, vacancy.area_id) == (
        landlord_a,
        "Storgatan 12",
        areas_a["Bor"],
    )
    assert (vacancy.rooms, vacancy.living_area, vacancy.rent, vacancy.available_from.isoformat()) == (3, 74, 7400, free)
    assert (vacancy.floor, vacancy.lift, vacancy.step_free) == (2, True, False)
    assert (vacancy.lease_form, vacancy.takeover_possible) == (LeaseForm.SUBLEASE, True)
    assert (vacancy.stop_distance, vacancy.weekday_departures, vacancy.needs_car) == (250, 32, False)
    assert vacancy.notes == "Nyrenoverat kök."
    assert (vacancy.status, vacancy.offered_via) == (VacancyStatus.OFFERED, OfferedVia.STAFF)
    assert [entry.action for entry in vacancy_history(app, tenant_a, vacancy.id)] == [Action.CREATED]
    assert stored_vacancies(app, tenant_b) == []

    page = text(anna.get(response.headers["Location"]))
    assert "The home is registered as offered by Ekeskogs Hyresgårdar AB." in page
    assert "Registered the home" in page and "Anna Samordnare" in page
    # In the register, and on the landlord's page with a link to it.
    register = text(anna.get("/varnamo/vacancies/?lang=en"))
    assert f'href="/varnamo/vacancies/{vacancy.id}/"' in register and "Storgatan 12" in register
    assert "Ekeskogs Hyresgårdar AB" in register and "Sublease" in register
    landlord_page = text(anna.get(f"/varnamo/landlords/{landlord_a}/?lang=en"))
    assert f'href="/varnamo/vacancies/{vacancy.id}/"' in landlord_page
    assert f'href="/varnamo/vacancies/new?landlord={landlord_a}"' in landlord_page


def test_a_unit_admin_may_register_too(app, login, tenant_a, landlord_a):
    response = login("unit_admin_a").submit(new_url(landlord_a), vacancy_form())
    assert response.status_code == 302 and len(stored_vacancies(app, tenant_a)) == 1


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_every_error_is_explained_beside_its_field_the_typed_values_are_kept_and_nothing_is_saved(
    app, login, tenant_a, landlord_a, lang
):
    anna = login("coordinator_a")
    typed = vacancy_form(**{name: value for name, (value, _message) in ERRORS.items()}, notes="Kvar")
    response = anna.submit(new_url(landlord_a, lang), typed)
    page = text(response)
    assert response.status_code == 400
    with app.test_request_context(), force_locale(lang):
        expected = {name: str(escape(gettext(message))) for name, (_value, message) in ERRORS.items()}
        summary_heading = gettext("Please correct the following")
    assert summary_heading in page
    for name, message in expected.items():
        assert f'<p class="field__error" id="{name}-error">{message}</p>' in page, (name, message)
    if lang == "sv":
        # Those the catalogue has had long, spelled out: the page really is Swedish.
        assert "Ange antal rum." in page and "Ange ett heltal, bara siffror." in page
    for value in ("imorgon", "-9", "-1", "många", "0", "x" * 201):
        assert f'value="{value}"' in page, value
    assert "Kvar</textarea>" in page
    assert stored_vacancies(app, tenant_a) == []


def test_the_error_summary_follows_the_order_of_the_page(app, login, tenant_a, landlord_a):
    # The staff's page shows the address first; the landlords' pages (sharing HomeForm) the rooms.
    typed = vacancy_form(**{name: value for name, (value, _message) in ERRORS.items()})
    page = text(login("coordinator_a").submit(new_url(landlord_a), typed))
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    targets = re.findall(r'<a href="#([^"]+)">', summary)
    assert set(ERRORS) <= set(targets)
    form = page.split("<form", 1)[1]
    assert targets == sorted(targets, key=lambda target: form.index(f'id="{target}"'))


def test_takeover_only_with_a_sublease(app, login, tenant_a, landlord_a):
    anna = login("coordinator_a")
    response = anna.submit(new_url(landlord_a), vacancy_form(lease_form="first_hand_open_ended"))
    assert response.status_code == 400
    assert "Only a sublease can be taken over. Choose sublease, or leave this unticked." in text(response)
    assert '<option selected value="first_hand_open_ended">' in text(response)
    assert stored_vacancies(app, tenant_a) == []
    assert (
        anna.submit(new_url(landlord_a), vacancy_form(lease_form="lodger", takeover_possible=None)).status_code == 302
    )


def test_a_lease_form_not_in_the_list_is_refused(app, login, tenant_a, landlord_a):
    response = login("coordinator_a").submit(new_url(landlord_a), vacancy_form(lease_form="castle"))
    assert "Choose a lease form from the list." in text(response) and stored_vacancies(app, tenant_a) == []


def test_rent_must_be_more_than_nothing_in_the_landlords_forms_too(app):
    from hemvist.vacancies.forms import HomeForm

    with app.test_request_context("/?lang=en"):
        from werkzeug.datastructures import MultiDict

        form = HomeForm(MultiDict({"rooms": "2", "rent": "0", "area": ""}))
        form.set_area_choices([])
        assert not form.validate()
        assert [str(message) for message in form.rent.errors] == ["Enter a number from 1 to 100 000."]


def test_changing_a_home_keeps_its_status_and_records_what_changed(app, login, tenant_a, landlord_a):
    vacancy_id = add_vacancy(app, tenant_a, landlord_a, status=VacancyStatus.RESERVED, confirmed_days_ago=3)
    [before] = stored_vacancies(app, tenant_a)
    anna = login("coordinator_a")
    url = f"/varnamo/vacancies/{vacancy_id}/edit?lang=en"
    form = text(anna.get(url))
    assert 'value="Nygatan 1"' in form and '<option selected value="first_hand_open_ended">' in form

    response = anna.submit(url, vacancy_form(street_address="Nygatan 1", rooms="4", rent="8 100", needs_car="y"))
    assert response.headers["Location"] == f"/varnamo/vacancies/{vacancy_id}/"
    [vacancy] = stored_vacancies(app, tenant_a)
    assert (vacancy.rooms, vacancy.rent, vacancy.needs_car, vacancy.lease_form) == (4, 8100, True, LeaseForm.SUBLEASE)
    assert vacancy.status is VacancyStatus.RESERVED and vacancy.confirmed_at == before.confirmed_at
    [_created, changed] = vacancy_history(app, tenant_a, vacancy_id)
    assert changed.changes["rooms"] == [2, 4] and changed.changes["lease_form"] == ["first_hand_open_ended", "sublease"]
    page = text(anna.get(f"/varnamo/vacancies/{vacancy_id}/?lang=en"))
    assert "Rooms from 2 to 4" in page and "Lease form from First-hand lease, open-ended to Sublease" in page

    # An error on the edit form saves nothing.
    assert anna.submit(url, vacancy_form(rooms="0")).status_code == 400
    assert stored_vacancies(app, tenant_a)[0].rooms == 4


def test_a_landlord_that_is_not_there_has_no_form(login, landlord_a):
    anna = login("coordinator_a")
    for url in (
        "/varnamo/vacancies/new",
        "/varnamo/vacancies/new?landlord=abc",
        "/varnamo/vacancies/new?landlord=999999",
    ):
        assert anna.get(url).status_code == 404
        assert anna.submit(url, vacancy_form(), form_url="/varnamo/").status_code == 404
