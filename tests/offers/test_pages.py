"""The offers' pages and forms through the client: bad input kept and refused, 409 for a second acceptance,
the notices mailed, the sections on the household's and the home's pages, read-only members and isolation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hemvist.households.models import Household, HouseholdStatus
from hemvist.offers.models import OfferStatus, RefusalReason
from hemvist.vacancies.models import Vacancy, VacancyStatus
from tests.conftest import USERS
from tests.offers.conftest import count_offers, family, home, offer, stored, stored_offer, text
from tests.signup.conftest import body

TODAY = date.today()
BASE = "/varnamo/offers"


@pytest.fixture
def login(login):
    """Logged in, in English: Värnamo's workspace is in Swedish, and these tests read the sentences."""

    def log_in(key: str):
        client = login(key)
        client.get("/home?lang=en")
        return client

    return log_in


def test_offer_this_home_from_a_suggestion(app, tenant_a, landlord_a, login):
    vacancy, household = home(app, tenant_a, landlord_a), family(app, tenant_a)
    coordinator = login("coordinator_a")
    preview = coordinator.get(f"{BASE}/new?vacancy={vacancy}&household={household}")
    assert preview.status_code == 200 and "within the norm" in text(preview)
    response = coordinator.submit(f"{BASE}/new", {"vacancy": str(vacancy), "household": str(household)},
                                  form_url=f"/varnamo/vacancies/{vacancy}/")  # fmt: skip
    assert response.status_code == 302
    page = coordinator.get(response.headers["Location"])
    assert "Why the home was offered" in text(page) and "within the norm" in text(page)
    assert count_offers(app, tenant_a) == 1
    again = coordinator.submit(f"{BASE}/new", {"vacancy": str(vacancy), "household": str(household)})
    assert again.status_code == 400 and "already offered to this household" in text(again)
    assert count_offers(app, tenant_a) == 1


def test_an_unsuitable_home_is_refused_with_the_reasons(app, tenant_a, landlord_a, login):
    vacancy, household = home(app, tenant_a, landlord_a, rooms=1), family(app, tenant_a)
    response = login("coordinator_a").submit(f"{BASE}/new", {"vacancy": str(vacancy), "household": str(household)})
    assert response.status_code == 400 and "the norm allows at most" in text(response)
    assert count_offers(app, tenant_a) == 0


def test_bad_ids_are_404_and_readers_may_not_offer(app, tenant_a, landlord_a, login):
    vacancy, household = home(app, tenant_a, landlord_a), family(app, tenant_a)
    coordinator = login("coordinator_a")
    assert coordinator.submit(f"{BASE}/new", {"vacancy": "x", "household": "1"}).status_code == 404
    assert coordinator.submit(f"{BASE}/new", {"vacancy": "999", "household": str(household)}).status_code == 404
    assert coordinator.get(f"{BASE}/new").status_code == 302
    reader = login("read_only_a")
    data = {"vacancy": str(vacancy), "household": str(household)}
    assert reader.submit(f"{BASE}/new", data, form_url="/varnamo/").status_code == 403
    assert "Offer this home" not in text(reader.get(f"/varnamo/households/{household}/"))


def test_the_answers_with_bad_input_keep_what_was_typed(app, tenant_a, landlord_a, login):
    offer_id = offer(app, tenant_a, home(app, tenant_a, landlord_a), family(app, tenant_a))
    coordinator = login("coordinator_a")
    url = f"{BASE}/{offer_id}/"
    viewing = coordinator.submit(f"{url}viewing", {"viewing_on": "på fredag"}, form_url=url)
    assert viewing.status_code == 400 and 'value="på fredag"' in text(viewing)
    future = coordinator.submit(f"{url}accept", {"answered_on": (TODAY + timedelta(days=2)).isoformat()}, form_url=url)
    assert future.status_code == 400 and "cannot be in the future" in text(future)
    refused = coordinator.submit(
        f"{url}refuse", {"reason": "x", "after": "pause", "paused_until": "2000-01-01", "note": "Kvar"}, form_url=url
    )
    assert refused.status_code == 400
    assert "Choose a reason from the list" in text(refused) and "The pause must end after today" in text(refused)
    assert "Kvar</textarea>" in text(refused)
    long_note = coordinator.submit(f"{url}withdraw", {"note": "x" * 501}, form_url=url)
    assert long_note.status_code == 400
    assert stored_offer(app, tenant_a, offer_id).status is OfferStatus.OPEN
    assert coordinator.get(f"{url}accept").status_code == 302  # a reload leads back to the page


