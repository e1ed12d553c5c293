"""The registry's list and board, its daily purge job, and its demo data."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from stdnum.se import orgnr

from hemvist.auth.models import Membership
from hemvist.extensions import db
from hemvist.landlords import views
from hemvist.landlords.demo import FICTION_PHONES, load_demo
from hemvist.landlords.models import Landlord, Stage
from hemvist.landlords.operations import DELETION_GRACE, change_stage, create_landlord, delete_landlord
from tests.landlords.conftest import (
    add_landlord,
    company,
    contact,
    org_number,
    stored_landlords,
    user,
    working_in,
)


def rows(page: str) -> list[str]:
    """The landlords' names in the table, in order."""
    body = page[page.index("<tbody>") : page.index("</tbody>")] if "<tbody>" in page else ""
    return re.findall(r'<th scope="row"><a href="/varnamo/landlords/\d+/">([^<]+)</a>', body)


@pytest.fixture
def thirty(app, tenant_a):
    """30 landlords in Värnamo: "Hyresvärd 01 AB" … "Hyresvärd 30 AB", the first five met, one of them Omar's."""
    with working_in(app, tenant_a):
        anna = user("coordinator_a")
        for serial in range(1, 31):
            landlord = create_landlord(tenant_a, anna, company(f"Hyresvärd {serial:02d} AB", serial=serial))
            if serial <= 5:
                change_stage(tenant_a, anna, landlord, Stage.MET)
        landlord.owner_id = user("unit_admin_a").id
        db.session.commit()


def test_the_list_shows_25_a_page_with_links_to_the_others(login, thirty):
    anna = login("coordinator_a")
    page = anna.get("/varnamo/landlords/?lang=en").get_data(as_text=True)
    assert rows(page) == [f"Hyresvärd {n:02d} AB" for n in range(1, 26)]
    assert "30 landlords in the registry." in page
    assert "<caption>Landlords, page 1 of 2</caption>" in page
    assert 'href="/varnamo/landlords/?page=2" rel="next"' in page
    page = anna.get("/varnamo/landlords/?page=2&lang=en").get_data(as_text=True)
    assert rows(page) == [f"Hyresvärd {n:02d} AB" for n in range(26, 31)]
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2</a>' in page


def test_the_search_and_filters_are_kept_on_the_page_links(login, thirty):
    anna = login("coordinator_a")
    page = anna.get("/varnamo/landlords/?q=hyresv%C3%A4rd&sort=-name&lang=en").get_data(as_text=True)
    assert rows(page)[:2] == ["Hyresvärd 30 AB", "Hyresvärd 29 AB"]
    assert "30 landlords match the search." in page
    assert re.search(r'href="/varnamo/landlords/\?page=2&amp;q=hyresv%C3%A4rd&amp;sort=-name" rel="next"', page)
    assert 'value="hyresvärd"' in page and '<option selected value="-name">' in page


def test_filters_by_stage_and_named_contact(login, thirty, app):
    anna = login("coordinator_a")
    page = anna.get("/varnamo/landlords/?stage=met&lang=en").get_data(as_text=True)
    assert rows(page) == [f"Hyresvärd {n:02d} AB" for n in range(1, 6)]
    with app.app_context():
        omar = user("unit_admin_a").id
    page = anna.get(f"/varnamo/landlords/?owner={omar}&lang=en").get_data(as_text=True)
    assert rows(page) == ["Hyresvärd 30 AB"]
    page = anna.get("/varnamo/landlords/?q=nobody&lang=en").get_data(as_text=True)
    assert "No landlord matches the search." in page


def test_sorting_by_stage_follows_the_pipeline(login, thirty):
    """New before met, as on the board, not "met" before "new" as their stored codes would sort."""
    page = login("coordinator_a").get("/varnamo/landlords/?sort=stage&lang=en").get_data(as_text=True)
    assert rows(page) == [f"Hyresvärd {n:02d} AB" for n in range(6, 31)]
    assert '<option selected value="stage">' in page
    page = login("coordinator_a").get("/varnamo/landlords/?sort=stage&page=2&lang=en").get_data(as_text=True)
    assert rows(page) == [f"Hyresvärd {n:02d} AB" for n in range(1, 6)]


