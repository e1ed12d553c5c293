"""From a home's suggested households a coordinator offers it to the top one, records the acceptance, and
sees the home reserved and the household's other offer withdrawn.

Holds on to structure (URLs, ids, statuses' CSS classes) and the data typed, not to sentences.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from hemvist.extensions import db
from hemvist.households.models import Household
from hemvist.offers import operations
from hemvist.tenancy.binding import bound
from hemvist.vacancies.models import Vacancy
from tests.landlords.conftest import areas_a, user  # noqa: F401 (areas_a: a fixture)
from tests.offers.conftest import family, home
from tests.vacancies.conftest import landlord_a  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


@pytest.fixture
def homes(app, tenant_a, landlord_a) -> dict[str, int]:  # noqa: F811
    """One home, the household it suits, and another home already offered to that household."""
    ids = {
        "vacancy": home(app, tenant_a, landlord_a, "Nygatan 1"),
        "other": home(app, tenant_a, landlord_a, "Bruksgatan 2"),
        "household": family(app, tenant_a, "MIG-2026-0001"),
    }
    with app.test_request_context("/"), bound(db.session, tenant_a.schema):
        other = operations.make_offer(
            tenant_a, user("coordinator_a"), db.session.get(Vacancy, ids["other"]),
            db.session.get(Household, ids["household"]),
        )  # fmt: skip
        ids["other_offer"] = other.id
    return ids


def test_offer_the_top_suggestion_and_record_the_acceptance(page, homes):
    page.log_in("coordinator_a")
    page.goto(f"/varnamo/vacancies/{homes['vacancy']}/")
    page.follow("#offers a:has-text('Suggested households'), #offers a[href*='/matching/']")
    page.submit(page.locator("main form.offer-button").first)
    assert re.fullmatch(r"/varnamo/offers/\d+/", page.path)
    offer_path = page.path

    page.submit(f"main form[action='{offer_path}accept#accept']")
    assert page.path == offer_path
    expect(page.locator(f"main a[href='/varnamo/leases/new?offer={offer_path.split('/')[3]}']")).to_have_count(1)

    page.goto(f"/varnamo/vacancies/{homes['vacancy']}/")
    expect(page.locator("#status-heading")).to_contain_text(re.compile("Reserved|Reserverad"))
    expect(page.locator("#offers .offer-status--accepted")).to_have_count(1)

    page.goto(f"/varnamo/households/{homes['household']}/")
    expect(page.locator("#offers .offer-status--accepted")).to_have_count(1)
    expect(page.locator("#offers .offer-status--withdrawn")).to_have_count(1)
    page.verify_everything_checked()
