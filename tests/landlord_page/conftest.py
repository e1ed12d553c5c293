"""Helpers for the landlord's page: a landlord of Värnamo with a contact person, links made and used."""

from __future__ import annotations

import re

import pytest

from hemvist.extensions import db
from hemvist.landlord_page import operations
from hemvist.landlords.models import Landlord
from tests.landlords.conftest import add_landlord, company, contact, user, working_in
from tests.signup.conftest import BASE_URL, app_overrides, body, mailbox  # noqa: F401 (fixtures)

PAGE = "/varnamo/landlord/"
KARIN = "karin.ek@ekeskog.example"
LINK = re.compile(re.escape(BASE_URL) + r"/(?P<slug>[a-z-]+)/landlord/enter/(?P<token>[A-Za-z0-9_.-]+)")


@pytest.fixture
def landlord(app, tenant_a) -> dict:
    """Ekeskogs, owned by coordinator_a (who has a phone), with Karin as its contact person; the ids."""
    with working_in(app, tenant_a):
        user("coordinator_a").phone = "+46701740605"
        db.session.commit()
    landlord_id = add_landlord(
        app, tenant_a, company(contacts=[contact("Karin Ek", phone="+46701740699", email=KARIN)])
    )
    with working_in(app, tenant_a):
        contact_id = db.session.get(Landlord, landlord_id).contacts[0].id
    return {"id": landlord_id, "contact_id": contact_id}


def make_token(app, tenant, contact_id: int, now=None) -> str:
    """A sign-in link's token, made as asking for a link makes it (without the e-mail)."""
    from hemvist.landlords.models import ContactPerson

    with working_in(app, tenant):
        token = operations.create_link(tenant, db.session.get(ContactPerson, contact_id), now=now)
        db.session.commit()
        return token


def enter(client, token: str, slug: str = "varnamo", **kwargs):
    """Press "Open my page" on the link's page."""
    url = f"/{slug}/landlord/enter/{token}"
    return client.submit(url, {}, form_url=url, **kwargs)


@pytest.fixture
def on_page(client, app, tenant_a, landlord):
    """A browser with Karin's page open."""
    response = enter(client, make_token(app, tenant_a, landlord["contact_id"]))
    assert response.status_code == 302 and response.headers["Location"].endswith(PAGE)
    return client
