"""The public sign-up form: what is stored and mailed, what is refused, and that nothing odd is stored."""

from __future__ import annotations

import html
import re
import time
from unittest import mock

import pytest
from flask_babel import gettext as _
from itsdangerous import URLSafeTimedSerializer

from hemvist.extensions import db
from hemvist.landlords.models import LandlordKind
from hemvist.signup.forms import TIMING_SALT, started_token
from hemvist.signup.models import LeaseHolding, SignupStatus
from hemvist.tenancy.models import Municipality
from tests.landlords.conftest import add_landlord, company, org_number
from tests.signup.conftest import (
    BASE_URL,
    FORM_URL,
    RECEIPT_URL,
    STARTED,
    body,
    send,
    signup_count,
    signup_data,
    stored_signups,
    tokens,
)


def translated(app, lang: str, text: str, **values) -> str:
    with app.test_request_context(f"/?lang={lang}"):
        return _(text, **values)


def page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_valid_signup_is_stored_normalised_receipted_and_mailed(app, client, tenant_a, areas_a, mailbox, lang):
    data = signup_data(areas=[str(areas_a["Bor"]), str(areas_a["Horda"])], **{"home-area": str(areas_a["Bor"])})
    response = send(client, data, lang=lang)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(RECEIPT_URL)

    [signup] = stored_signups(app, tenant_a)
    assert signup.status is SignupStatus.NEW and signup.locale == lang
    assert signup.kind is LandlordKind.COMPANY
    assert signup.name == "Solgläntans Fastigheter AB"  # spaces tidied
    assert signup.identity_number == "559016-4520"  # typed without the dash, stored canonical
    assert signup.contact_name == "Maja Lindqvist"
    assert signup.contact_phone == "+46701740670"  # E.164
    assert signup.contact_email == "Maja.Lindqvist@solglantan.example"
    assert signup.flats == 18 and signup.lease_holding is LeaseHolding.YES
    assert sorted(signup.area_ids) == sorted([areas_a["Bor"], areas_a["Horda"]])
    assert (signup.home_rooms, signup.home_rent, signup.home_living_area) == (3, 7400, 74)
    assert signup.home_street_address == "Järnvägsgatan 4" and signup.home_area_id == areas_a["Bor"]
    assert signup.landlord_id is None and signup.consent_at is not None

    receipt = client.get(RECEIPT_URL)
    assert receipt.status_code == 200
    text = page(receipt)
    assert (
        translated(app, lang, "Thank you, your details have reached %(municipality)s", municipality="Värnamo") in text
    )
    for shown in ("Solgläntans Fastigheter AB (559016-4520)", "Maja.Lindqvist@solglantan.example", "070-174 06 70",
                  "Bor", "Horda"):  # fmt: skip
        assert shown in text
    assert translated(app, lang, "A copy has been sent to %(email)s.", email=signup.contact_email) in text

    [landlord_mail] = mailbox.to("Maja.Lindqvist@solglantan.example")
    subject = translated(app, lang, "Your offer to %(municipality)s has arrived", municipality="Värnamo")
    assert landlord_mail["Subject"] == subject
    assert subject != translated(app, "sv" if lang == "en" else "en", "Your offer to %(municipality)s has arrived",
                                 municipality="Värnamo")  # fmt: skip
    assert f'<html lang="{lang}">' in body(landlord_mail)
    # Only the reference: nothing typed into the form is mailed on, or the form would relay anyone's words.
    assert f"{signup.id}" in body(landlord_mail)
    assert "Solgläntans" not in body(landlord_mail) and "Maja" not in body(landlord_mail)

    # The test municipalities have no unit mailbox: the unit administrators are told, in Swedish.
    [notice] = mailbox.to("unit_admin_a")
    assert [recipients for recipients, _m in mailbox.messages] == [["Maja.Lindqvist@solglantan.example"],
                                                                   ["omar@varnamo.test"]]  # fmt: skip
    assert notice["Subject"] == translated(app, "sv", "New landlord sign-up in Hemvist")
    assert f"{BASE_URL}/varnamo/signups/{signup.id}/" in body(notice)
    assert "+46701740670" not in body(notice) and "Maja" not in body(notice)  # the details stay behind a login


