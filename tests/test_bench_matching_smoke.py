"""The matching benchmark's code runs (in quick mode, on the suite's PostgreSQL), with no timing assertion:
the 50 ms target lives in ``make bench``. Defined only where the suite has PostgreSQL, as the benchmark is."""

from __future__ import annotations

from bench import matching
from tests.conftest import POSTGRES_URL

if POSTGRES_URL:

    def test_the_matching_benchmark_measures_both_directions_beside_a_plain_select():
        report = matching.run(POSTGRES_URL, quick=True)
        assert report["rows"] == {"vacancies": 500, "households": 200}
        # The heaviest pair: most homes suit the household measured, and the home suits most households.
        assert report["suggested"]["vacancies"] > 250 and report["suggested"]["households"] > 100
        assert set(report["figures"]) == {"vacancies_for", "select_vacancies", "households_for", "select_households"}
        for figure in report["figures"].values():
            assert 0 < figure["p50_ms"] <= figure["p95_ms"]
        assert isinstance(report["passed"], bool)
        assert "households_for: 1 home against the households" in matching.table(report)
