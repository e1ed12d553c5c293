"""Matching on PostgreSQL: one household against 5 000 homes, one home against 2 000 households.

Run it as ``python -m bench.matching`` (``--quick`` for a smoke run). In a scratch database (created and
dropped as in ``bench/environment.py``) one municipality gets 500 landlords, 5 000 homes on offer and 2 000
households looking for a home, generated with a seeded ``random``. Then, after a warm-up, in alternation:

- ``vacancies_for(tenant, household, today)`` for one household, and a plain SELECT of the same rows (the
  pool query, the same columns, fetched all) right before it;
- ``households_for(tenant, vacancy, today)`` for one home, and its plain SELECT likewise.

A matching call is timed with what its page then reads of it: the first ``SHOWN`` suggestions and the first
page of those not suggested, each a ``Match`` with its reasons (the rankings build them only when read).

Each call is timed on its own (``perf_counter``) with the session bound to the municipality, and the
transaction ended after it, as a request would, in a process whose long-lived objects are frozen out of the
garbage collector as in a gunicorn worker (``post_worker_init`` in ``deploy/gunicorn.conf.py``).

The pair measured is the heaviest for a ranking: a household that most homes suit, and a home that suits
most households (``seed``), since suggestions are what a ranking scores and explains. Target: p95 under
50 ms for each matching call. Exit status 0 when both are met, 1 when one is missed, 2 when PostgreSQL
could not be reached.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta

import sqlalchemy as sa

from bench import environment
from hemvist import create_app
from hemvist.core import clock
from hemvist.extensions import db
from hemvist.households.models import ArrivalRoute, Household, HouseholdStatus
from hemvist.landlords.models import Landlord, LandlordKind
from hemvist.matching import queries
from hemvist.matching.views import PER_PAGE, SHOWN
from hemvist.tenancy import migrate
from hemvist.tenancy import operations as tenancy
from hemvist.tenancy.binding import bound
from hemvist.tenancy.models import Municipality
from hemvist.vacancies.models import OfferedVia, Vacancy, VacancyStatus

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
TARGET_MS = 50.0
CODE = "0683"  # Värnamo
SEED = 20260302


def default_url() -> str:
    return os.environ.get("HEMVIST_BENCH_POSTGRES_URL") or os.environ.get("HEMVIST_TEST_POSTGRES_URL") or DEFAULT_URL


def seed(vacancies: int, households: int, today: date) -> tuple[int, int]:
    """Landlords, homes and households like a municipality's, with every hard rule failing now and then.

    Returns the ids of the pair measured: a household that most homes suit (a small family with a car and
    room in its budget) and a home that suits most households (four rooms, low rent, step-free, free now).
    Suggestions are what a ranking reads and explains in full, so these are its heaviest cases.
    """
    rng = random.Random(SEED)
    landlords = [Landlord(kind=LandlordKind.COMPANY, name=f"Bänkens Fastigheter {n} AB") for n in range(500)]
    db.session.add_all(landlords)
    db.session.flush()
    homes = []
    for n in range(vacancies - 1):  # and the home measured
        rooms = rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5])
        homes.append(
            Vacancy(
                landlord_id=rng.choice(landlords).id,
                street_address=f"Bänkgatan {n}",
                rooms=rooms,
                rent=rng.randrange(3500, 8000, 100) + 900 * rooms,
                available_from=rng.choice([None, today + timedelta(days=rng.randint(-10, 120))]),
                step_free=rng.random() < 0.3,
                needs_car=rng.random() < 0.15,
                stop_distance=rng.choice([None, rng.randint(50, 3000)]),
                weekday_departures=rng.choice([None, rng.randint(0, 120)]),
                status=VacancyStatus.OFFERED,
                offered_via=OfferedVia.STAFF,
            )
        )
    db.session.add_all(homes)
    people = []
    for n in range(households - 1):  # and the household measured
        assigned = today - timedelta(days=rng.randint(0, 200))
        status = rng.choice([HouseholdStatus.WAITING] * 6 + [HouseholdStatus.OFFERED, HouseholdStatus.HOUSED])
        people.append(
            Household(
                reference=f"BENCH-{n:05d}",
                arrival_route=ArrivalRoute.FROM_ACCOMMODATION,
                assigned_on=assigned,
                receive_by=assigned + timedelta(days=rng.randint(30, 180)),
                adults=rng.randint(1, 3),
                children_ages=[rng.randint(0, 17) for _ in range(rng.choice([0, 0, 1, 2, 3, 4]))],
                step_free_needed=rng.random() < 0.1,
                driving_licence=rng.random() < 0.3,
                has_car=rng.random() < 0.2,
                affordable_rent=rng.choice([None, rng.randrange(5000, 14000, 100)]),
                status=status,
                moving_on=status is HouseholdStatus.HOUSED,
                paused_until=today + timedelta(days=5) if rng.random() < 0.05 else None,
            )
        )
    wide_household = Household(
        reference="BENCH-WIDE",
        arrival_route=ArrivalRoute.FROM_ACCOMMODATION,
        assigned_on=today - timedelta(days=20),
        receive_by=today + timedelta(days=150),
        adults=2,
        children_ages=[4],
        driving_licence=True,
        has_car=True,
        affordable_rent=14000,
        status=HouseholdStatus.WAITING,
    )
    wide_home = Vacancy(
        landlord_id=landlords[0].id,
        street_address="Bänkgatan 1 A",
        rooms=4,
        rent=5200,
        available_from=today,
        step_free=True,
        needs_car=False,
        stop_distance=300,
        weekday_departures=40,
        status=VacancyStatus.OFFERED,
        offered_via=OfferedVia.STAFF,
    )
    db.session.add_all([*people, wide_household, wide_home])
    db.session.commit()
    db.session.execute(sa.text("ANALYZE"))
    db.session.commit()
    return wide_household.id, wide_home.id


def as_shown(rankings) -> tuple[list, list]:
    """What a matching page reads of a ranking: the best suggestions and the first page of the others."""
    suggested, rest = rankings
    return suggested[:SHOWN], rest[:PER_PAGE]


def percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(percent / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def _timed(function) -> float:
    start = time.perf_counter()
    function()
    elapsed = (time.perf_counter() - start) * 1000
    db.session.rollback()  # the end of the "request": the next call starts a transaction of its own
    return elapsed


def summary(durations: list[float]) -> dict:
    return {
        "calls": len(durations),
        "p50_ms": round(statistics.median(durations), 2),
        "p95_ms": round(percentile(durations, 95), 2),
        "max_ms": round(max(durations), 2),
    }


def run(postgres_url: str, quick: bool = False) -> dict:
    """Generate, measure and return the figures (``passed`` says whether both p95s are under target)."""
    vacancies, households = (500, 200) if quick else (5000, 2000)
    calls, warmup = (20, 5) if quick else (200, 20)
    today = clock.today()
    with environment.scratch_postgresql(postgres_url) as overrides:
        app = create_app({**overrides, "MIGRATIONS_DIR": str(environment.REPO_ROOT / "migrations")})
        with app.app_context():
            migrate.upgrade_shared(db.engine)
            tenancy.create_tenant(CODE)
            tenant = db.session.scalar(sa.select(Municipality).where(Municipality.code == CODE)).as_tenant()
            db.session.remove()
            with bound(db.session, tenant.schema):
                household_id, vacancy_id = seed(vacancies, households, today)
                household, vacancy = db.session.get(Household, household_id), db.session.get(Vacancy, vacancy_id)
                db.session.expunge_all()
                work = {
                    "vacancies_for": lambda: as_shown(queries.vacancies_for(tenant, household, today)),
                    "select_vacancies": lambda: db.session.execute(queries.vacancy_pool_query()).all(),
                    "households_for": lambda: as_shown(queries.households_for(tenant, vacancy, today)),
                    "select_households": lambda: db.session.execute(queries.household_pool_query()).all(),
                }
                rows = {
                    "vacancies": len(work["select_vacancies"]()),
                    "households": len(work["select_households"]()),
                }
                suggested = {
                    "vacancies": len(queries.vacancies_for(tenant, household, today)[0]),
                    "households": len(queries.households_for(tenant, vacancy, today)[0]),
                }
                db.session.rollback()
                # What a gunicorn worker does once the application is loaded (deploy/gunicorn.conf.py): the
                # long-lived objects leave the collector, and a full collection no longer walks them all.
                gc.collect()
                gc.freeze()
                durations: dict[str, list[float]] = {name: [] for name in work}
                try:
                    for round_number in range(warmup + calls):
                        for name, function in work.items():
                            elapsed = _timed(function)
                            if round_number >= warmup:
                                durations[name].append(elapsed)
                finally:
                    gc.unfreeze()
            db.session.remove()
            db.engine.dispose()
    figures = {name: summary(values) for name, values in durations.items()}
    passed = all(figures[name]["p95_ms"] < TARGET_MS for name in ("vacancies_for", "households_for"))
    return {
        "machine": environment.machine(postgres_url),
        "quick": quick,
        "rows": rows,
        "suggested": suggested,
        "target_p95_ms": TARGET_MS,
        "figures": figures,
        "passed": passed,
    }


def table(report: dict) -> str:
    lines = [
        f"Matching on PostgreSQL — {environment.describe(report['machine'])}",
        f"pool: {report['rows']['vacancies']} homes on offer, {report['rows']['households']} households looking; "
        f"suggested: {report['suggested']['vacancies']} homes for the household, "
        f"{report['suggested']['households']} households for the home",
        "",
        f"{'call':<48}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}  target",
    ]
    labels = {
        "vacancies_for": "vacancies_for: 1 household against the homes",
        "select_vacancies": "  plain SELECT of the same homes",
        "households_for": "households_for: 1 home against the households",
        "select_households": "  plain SELECT of the same households",
    }
    for name, label in labels.items():
        figure = report["figures"][name]
        verdict = ""
        if not name.startswith("select"):
            verdict = f"p95 < {report['target_p95_ms']:g} ms: {'met' if figure['p95_ms'] < TARGET_MS else 'MISSED'}"
        lines.append(f"{label:<48}{figure['p50_ms']:>9.2f}{figure['p95_ms']:>9.2f}{figure['max_ms']:>9.2f}  {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.matching", description=__doc__.splitlines()[0])
    parser.add_argument("--postgres-url", default=default_url())
    parser.add_argument("--quick", action="store_true", help="500 homes, 200 households, 20 calls: a smoke run")
    options = parser.parse_args(argv)
    try:
        report = run(options.postgres_url, quick=options.quick)
    except sa.exc.OperationalError as error:
        print(f"PostgreSQL could not be reached at {options.postgres_url}: {error}", file=sys.stderr)
        return 2
    print(table(report))
    return 0 if report["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
