"""The benchmark's code path in quick mode, on SQLite with a handful of municipalities.

Checks the shape of the report only: speed targets live in the benchmark (`make bench`), never in tests,
because a busy CI machine is not a slow platform.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from bench import Options, county, provisioning, run
from bench.__main__ import parse
from bench.report import table
from tests.conftest import POSTGRES_URL

EXPECTED_KEYS = {
    "provision.total",
    "provision.per_tenant",
    "upgrade.noop",
    "upgrade.one_migration",
    "requests.tenant",
    "requests.baseline",
    "requests.ratio",
    "requests.overhead",
    "requests.find_tenant",
    "requests.tenant_connection",
    "requests.tenancy_share",
}
COUNTY_KEYS = {
    "county.overview.p95_county",
    "county.overview.p95_all",
    "county.overview.ratio",
    "county.export.p95_county",
    "county.export.p95_all",
    "county.export.ratio",
    "county.overview.sql_ratio",
    "county.control.ratio",
    "county.afresh",
    "county.afresh_largest",
}
# Held to a target on SQLite; the tenancy share is judged on PostgreSQL only (bench/figures.py).
JUDGED = {
    "provision.per_tenant",
    "upgrade.noop",
    "upgrade.one_migration",
    "county.overview.ratio",
    "county.export.ratio",
    "county.afresh",
    "county.afresh_largest",
}
COUNTY_SIZE = 13  # Jönköpings län, the county `make bench` measures
GOTLAND = "09"  # a county of one municipality (0980), so that the smoke run provisions three


def quick_options(tmp_path, backend: str, tenants: int, county_code: str = GOTLAND) -> Options:
    return Options.quick_defaults(
        backends=(backend,),
        tenants=tenants,
        county=county_code,
        postgres_url=POSTGRES_URL or Options().postgres_url,
        results_dir=tmp_path,
        request_rounds=1,
        requests_per_round=5,
        noop_repeats=1,
        county_rounds=2,
        county_requests_per_round=2,
    )


def check_figures(report: dict, backend: str, expected: set[str]) -> dict:
    assert report["errors"] == []
    figures = {figure["key"]: figure for figure in report["figures"]}
    assert set(figures) == expected
    for key, figure in figures.items():
        assert figure["backend"] == backend
        assert isinstance(figure["value"], (int, float))
        if key in JUDGED or (key == "requests.tenancy_share" and backend == "postgresql"):
            assert figure["target"]["text"] and isinstance(figure["passed"], bool)
        else:
            assert figure["target"] is None and figure["passed"] is None
    assert report["passed"] == (not report["failures"])
    return figures


def test_quick_run_on_sqlite_reports_every_figure(tmp_path):
    # The county page with the county's one municipality alone (a second database), and with all three.
    report = run(quick_options(tmp_path, "sqlite", 3), progress=lambda message: None)

    assert report["machine"]["cores"] >= 1 and report["machine"]["sqlite"]
    figures = check_figures(report, "sqlite", EXPECTED_KEYS | COUNTY_KEYS)
    assert figures["provision.total"]["details"]["tenants"] == 3
    # The coordinator's pages are measured outside the county.
    assert figures["requests.tenant"]["details"]["tenant_urls"] == ["/upplands-vasby/quotas/", "/vallentuna/quotas/"]

    details = figures["county.overview.ratio"]["details"]
    alone, everyone = details["phases"]
    assert alone["municipalities_on_service"] == 1 and everyone["municipalities_on_service"] == 3
    assert 0 < alone["figure_rows"] < everyone["figure_rows"]
    assert [phase["figures_given"]["municipalities"] for phase in details["phases"]] == [1, 3]
    for phase in details["phases"]:
        assert set(phase["pages"]) == {"/county/09/", "/county/09/figures.csv", "/account"}
        for page in phase["pages"].values():
            assert page["requests"] >= details["rounds"] and page["p50_ms"] <= page["pooled_p95_ms"]
            assert page["queries"] >= 1 and 0 < page["sql_p50_ms"] <= page["p50_ms"]
    assert figures["county.overview.ratio"]["target"]["text"] == "< 1.20 ×"
    # Every county with a municipality on the service is computed afresh: Gotland (0980), and Stockholms län.
    counties = figures["county.afresh"]["details"]["counties"]
    assert counties.keys() == {"01", "09"} and counties["09"]["municipalities"] == 1
    assert figures["county.afresh_largest"]["label"].startswith("county 01 figures afresh (2 municipalities)")

    written = json.loads((tmp_path / report["json_path"].rsplit("/", 1)[-1]).read_text("utf-8"))
    assert written["figures"] == report["figures"]
    printed = table(report)
    assert "/county/09/ p95, 3 / 1" in printed and "1 on the service" in printed


def test_without_more_municipalities_than_the_county_the_county_page_is_left_out(tmp_path):
    # Three of Jönköpings län's 13: the county page needs the whole county first, then more.
    report = run(quick_options(tmp_path, "sqlite", 3, county_code="06"), progress=lambda message: None)

    figures = check_figures(report, "sqlite", EXPECTED_KEYS)
    assert figures["provision.total"]["details"]["tenants"] == 3
    assert figures["requests.tenant"]["details"]["tenant_urls"] == ["/aneby/quotas/", "/gnosjo/quotas/"]


if POSTGRES_URL:  # defined only where the suite has PostgreSQL, as the suite's backends are

    def test_quick_run_on_postgresql_measures_the_county_page(tmp_path):
        report = run(quick_options(tmp_path, "postgresql", 2), progress=lambda message: None)

        figures = check_figures(report, "postgresql", EXPECTED_KEYS | COUNTY_KEYS)
        assert figures["county.overview.ratio"]["details"]["phases"][1]["municipalities_on_service"] == 2


def test_the_county_comes_first_and_its_data_is_deterministic():
    order = [code for code, _slug in provisioning.municipalities(16, first_county=county.COUNTY)]
    assert order[:COUNTY_SIZE] == county.county_codes() and order[COUNTY_SIZE:] == ["0114", "0115", "0117"]
    assert len(county.county_codes()) == COUNTY_SIZE

    today = date(2026, 12, 1)
    quotas, households = county.households_for("0604", today)
    again_quotas, again = county.households_for("0604", today)
    assert quotas == again_quotas and set(quotas) == {2025, 2026}
    assert [(h.reference, h.assigned_on, h.received_on, h.adults) for h in households] == [
        (h.reference, h.assigned_on, h.received_on, h.adults) for h in again
    ]
    assert 10 <= len(households) <= 150
    assert all(h.receive_by is None or h.receive_by >= h.assigned_on for h in households)
    assert any(h.received_on is None for h in households) and any(h.received_on for h in households)


def test_command_line_options():
    quick = parse(["--quick", "--backend", "sqlite"])
    assert quick.backends == ("sqlite",) and quick.quick and quick.tenants == 20 and quick.county == "06"
    full = parse(["--tenants", "50", "--county", "14", "--county-requests", "30", "--county-rounds", "10"])
    assert full.backends == ("sqlite", "postgresql") and full.tenants == 50 and not full.quick
    assert full.county == "14" and full.county_requests_per_round == 30 and full.county_rounds == 10
    with pytest.raises(SystemExit):
        parse(["--county", "99"])
