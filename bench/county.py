"""The county page with the county's 13 municipalities alone on the service, and with all 290.

The county administrative board's page ``/county/<code>/`` reads the figures the municipalities publish to
the shared schema (``municipal_figures``, ``municipal_figures_runs``), never a municipality's own schema,
so its cost must not grow with the number of municipalities on the service. The bench compares two
databases of the same backend: the run's own, where every municipality is on the service (the 290 the
bench provisioned and upgraded) and has published figures, and a second scratch database with only
Jönköpings län's 13, with the same figures. Rounds alternate between the two, so that the machine's
drift (other processes, CPU frequency) hits both alike; the judged figure is the ratio of the two p95s.
Each request's time in SQL statements is recorded too: it is the part that could grow with the shared
tables, and it is reported beside the whole.

Figures are produced the real way: with the session bound to a municipality, a few dozen households
(seeded ``random``, deterministic per municipality, so the county's figures are the same in both
databases) and two years' quotas are added and committed, and the commit publishes the municipality's
figures (``hemvist.statistics.receivers``). Every municipality gets its figures this way.

A county-board user logs in through the real login form; every request goes through Flask's test client
(no server, no network), outside any application context, as in ``bench/overhead.py``.
"""

from __future__ import annotations

import math
import random
import statistics
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask import Flask
from sqlalchemy import event

from bench import overhead
from hemvist.auth import operations as auth
from hemvist.core import clock
from hemvist.county.figures import Thresholds, county_figures, forget_protected
from hemvist.county.queries import municipalities_in
from hemvist.extensions import db
from hemvist.households.models import ArrivalRoute, Household, HouseholdStatus
from hemvist.landlords.models import LandlordType
from hemvist.leases.models import LeaseForm
from hemvist.quotas.models import Quota
from hemvist.statistics.models import FiguresRun, MunicipalFigure
from hemvist.tenancy import migrate, reference
from hemvist.tenancy.binding import bound
from hemvist.tenancy.models import County, Municipality

COUNTY = "06"  # Jönköpings län, 13 municipalities: the county (another with --county)
EMAIL = "lansstyrelsen@bench.hemvist.example"
PAGE = "overview"
EXPORT = "export"
# A page of the shared schema that does not depend on the number of municipalities either (the user, the
# layout, their places): measured in the same rounds, its ratio shows what is left of the machine's noise.
# Never judged.
CONTROL = "control"


def urls(county: str = COUNTY) -> dict[str, str]:
    return {PAGE: f"/county/{county}/", EXPORT: f"/county/{county}/figures.csv", CONTROL: "/account"}


def county_codes(county: str = COUNTY) -> list[str]:
    return sorted(code for code, m in reference.municipalities().items() if m.county_code == county)


# How received households are housed (lease form, landlord type), with weights, and "not stated" now and then.
HOUSING = {
    (LeaseForm.FIRST_HAND_OPEN_ENDED, LandlordType.PRIVATE_COMPANY): 38,
    (LeaseForm.FIRST_HAND_OPEN_ENDED, LandlordType.MUNICIPAL_HOUSING_COMPANY): 28,
    (LeaseForm.SUBLEASE, LandlordType.MUNICIPALITY): 16,
    (LeaseForm.FIRST_HAND_TIME_LIMITED, LandlordType.PRIVATE_COMPANY): 6,
    (LeaseForm.FIRST_HAND_OPEN_ENDED, LandlordType.PRIVATE_PERSON): 5,
    (LeaseForm.TRANSITIONAL_HOME, LandlordType.MUNICIPALITY): 3,
    (LeaseForm.LODGER, LandlordType.PRIVATE_PERSON): 2,
    (None, None): 2,
}
ROUTES = [ArrivalRoute.FROM_ACCOMMODATION] * 6 + [ArrivalRoute.RESETTLED] * 2 + [ArrivalRoute.TEMPORARY_PROTECTION]


