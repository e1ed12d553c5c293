"""What a benchmark run does: which backends, how many municipalities, how long to measure requests."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

BACKENDS = ("sqlite", "postgresql")
ALL_MUNICIPALITIES = 290
QUICK_TENANTS = 20
RESULTS_DIR = Path(__file__).resolve().parent / "results"
# The same server the test suite and CI use; the benchmark creates its own database there and drops it.
DEFAULT_POSTGRES_URL = (
    os.environ.get("HEMVIST_BENCH_POSTGRES_URL")
    or os.environ.get("HEMVIST_TEST_POSTGRES_URL")
    or "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@dataclass
class Options:
    backends: tuple[str, ...] = BACKENDS
    # Municipalities to provision and upgrade; the first N of the official list in code order.
    tenants: int = ALL_MUNICIPALITIES
    quick: bool = False
    postgres_url: str = DEFAULT_POSTGRES_URL
    # Where the JSON report goes; None writes none (the smoke test).
    results_dir: Path | None = RESULTS_DIR
    # cProfile the provisioning and the one-migration upgrade, and save the profiles beside the report.
    # The profiler slows Python code down, so timings of a profiled run are not comparable to the targets.
    profile: bool = False
    # Request throughput: rounds alternate between the tenant page and the baseline page, so drift in the
    # machine's speed (another process, CPU frequency) hits both alike; the median round counts.
    request_rounds: int = 5
    requests_per_round: int = 300
    # The no-op upgrade is short enough to be noisy: take the median of a few.
    noop_repeats: int = 5
    # The county whose page is measured (bench/county.py): its municipalities are provisioned first.
    county: str = "06"
    # The county page, its CSV export and a control page, in rounds that alternate between the database
    # with the county alone and the one with every municipality: each page this many requests per round
    # and database; the median of the rounds' p95s counts. An even number of rounds lets each database go
    # first equally often.
    county_rounds: int = 6
    county_requests_per_round: int = 100
    # … or fewer when a round of one page has taken this long (one request at least).
    county_round_seconds: float = 4.0

    @classmethod
    def quick_defaults(cls, **overrides) -> Options:
        values = {"tenants": QUICK_TENANTS, "quick": True, "request_rounds": 3, "requests_per_round": 60}
        values["noop_repeats"] = 3
        values["county_rounds"] = 2
        values["county_requests_per_round"] = 20
        values["county_round_seconds"] = 1.0
        values.update(overrides)
        return cls(**values)