def test_viewing_then_refusal_with_a_pause(app, tenant_a, landlord_a, login):
    household = family(app, tenant_a)
    offer_id = offer(app, tenant_a, home(app, tenant_a, landlord_a), household)
    coordinator = login("coordinator_a")
    url = f"{BASE}/{offer_id}/"
    day = (TODAY + timedelta(days=2)).isoformat()
    assert coordinator.submit(f"{url}viewing", {"viewing_on": day}, form_url=url).status_code == 302
    assert stored_offer(app, tenant_a, offer_id).status is OfferStatus.VIEWING
    until = TODAY + timedelta(days=60)
    data = {"reason": "too_far", "after": "pause", "paused_until": until.isoformat(), "note": "Skolan"}
    assert coordinator.submit(f"{url}refuse", data, form_url=url).status_code == 302
    refused = stored_offer(app, tenant_a, offer_id)
    assert refused.status is OfferStatus.REFUSED and refused.refusal_reason is RefusalReason.TOO_FAR
    assert stored(app, tenant_a, Household, household).paused_until == until
    section = text(coordinator.get(f"/varnamo/households/{household}/"))
    assert "May be offered homes again from" in section and "Offer refused" in section


def test_acceptance_withdraws_the_others_and_mails_their_coordinators(app, tenant_a, landlord_a, login, mailbox):
    first, second = home(app, tenant_a, landlord_a), home(app, tenant_a, landlord_a, "Bruksgatan 2")
    ours = family(app, tenant_a)
    theirs = family(app, tenant_a, "MIG-2026-0002", who="unit_admin_a")
    accepted = offer(app, tenant_a, first, ours)
    our_other = offer(app, tenant_a, second, ours)
    their_offer = offer(app, tenant_a, first, theirs, who="unit_admin_a")
    coordinator = login("coordinator_a")
    url = f"{BASE}/{accepted}/"
    response = coordinator.submit(f"{url}accept", {"answered_on": TODAY.isoformat()}, form_url=url)
    assert response.status_code == 302
    page = text(coordinator.get(url))
    assert "Write the lease" in page and f"/varnamo/leases/new?offer={accepted}" in page
    assert stored(app, tenant_a, Vacancy, first).status is VacancyStatus.RESERVED
    assert stored_offer(app, tenant_a, our_other).status is OfferStatus.WITHDRAWN
    assert stored_offer(app, tenant_a, their_offer).status is OfferStatus.WITHDRAWN
    assert stored(app, tenant_a, Household, theirs).status is HouseholdStatus.WAITING
    messages = mailbox.wait_for(1)
    assert len(messages) == 1  # Omar made the withdrawn offer and coordinates that household; Anna acted
    recipients, message = messages[0]
    assert recipients == [USERS["unit_admin_a"].email]
    assert f"https://hemvist.example.se/varnamo/offers/{their_offer}/" in body(message)
    # In Omar's language (the municipality's, Swedish), whatever language Anna accepted in.
    assert "bostaden har gått till ett annat hushåll" in body(message) and "the home is taken" not in body(message)
    vacancy_page = text(coordinator.get(f"/varnamo/vacancies/{first}/"))
    assert "Offer accepted" in vacancy_page and "Offer withdrawn: the home is taken" in vacancy_page


@pytest.mark.parametrize(
    ("lang", "reason"), [("en", "the home is taken"), ("sv", "bostaden har gått till ett annat hushåll")]
)
def test_a_withdrawal_reason_reads_in_the_readers_language(app, tenant_a, landlord_a, login, lang, reason):
    vacancy = home(app, tenant_a, landlord_a)
    accepted = offer(app, tenant_a, vacancy, family(app, tenant_a))
    taken = offer(app, tenant_a, vacancy, family(app, tenant_a, "MIG-2026-0002"))
    anna = login("coordinator_a")
    url = f"/varnamo/offers/{accepted}/"
    assert anna.submit(f"{url}accept", {"answered_on": TODAY.isoformat()}, form_url=url).status_code == 302
    assert reason in text(anna.get(f"/varnamo/offers/{taken}/?lang={lang}"))
    assert reason in text(anna.get(f"/varnamo/vacancies/{vacancy}/?lang={lang}"))