def households_for(code: str, today: date) -> tuple[dict[int, int], list[Household]]:
    """Two years' quotas and the households of one municipality: deterministic, a few dozen of them.

    Last year most of the quota was received; this year about as much as the date calls for, a few
    households still waiting (some past their deadline, some assigned more than two months ago), and a
    couple self-settled (not counted against the quota).
    """
    rng = random.Random(f"hemvist-bench-county-{code}")
    quotas = {today.year - 1: rng.randint(15, 160), today.year: rng.randint(15, 140)}
    households: list[Household] = []
    serial = iter(range(1, 10_000))

    def add(route: ArrivalRoute, assigned_on: date | None, **fields) -> Household:
        children = rng.choices([0, 1, 2, 3, 4], weights=[30, 20, 22, 16, 12])[0]
        household = Household(
            reference=f"BENCH-{code}-{next(serial):04d}",
            arrival_route=route,
            assigned_on=assigned_on,
            receive_by=assigned_on + timedelta(days=60) if assigned_on else None,
            adults=rng.choices([1, 2], weights=[35, 65])[0],
            children_ages=sorted((rng.randint(0, 17) for _ in range(children)), reverse=True),
            **fields,
        )
        households.append(household)
        return household

    def received(persons: int, first: date, last: date) -> None:
        total = 0
        while total < persons:
            received_on = first + timedelta(days=rng.randint(0, (last - first).days))
            late = rng.random() < 0.12
            lease_form, landlord_type = rng.choices(list(HOUSING), weights=list(HOUSING.values()))[0]
            household = add(
                rng.choice(ROUTES),
                received_on - timedelta(days=rng.randint(63, 100) if late else rng.randint(14, 58)),
                received_on=received_on,
                status=HouseholdStatus.HOUSED,
                lease_form=lease_form,
                landlord_type=landlord_type,
            )
            total += household.persons

    last_year, this_year = today.year - 1, today.year
    received(round(quotas[last_year] * rng.uniform(0.85, 0.98)), date(last_year, 1, 1), date(last_year, 12, 31))
    share = (today - date(this_year, 1, 1)).days / 365
    received(round(quotas[this_year] * share * rng.uniform(0.7, 1.0)), date(this_year, 1, 1), today)
    for index in range(rng.randint(2, 8)):
        days_ago = rng.randint(64, 85) if index == 0 else rng.randint(5, 58)
        add(rng.choice(ROUTES), today - timedelta(days=days_ago), status=HouseholdStatus.WAITING)
    for _ in range(2):
        received_on = today - timedelta(days=rng.randint(20, 200))
        add(ArrivalRoute.SELF_SETTLED, None, received_on=received_on, status=HouseholdStatus.HOUSED)
    return quotas, households


def give_figures(codes: list[str], user_id: int | None = None) -> dict:
    """Households and quotas in each municipality, committed in its bound session: the commit publishes.

    A quota already set for a year (bench/overhead.py sets two) is left as it is. Call inside an
    application context. Returns what was written and how long it took.
    """
    today = clock.today()
    schemas = dict(db.session.execute(sa.select(Municipality.code, Municipality.schema_name)).tuples().all())
    db.session.remove()
    households = 0
    start = time.perf_counter()
    for code in codes:
        quotas, rows = households_for(code, today)
        with bound(db.session, schemas[code]):
            existing = set(db.session.scalars(sa.select(Quota.year)))
            db.session.add_all(
                Quota(year=year, persons=persons, updated_by_id=user_id)
                for year, persons in quotas.items()
                if year not in existing
            )
            db.session.add_all(rows)
            db.session.commit()  # publishes the municipality's figures before committing
        households += len(rows)
    seconds = time.perf_counter() - start
    return {
        "municipalities": len(codes),
        "households": households,
        "seconds": round(seconds, 2),
        "ms_per_municipality": round(seconds * 1000 / max(1, len(codes)), 1),
    }


