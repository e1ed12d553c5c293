"""The overview shows this year's quota progress, the households nearest and past their deadline, and the
homes that wait for a household; receiving a household moves it all.

The example of ``conftest.py`` as of 15 June 2025 (quota 40): received 12, still to receive 28, overdue 5
(E: 3 persons, by 2025-05-01; F: 2 persons, by 2024-12-01), pace 28 / 7 = 4 a month. Waiting and not
yet due: G (by 2025-07-20).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.landlords.models import Landlord, LandlordKind, Stage
from hemvist.tenancy.binding import bound
from hemvist.vacancies.models import OfferedVia, Vacancy, VacancyStatus
from tests.quotas.conftest import RESETTLED, Example, add_households, add_quota


def section(page: str, element_id: str) -> str:
    start = page.index(f'id="{element_id}"')
    return page[start : page.index("</div>", start)]


def household_links(page: str, element_id: str) -> list[str]:
    return re.findall(r'<a href="/varnamo/households/(\d+)/">([^<]+)</a>', section(page, element_id))


def test_the_overview_shows_quota_progress(login, example):
    page = login("coordinator_a").get("/varnamo/?lang=en").get_data(as_text=True)
    start = page.index('id="quota-progress"')
    card = page[start : page.index("\n  </li>", start)]
    assert "Quota 2025" in card
    assert "Received: 12 of 40 persons" in card
    assert re.search(r'<progress id="quota-received" max="40" value="12">', card)
    assert "Still to receive: 28" in card
    assert "Overdue: 5" in card
    assert "Pace needed: 4 persons a month" in card
    assert 'href="/varnamo/quotas/2025/"' in card


def test_the_overview_shows_this_years_quota_beside_next_and_last_years_never_older_ones(app, login, tenant_a, example):
    for year, persons in ((2017, 120), (2023, 70), (2024, 60), (2026, 45)):
        add_quota(app, tenant_a, year, persons)
    page = login("coordinator_a").get("/varnamo/?lang=en").get_data(as_text=True)
    shown = re.findall(r"<h2>Quota (\d{4})</h2>", page)
    assert shown == ["2025", "2026", "2024"]  # this year's progress, next year's, last year's
    assert "Quota 2017" not in page and "Quota 2023" not in page
    assert 'id="quota-2026"' in page and ">45<" in page[page.index('id="quota-2026"') :]


def test_without_next_or_last_years_quota_the_overview_shows_only_this_years(app, login, tenant_a, example):
    add_quota(app, tenant_a, 2017, 120)
    page = login("coordinator_a").get("/varnamo/?lang=en").get_data(as_text=True)
    assert re.findall(r"<h2>Quota (\d{4})</h2>", page) == ["2025"]


def test_the_overview_lists_households_past_and_nearest_their_deadline(login, example):
    page = login("coordinator_a").get("/varnamo/?lang=en").get_data(as_text=True)
    # Longest overdue first: F (by 2024-12-01, 196 days), then E (by 2025-05-01, 45 days).
    assert household_links(page, "past-deadline") == [
        (str(example["MIG-F"]), "MIG-F"),
        (str(example["MIG-E"]), "MIG-E"),
    ]
    assert "196 days overdue" in section(page, "past-deadline")
    assert "45 days overdue" in section(page, "past-deadline")
    # Only G is waiting with its deadline ahead; received (H) and self-settled (D) households are not listed.
    assert household_links(page, "near-deadline") == [(str(example["MIG-G"]), "MIG-G")]
    assert "35 days left" in section(page, "near-deadline")
    assert "EGET-D" not in page and "MIG-H" not in page


def test_the_nearest_are_five_sorted_by_deadline(app, login, tenant_a, frozen_today):
    waiting = [
        Example(f"NEAR-{day:02d}", RESETTLED, date(2025, 6, 1), date(2025, 7, day), None, 1)
        for day in (9, 3, 7, 1, 5, 2)
    ]
    add_households(app, tenant_a, waiting)
    page = login("coordinator_a").get("/varnamo/?lang=en").get_data(as_text=True)
    assert [name for _, name in household_links(page, "near-deadline")] == [
        "NEAR-01", "NEAR-02", "NEAR-03", "NEAR-05", "NEAR-07"
    ]  # fmt: skip


def test_receiving_a_household_moves_the_overview(login, example):
    coordinator = login("coordinator_a")
    household = example["MIG-E"]
    response = coordinator.submit(
        f"/varnamo/households/{household}/received",
        {"received_on": "2025-06-14"},
        form_url=f"/varnamo/households/{household}/",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    page = coordinator.get("/varnamo/?lang=en").get_data(as_text=True)
    # E's 3 persons are received in June: 15 of 40, 25 still to receive over 7 months (3.57 → 3.6),
    # and only F (2 persons) is overdue.
    assert "Received: 15 of 40 persons" in page
    assert re.search(r'<progress id="quota-received" max="40" value="15">', page)
    assert "Still to receive: 25" in page
    assert "Overdue: 2" in page
    assert "Pace needed: 3.6 persons a month" in page
    assert [name for _, name in household_links(page, "past-deadline")] == ["MIG-F"]
    figures = coordinator.get("/varnamo/quotas/2025/?lang=en").get_data(as_text=True)
    assert re.search(r'id="figure-received">.*?<p class="figure">15</p>', figures, re.S)


def test_the_overview_without_households_or_quota(login, frozen_today):
    page = login("coordinator_a").get("/varnamo/?lang=en").get_data(as_text=True)
    assert "No quota has been entered for 2025." in page
    assert "Received: 0 persons" in page
    assert "<progress" not in page
    assert "No household is past its deadline." in page
    assert "No household is waiting to be received." in page
    assert "Every home on offer has a household." in page
    assert "Every home on offer has been confirmed lately." in page


def add_vacancies(app, tenant, count: int, confirmed_at: datetime) -> None:
    with app.app_context(), bound(db.session, tenant.schema):
        landlord = Landlord(kind=LandlordKind.COMPANY, name="Hyresvärden i Bor AB", stage=Stage.PARTNER)
        db.session.add(landlord)
        db.session.flush()
        for number in range(count):
            db.session.add(
                Vacancy(
                    landlord_id=landlord.id,
                    street_address=f"Storgatan {number + 1}",
                    rooms=2,
                    status=VacancyStatus.OFFERED,
                    offered_via=OfferedVia.STAFF,
                    confirmed_at=confirmed_at,
                )
            )
        db.session.commit()


def test_the_overview_lists_homes_without_a_household_and_stale_ones(app, login, tenant_a, frozen_today):
    add_vacancies(app, tenant_a, 1, datetime(2025, 6, 10, tzinfo=UTC))  # confirmed 5 days ago
    add_vacancies(app, tenant_a, 1, datetime(2025, 1, 10, tzinfo=UTC))  # confirmed in January: stale
    page = login("coordinator_a").get("/varnamo/?lang=en").get_data(as_text=True)
    unmatched = section(page, "unmatched-vacancies")
    assert unmatched.count("/varnamo/vacancies/") == 2 and "Hyresvärden i Bor AB" in unmatched
    stale = section(page, "stale-vacancies")
    assert stale.count("/varnamo/vacancies/") == 1
    assert "last confirmed 10 Jan 2025" in stale


class StatementCounter:
    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def __enter__(self):
        sa.event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        sa.event.remove(self.engine, "before_cursor_execute", self._count)

    def _count(self, *args):
        self.count += 1


def overview_statements(app, client) -> int:
    with app.app_context():
        engine = db.engine
    with StatementCounter(engine) as counter:
        assert client.get("/varnamo/").status_code == 200
    return counter.count


def test_the_overview_runs_as_many_queries_for_many_households_and_homes(app, login, tenant_a, example):
    coordinator = login("coordinator_a")
    coordinator.get("/varnamo/")  # warm the municipality cache
    add_vacancies(app, tenant_a, 1, datetime(2025, 1, 10, tzinfo=UTC))
    few = overview_statements(app, coordinator)
    waiting = [
        Example(f"MANY-{n}", RESETTLED, date(2025, 1, 1), date(2025, 2, 1 + n), None, 2, (3,)) for n in range(12)
    ]
    add_households(app, tenant_a, waiting)
    add_vacancies(app, tenant_a, 12, datetime(2025, 1, 10, tzinfo=UTC))
    assert overview_statements(app, coordinator) == few
    assert few <= 20, few


def test_another_municipalitys_households_stay_off_the_overview(app, login, tenant_b, frozen_today):
    add_households(app, tenant_b, [Example("GIS-LATE", RESETTLED, date(2025, 1, 1), date(2025, 2, 1), None, 2)])
    page = login("coordinator_a").get("/varnamo/?lang=en").get_data(as_text=True)
    assert "GIS-LATE" not in page and "Overdue: 0" in page
