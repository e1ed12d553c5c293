"""Putting municipalities on the service one by one with ``create_tenant``, as an operator would."""

from __future__ import annotations

import statistics
import time

from hemvist.tenancy import operations, reference


def municipalities(count: int, first_county: str | None = None) -> list[tuple[str, str]]:
    """The first ``count`` municipalities, as (code, slug): those of ``first_county`` first, then code order.

    The county page's county goes first, so that a run of any size beyond it (``--tenants``, ``--quick``)
    has the whole county to measure its page with (bench/county.py).

    Håbo (0305) and Habo (0643) both slugify to ``habo``, so ``create_tenant`` with default slugs fails on
    the second one; a repeated slug gets the code appended, as an operator would have to choose.
    """
    official = reference.municipalities()
    codes = sorted(official, key=lambda code: (official[code].county_code != first_county, code))
    chosen, taken = [], set()
    for code in codes[:count]:
        slug = reference.municipalities()[code].slug
        if slug in taken:
            slug = f"{slug}-{code}"
        taken.add(slug)
        chosen.append((code, slug))
    return chosen


def provision(tenants: list[tuple[str, str]]) -> list[float]:
    """Seconds each ``create_tenant`` took, in order; call inside an application context."""
    durations = []
    for code, slug in tenants:
        start = time.perf_counter()
        operations.create_tenant(code, slug=slug)
        durations.append(time.perf_counter() - start)
    return durations


def summary(durations: list[float]) -> dict:
    """Per-tenant statistics in milliseconds; the first and last tenth show whether the cost grows."""
    ms = sorted(d * 1000 for d in durations)
    tenth = max(1, len(durations) // 10)
    return {
        "tenants": len(durations),
        "total_s": round(sum(durations), 3),
        "mean_ms": round(statistics.fmean(ms), 2),
        "median_ms": round(statistics.median(ms), 2),
        "p95_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.95))], 2),
        "max_ms": round(ms[-1], 2),
        "first_tenth_mean_ms": round(statistics.fmean(durations[:tenth]) * 1000, 2),
        "last_tenth_mean_ms": round(statistics.fmean(durations[-tenth:]) * 1000, 2),
    }