def published() -> dict[str, int]:
    """Municipalities on the service, how many have published figures, and the figure rows in all."""

    def count(model) -> int:
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))

    state = {"on_service": count(Municipality), "published": count(FiguresRun), "figure_rows": count(MunicipalFigure)}
    if state["published"] != state["on_service"]:
        raise AssertionError(f"{state['published']} of {state['on_service']} municipalities published figures")
    return state


def create_board_user(county: str = COUNTY) -> None:
    """The county board's user, allowed to see the county and nothing else."""
    user = auth.create_user(EMAIL, "Bench Länsstyrelsen", overhead.PASSWORD)
    auth.grant_county(user, db.session.get(County, county))


def analyze(engine: sa.Engine) -> None:
    """Fresh planner statistics for the shared tables the page reads, as autovacuum would give them.

    Done in both databases on PostgreSQL before measuring, so that neither depends on whether autovacuum
    happened to run; SQLite has no autovacuum analysis, and the application runs no ANALYZE there.
    """
    if migrate.is_sqlite(engine):
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE municipalities, municipal_figures, municipal_figures_runs")
        connection.commit()


@dataclass
class Phase:
    """The county's pages measured in one database."""

    municipalities: int  # on the service
    figure_rows: int
    work: dict  # queries and checkouts per request, by page
    durations: dict  # page → rounds → seconds of each request
    sql: dict  # page → seconds in SQL statements of each request, all rounds

    def round_p95s(self, page: str) -> list[float]:
        return [percentile(durations, 95) * 1000 for durations in self.durations[page]]

    def p95(self, page: str) -> float:
        """The judged p95: the median of the rounds' p95s, so that one disturbed round does not decide."""
        return statistics.median(self.round_p95s(page))

    def sql_p50(self, page: str) -> float:
        """Median milliseconds a request of the page spent in its SQL statements."""
        return percentile(self.sql[page], 50) * 1000

    def summary(self, page: str) -> dict:
        pooled = [d for durations in self.durations[page] for d in durations]
        return {
            "requests": len(pooled),
            "p50_ms": round(percentile(pooled, 50) * 1000, 3),
            "p95_ms": round(self.p95(page), 3),
            "pooled_p95_ms": round(percentile(pooled, 95) * 1000, 3),
            "max_ms": round(max(pooled) * 1000, 3),
            "round_p95s_ms": [round(value, 3) for value in self.round_p95s(page)],
            "sql_p50_ms": round(self.sql_p50(page), 3),
            "queries": self.work[page]["queries"],
            "checkouts": self.work[page]["checkouts"],
        }


