"""Sign-in links to a landlord's page: asked for by e-mail, used once, within their time, in their municipality."""

from __future__ import annotations

import html
import time
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from itsdangerous import URLSafeTimedSerializer

from hemvist.extensions import db
from hemvist.landlord_page import operations
from hemvist.landlord_page.access import SESSION_KEY
from hemvist.landlords.models import Landlord
from hemvist.landlords.operations import delete_landlord
from tests.landlord_page.conftest import KARIN, LINK, PAGE, body, enter, make_token
from tests.landlords.conftest import add_landlord, company, contact, user, working_in
from tests.signup.conftest import BASE_URL

# A link that cannot be used: there is nothing (any more) at its address; the page says why.
REFUSED = 404


def ask(client, email: str):
    return client.submit(f"{PAGE}link", {"email": email}, form_url=f"{PAGE}?lang=en")


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_a_known_address_gets_one_link_under_the_base_url(app, client, tenant_a, landlord, mailbox):
    response = ask(client, "  Karin.Ek@EKESKOG.example ")
    assert response.status_code == 200
    [(recipients, message)] = mailbox.wait_for(1)
    assert recipients == [KARIN]
    assert message["Subject"] == "Your page at Värnamo"
    links = LINK.findall(body(message))
    assert links and {slug for slug, _token in links} == {"varnamo"}
    assert f"{BASE_URL}/varnamo/landlord/enter/" in body(message)
    # The link in the e-mail opens the page.
    token = links[0][1]
    assert enter(client, token).headers["Location"].endswith(PAGE)
    assert "Karin Ek" in text(client.get(PAGE))


def test_an_unknown_address_gets_the_same_answer_and_no_mail(app, client, tenant_a, tenant_b, landlord, mailbox):
    known = ask(client, KARIN)
    # Known in Gislaved, or only at a deleted landlord of Värnamo: unknown here all the same.
    add_landlord(app, tenant_b, company(serial=9, contacts=[contact("Gislev", email="gislev@b.example")]),
                 who="coordinator_b")  # fmt: skip
    gone = add_landlord(app, tenant_a, company(serial=8, contacts=[contact("Borta", email="borta@a.example")]))
    with working_in(app, tenant_a):
        delete_landlord(tenant_a, user("coordinator_a"), db.session.get(Landlord, gone))
    mailbox.messages.clear()
    for address in ("nobody@nowhere.example", "gislev@b.example", "borta@a.example"):
        unknown = ask(client, address)
        assert unknown.status_code == known.status_code == 200
        assert text(unknown).replace(address, KARIN) == text(known)
    assert mailbox.messages == []


def test_an_invalid_address_is_told_and_nothing_is_sent(client, landlord, mailbox):
    response = ask(client, "not an address")
    assert response.status_code == 400 and "This is not a valid e-mail address." in text(response)
    assert mailbox.messages == []


def test_opening_the_link_does_not_spend_it_pressing_the_button_does(app, client, tenant_a, landlord):
    token = make_token(app, tenant_a, landlord["contact_id"])
    url = f"/varnamo/landlord/enter/{token}"
    for _ in range(2):  # a mail scanner following the link, then the person
        shown = client.get(url + "?lang=en")
        assert shown.status_code == 200 and "Open my page" in text(shown)
    response = enter(client, token)
    assert response.status_code == 302 and response.headers["Location"].endswith(PAGE)

    again = enter(type(client)(app.test_client()), token)
    assert again.status_code == REFUSED
    assert client.get(url + "?lang=en").status_code == REFUSED
    assert "This link has been used already" in text(client.get(url))


def test_an_expired_link_is_refused(app, client, tenant_a, landlord):
    old = make_token(app, tenant_a, landlord["contact_id"], now=datetime.now(UTC) - timedelta(hours=25))
    response = client.get(f"/varnamo/landlord/enter/{old}?lang=en")
    assert response.status_code == REFUSED and "This link has expired." in text(response)
    assert enter(client, old).status_code == REFUSED
    assert "Karin Ek" not in text(client.get(PAGE))

    token = make_token(app, tenant_a, landlord["contact_id"])
    hours = app.config["LANDLORD_LINK_HOURS"]
    with working_in(app, tenant_a):
        later = datetime.now(UTC) + timedelta(hours=hours, seconds=1)
        with pytest.raises(operations.LinkError, match="expired"):
            operations.check_link(tenant_a, token, now=later)
        with pytest.raises(operations.LinkError, match="expired"):
            operations.use_link(tenant_a, token, now=later)
        # Refused, not spent: within its time it still works, once.
        operations.use_link(tenant_a, token, now=datetime.now(UTC) + timedelta(hours=hours - 1))
        with pytest.raises(operations.LinkError, match="used already"):
            operations.use_link(tenant_a, token)