def test_the_unit_notice_goes_to_the_unit_mailbox_when_there_is_one(app, client, tenant_a, mailbox):
    with app.app_context():
        db.session.get(Municipality, tenant_a.id).unit_email = "integration@varnamo.example"
        db.session.commit()
    assert send(client, signup_data(offers_home=None)).status_code == 302
    assert [recipients for recipients, _m in mailbox.messages] == [
        ["Maja.Lindqvist@solglantan.example"],
        ["integration@varnamo.example"],
    ]
    assert mailbox.to("unit_admin_a") == []


def test_when_the_mail_server_is_down_the_signup_is_kept_and_the_receipt_says_so(app, client, tenant_a):
    response = send(client, signup_data(), lang="en", follow_redirects=True)
    assert response.status_code == 200
    assert "We could not send a copy to Maja.Lindqvist@solglantan.example just now" in page(response)
    assert signup_count(app, tenant_a) == 1


def test_the_receipt_shows_only_this_browsers_signup(app, client, tenant_a):
    assert client.get(RECEIPT_URL).status_code == 302  # nothing sent yet from this browser
    assert send(client, signup_data()).status_code == 302
    other = type(client)(app.test_client())
    response = other.get(RECEIPT_URL)
    assert response.status_code == 302 and response.headers["Location"].endswith(FORM_URL)


def test_a_private_person_is_stored_with_a_canonical_personal_number(app, client, tenant_a):
    data = signup_data(kind="private_person", name="Daniel Okafor", identity_number="19760215-2386", offers_home=None)
    assert send(client, data).status_code == 302
    [signup] = stored_signups(app, tenant_a)
    assert signup.kind is LandlordKind.PRIVATE_PERSON and signup.identity_number == "760215-2386"
    assert signup.home_rooms is None and not signup.offers_home


def test_a_known_organisation_number_attaches_the_signup_to_that_landlord(app, client, tenant_a, tenant_b):
    known = add_landlord(app, tenant_a, company(serial=77))
    add_landlord(app, tenant_b, company(serial=78), who="coordinator_b")
    digits = org_number(77).replace("-", "")
    assert send(client, signup_data(identity_number=digits)).status_code == 302
    assert send(client, signup_data(identity_number=org_number(78))).status_code == 302  # B's landlord: not A's
    first, second = stored_signups(app, tenant_a)
    assert (first.identity_number, first.landlord_id) == (org_number(77), known)
    assert second.landlord_id is None


REQUIRED = {
    "kind": "Choose company or private person.",
    "name": "Enter the name.",
    "identity_number": "Enter the organisation number or the personal identity number.",
    "contact_name": "Enter the name of the person we may contact.",
    "email": "Enter an e-mail address for the receipt.",
    "lease_holding": "Choose one of the answers.",
    "consent": "The municipality can only keep your details with your agreement.",
}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_required_field_missing_is_told_in_the_forms_language(app, client, tenant_a, lang):
    response = send(client, {}, lang=lang)
    assert response.status_code == 400
    text = page(response)
    for message in REQUIRED.values():
        assert translated(app, lang, message) in text
    if lang == "sv":
        assert "Enter the name." not in text  # really Swedish, not the English source
        assert '<html lang="sv">' in text
    assert signup_count(app, tenant_a) == 0


def test_swedish_errors_follow_the_browsers_language_too(app, client, tenant_a):
    response = client.http.post(
        FORM_URL, data=tokens(client), headers={"Accept-Language": "en-GB,en;q=0.9"}
    )  # a fresh client: no choice in the session, so the browser's language counts
    assert response.status_code == 400
    assert "Enter the name." in page(response)
    swedish = type(client)(app.test_client())
    response = swedish.http.post(FORM_URL, data=tokens(swedish), headers={"Accept-Language": "sv-SE,sv;q=0.9"})
    assert translated(app, "sv", "Enter the name.") in page(response)


