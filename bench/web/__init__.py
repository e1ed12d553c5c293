"""The web benchmark (``make bench-web``): the landlord pages under load, against a minimal page.

Gunicorn serves Hemvist on PostgreSQL with generated data (``data``: many municipalities, one with
10 000 landlords and 100 000 interactions); wrk loads the landlord list, a search and a landlord's page,
and a minimal page (``app``) in the same run; the report gives throughput, p50/p95 latency and each page's
ratio to the minimal page, with the issue's target of at least 0.5. ``docs/performance.md`` describes
it and records the figures.
"""

from bench.web.options import WebOptions
from bench.web.runner import run

__all__ = ["WebOptions", "run"]
