"""What a web benchmark run does: how much data, how long and how hard to load each page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bench.options import DEFAULT_POSTGRES_URL, RESULTS_DIR
from bench.web.data import SEARCH_TEXT, Sizes

# Municipalities on the service ("many tenants"); one of them, Värnamo, gets the generated registry.
WEB_TENANTS = 20
QUICK_SIZES = Sizes(
    landlords=2_000, interactions=20_000, busiest_landlord_interactions=100, vacancies=1_000, households=400
)


@dataclass
class WebOptions:
    postgres_url: str = DEFAULT_POSTGRES_URL
    tenants: int = WEB_TENANTS
    sizes: Sizes = field(default_factory=Sizes)
    # Each page is loaded for ``warmup_seconds`` (discarded), then in ``rounds`` rounds of ``seconds``
    # that alternate between the pages, so that drift in the machine's speed hits every page alike.
    seconds: float = 5.0
    warmup_seconds: float = 2.0
    rounds: int = 3
    # wrk's open connections and threads: a handful of coordinators clicking at once, on a machine
    # whose two cores also run gunicorn, PostgreSQL and wrk itself.
    connections: int = 4
    threads: int = 2
    # Gunicorn's sync workers; None keeps deploy/gunicorn.conf.py's (2 × cores) + 1.
    workers: int | None = None
    search_text: str = SEARCH_TEXT
    # After the load: time the search with trigram indexes and as a UNION, on the scratch database.
    try_indexes: bool = False
    quick: bool = False
    results_dir: Path | None = RESULTS_DIR

    @classmethod
    def quick_defaults(cls, **overrides) -> WebOptions:
        values = {"tenants": 5, "sizes": QUICK_SIZES, "seconds": 2.0, "warmup_seconds": 1.0, "rounds": 1}
        values["quick"] = True
        values.update(overrides)
        return cls(**values)
