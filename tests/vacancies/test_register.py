"""The register of vacancies: pages, filters, sorting, the stale ones; a vacancy's page and its status."""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.leases.models import LeaseForm
from hemvist.vacancies import queries
from hemvist.vacancies.models import OfferedVia, Vacancy, VacancyStatus
from tests.landlords.conftest import add_landlord, company, working_in
from tests.vacancies.conftest import add_vacancy, stored_vacancies, text, vacancy_history

REGISTER = "/varnamo/vacancies/?lang=en"


def addresses(page: str) -> list[str]:
    """The homes the register's table shows, in order."""
    return re.findall(r'<th scope="row"><a href="/varnamo/vacancies/\d+/">([^<]+)</a></th>', page)


def many_vacancies(app, tenant, landlord_ids: list[int], count: int) -> None:
    """``count`` homes spread over the landlords, inserted in one go (no history: only the register is read)."""
    with working_in(app, tenant):
        now = datetime.now(UTC)
        db.session.add_all(
            Vacancy(
                landlord_id=landlord_ids[number % len(landlord_ids)],
                street_address=f"Massgatan {number}",
                rooms=1 + number % 5,
                rent=3000 + number,
                available_from=date.today() + timedelta(days=number % 60),
                lease_form=list(LeaseForm)[number % len(LeaseForm)],
                status=VacancyStatus.OFFERED,
                offered_via=OfferedVia.STAFF,
                confirmed_at=now,
            )
            for number in range(count)
        )
        db.session.commit()