def percentile(values: list[float], percent: float) -> float:
    """Nearest rank: the smallest value at least ``percent`` % of the values are not above."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * percent / 100) - 1)]


def _check(engine: sa.Engine, client, pages: dict[str, str], names: list[str]) -> dict[str, dict]:
    """Every page answers 200, the county page and its export show each of the county's municipalities.

    Returns each page's queries and connection checkouts (this first request of the phase, untimed).
    """
    work = {}
    for name, url in pages.items():
        with overhead.counting(engine) as counts:
            response = client.get(url)
            body = response.get_data(as_text=True)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        if name != CONTROL:
            missing = [municipality for municipality in names if municipality not in body]
            if missing:
                raise RuntimeError(f"GET {url} does not show {', '.join(missing)}")
        work[name] = {"queries": counts["queries"], "checkouts": counts["checkouts"]}
    return work


class SqlClock:
    """Seconds spent in SQL statements on an engine (from before to after the cursor's execute, which with
    both drivers includes receiving the rows, not building objects from them)."""

    def __init__(self) -> None:
        self.total = 0.0
        self._started = 0.0

    def before(self, *_args) -> None:
        self._started = time.perf_counter()

    def after(self, *_args) -> None:
        self.total += time.perf_counter() - self._started

    @contextmanager
    def watching(self, engine: sa.Engine) -> Iterator[SqlClock]:
        event.listen(engine, "before_cursor_execute", self.before)
        event.listen(engine, "after_cursor_execute", self.after)
        try:
            yield self
        finally:
            event.remove(engine, "before_cursor_execute", self.before)
            event.remove(engine, "after_cursor_execute", self.after)


def _timed(
    client, url: str, count: int, seconds: float = math.inf, clock: SqlClock | None = None, sql: list | None = None
) -> list[float]:
    """Seconds of each of ``count`` requests; fewer (one at least) once ``seconds`` have passed.

    Given a clock watching the application's engine, each request's seconds in SQL go to ``sql``.
    """
    durations: list[float] = []
    until = time.perf_counter() + seconds
    for _ in range(count):
        if durations and time.perf_counter() > until:
            break
        in_sql = clock.total if clock else 0.0
        start = time.perf_counter()
        response = client.get(url)
        response.get_data()  # the whole body, as a server would send it
        durations.append(time.perf_counter() - start)
        if clock is not None and sql is not None:
            sql.append(clock.total - in_sql)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
    return durations


def compare(
    apps: list[Flask], county: str, rounds: int, per_round: int, round_seconds: float = math.inf
) -> list[Phase]:
    """The county's pages in each application (database), in interleaved rounds; a Phase for each.

    First each page is checked and its queries counted, and warmed up. Then in every round each page is
    requested in each database in turn, the database that goes first alternating from round to round and
    the page that goes first rotating, so that a change in the machine's speed hits every database alike.
    A page's turn stops after ``per_round`` requests or ``round_seconds``, whichever comes first (a slow
    page gets fewer samples rather than a run that never ends; the report gives the counts).
    """
    pages = urls(county)
    clients, states, work, engines = [], [], [], []
    for app in apps:
        with app.app_context():
            analyze(db.engine)
            names = [reference.municipalities()[code].name for code in county_codes(county)]
            states.append(published())
            engine = db.engine
        engines.append(engine)
        client = logged_in_client(app)
        clients.append(client)
        work.append(_check(engine, client, pages, names))
        for url in pages.values():
            # Warm up beyond the check's request: statements cached, the pool's connections open.
            _timed(client, url, max(5, per_round // 5), round_seconds / 2)
    durations: list[dict[str, list[list[float]]]] = [{name: [] for name in pages} for _ in apps]
    sql: list[dict[str, list[float]]] = [{name: [] for name in pages} for _ in apps]
    clocks = [SqlClock() for _ in apps]
    order = list(pages)
    with ExitStack() as watching:
        for clock, engine in zip(clocks, engines, strict=True):
            watching.enter_context(clock.watching(engine))
        for round_number in range(rounds):
            shift = round_number % len(order)
            databases = list(range(len(apps)))
            if round_number % 2:
                databases.reverse()
            for name in order[shift:] + order[:shift]:
                for i in databases:
                    timings = _timed(clients[i], pages[name], per_round, round_seconds, clocks[i], sql[i][name])
                    durations[i][name].append(timings)
    return [
        Phase(state["on_service"], state["figure_rows"], pages_work, timings, in_sql)
        for state, pages_work, timings, in_sql in zip(states, work, durations, sql, strict=True)
    ]


def afresh(app: Flask) -> dict[str, dict]:
    """For each county with municipalities on the service: the time its figures take with nothing cached.

    That is the first county page after a municipality has published new figures: the small-number
    protection (``hemvist.statistics.disclosure``) is computed then and kept per process. The county page
    itself is measured with it cached, as most of its requests are.
    """
    found = {}
    with app.app_context():
        today = clock.today()
        thresholds = Thresholds.from_config()
        for county in db.session.scalars(sa.select(County).order_by(County.code)):
            municipalities = municipalities_in(county)
            if not municipalities:
                continue
            forget_protected()
            start = time.perf_counter()
            county_figures(county, municipalities, today.year, today, thresholds)
            found[county.code] = {
                "municipalities": len(municipalities),
                "ms": round(1000 * (time.perf_counter() - start), 1),
            }
    return found


def logged_in_client(app: Flask):
    return overhead.logged_in_client(app, EMAIL, overhead.PASSWORD)
