"""The web benchmark's pieces on tiny inputs: data generator, baseline pages, probe, wrk's output, report.

No gunicorn, no wrk and no timing assertions: speed targets live in the benchmark (`make bench-web`), never
in tests, because a busy CI machine is not a slow platform.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from stdnum.se import orgnr, personnummer

from bench.__main__ import parse_web
from bench.web import data, probe, runner, table, wrk
from bench.web.app import BARE_URL, MINIMAL_URL, create_app
from hemvist.extensions import db
from hemvist.households.models import ArrivalRoute, Household
from hemvist.households.queries import HouseholdFilter, search_households
from hemvist.landlords.models import LandlordKind
from hemvist.landlords.queries import LandlordFilter, search_landlords
from hemvist.quotas.models import Quota
from hemvist.quotas.queries import households_past_deadline
from hemvist.tenancy.binding import bound
from hemvist.tenancy.models import Municipality
from hemvist.vacancies.models import VacancyStatus
from hemvist.vacancies.queries import VacancyFilter, search_vacancies
from tests.conftest import PASSWORD, USERS

TINY = data.Sizes(landlords=60, interactions=400, busiest_landlord_interactions=40, vacancies=200, households=120)
TODAY = date(2026, 11, 25)

WRK_OUTPUT = """Running 1s test @ http://127.0.0.1:18765/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     6.45ms    2.79ms  15.03ms   62.36%
    Req/Sec   306.90     94.60   540.00     85.00%
  Latency Distribution
     50%    6.74ms
     75%    8.29ms
     90%    9.98ms
     99%   12.95ms
  613 requests in 1.00s, 2.17MB read
