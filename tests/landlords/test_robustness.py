"""Whatever is typed into the registry's forms and search, the answer is a page, never a 500 (both backends)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.landlords.conftest import add_landlord, form_data
from tests.test_robustness import WEIRD_TEXT

LANDLORD_FIELDS = [
    "kind", "name", "identity_number", "street_address", "postal_code", "city", "areas", "flats", "older_stock",
    "source", "notes", "contacts-0-contact_id", "contacts-0-name", "contacts-0-phone", "contacts-0-email",
    "contacts-99999-name", "contacts-1-contact_id",
]  # fmt: skip
SEARCH_FIELDS = ["q", "stage", "owner", "area", "due", "sort", "page"]
FUZZ = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def landlord_id(app, tenant_a):
    return add_landlord(app, tenant_a)


@pytest.fixture
def coordinator(login):
    return login("coordinator_a")


@FUZZ
@given(changes=st.dictionaries(st.sampled_from(LANDLORD_FIELDS), WEIRD_TEXT, max_size=6))
def test_any_landlord_form_gets_a_page(coordinator, landlord_id, changes):
    for url in ("/varnamo/landlords/new", f"/varnamo/landlords/{landlord_id}/edit"):
        assert coordinator.submit(url, form_data(**changes), form_url="/varnamo/landlords/").status_code < 500


@FUZZ
@given(stage=WEIRD_TEXT, reason=WEIRD_TEXT, owner=WEIRD_TEXT)
def test_any_stage_or_owner_gets_a_page(coordinator, landlord_id, stage, reason, owner):
    page = f"/varnamo/landlords/{landlord_id}/"
    assert coordinator.submit(f"{page}stage", {"stage": stage, "reason": reason}, form_url=page).status_code < 500
    assert coordinator.submit(f"{page}owner", {"owner_id": owner}, form_url=page).status_code < 500


@FUZZ
@given(args=st.dictionaries(st.sampled_from(SEARCH_FIELDS), WEIRD_TEXT, max_size=5))
def test_any_search_gets_a_page(coordinator, landlord_id, args):
    assert coordinator.get("/varnamo/landlords/?" + urlencode(args)).status_code == 200