def test_a_link_for_one_municipality_is_no_link_at_another(app, client, tenant_a, tenant_b, landlord):
    # B has a link with the same id, so only the signature can tell them apart.
    gislaved = add_landlord(app, tenant_b, company(serial=9, contacts=[contact("Gislev", email="g@b.example")]),
                            who="coordinator_b")  # fmt: skip
    with working_in(app, tenant_b):
        b_contact = db.session.get(Landlord, gislaved).contacts[0].id
    make_token(app, tenant_b, b_contact)
    token = make_token(app, tenant_a, landlord["contact_id"])
    response = client.get(f"/gislaved/landlord/enter/{token}?lang=en")
    assert response.status_code == REFUSED and "This link is not valid." in text(response)
    assert enter(client, token, slug="gislaved").status_code == REFUSED
    assert "Gislev" not in text(client.get("/gislaved/landlord/"))
    # Still unspent in Värnamo.
    assert enter(client, token).status_code == 302


def tampered_tokens(app, tenant, token: str) -> list[str]:
    """Tokens that are not the real one: altered, unsigned, signed for another purpose, or signed with a
    payload the link code does not expect."""
    with working_in(app, tenant):
        serializer = operations._serializer(tenant)
        link_id, secret = serializer.loads(token)
        other_purpose = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="hemvist-signup-started")
        forged = [serializer.dumps(value) for value in (
            [link_id, "a-wrong-secret"], [link_id + 1000, secret], [-1, secret], [2**40, secret], ["x", secret],
            [[1], secret], [link_id], link_id, None, {"a": 1}, "text", [str(link_id), secret, "extra"],
        )]  # fmt: skip
        forged.append(other_purpose.dumps([link_id, secret]))
    head, _dot, tail = token.partition(".")
    return [
        token[:-2] + ("AA" if token[-2:] != "AA" else "BB"),  # signature changed
        head + "." + tail[::-1],
        "garbage",
        "x" * 3000,
        "%00",
        "%C3%A4%E2%80%AE",
        *forged,
    ]


def test_a_tampered_token_is_refused_without_a_500(app, client, tenant_a, landlord):
    token = make_token(app, tenant_a, landlord["contact_id"])
    client.get(PAGE + "?lang=en")
    for bad in tampered_tokens(app, tenant_a, token):
        shown = client.get(f"/varnamo/landlord/enter/{bad}")
        assert shown.status_code == REFUSED and "This link is not valid." in text(shown), bad
        pressed = client.http.post(f"/varnamo/landlord/enter/{bad}", data={"csrf_token": client.csrf_token(PAGE)})
        assert pressed.status_code == REFUSED, bad
    assert "Karin Ek" not in text(client.get(PAGE))
    assert enter(client, token).status_code == 302  # the real one still works


def test_the_page_closes_after_its_minutes(app, client, on_page):
    minutes = app.config["LANDLORD_SESSION_MINUTES"]
    with client.http.session_transaction() as session:
        [(_tenant, (_landlord, _contact, until))] = session[SESSION_KEY].items()
        assert abs(until - (time.time() + 60 * minutes)) < 30
    assert "Karin Ek" in text(client.get(PAGE))
    with client.http.session_transaction() as session:
        pages = session[SESSION_KEY]
        for entry in pages.values():
            entry[2] = int(time.time()) - 1
        session[SESSION_KEY] = pages
    page = client.get(PAGE + "?lang=en")
    assert page.status_code == 200 and "Karin Ek" not in text(page) and "Send me a link" in text(page)
    offer = client.get(f"{PAGE}homes/new")
    assert offer.status_code == 302 and offer.headers["Location"].endswith(PAGE)


def test_the_session_minutes_come_from_the_configuration(app, client, tenant_a, landlord):
    app.config["LANDLORD_SESSION_MINUTES"] = 0
    assert enter(client, make_token(app, tenant_a, landlord["contact_id"])).status_code == 302
    # Open until the second it was opened in: closed by the next request.
    assert "Karin Ek" not in text(client.get(PAGE))


def test_closing_the_page_closes_it(app, client, on_page):
    assert "Karin Ek" in text(client.get(PAGE))
    response = client.submit(f"{PAGE}close", {}, form_url=PAGE)
    assert response.status_code == 302
    assert "Karin Ek" not in text(client.get(PAGE))
    assert client.get(f"{PAGE}details").status_code == 302


def test_an_open_page_in_one_municipality_opens_nothing_in_another(app, client, on_page):
    assert "Karin Ek" not in text(client.get("/gislaved/landlord/"))
    assert client.get("/gislaved/landlord/details").status_code == 302


def test_a_contact_gets_at_most_one_link_in_ten_minutes_however_often_asked(app, client, tenant_a, landlord, mailbox):
    from hemvist.landlord_page.models import SignInLink

    for _ in range(3):
        assert ask(client, KARIN).status_code == 200
    mailbox.wait_for(1)
    with working_in(app, tenant_a):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SignInLink)) == 1
    assert len(mailbox.messages) == 1


def test_spent_and_expired_links_are_purged_after_a_day(app, tenant_a, landlord):
    from hemvist.landlord_page.models import SignInLink
    from hemvist.landlord_page.operations import purge_links

    now = datetime(2026, 6, 1, 12, tzinfo=UTC)
    fresh = make_token(app, tenant_a, landlord["contact_id"], now=now - timedelta(hours=2))
    make_token(app, tenant_a, landlord["contact_id"], now=now - timedelta(days=3))  # expired two days ago
    with working_in(app, tenant_a):
        assert purge_links(tenant_a, now=now) == 1
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SignInLink)) == 1
    assert fresh