def test_a_refused_form_keeps_what_was_typed(app, client, tenant_a):
    data = signup_data(
        consent=None, phone="12", email="inte-en-adress", flats="many", **{"home-rooms": "44"}, message="Hej <b>där</b>"
    )
    response = send(client, data, lang="en")
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    typed = {
        "name": "Solgläntans Fastigheter AB",
        "identity_number": "5590164520",
        "contact_name": "Maja Lindqvist",
        "phone": "12",
        "email": "inte-en-adress",
        "flats": "many",
        "home-rooms": "44",
        "home-street_address": "Järnvägsgatan 4",
    }
    for name, shown in typed.items():
        assert re.search(rf'<input [^>]*name="{name}" [^>]*value="{re.escape(shown)}"', text), name
    assert "Hej &lt;b&gt;där&lt;/b&gt;" in text  # kept, and escaped
    for message in ("This is not a valid phone number", "This is not a valid e-mail address.",
                    "Enter a whole number, in digits only.", "Enter a number from 1 to 20.",
                    "The municipality can only keep your details with your agreement."):  # fmt: skip
        assert message in html.unescape(text)
    assert signup_count(app, tenant_a) == 0


def test_the_home_is_only_checked_when_one_is_offered(app, client, tenant_a):
    data = signup_data(offers_home=None, **{"home-rooms": "", "home-rent": "lots"})
    assert send(client, data).status_code == 302
    [signup] = stored_signups(app, tenant_a)
    assert signup.home_rooms is None and signup.home_rent is None
    assert send(client, signup_data(**{"home-rooms": ""})).status_code == 400
    assert signup_count(app, tenant_a) == 1


def test_an_area_not_on_the_list_is_refused(app, client, tenant_a, areas_a):
    assert send(client, signup_data(areas=["999999"])).status_code == 400
    assert send(client, signup_data(**{"home-area": "999999"})).status_code == 400
    assert signup_count(app, tenant_a) == 0


def test_a_filled_honeypot_is_refused(app, client, tenant_a):
    response = send(client, signup_data(website="https://cheap-loans.example"), lang="en")
    assert response.status_code == 400
    assert "Leave this field empty." in page(response)
    assert signup_count(app, tenant_a) == 0


def backdated_started(app, seconds: float) -> str:
    """The form's timing token as if the form had been shown ``seconds`` ago."""
    with app.app_context(), mock.patch("time.time", return_value=time.time() - seconds):
        return started_token()


def test_a_form_posted_quicker_than_a_person_fills_it_is_refused(app, client, tenant_a):
    app.config["SIGNUP_MIN_FILL_SECONDS"] = 3  # the default: this folder's applications otherwise have none
    response = send(client, signup_data(), lang="en")
    assert response.status_code == 400
    assert "That was quicker than a person fills in the form." in page(response)
    assert send(client, signup_data(started=backdated_started(app, 1))).status_code == 400
    assert signup_count(app, tenant_a) == 0
    # The same data, from a form shown long enough ago, is taken.
    response = send(client, signup_data(started=backdated_started(app, 5)))
    assert response.status_code == 302 and signup_count(app, tenant_a) == 1


def test_a_missing_forged_or_stale_started_token_is_refused(app, client, tenant_a):
    with app.app_context():
        now = int(time.time())
        other_key = URLSafeTimedSerializer("another-key", salt=TIMING_SALT).dumps(now - 60)
        other_purpose = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="another-salt").dumps(now - 60)
    client.get(FORM_URL + "?lang=en")
    for started in (None, "", "forged", other_key, other_purpose, backdated_started(app, 9 * 3600)):
        data = {**tokens(client), **signup_data()}
        if started is None:
            del data["started"]
        else:
            data["started"] = started
        response = client.http.post(FORM_URL, data=data)
        assert response.status_code == 400, started
        assert "The form had expired. Check your answers and send it again." in page(response)
    assert signup_count(app, tenant_a) == 0


def test_a_post_without_the_csrf_token_is_refused(app, client, tenant_a):
    data = {**tokens(client), **signup_data()}
    del data["csrf_token"]
    assert client.http.post(FORM_URL, data=data).status_code == 400
    assert signup_count(app, tenant_a) == 0