def test_a_second_acceptance_answers_409_and_changes_nothing(app, tenant_a, landlord_a, login):
    vacancy = home(app, tenant_a, landlord_a)
    first = offer(app, tenant_a, vacancy, family(app, tenant_a))
    second = offer(app, tenant_a, vacancy, family(app, tenant_a, "MIG-2026-0002"))
    coordinator = login("coordinator_a")
    other_tab = login("unit_admin_a")
    second_url = f"{BASE}/{second}/"
    token = other_tab.csrf_token(second_url)  # the page was open before the first acceptance
    assert coordinator.submit(f"{BASE}/{first}/accept", {"answered_on": TODAY.isoformat()},
                              form_url=f"{BASE}/{first}/").status_code == 302  # fmt: skip
    before = stored_offer(app, tenant_a, second)
    late = other_tab.http.post(f"{second_url}accept", data={"csrf_token": token, "answered_on": TODAY.isoformat()})
    assert late.status_code == 409
    assert "This home was accepted for another household a moment ago." in text(late)
    after = stored_offer(app, tenant_a, second)
    assert (after.status, after.note, after.answered_on) == (before.status, before.note, before.answered_on)
    assert stored_offer(app, tenant_a, first).status is OfferStatus.ACCEPTED


def test_the_list_filters_by_status_open_first(app, tenant_a, landlord_a, login):
    household = family(app, tenant_a)
    open_offer = offer(app, tenant_a, home(app, tenant_a, landlord_a), household)
    withdrawn = offer(app, tenant_a, home(app, tenant_a, landlord_a, "Backgatan 9"), household)
    coordinator = login("coordinator_a")
    url = f"{BASE}/{withdrawn}/"
    coordinator.submit(f"{url}withdraw", {"note": ""}, form_url=url)
    everything = text(coordinator.get(f"{BASE}/"))
    assert everything.index(f"/offers/{open_offer}/") < everything.index(f"/offers/{withdrawn}/")
    only_open = text(coordinator.get(f"{BASE}/?status=open"))
    assert f"/offers/{open_offer}/" in only_open and f"/offers/{withdrawn}/" not in only_open
    assert coordinator.get(f"{BASE}/?status=nonsense&page=x").status_code == 200


def test_a_withdrawn_offer_says_its_status_once_and_its_reason_once(app, tenant_a, landlord_a, login):
    withdrawn = offer(app, tenant_a, home(app, tenant_a, landlord_a), family(app, tenant_a))
    coordinator = login("coordinator_a")
    url = f"{BASE}/{withdrawn}/"
    assert coordinator.submit(f"{url}withdraw", {"note": ""}, form_url=url).status_code == 302
    listing = text(coordinator.get(f"{BASE}/"))
    cell = listing[listing.index('class="offer-status offer-status--withdrawn"') :]
    cell = cell[: cell.index("</td>")]
    assert "Offer withdrawn: by the municipality" in cell
    assert cell.lower().count("withdrawn") == 2  # the class name and the status: not the reason again
    page = text(coordinator.get(url))
    assert "withdrawn by the municipality" not in page.lower()
    assert "Offer withdrawn: by the municipality" in page


def test_a_failed_answer_lands_at_its_form_not_at_the_top(app, tenant_a, landlord_a, login):
    """A browser keeps the fragment of a form's action for the page the POST answers with: the errors are
    where the person lands."""
    offer_id = offer(app, tenant_a, home(app, tenant_a, landlord_a), family(app, tenant_a))
    coordinator = login("coordinator_a")
    url = f"{BASE}/{offer_id}/"
    page = text(coordinator.get(url))
    for action, anchor in (
        ("viewing", "viewing"),
        ("accept", "accept"),
        ("refuse", "refuse"),
        ("withdraw", "withdraw"),
    ):
        assert f'action="{url}{action}#{anchor}"' in page
        assert f'id="{anchor}"' in page
    refused = text(coordinator.submit(f"{url}refuse", {"reason": "x", "after": "wait"}, form_url=url))
    # The answer carries the same action again, and the error summary follows the heading landed at.
    assert f'action="{url}refuse#refuse"' in refused
    landing = refused.index('id="refuse"')
    assert landing < refused.index('class="error-summary"', landing) < refused.index(f'action="{url}refuse#refuse"')


def test_another_municipalitys_offer_is_404(app, tenant_a, tenant_b, landlord_a, login):
    offer_id = offer(app, tenant_a, home(app, tenant_a, landlord_a), family(app, tenant_a))
    johan = login("coordinator_b")
    assert johan.get(f"/gislaved/offers/{offer_id}/").status_code == 404
    assert johan.get(f"/varnamo/offers/{offer_id}/").status_code == 403
    assert johan.submit(f"/gislaved/offers/{offer_id}/accept", {"answered_on": TODAY.isoformat()},
                        form_url="/gislaved/").status_code == 404  # fmt: skip
    assert stored_offer(app, tenant_a, offer_id).status is OfferStatus.OPEN
