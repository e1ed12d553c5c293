"""The landlord's type: chosen in the landlord form or following its kind, shown on its page, set on a sign-up."""

from __future__ import annotations

import re

from hemvist.landlords.models import LandlordKind, LandlordType
from tests.landlords.conftest import form_data, stored_landlords
from tests.vacancies.conftest import text

NEW = "/varnamo/landlords/new?lang=en"


def test_a_new_landlords_type_follows_its_kind_unless_chosen(app, login, tenant_a):
    anna = login("coordinator_a")
    form = text(anna.get(NEW))
    assert re.search(r'<select [^>]*id="landlord_type" name="landlord_type">\s*<option selected value="">', form)
    assert anna.submit(NEW, form_data(name="Ekeskogs AB")).status_code == 302
    private = form_data(kind="private_person", name="Ulla Bergström", identity_number="19811218-9876")
    assert anna.submit(NEW, private).status_code == 302
    housing = form_data(name="Lagadalens Kommunhem AB", landlord_type="municipal_housing_company")
    assert anna.submit(NEW, housing).status_code == 302
    types = {landlord.name: landlord.landlord_type for landlord in stored_landlords(app, tenant_a)}
    assert types == {
        "Ekeskogs AB": LandlordType.PRIVATE_COMPANY,
        "Ulla Bergström": LandlordType.PRIVATE_PERSON,
        "Lagadalens Kommunhem AB": LandlordType.MUNICIPAL_HOUSING_COMPANY,
    }
    housing_id = next(x.id for x in stored_landlords(app, tenant_a) if x.name == "Lagadalens Kommunhem AB")
    page = text(anna.get(f"/varnamo/landlords/{housing_id}/?lang=en"))
    assert "<dt>Category in the statistics</dt>\n    <dd>Municipal housing company</dd>" in page


def test_a_type_that_does_not_fit_the_kind_is_explained_and_nothing_saved(app, login, tenant_a):
    anna = login("coordinator_a")
    for data in (
        form_data(kind="private_person", name="Ulla Bergström", landlord_type="municipality"),
        form_data(name="Ekeskogs AB", landlord_type="private_person"),
        form_data(name="Ekeskogs AB", landlord_type="castle"),
    ):
        response = anna.submit(NEW, data)
        assert response.status_code == 200 and 'id="landlord_type-error"' in text(response)
        assert (
            f'<option selected value="{data["landlord_type"]}">' in text(response) or data["landlord_type"] == "castle"
        )
    assert stored_landlords(app, tenant_a) == []


def test_changing_the_type_is_kept_in_the_history_and_the_kind_carries_an_implied_type(app, login, tenant_a):
    anna = login("coordinator_a")
    anna.submit(NEW, form_data(name="Ekeskogs AB"))
    [landlord] = stored_landlords(app, tenant_a)
    edit = f"/varnamo/landlords/{landlord.id}/edit?lang=en"
    assert anna.submit(edit, form_data(name="Ekeskogs AB", landlord_type="municipality")).status_code == 302
    assert stored_landlords(app, tenant_a)[0].landlord_type is LandlordType.MUNICIPALITY
    assert '<option selected value="municipality">' in text(anna.get(edit))
    page = text(anna.get(f"/varnamo/landlords/{landlord.id}/?lang=en"))
    assert "Category in the statistics from Private company to The municipality itself" in page
    # Back to following the kind; then a change of kind changes the type with it.
    anna.submit(edit, form_data(name="Ekeskogs AB", landlord_type=""))
    anna.submit(edit, form_data(kind="private_person", name="Ulla Ek", identity_number="811218-9876", landlord_type=""))
    [landlord] = stored_landlords(app, tenant_a)
    assert (landlord.kind, landlord.landlord_type) == (LandlordKind.PRIVATE_PERSON, LandlordType.PRIVATE_PERSON)


def test_an_accepted_sign_up_gets_the_type_of_its_kind(app, login, tenant_a):
    from tests.signup.test_triage import accept, member_id, receive

    signup_id = receive(app, tenant_a, kind=LandlordKind.PRIVATE_PERSON, identity_number="811218-9876", home=False)
    assert accept(login("coordinator_a"), signup_id, member_id(app, "coordinator_a")).status_code == 302
    [landlord] = stored_landlords(app, tenant_a)
    assert landlord.landlord_type is LandlordType.PRIVATE_PERSON