def test_the_rate_limit_answers_429_on_a_translated_page(app, client, tenant_a):
    app.config["SIGNUP_RATE_LIMIT"] = "3 per hour"
    assert send(client, signup_data(), lang="sv").status_code == 302
    assert send(client, {}).status_code == 400  # refused posts count too
    assert send(client, signup_data(identity_number=org_number(5))).status_code == 302
    response = send(client, signup_data(identity_number=org_number(6)))
    assert response.status_code == 429
    text = page(response)
    assert translated(app, "sv", "Too many attempts") in text and "Too many attempts" not in text
    assert signup_count(app, tenant_a) == 2
    assert client.get(FORM_URL).status_code == 200  # showing the form is not limited
    # Another address has its own allowance.
    other = type(client)(app.test_client())
    response = other.http.post(
        FORM_URL, data={**tokens(other), **signup_data()}, environ_base={"REMOTE_ADDR": "192.0.2.7"}
    )
    assert response.status_code == 302


def test_a_body_larger_than_the_limit_answers_413(app, client, tenant_a):
    limit = app.config["SIGNUP_MAX_CONTENT_LENGTH"]
    assert limit < app.config["MAX_CONTENT_LENGTH"]  # the form's own, smaller limit is what is tested
    response = send(client, signup_data(message="x" * (limit + 1)), lang="en")
    assert response.status_code == 413
    assert "Too much data" in page(response)
    assert signup_count(app, tenant_a) == 0
    # Just under the limit is read (and refused only for the message's length).
    response = send(client, signup_data(message="x" * (limit // 2)), lang="en")
    assert response.status_code == 400 and "At most 2 000 characters." in page(response)


def shown_started(response) -> str:
    match = STARTED.search(response.get_data(as_text=True))
    assert match, "the form lacks its timing token"
    return match.group(1)


def test_the_fill_time_runs_from_when_the_form_was_first_shown(app, client, tenant_a):
    # Someone who took their time, mistyped one field and corrects it at once is no bot.
    app.config["SIGNUP_MIN_FILL_SECONDS"] = 3
    first = backdated_started(app, 60)
    response = send(client, signup_data(email="maja@", started=first), lang="en")
    assert response.status_code == 400 and "This is not a valid e-mail address." in page(response)
    assert shown_started(response) == first  # shown again with the clock still running
    response = client.http.post(
        FORM_URL, data={**tokens(client), **signup_data(started=shown_started(response))}
    )  # corrected within a second
    assert response.status_code == 302 and signup_count(app, tenant_a) == 1


def test_a_form_sent_too_quickly_keeps_its_clock_and_a_bad_token_gets_a_new_one(app, client, tenant_a):
    app.config["SIGNUP_MIN_FILL_SECONDS"] = 3
    young = backdated_started(app, 1)
    response = send(client, signup_data(started=young), lang="en")
    assert "That was quicker than a person fills in the form." in page(response)
    assert shown_started(response) == young  # a new token would only restart the wait
    for bad in ("forged", backdated_started(app, 9 * 3600)):
        response = send(client, signup_data(started=bad))
        assert response.status_code == 400
        fresh = shown_started(response)
        assert fresh != bad
        with app.app_context():
            URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=TIMING_SALT).loads(fresh, max_age=60)
    assert signup_count(app, tenant_a) == 0


def summary_links(response) -> list[tuple[str, str]]:
    """(target, text) of each link of the error summary, in its order."""
    text = response.get_data(as_text=True)
    summary = text.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    return [(target, html.unescape(label)) for target, label in re.findall(r'<a href="#([^"]+)">([^<]*)</a>', summary)]


def test_the_error_summary_names_no_empty_label_for_the_forms_own_errors(app, client, tenant_a):
    response = send(client, signup_data(started="forged"), lang="en")
    assert summary_links(response) == [
        ("signup-form", "The form had expired. Check your answers and send it again.")
    ]  # not ": The form had expired…"


def test_the_error_summary_follows_the_order_of_the_page(app, client, tenant_a, areas_a):
    data = signup_data(
        kind=None, name="", identity_number="", flats="many", areas=["999999"], contact_name="", email="",
        **{"home-rooms": "", "home-rent": "0", "home-living_area": "0", "home-available_from": "x",
           "home-street_address": "x" * 201, "home-area": "999999"},
        lease_holding=None, message="x" * 2001, consent=None,
    )  # fmt: skip
    response = send(client, data, lang="en")
    assert response.status_code == 400
    targets = [target for target, _label in summary_links(response)]
    assert len(targets) == 16
    form = response.get_data(as_text=True).split('id="signup-form"', 1)[1]
    on_page = sorted(targets, key=lambda target: form.index(f'id="{target}"'))
    assert targets == on_page