def test_an_organisation_number_typed_without_its_dash_is_found(login, thirty):
    anna = login("coordinator_a")
    for typed in (orgnr.compact(org_number(7)), org_number(7)):
        page = anna.get(f"/varnamo/landlords/?q={typed}&lang=en").get_data(as_text=True)
        assert rows(page) == ["Hyresvärd 07 AB"], typed
        assert "1 landlord matches the search." in page


@pytest.mark.parametrize(
    "query",
    ["stage=unknown", "page=abc", "page=-1", "page=0", "page=99999999999999999999", "sort=x", "owner=999999",
     "owner=abc", "area=abc", "area=99999", "due=maybe", "q=%25%00_%5C", "q=" + "ä" * 500, "stage=met&stage=new"],
)  # fmt: skip
def test_bad_query_parameters_are_ignored_or_corrected(login, thirty, query):
    response = login("coordinator_a").get(f"/varnamo/landlords/?{query}&lang=en")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    if not query.startswith(("q=", "stage=met", "due")):
        assert len(rows(page)) == 25 or query == "page=99999999999999999999"


def test_a_page_beyond_the_last_shows_the_last(login, thirty):
    page = login("coordinator_a").get("/varnamo/landlords/?page=99&lang=en").get_data(as_text=True)
    assert rows(page) == [f"Hyresvärd {n:02d} AB" for n in range(26, 31)]


def test_the_list_has_no_query_per_row(app, login, thirty):
    anna = login("coordinator_a")
    with app.app_context():
        engine = db.engine

    def statements_for(url: str) -> int:
        statements = []

        def count(connection, cursor, statement, *args):
            statements.append(statement)

        sa.event.listen(engine, "before_cursor_execute", count)
        try:
            assert anna.get(url).status_code == 200
        finally:
            sa.event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    anna.get("/varnamo/landlords/")  # the first request of a session may do more (language, caches)
    assert statements_for("/varnamo/landlords/?stage=met") == statements_for("/varnamo/landlords/")  # 5 rows, 25


def test_the_board_shows_every_stage_with_counts_and_the_rest_one_link_away(login, thirty, monkeypatch):
    monkeypatch.setattr(views, "BOARD_LIMIT", 3)
    page = login("read_only_a").get("/varnamo/landlords/board?lang=en").get_data(as_text=True)
    for stage in Stage:
        assert f'id="stage-{stage.value}"' in page
    assert '<h2 id="stage-new">New <span class="board__count">(25)</span></h2>' in page
    assert '<h2 id="stage-declined">Declined <span class="board__count">(0)</span></h2>' in page
    assert "Hyresvärd 06 AB" in page and "Hyresvärd 09 AB" not in page
    assert 'href="/varnamo/landlords/?stage=new">and 22 more' in page
    assert 'href="/varnamo/landlords/?stage=met">and 2 more' in page


def test_the_deleted_list_offers_only_what_can_still_be_restored(app, login, tenant_a):
    with working_in(app, tenant_a):
        anna = user("coordinator_a")
        recent = create_landlord(tenant_a, anna, company("Nyss raderad AB", serial=1))
        old = create_landlord(tenant_a, anna, company("Länge sedan AB", serial=2))
        delete_landlord(tenant_a, anna, recent)
        delete_landlord(tenant_a, anna, old)
        old.deleted_at = datetime.now(UTC) - DELETION_GRACE - timedelta(days=1)
        db.session.commit()
        old_id = old.id
    client = login("coordinator_a")
    page = client.get("/varnamo/landlords/deleted?lang=en").get_data(as_text=True)
    assert "Nyss raderad AB" in page and "Länge sedan AB" not in page
    response = client.submit(f"/varnamo/landlords/{old_id}/restore?lang=en", {}, form_url="/varnamo/landlords/deleted")
    assert response.headers["Location"] == "/varnamo/landlords/deleted"
    page = client.get("/varnamo/landlords/deleted?lang=en").get_data(as_text=True)
    assert "This landlord was deleted too long ago to be restored." in page


