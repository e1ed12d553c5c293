"""Registering and changing a household: every check, in Swedish and English, with nothing typed lost."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _

from hemvist.extensions import db
from hemvist.households.forms import parse_ages
from hemvist.households.models import ArrivalRoute, Destination, HouseholdStatus
from hemvist.households.operations import default_deadline, normalised_reference
from tests.households.conftest import add_household, form_data, household, stored_households
from tests.landlords.conftest import user, working_in

NEW = "/varnamo/households/new"


def translated(app, lang: str, message: str) -> str:
    """A message as the catalogue has it in ``lang`` (Swedish: the English until it is translated)."""
    with app.test_request_context("/"), force_locale(lang):
        return _(message, age=18)


def errors(page: str) -> list[str]:
    return [html.unescape(text) for text in re.findall(r'<p class="field__error" id="[^"]+">([^<]*)</p>', page)]


@pytest.mark.parametrize(
    ("assigned", "deadline"),
    [
        (date(2016, 12, 31), date(2017, 2, 28)),
        (date(2019, 12, 31), date(2020, 2, 29)),
        (date(2017, 3, 31), date(2017, 5, 31)),
        (date(2017, 7, 31), date(2017, 9, 30)),
        (date(2017, 11, 15), date(2018, 1, 15)),
        (date(2017, 1, 1), date(2017, 3, 1)),
    ],
)
def test_the_default_deadline_is_two_calendar_months_later_at_most_the_months_end(assigned, deadline):
    assert default_deadline(assigned) == deadline


def test_a_household_is_registered_with_everything_typed(app, login, tenant_a):
    anna = login("coordinator_a")
    with app.app_context():
        omar = user("unit_admin_a").id
    response = anna.submit(
        NEW,
        form_data(
            reference=" MIG-2016-0042 ",
            assigned_on="2016-12-31",
            children_ages="3; 7 12",
            step_free_needed="y",
            has_car="y",
            accessibility_needs="Rullstol",
            coordinator_id=str(omar),
            notes="Vill bo nära skolan.",
        ),
    )
    assert response.status_code == 302
    [stored] = stored_households(app, tenant_a)
    assert response.headers["Location"].endswith(f"/varnamo/households/{stored.id}/")
    assert stored.reference == "MIG-2016-0042"
    assert (stored.assigned_on, stored.receive_by) == (date(2016, 12, 31), date(2017, 2, 28))
    assert stored.children_ages == [3, 7, 12] and stored.persons == 5
    assert stored.affordable_rent == 7500
    assert stored.destinations == ["school", "language_school"]
    assert stored.has_car and not stored.driving_licence  # someone else may drive
    assert stored.step_free_needed and stored.accessibility_needs == "Rullstol"
    assert stored.coordinator_id == omar and stored.status is HouseholdStatus.WAITING
    page = anna.get(f"/varnamo/households/{stored.id}/?lang=en").get_data(as_text=True)
    assert "MIG-2016-0042" in page and "Sensitive personal data: only members of Värnamo see this." in page
    assert "Omar Enhetschef" in page and "Vill bo nära skolan." in page


def test_the_coordinator_defaults_to_whoever_registers(login, app, tenant_a):
    anna = login("coordinator_a")
    page = anna.get(NEW + "?lang=en").get_data(as_text=True)
    with app.app_context():
        anna_id = user("coordinator_a").id
    assert f'<option selected value="{anna_id}">Anna Samordnare</option>' in page


def test_a_deadline_typed_is_kept(app, login, tenant_a):
    assert login("coordinator_a").submit(NEW, form_data(receive_by="2026-11-15")).status_code == 302
    assert stored_households(app, tenant_a)[0].receive_by == date(2026, 11, 15)


def test_a_self_settled_household_needs_no_dates_and_keeps_none(app, login, tenant_a):
    anna = login("coordinator_a")
    response = anna.submit(NEW, form_data(arrival_route="self_settled", assigned_on="", receive_by=""))
    assert response.status_code == 302
    [stored] = stored_households(app, tenant_a)
    assert stored.arrival_route is ArrivalRoute.SELF_SETTLED
    assert stored.assigned_on is None and stored.receive_by is None
    page = anna.get(f"/varnamo/households/{stored.id}/?lang=en").get_data(as_text=True)
    assert "Self-settled: no assignment and no deadline." in page


INVALID = {
    "reference": ("", "Enter the reference of the assignment."),
    "reference-long": ("x" * 41, "At most 40 characters."),
    "arrival_route": ("somewhere", "Choose how the household comes."),
    "assigned_on": ("", "Enter the date of the assignment (not needed for a self-settled household)."),
    "assigned_on-text": ("31/12/2016", "Enter a date as year-month-day, like 2025-03-14."),
    "receive_by": ("2026-09-30", "The deadline cannot be before the assignment."),
    "adults": ("0", "Enter a number from 1 to 20."),
    "adults-many": ("21", "Enter a number from 1 to 20."),
    "adults-text": ("två", "Enter a whole number, in digits only."),
    "adults-empty": ("", "Enter the number of adults."),
    "children_ages": ("3, sju", "Write each child's age in whole years, separated by commas, like 3, 7, 12."),
    "children_ages-adult": ("3, 18", "A child is 0 to 17 years old; %(age)s is not a child's age."),
    "children_ages-negative": ("-1", "Write each child's age in whole years, separated by commas, like 3, 7, 12."),
    "affordable_rent": ("0", "Enter an amount above 0 kronor."),
    "affordable_rent-text": ("mycket", "Enter a whole number, in digits only."),
    "languages": ("a" * 201, "At most 200 characters."),
    "coordinator_id": ("999999", "Choose a colleague from the list."),
    "destinations": (["school", "moon"], "Choose places from the list."),
}


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("case", sorted(INVALID))
def test_every_check_says_what_is_wrong_keeps_what_was_typed_and_stores_nothing(app, login, tenant_a, case, lang):
    name = case.split("-")[0]
    value, message = INVALID[case]
    expected = translated(app, lang, message)
    anna = login("coordinator_a")
    anna.get(f"/varnamo/?lang={lang}")
    data = form_data(**{"languages": "tigrinja", "notes": "Behåll mig", name: value})
    response = anna.submit(NEW, data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert expected in errors(page), errors(page)
    # Everything typed comes back.
    assert "Behåll mig" in page
    if name != "languages":
        assert 'value="tigrinja"' in page
    if isinstance(value, str) and value and name not in ("arrival_route", "coordinator_id"):
        assert f'value="{html.escape(value)}"' in page or html.escape(value) in page
    assert stored_households(app, tenant_a) == []


def test_in_swedish_the_known_messages_read_as_the_catalogue_has_them(app, login, tenant_a):
    anna = login("coordinator_a")
    anna.get("/varnamo/?lang=sv")
    page = anna.submit(NEW, form_data(adults="två", assigned_on="igår", languages="a" * 201)).get_data(as_text=True)
    assert "Ange ett heltal, bara siffror." in errors(page)
    assert "Ange datumet som år-månad-dag, till exempel 2025-03-14." in errors(page)
    assert "Högst 200 tecken." in errors(page)


def test_a_duplicate_reference_is_refused_kindly(app, login, tenant_a):
    add_household(app, tenant_a, household("MIG-2026-0001"))
    anna = login("coordinator_a")
    response = anna.submit(NEW + "?lang=en", form_data(reference="MIG-2026-0001", notes="Ny"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Another household already has the reference MIG-2026-0001." in errors(page)
    assert "Ny" in page
    assert len(stored_households(app, tenant_a)) == 1


def test_the_same_reference_may_exist_in_another_municipality(app, login, tenant_a, tenant_b):
    add_household(app, tenant_b, household("MIG-2026-0001"), who="coordinator_b")
    assert login("coordinator_a").submit(NEW, form_data(reference="MIG-2026-0001")).status_code == 302


def test_editing_keeps_the_history_and_a_deadline_can_move(app, login, tenant_a):
    household_id = add_household(app, tenant_a)
    anna = login("coordinator_a")
    edit = f"/varnamo/households/{household_id}/edit"
    page = anna.get(edit + "?lang=en").get_data(as_text=True)
    assert 'value="MIG-2026-0001"' in page and 'value="3, 7"' in page and 'value="2026-12-01"' in page
    response = anna.submit(edit, form_data(receive_by="2026-12-20", adults="1", children_ages=""))
    assert response.status_code == 302
    [stored] = stored_households(app, tenant_a)
    assert stored.receive_by == date(2026, 12, 20) and stored.persons == 1
    page = anna.get(f"/varnamo/households/{household_id}/?lang=en").get_data(as_text=True)
    assert "Receive by from" in page and "Adults from 2 to 1" in page


def test_editing_to_a_taken_reference_changes_nothing(app, login, tenant_a):
    add_household(app, tenant_a, household("MIG-1"))
    second = add_household(app, tenant_a, household("MIG-2"))
    response = login("coordinator_a").submit(f"/varnamo/households/{second}/edit", form_data(reference="MIG-1"))
    assert response.status_code == 400
    assert [h.reference for h in stored_households(app, tenant_a)] == ["MIG-1", "MIG-2"]


def test_ages_are_read_however_they_are_separated(app):
    with app.test_request_context("/"):
        assert parse_ages("3, 7, 12") == [3, 7, 12]
        assert parse_ages(" 0;17  5 ") == [0, 17, 5]
        assert parse_ages("") == []
        for text in ("3.5", "tre", "18", "1" * 30):
            with pytest.raises(ValueError):
                parse_ages(text)


def test_destinations_are_stored_as_their_values(app, tenant_a):
    add_household(app, tenant_a, household(destinations=[Destination.WORK, Destination.SCHOOL]))
    assert stored_households(app, tenant_a)[0].destinations == ["work", "school"]


def test_no_value_of_a_household_is_logged(app, login, tenant_a, caplog):
    caplog.set_level("DEBUG", logger="hemvist")
    anna = login("coordinator_a")
    assert anna.submit(NEW, form_data(reference="SECRET-REF-77", languages="hemligt-språk")).status_code == 302
    text = caplog.text
    assert "household" in text
    assert "SECRET-REF-77" not in text and "hemligt-språk" not in text


def test_a_read_only_member_cannot_write(app, login, tenant_a):
    household_id = add_household(app, tenant_a)
    lisa = login("read_only_a")
    assert lisa.get(NEW).status_code == 403
    assert lisa.get(f"/varnamo/households/{household_id}/edit").status_code == 403
    for action in ("received", "status"):
        url = f"/varnamo/households/{household_id}/{action}"
        assert (
            lisa.submit(url, {"received_on": "2026-11-01", "status": "housed"}, form_url="/varnamo/").status_code == 403
        )
    assert lisa.submit(NEW, form_data(), form_url="/varnamo/").status_code == 403
    page = lisa.get(f"/varnamo/households/{household_id}/?lang=en").get_data(as_text=True)
    assert "MIG-2026-0001" in page and "Mark received" not in page and "/edit" not in page
    [stored] = stored_households(app, tenant_a)
    assert stored.received_on is None and stored.status is HouseholdStatus.WAITING


def test_unit_admins_may_write(login):
    assert login("unit_admin_a").submit(NEW, form_data()).status_code == 302


def test_a_reference_is_one_case_however_it_is_typed(app, tenant_a):
    from hemvist.households.operations import HouseholdError

    add_household(app, tenant_a, household("MIG-2026-0001"))
    with pytest.raises(HouseholdError, match="MIG-2026-0001"):
        add_household(app, tenant_a, household(normalised_reference(" mig-2026- 0001 ")))


def test_an_edit_cannot_move_the_assignment_after_the_reception(app, tenant_a):
    from hemvist.households.models import Household
    from hemvist.households.operations import HouseholdError, mark_received, update_household

    household_id = add_household(app, tenant_a, household("MIG-2026-0002", assigned_on=date(2026, 1, 10)))
    with working_in(app, tenant_a):
        stored = db.session.get(Household, household_id)
        mark_received(tenant_a, user("coordinator_a"), stored, date(2026, 2, 1))
        with pytest.raises(HouseholdError):
            update_household(
                tenant_a, user("coordinator_a"), stored, household("MIG-2026-0002", assigned_on=date(2026, 3, 1))
            )
        db.session.rollback()
        assert db.session.get(Household, household_id).assigned_on == date(2026, 1, 10)