Requests/sec:    611.78
Transfer/sec:      2.17MB
BENCH_RESULT {"requests": 613, "duration_us": 1002002, "bytes": 2279903, "socket_errors": {"connect": 0, \
"read": 0, "write": 0, "timeout": 0}, "wrk_status_errors": 0, "status": {"2xx": 613, "3xx": 0, "other": 0, \
"first_non_2xx": 0}, "latency_us": {"min": 779, "mean": 6446.0, "stdev": 2789.5, "max": 15031, "p50": 6741, \
"p75": 8294, "p90": 9980, "p95": 10847, "p99": 12954}}
"""


def test_generated_rows_are_deterministic_and_consistent():
    rows, generated = data.build([7, 8, 9], TINY, today=TODAY)
    again, _ = data.build([7, 8, 9], TINY, today=TODAY)
    assert rows == again

    assert generated.counts["landlords"] == 60 and generated.counts["interactions"] == 400
    landlords = {row["id"]: row for row in rows["landlords"]}
    per_landlord = Counter(row["landlord_id"] for row in rows["interactions"])
    assert per_landlord[generated.busiest_landlord_id] == 40
    assert landlords[generated.busiest_landlord_id]["deleted_at"] is None

    numbers = [row["identity_number"] for row in rows["landlords"] if row["identity_number"]]
    assert len(numbers) == len(set(numbers))
    for row in rows["landlords"]:
        if row["identity_number"]:
            valid = orgnr if row["kind"] is LandlordKind.COMPANY else personnummer
            assert valid.is_valid(row["identity_number"]), row["identity_number"]
        assert row["owner_id"] in (7, 8, 9)

    contact_owner = {row["id"]: row["landlord_id"] for row in rows["contact_persons"]}
    interaction_ids = {row["id"] for row in rows["interactions"]}
    for row in rows["interactions"]:
        assert row["landlord_id"] in landlords
        assert row["contact_person_id"] is None or contact_owner[row["contact_person_id"]] == row["landlord_id"]
    for row in rows["follow_ups"]:
        assert row["planned_in_id"] in interaction_ids and row["landlord_id"] in landlords


def test_generated_vacancies_and_households_look_like_a_municipality_in_use():
    rows, generated = data.build([7, 8, 9], TINY, today=TODAY)
    landlords = {row["id"] for row in rows["landlords"]}
    areas = {row["id"] for row in rows["areas"]}
    vacancies, households = rows["vacancies"], rows["households"]
    assert len(vacancies) == 200 and len(households) == 120 and generated.counts["vacancies"] == 200

    statuses = Counter(row["status"] for row in vacancies)
    open_count = statuses[VacancyStatus.OFFERED] + statuses[VacancyStatus.RESERVED]
    assert statuses[VacancyStatus.LET] + statuses[VacancyStatus.WITHDRAWN] > open_count > 0
    assert generated.vacancy_figures["open"] == open_count and generated.vacancy_figures["stale"] > 0
    assert len({row["lease_form"] for row in vacancies}) >= 4
    for row in vacancies:
        assert row["landlord_id"] in landlords and row["area_id"] in areas
        assert 1 <= row["rooms"] <= 20 and (row["rent"] is None or row["rent"] > 0)
        assert row["living_area"] is None or row["living_area"] > 0
        assert row["created_at"] <= row["updated_at"] and row["confirmed_at"].date() <= TODAY
        assert not row["takeover_possible"] or row["lease_form"].value == "sublease"

    references = [row["reference"] for row in households]
    assert len(set(references)) == len(references) == 120
    routes = Counter(row["arrival_route"] for row in households)
    assert len(routes) >= 3
    for row in households:
        assert row["coordinator_id"] in (7, 8, 9, None) and 1 <= row["adults"] <= 2
        assert all(0 <= age <= 17 for age in row["children_ages"])
        if row["arrival_route"] is ArrivalRoute.SELF_SETTLED:
            assert row["assigned_on"] is None and row["receive_by"] is None
        else:
            assert date(2016, 1, 1) <= row["assigned_on"] <= TODAY
            assert row["receive_by"] == data.two_months_after(row["assigned_on"])
        assert row["received_on"] is None or row["received_on"] <= TODAY
    waiting = [row for row in households if row["received_on"] is None]
    assert 0 < len(waiting) < len(households) / 4
    assert any(row["receive_by"] < TODAY for row in waiting) and any(row["receive_by"] >= TODAY for row in waiting)
    assert generated.household_figures["waiting"] == len(waiting)
    assert rows["quotas"] == [{"year": TODAY.year, "persons": generated.household_figures["quota_this_year"],
                               "updated_by_id": 7}]  # fmt: skip
    assert data.two_months_after(date(2025, 12, 31)) == date(2026, 2, 28)


def test_written_registry_is_what_the_pages_read(app_overrides, backend):
    """On each backend: the rows land in the municipality, the registry's search sees them, and the
    baseline pages and the in-process probe answer; no timing is looked at."""
    app = create_app(app_overrides, schema="kommun_0683")
    with app.app_context():
        varnamo = db.session.scalar(sa.select(Municipality).where(Municipality.slug == "varnamo"))
        tenant, schema = varnamo.as_tenant(), varnamo.schema_name
        with bound(db.session, schema):
            generated = data.generate(db.session, [1, 2], TINY, today=TODAY)
            db.session.commit()
            for name, count in generated.counts.items():
                if name == "quotas":  # next to the quotas seeded from the municipality's file
                    continue
                assert db.session.scalar(sa.select(sa.func.count()).select_from(data.TABLES[name])) == count
            found = search_landlords(tenant, LandlordFilter(text=generated.search_text))
            assert found.total >= generated.search_matches_by_name
            # The supply-and-demand pages' first rows are the ones the benchmark expects to see.
            register = search_vacancies(tenant, VacancyFilter(), datetime(2026, 11, 25, 12, tzinfo=UTC))
            assert register.total == TINY.vacancies - generated.vacancy_figures["of_deleted_landlords"]
            assert register.items[0].vacancy.street_address == generated.first_vacancy_address
            listed = search_households(tenant, HouseholdFilter(), today=TODAY)
            assert listed.total == TINY.households
            assert listed.items[0].reference == generated.first_household_reference
            overdue = households_past_deadline(tenant, TODAY, 5)
            assert overdue[0].reference == generated.most_overdue_reference
            assert db.session.scalar(sa.select(sa.func.count()).select_from(Household)) == TINY.households
            assert TODAY.year in set(db.session.scalars(sa.select(Quota.year)))
        if backend == "postgresql":
            data.finish_postgresql(db.engine, schema)
            with db.engine.connect() as connection:
                next_id = connection.exec_driver_sql(f"SELECT nextval('{schema}.landlords_id_seq')").scalar()
                next_household = connection.exec_driver_sql(f"SELECT nextval('{schema}.households_id_seq')").scalar()
            assert next_id == TINY.landlords + 1 and next_household == TINY.households + 1
        db.session.remove()

    client = app.test_client()
    minimal = client.get(MINIMAL_URL)
    bare = client.get(BARE_URL)
    assert minimal.status_code == bare.status_code == 200
    assert minimal.get_data() == bare.get_data()
    assert minimal.get_data(as_text=True).count("<tr><td>") == 25

    coordinator = USERS["coordinator_a"]
    probed = probe.page(app, probe.logged_in_client(app, coordinator.email, PASSWORD), "/varnamo/quotas/", repeats=2)
    assert probed["queries"] >= 1 and probed["statements"]
    assert isinstance(probed["explained"], list) and (backend == "postgresql") == bool(probed["explained"])
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_wrk_output_is_read():
    result = wrk.parse(WRK_OUTPUT)
    assert result.requests == 613 and result.status_2xx == 613 and result.non_2xx == 0 and result.errors == 0
    assert result.requests_per_second == pytest.approx(613 / 1.002002)
    assert result.p50_ms == pytest.approx(6.741) and result.p95_ms == pytest.approx(10.847)
    assert result.wrk_requests_per_second == pytest.approx(611.78)

    text = wrk.parse_text(WRK_OUTPUT.replace("Requests/sec", "  5 requests in 2.00s, 1KB read\nRequests/sec"))
    assert text["latency_ms"] == {50: 6.74, 75: 8.29, 90: 9.98, 99: 12.95}
    assert wrk.milliseconds("812.00us") == pytest.approx(0.812) and wrk.milliseconds("2.01s") == pytest.approx(2010)

    redirected = wrk.parse(
        WRK_OUTPUT.replace('"3xx": 0', '"3xx": 7').replace('"first_non_2xx": 0', '"first_non_2xx": 302')
    )
    assert redirected.non_2xx == 7 and redirected.first_non_2xx == 302
    with pytest.raises(wrk.WrkError):
        wrk.parse("Running 1s test @ http://127.0.0.1:1/\n")


def test_wrk_loads_loopback_only():
    args = wrk.command("wrk", "http://127.0.0.1:8000/x", seconds=2, connections=4, threads=2, headers=["Cookie: a=b"])
    assert args[-1] == "http://127.0.0.1:8000/x" and "Cookie: a=b" in args and str(wrk.SCRIPT) in args
    with pytest.raises(wrk.WrkError):
        wrk.command("wrk", "http://example.org/", seconds=2, connections=4, threads=2)


def _result(rps: float, p50: float = 5.0) -> wrk.Result:
    return wrk.Result(
        requests=int(rps * 5), seconds=5.0, requests_per_second=rps, p50_ms=p50, p75_ms=p50, p90_ms=p50,
        p95_ms=p50 * 2, p99_ms=p50 * 3, mean_ms=p50, max_ms=p50 * 4, status_2xx=int(rps * 5), status_3xx=0,
        status_other=0, first_non_2xx=None,
    )  # fmt: skip


def test_report_judges_each_page_against_the_minimal_page_of_the_same_round():
    generated = data.Generated({}, busiest_landlord_id=2, busiest_landlord_interactions=300, search_text="berg",
                               search_matches_by_name=10)  # fmt: skip
    pages = runner.pages("varnamo", generated, "Bergs Fastigheter AB", "berg")
    measured = {page.key: [_result(1000), _result(500)] for page in pages}
    measured["list"] = [_result(600), _result(240)]  # ratios 0.6 and 0.48: median 0.54
    measured["search"] = [_result(100), _result(50)]
    figures = {figure.key: figure for figure in runner.figures(pages, measured)}

    assert figures["web.list.ratio"].value == pytest.approx(0.54) and figures["web.list.ratio"].passed is True
    assert figures["web.search.ratio"].passed is False
    assert figures["web.bare.ratio"].target is None and figures["web.quotas.ratio"].target is None
    assert figures["web.minimal"].value == 750 and figures["web.landlord"].details["p95_ms"] == 10.0

    report = {
        "options": {"quick": True, "threads": 2, "connections": 4, "warmup_seconds": 1, "rounds": 2, "seconds": 5},
        "machine": {
            "cpu": "test",
            "usable_cores": 2,
            "python": "3",
            "sqlite": "3",
            "postgresql": "15",
            "load_average": [0.5, 0.5, 0.5],
        },  # fmt: skip
        "figures": [figure.as_dict() for figure in figures.values()],
        "errors": [],
        "passed": False,
        "failures": ["search"],
        "duration_s": 1.0,
    }
    printed = table.table(report)
    assert "landlord list" in printed and "FAIL" in printed and "1 (baseline)" in printed
    assert [page.key for page in pages][-3:] == ["vacancies", "households", "overview"]
    assert "vacancy register" in printed and "overview (dashboard)" in printed
    assert table.markdown(report).count("\n") == len(pages) + 1


def test_web_options_from_the_command_line():
    assert parse_web(["--quick"]) is None
    quick = parse_web(["--web", "--quick", "--seconds", "1", "--connections", "1"])
    assert quick.quick and quick.seconds == 1 and quick.connections == quick.threads == 1
    full = parse_web(["--web", "--landlords", "500", "--interactions", "3000", "--workers", "3"])
    assert full.sizes.landlords == 500 and full.sizes.interactions == 3000 and full.workers == 3
    assert full.sizes.busiest_landlord_interactions <= 300 and not full.quick
    assert full.sizes.vacancies == 5_000 and full.sizes.households == 2_000
    supply = parse_web(["--web", "--quick", "--vacancies", "300", "--households", "50"])
    assert supply.sizes.vacancies == 300 and supply.sizes.households == 50 and supply.sizes.landlords == 2_000