@contextmanager
def counting_statements():
    """The SQL statements run inside the block, as a list that fills up."""
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(sa.engine.Engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", count)


def test_the_register_shows_every_vacancy_with_its_landlord_and_the_stale_marked(app, login, tenant_a, landlord_a):
    other = add_landlord(app, tenant_a, company("Tallmons Fastigheter AB", serial=2))
    add_vacancy(app, tenant_a, landlord_a, street_address="Nygatan 1", rent=6250, living_area=48)
    add_vacancy(app, tenant_a, other, street_address="Bruksgatan 2", status=VacancyStatus.LET)
    add_vacancy(app, tenant_a, other, street_address="Backgatan 3", confirmed_days_ago=45)
    page = text(login("read_only_a").get(REGISTER))
    assert sorted(addresses(page)) == ["Backgatan 3", "Bruksgatan 2", "Nygatan 1"]
    assert "Ekeskogs Hyresgårdar AB" in page and "Tallmons Fastigheter AB" in page
    assert re.search(r"SEK\s6,250", page) and ">48<" in page and "Let out" in page
    assert page.count("Not confirmed lately</strong>") == 1
    assert re.search(r'<tr class="vacancy--stale">\s*<th scope="row"><a href="[^"]+">Backgatan 3', page)


def test_the_register_pages_by_25_without_a_query_per_row(app, login, tenant_a, landlord_a):
    landlords = [landlord_a] + [add_landlord(app, tenant_a, company(f"Bolag {n} AB", serial=10 + n)) for n in range(4)]
    many_vacancies(app, tenant_a, landlords, 30)
    anna = login("coordinator_a")
    first = text(anna.get(REGISTER))
    assert len(addresses(first)) == 25 and "30 homes in the register." in first
    assert 'href="/varnamo/vacancies/?page=2"' in first
    second = text(anna.get(REGISTER + "&page=2"))
    assert len(addresses(second)) == 5
    assert set(addresses(first)).isdisjoint(addresses(second))
    # As many statements for a page of 25 homes of 5 landlords as for a page of 5: none per row.
    with counting_statements() as full:
        anna.get(REGISTER)
    with counting_statements() as short:
        anna.get(REGISTER + "&page=2")
    assert len(full) == len(short)


def test_filters_and_sorting(app, login, tenant_a, landlord_a, areas_a):
    add_vacancy(app, tenant_a, landlord_a, street_address="Ett", rooms=1, rent=4000, area_id=areas_a["Bor"])
    add_vacancy(app, tenant_a, landlord_a, street_address="Tre", rooms=3, rent=9000, lease_form=LeaseForm.SUBLEASE,
                status=VacancyStatus.RESERVED)  # fmt: skip
    add_vacancy(app, tenant_a, landlord_a, street_address="Fyra", rooms=4, rent=7000, confirmed_days_ago=50,
                available_from=date.today() + timedelta(days=3))  # fmt: skip
    anna = login("coordinator_a")

    def shown(query: str) -> list[str]:
        return addresses(text(anna.get(f"{REGISTER}&{query}")))

    assert shown("status=reserved") == ["Tre"]
    assert shown(f"area={areas_a['Bor']}") == ["Ett"]
    assert sorted(shown("rooms=3")) == ["Fyra", "Tre"]
    assert shown("lease=sublease") == ["Tre"]
    assert shown("stale=y") == ["Fyra"]
    assert shown("sort=rent") == ["Ett", "Fyra", "Tre"]
    assert shown("sort=-rent") == ["Tre", "Fyra", "Ett"]
    assert shown("sort=-rooms") == ["Fyra", "Tre", "Ett"]
    assert shown("sort=available")[0] == "Fyra"  # the only one with a date; the others after it
    # Values the filters do not know are ignored, not an error.
    assert sorted(shown("status=gone&area=x&rooms=99&lease=castle&sort=nonsense")) == ["Ett", "Fyra", "Tre"]
    page = text(anna.get(f"{REGISTER}&status=offered&sort=rent"))
    assert "2 homes match the filters." in page and '<option selected value="offered">' in page


def test_stale_follows_the_setting(app, tenant_a, landlord_a):
    add_vacancy(app, tenant_a, landlord_a, street_address="Tio dagar", confirmed_days_ago=10)
    add_vacancy(app, tenant_a, landlord_a, street_address="Fyrtio dagar", confirmed_days_ago=40)
    add_vacancy(app, tenant_a, landlord_a, street_address="Uthyrd", confirmed_days_ago=90, status=VacancyStatus.LET)
    add_vacancy(app, tenant_a, landlord_a, street_address="Reserverad", confirmed_days_ago=35,
                status=VacancyStatus.RESERVED)  # fmt: skip
    now = datetime.now(UTC)
    with working_in(app, tenant_a):
        assert app.config["VACANCY_STALE_DAYS"] == 30
        stale = queries.stale_vacancies(tenant_a, now)
        assert [(vacancy.street_address, name) for vacancy, name in stale] == [
            ("Fyrtio dagar", "Ekeskogs Hyresgårdar AB"),
            ("Reserverad", "Ekeskogs Hyresgårdar AB"),
        ]
        assert queries.stale_count(tenant_a, now) == 2
        assert queries.stale_count(tenant_a, date.today()) == 2  # a day works as well as a moment
        assert len(queries.stale_vacancies(tenant_a, date.today(), limit=1)) == 1
        app.config["VACANCY_STALE_DAYS"] = 7
        assert queries.stale_count(tenant_a, now) == 3
        app.config["VACANCY_STALE_DAYS"] = 60
        assert queries.stale_count(tenant_a, now) == 0


def test_unmatched_vacancies_are_those_on_offer_soonest_free_first(app, tenant_a, landlord_a):
    soon = date.today() + timedelta(days=2)
    add_vacancy(app, tenant_a, landlord_a, street_address="Senare", available_from=soon + timedelta(days=30))
    add_vacancy(app, tenant_a, landlord_a, street_address="Utan datum")
    add_vacancy(app, tenant_a, landlord_a, street_address="Snart", available_from=soon)
    add_vacancy(app, tenant_a, landlord_a, street_address="Reserverad", status=VacancyStatus.RESERVED)
    with working_in(app, tenant_a):
        rows = queries.unmatched_vacancies(tenant_a, limit=10)
        assert [(vacancy.street_address, name) for vacancy, name in rows] == [
            ("Snart", "Ekeskogs Hyresgårdar AB"),
            ("Senare", "Ekeskogs Hyresgårdar AB"),
            ("Utan datum", "Ekeskogs Hyresgårdar AB"),
        ]
        assert len(queries.unmatched_vacancies(tenant_a, limit=2)) == 2


def test_status_changes_along_the_way_and_back_from_reserved(app, login, tenant_a, landlord_a):
    vacancy_id = add_vacancy(app, tenant_a, landlord_a, confirmed_days_ago=45)
    anna = login("coordinator_a")
    page_url = f"/varnamo/vacancies/{vacancy_id}/?lang=en"
    status_url = f"/varnamo/vacancies/{vacancy_id}/status"
    page = text(anna.get(page_url))
    assert "Not confirmed for more than 30 days" in page
    assert re.findall(r'<option value="(\w+)">', page) == ["reserved", "let", "withdrawn"]

    assert anna.submit(status_url, {"status": "reserved"}, form_url=page_url).status_code == 302
    [vacancy] = stored_vacancies(app, tenant_a)
    assert vacancy.status is VacancyStatus.RESERVED
    assert vacancy.confirmed_at.replace(tzinfo=UTC) > datetime.now(UTC) - timedelta(minutes=1)  # news of the home
    assert "Status: Reserved" in text(anna.get(page_url))
    assert anna.submit(status_url, {"status": "offered"}, form_url=page_url).status_code == 302
    assert anna.submit(status_url, {"status": "reserved"}, form_url=page_url).status_code == 302
    assert anna.submit(status_url, {"status": "let"}, form_url=page_url).status_code == 302
    assert stored_vacancies(app, tenant_a)[0].status is VacancyStatus.LET

    # Let is the end: no way back, and the page offers none.
    refused = anna.submit(status_url + "?lang=en", {"status": "offered"}, form_url=page_url)
    assert refused.status_code == 400 and "Choose a status from the list." in text(refused)
    assert stored_vacancies(app, tenant_a)[0].status is VacancyStatus.LET
    page = text(anna.get(page_url))
    assert f'action="/varnamo/vacancies/{vacancy_id}/status"' not in page and "Confirm still free" not in page
    statuses = [entry.changes.get("status") for entry in vacancy_history(app, tenant_a, vacancy_id)[1:]]
    assert statuses == [["offered", "reserved"], ["reserved", "offered"], ["offered", "reserved"], ["reserved", "let"]]
    assert "Status from Reserved to Let out" in page
    # A GET on the status address (a reload) leads back to the page.
    assert anna.get(status_url).headers["Location"] == f"/varnamo/vacancies/{vacancy_id}/"


def test_confirming_a_home_makes_it_fresh_again(app, login, tenant_a, landlord_a):
    vacancy_id = add_vacancy(app, tenant_a, landlord_a, confirmed_days_ago=50)
    anna = login("coordinator_a")
    assert "Not confirmed lately" in text(anna.get(REGISTER))
    page_url = f"/varnamo/vacancies/{vacancy_id}/?lang=en"
    response = anna.submit(f"/varnamo/vacancies/{vacancy_id}/confirm", {}, form_url=page_url)
    assert response.headers["Location"] == f"/varnamo/vacancies/{vacancy_id}/"
    page = text(anna.get(page_url))
    assert "Confirmed: the home is still free." in page and "Confirmed as still free changed" in page
    assert "Not confirmed lately" not in text(anna.get(REGISTER))
    with working_in(app, tenant_a):
        assert queries.stale_count(tenant_a, datetime.now(UTC)) == 0


def test_read_only_members_see_but_cannot_write(app, login, tenant_a, landlord_a):
    vacancy_id = add_vacancy(app, tenant_a, landlord_a, confirmed_days_ago=50)
    lisa = login("read_only_a")
    page = text(lisa.get(f"/varnamo/vacancies/{vacancy_id}/?lang=en"))
    assert "Nygatan 1" in page and "Confirm still free" not in page and "Change the details" not in page
    assert "Register a home" not in text(lisa.get(f"/varnamo/landlords/{landlord_a}/?lang=en"))
    writes = [
        f"/varnamo/vacancies/new?landlord={landlord_a}",
        f"/varnamo/vacancies/{vacancy_id}/edit",
        f"/varnamo/vacancies/{vacancy_id}/status",
        f"/varnamo/vacancies/{vacancy_id}/confirm",
    ]
    for url in writes:
        assert lisa.get(url).status_code == 403, url
        assert lisa.submit(url, {"status": "let", "rooms": "2"}, form_url="/varnamo/").status_code == 403, url
    [vacancy] = stored_vacancies(app, tenant_a)
    assert vacancy.status is VacancyStatus.OFFERED and vacancy.rooms == 2
    assert len(vacancy_history(app, tenant_a, vacancy_id)) == 1


def test_another_municipalitys_vacancy_is_not_found(app, login, tenant_b, tenant_a, landlord_a):
    other = add_landlord(app, tenant_b, company("Gislaveds Hus AB", serial=3), who="coordinator_b")
    b_id = add_vacancy(app, tenant_b, other, who="coordinator_b")
    anna = login("coordinator_a")
    for url in (f"/varnamo/vacancies/{b_id}/", f"/varnamo/vacancies/{b_id}/edit"):
        assert anna.get(url).status_code == 404
    assert anna.submit(f"/varnamo/vacancies/{b_id}/confirm", {}, form_url="/varnamo/").status_code == 404
    assert anna.get(f"/gislaved/vacancies/{b_id}/").status_code == 403


def test_a_deleted_landlords_homes_leave_the_register(app, login, tenant_a, landlord_a):
    from hemvist.landlords.models import Landlord
    from hemvist.landlords.operations import delete_landlord
    from tests.landlords.conftest import user

    vacancy_id = add_vacancy(app, tenant_a, landlord_a)
    with working_in(app, tenant_a):
        delete_landlord(tenant_a, user("coordinator_a"), db.session.get(Landlord, landlord_a))
    anna = login("coordinator_a")
    assert addresses(text(anna.get(REGISTER))) == []
    assert anna.get(f"/varnamo/vacancies/{vacancy_id}/").status_code == 404