def test_the_navigation_leads_to_the_registry_and_the_board(login):
    page = login("coordinator_a").get("/varnamo/landlords/?lang=en").get_data(as_text=True)
    assert '<a href="/varnamo/landlords/" aria-current="page">Landlords</a>' in page
    assert '<a href="/varnamo/landlords/board">Board</a>' in page


def test_the_purge_job_removes_expired_deletions_in_every_municipality(app, tenant_a, tenant_b):
    expired = datetime.now(UTC) - DELETION_GRACE - timedelta(days=1)
    for tenant, who in ((tenant_a, "coordinator_a"), (tenant_b, "coordinator_b")):
        add_landlord(app, tenant, company("Kvar AB", serial=1), who=who)
        gone = add_landlord(app, tenant, company("Borta AB", serial=2), who=who)
        with working_in(app, tenant):
            landlord = db.session.get(Landlord, gone)
            delete_landlord(tenant, user(who), landlord)
            landlord.deleted_at = expired
            db.session.commit()

    result = app.test_cli_runner().invoke(args=["landlords", "purge-deleted"])

    assert result.exit_code == 0, result.output
    assert "varnamo: 1 purged" in result.output and "gislaved: 1 purged" in result.output
    assert "2 landlords purged in 3 municipalities" in result.output
    assert [landlord.name for landlord in stored_landlords(app, tenant_a)] == ["Kvar AB"]
    assert [landlord.name for landlord in stored_landlords(app, tenant_b)] == ["Kvar AB"]


def test_the_demo_landlords_are_made_up_spread_over_the_stages_and_loaded_once(app, tenant_a, areas_a):
    with app.app_context():
        users = {
            "samordnare@varnamo.example": user("coordinator_a"),
            "enhetschef@varnamo.example": user("unit_admin_a"),
        }
        members = {
            m.user_id
            for m in db.session.scalars(sa.select(Membership).where(Membership.municipality_id == tenant_a.id))
        }
    with working_in(app, tenant_a):
        load_demo(tenant_a, users)
        db.session.commit()
        load_demo(tenant_a, users)
        db.session.commit()
    landlords = stored_landlords(app, tenant_a)
    assert len(landlords) == 30
    assert {landlord.stage for landlord in landlords} == set(Stage)
    assert all(landlord.stage_reason for landlord in landlords if landlord.stage.needs_reason)
    assert {landlord.owner_id for landlord in landlords} == {users[email].id for email in users}
    assert {landlord.owner_id for landlord in landlords} <= members
    companies = [landlord for landlord in landlords if landlord.identity_number]
    assert len(companies) >= 24 and all(orgnr.is_valid(landlord.identity_number) for landlord in companies)
    private = [landlord for landlord in landlords if landlord.kind.value == "private_person"]
    assert private and all(landlord.older_stock and landlord.name.endswith(" (demo)") for landlord in private)
    contacts = [person for landlord in landlords for person in landlord.contacts]
    assert contacts and all(person.name.endswith(" (demo)") for person in contacts)
    assert all(person.phone in FICTION_PHONES for person in contacts)
    assert all(landlord.areas for landlord in landlords)


def test_no_demo_landlords_where_no_demo_user_works(app, tenant_b):
    with working_in(app, tenant_b):
        load_demo(tenant_b, {})
    assert stored_landlords(app, tenant_b) == []


def test_contacts_and_areas_are_shown_on_the_list_and_the_page(app, login, tenant_a, areas_a):
    add_landlord(
        app,
        tenant_a,
        company(contacts=[contact("Karin Ek", "+46701740605")], area_ids=[areas_a["Bor"], areas_a["Horda"]]),
    )
    page = login("coordinator_a").get("/varnamo/landlords/?q=karin&lang=en").get_data(as_text=True)
    assert rows(page) == ["Ekeskogs Hyresgårdar AB"]
    assert "<td>Bor, Horda</td>" in page
    assert "<td>Anna Samordnare</td>" in page
