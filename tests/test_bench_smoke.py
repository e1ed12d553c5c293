"""The benchmark's code path in quick mode, on SQLite with a handful of municipalities.

Checks the shape of the report only: speed targets live in the benchmark (`make bench`), never in tests,
because a busy CI machine is not a slow platform.
"""

from __future__ import annotations

import json

from bench import Options, run
from bench.__main__ import parse

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
# Held to a target on SQLite; the tenancy share is judged on PostgreSQL only (bench/figures.py).
JUDGED = {"provision.per_tenant", "upgrade.noop", "upgrade.one_migration"}


def test_quick_run_on_sqlite_reports_every_figure(tmp_path):
    options = Options.quick_defaults(
        backends=("sqlite",),
        tenants=3,
        results_dir=tmp_path,
        request_rounds=1,
        requests_per_round=5,
        noop_repeats=1,
    )
    report = run(options, progress=lambda message: None)

    assert report["errors"] == []
    assert report["machine"]["cores"] >= 1 and report["machine"]["sqlite"]
    figures = {figure["key"]: figure for figure in report["figures"]}
    assert set(figures) == EXPECTED_KEYS
    for key, figure in figures.items():
        assert figure["backend"] == "sqlite"
        assert isinstance(figure["value"], (int, float))
        if key in JUDGED:
            assert figure["target"]["text"] and isinstance(figure["passed"], bool)
        else:
            assert figure["target"] is None and figure["passed"] is None
    assert figures["provision.total"]["details"]["tenants"] == 3
    assert report["passed"] == (not report["failures"])

    written = json.loads((tmp_path / report["json_path"].rsplit("/", 1)[-1]).read_text("utf-8"))
    assert written["figures"] == report["figures"]


def test_command_line_options():
    quick = parse(["--quick", "--backend", "sqlite"])
    assert quick.backends == ("sqlite",) and quick.quick and quick.tenants == 20
    full = parse(["--tenants", "50"])
    assert full.backends == ("sqlite", "postgresql") and full.tenants == 50 and not full.quick
