"""Correcting and deleting an interaction through the forms: by its author or a unit admin, with history."""

from __future__ import annotations

from datetime import timedelta

from hemvist.dialogue.models import InteractionKind
from tests.dialogue.conftest import TODAY, history, interactions, new_landlord, user_id
from tests.dialogue.test_operations import log


def edit_form(app, **fields) -> dict:
    values = {
        "kind": "phone",
        "occurred_on": TODAY.isoformat(),
        "duration_minutes": "15",
        "user_id": str(user_id(app, "coordinator_a")),
        "contact_person_id": "",
        "summary": "Rättad sammanfattning",
        "outcome": "",
    }
    values.update(fields)
    return values


def test_the_author_corrects_an_interaction(app, login, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a)
    interaction_id = log(app, tenant_a, landlord_id, summary="Ringde", duration_minutes=10)
    url = f"/varnamo/landlords/{landlord_id}/interactions/{interaction_id}/edit?lang=en"
    coordinator = login("coordinator_a")
    page = coordinator.get(url).get_data(as_text=True)
    assert "Ringde" in page and 'value="10"' in page and '<option selected value="phone">' in page
    response = coordinator.submit(url, edit_form(app, kind="email", duration_minutes="20"))
    assert response.status_code == 302 and response.headers["Location"] == f"/varnamo/landlords/{landlord_id}/"
    [interaction] = interactions(app, tenant_a)
    assert interaction.kind is InteractionKind.EMAIL and interaction.summary == "Rättad sammanfattning"
    assert history(app, tenant_a, "interactions")[-1].changes["duration_minutes"] == [10, 20]


def test_a_bad_correction_is_explained_kept_and_not_saved(app, login, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a)
    interaction_id = log(app, tenant_a, landlord_id, summary="Ringde")
    url = f"/varnamo/landlords/{landlord_id}/interactions/{interaction_id}/edit?lang=en"
    future = (TODAY + timedelta(days=2)).isoformat()
    page = login("coordinator_a").submit(url, edit_form(app, occurred_on=future)).get_data(as_text=True)
    assert "The date of the contact cannot be in the future." in page
    assert f'value="{future}"' in page and "Rättad sammanfattning" in page
    assert interactions(app, tenant_a)[0].summary == "Ringde"
    assert len(history(app, tenant_a, "interactions")) == 1


def test_a_unit_admin_may_correct_anyones_but_a_colleague_may_not(app, login, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a)
    interaction_id = log(app, tenant_a, landlord_id)
    url = f"/varnamo/landlords/{landlord_id}/interactions/{interaction_id}/edit"
    assert login("two_workspaces").get(url).status_code == 403
    assert login("two_workspaces").submit(url, edit_form(app), form_url="/varnamo/").status_code == 403
    assert login("read_only_a").get(url).status_code == 403
    assert login("unit_admin_a").submit(url, edit_form(app, summary="Av chefen")).status_code == 302
    assert interactions(app, tenant_a)[0].summary == "Av chefen"


def test_an_interaction_of_another_landlord_is_404(app, login, tenant_a, today):
    first, second = new_landlord(app, tenant_a), new_landlord(app, tenant_a, name="Tallmons AB")
    interaction_id = log(app, tenant_a, first)
    assert (
        login("coordinator_a").get(f"/varnamo/landlords/{second}/interactions/{interaction_id}/edit").status_code == 404
    )


def test_the_author_deletes_an_interaction_after_confirming(app, login, tenant_a, today):
    landlord_id = new_landlord(app, tenant_a)
    interaction_id = log(app, tenant_a, landlord_id, summary="Felregistrerat samtal")
    url = f"/varnamo/landlords/{landlord_id}/interactions/{interaction_id}/delete?lang=en"
    coordinator = login("coordinator_a")
    page = coordinator.get(url).get_data(as_text=True)
    assert "Felregistrerat samtal" in page and "Delete the contact" in page
    assert interactions(app, tenant_a) != []
    response = coordinator.submit(url, {})
    assert response.status_code == 302
    assert interactions(app, tenant_a) == []
    assert history(app, tenant_a, "interactions")[-1].action.value == "deleted"
    assert login("two_workspaces").get(url).status_code == 404
