"""One web benchmark run: a scratch PostgreSQL database with generated data, gunicorn, wrk, the report."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import traceback
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import sqlalchemy as sa
from markupsafe import escape

from bench import environment, provisioning
from bench.figures import ISSUE, Figure, Target
from bench.report import write_json
from bench.web import data, experiments, probe, server, wrk
from bench.web.app import BARE_URL, MINIMAL_URL, create_app
from bench.web.options import WebOptions
from hemvist.auth import operations as auth
from hemvist.auth.models import Department, Role
from hemvist.extensions import db
from hemvist.tenancy import migrate
from hemvist.tenancy.binding import bound
from hemvist.tenancy.models import Municipality

BACKEND = "postgresql"
# The municipality that gets the registry: the one in the issue's story.
BUSY_MUNICIPALITY = ("0683", "varnamo")
EMAIL = "samordnare@varnamo.bench.example"
PASSWORD = "bench-password-not-secret"
COLLEAGUES = [
    ("enhetschef@varnamo.bench.example", "Omar Enhetschef", Department.INTEGRATION_UNIT, Role.UNIT_ADMIN),
    ("socialsekreterare@varnamo.bench.example", "Lena Socialsekreterare", Department.SOCIAL_SERVICES, Role.COORDINATOR),
    ("arbetsmarknad@varnamo.bench.example", "Yusuf Arbetsmarknad", Department.LABOUR_MARKET_UNIT, Role.COORDINATOR),
    ("bostad@varnamo.bench.example", "Karin Bostad", Department.HOUSING, Role.READ_ONLY),
]
# "Each page at least half the minimal page's throughput", from the issue.
RATIO_TARGET = 0.5


def ratio_target() -> Target:
    return Target(RATIO_TARGET, higher_is_better=True, source=ISSUE)


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    path: str
    login: bool
    judged: bool
    # Text the page must contain (HTML-escaped), so that a 200 is the page meant and not, say, an empty list.
    expect: str | None = None


def pages(slug: str, generated: data.Generated, landlord_name: str, search_text: str) -> list[Page]:
    return [
        Page("minimal", "minimal page (baseline)", MINIMAL_URL, login=False, judged=False),
        Page("bare", "bare Flask page (comparison)", BARE_URL, login=False, judged=False),
        # The lightest page of a workspace: what login, tenancy and the layout cost any page (two quotas).
        Page("quotas", "quota page (comparison)", f"/{slug}/quotas/", login=True, judged=False),
        Page("list", "landlord list", f"/{slug}/landlords/", login=True, judged=True),
        Page(
            "search",
            f"search “{search_text}”",
            f"/{slug}/landlords/?q={quote(search_text)}",
            login=True,
            judged=True,
            expect=str(escape(search_text)),
        ),
        Page(
            "landlord",
            f"landlord's page ({generated.busiest_landlord_interactions} interactions)",
            f"/{slug}/landlords/{generated.busiest_landlord_id}/",
            login=True,
            judged=True,
            expect=str(escape(landlord_name)),
        ),
        # Supply and demand: the lists must stay fast with 5 000 vacancies and 2 000 households.
        Page(
            "vacancies",
            f"vacancy register ({_count(generated, 'vacancies')} homes)",
            f"/{slug}/vacancies/",
            login=True,
            judged=True,
            expect=str(escape(generated.first_vacancy_address)) or None,
        ),
        Page(
            "households",
            f"households list ({_count(generated, 'households')} households)",
            f"/{slug}/households/",
            login=True,
            judged=True,
            expect=str(escape(generated.first_household_reference)) or None,
        ),
        Page(
            "overview",
            "overview (dashboard)",
            f"/{slug}/",
            login=True,
            judged=True,
            expect=str(escape(generated.most_overdue_reference)) or None,
        ),
    ]


def _count(generated: data.Generated, table: str) -> str:
    count = generated.counts.get(table)
    return f"{count:,}".replace(",", " ") if count is not None else "?"


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class MeasurementError(RuntimeError):
    """A load run that cannot be trusted: errors, redirects or non-2xx responses."""


def run(options: WebOptions, progress=_stderr, *, load=True) -> dict:
    """The whole web benchmark; returns the report (also written as JSON when results_dir is set).

    ``load=False`` stops after the data, the in-process probe and one check of every page through
    gunicorn, without wrk (used while the pages are being built, and by nothing else).
    """
    started = datetime.now(UTC)
    report = {
        "kind": "web",
        "started_at": started.isoformat(timespec="seconds"),
        "machine": environment.machine(options.postgres_url),
        "options": {
            "tenants": options.tenants,
            "landlords": options.sizes.landlords,
            "interactions": options.sizes.interactions,
            "busiest_landlord_interactions": options.sizes.busiest_landlord_interactions,
            "vacancies": options.sizes.vacancies,
            "households": options.sizes.households,
            "seconds": options.seconds,
            "warmup_seconds": options.warmup_seconds,
            "rounds": options.rounds,
            "connections": options.connections,
            "threads": options.threads,
            "workers": options.workers,
            "search_text": options.search_text,
            "try_indexes": options.try_indexes,
            "quick": options.quick,
        },
        "figures": [],
        "errors": [],
    }
    try:
        _run(options, progress, report, load)
    except Exception as error:  # noqa: BLE001 - reported, fails the run with exit status 2
        progress(traceback.format_exc())
        report["errors"].append({"backend": BACKEND, "error": f"{type(error).__name__}: {error}"})
    report["duration_s"] = round((datetime.now(UTC) - started).total_seconds(), 1)
    # Other work on the same cores slows every page; the load at the end says whether there was any.
    report["machine"]["load_average_end"] = list(os.getloadavg())
    report["failures"] = [f"{f['label']}" for f in report["figures"] if f["passed"] is False] + [
        e["error"] for e in report["errors"]
    ]
    report["passed"] = not report["failures"]
    if options.results_dir is not None:
        path = Path(options.results_dir) / f"bench-web-{started:%Y%m%d-%H%M%S}.json"
        write_json(report, path)
        report["json_path"] = str(path)
    return report


def _run(options: WebOptions, progress, report: dict, load: bool) -> None:
    wrk_path = wrk.ensure_installed(progress) if load else None
    if wrk_path:
        report["machine"]["wrk"] = wrk.version(wrk_path)
    with environment.scratch_postgresql(options.postgres_url) as overrides:
        overrides = {**overrides, "MIGRATIONS_DIR": str(environment.REPO_ROOT / "migrations")}
        app = create_app(overrides, schema=_schema(BUSY_MUNICIPALITY[0]))
        with app.app_context():
            slug, schema, generated, landlord_name = prepare(options, progress, report)
        page_list = pages(slug, generated, landlord_name, options.search_text)
        judged = [page for page in page_list if page.login]

        progress("web: the pages' queries, in-process (EXPLAIN ANALYZE of the slowest)")
        client = probe.logged_in_client(app, EMAIL, PASSWORD)
        report["probe"] = {page.key: probe.page(app, client, page.path) for page in judged}
        with app.app_context():
            db.session.remove()
            db.engine.dispose()

        with tempfile.TemporaryDirectory(prefix=environment.SCRATCH_PREFIX) as scratch:
            env = server.environment(overrides["DATABASE_URL"], overrides["INSTANCE_PATH"], schema)
            workers = options.workers or _deploy_workers()
            progress(f"web: starting gunicorn ({workers} sync workers) on 127.0.0.1")
            with server.gunicorn(env, workers, Path(scratch) / "gunicorn.log") as running:
                cookie = server.log_in(running, EMAIL, PASSWORD)
                sizes = {}
                for page in page_list:
                    sizes[page.key] = server.check_page(running, page.path, cookie if page.login else "", page.expect)
                report["server"] = {
                    "command": " ".join(running.command[1:]),
                    "workers": workers,
                    "page_bytes": sizes,
                }
                if not load:
                    return
                measured = measure(wrk_path, running, page_list, cookie, options, progress)
        report["figures"].extend(f.as_dict() for f in figures(page_list, measured))
        if options.try_indexes:
            progress("web: the search with trigram indexes and as a UNION (scratch database only)")
            report["experiments"] = {"search": experiments.try_indexes(app, client, slug, schema)}
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _schema(code: str) -> str:
    from hemvist.tenancy import reference

    return reference.municipalities()[code].schema_name


def _deploy_workers() -> int:
    import runpy

    return int(runpy.run_path(str(server.DEPLOY_CONFIG))["workers"])


def prepare(options: WebOptions, progress, report: dict) -> tuple[str, str, data.Generated, str]:
    """Municipalities, users and the generated registry; returns (slug, schema, what was generated, a name)."""
    migrate.upgrade_shared(db.engine)
    others = [t for t in provisioning.municipalities(options.tenants) if t[0] != BUSY_MUNICIPALITY[0]]
    tenants = [BUSY_MUNICIPALITY, *others[: options.tenants - 1]]
    progress(f"web: provisioning {len(tenants)} municipalities")
    durations = provisioning.provision(tenants)
    municipality = db.session.scalar(sa.select(Municipality).where(Municipality.code == BUSY_MUNICIPALITY[0]))
    slug, schema = municipality.slug, municipality.schema_name

    coordinator = auth.create_user(EMAIL, "Anna Samordnare", PASSWORD)
    coordinator.department = Department.INTEGRATION_UNIT
    auth.grant_membership(coordinator, municipality, Role.COORDINATOR)
    user_ids = [coordinator.id]
    for email, name, department, role in COLLEAGUES:
        colleague = auth.create_user(email, name, PASSWORD)
        colleague.department = department
        auth.grant_membership(colleague, municipality, role)
        user_ids.append(colleague.id)
    db.session.commit()

    progress(
        f"web: generating {options.sizes.landlords} landlords, {options.sizes.interactions} interactions, "
        f"{options.sizes.vacancies} vacancies and {options.sizes.households} households in {slug}"
    )
    with bound(db.session, schema):
        generated = data.generate(db.session, user_ids, options.sizes)
        db.session.commit()
        landlord_name = db.session.execute(
            sa.text(f"SELECT name FROM {schema}.landlords WHERE id = :id"), {"id": generated.busiest_landlord_id}
        ).scalar_one()
    data.finish_postgresql(db.engine, schema)
    progress(f"web: data written in {generated.seconds:.1f} s")
    report["data"] = {
        **generated.as_dict(),
        "municipality": slug,
        "schema": schema,
        "municipalities": len(tenants),
        "provision_s": round(sum(durations), 2),
        "users": len(user_ids),
    }
    return slug, schema, generated, landlord_name


def measure(wrk_path: str, running: server.Server, page_list: list[Page], cookie: str, options, progress) -> dict:
    """wrk results per page: a warm-up each, then rounds that take the pages in a rotating order."""

    def load(page: Page, seconds: float) -> wrk.Result:
        headers = [f"Cookie: {cookie}"] if page.login else []
        result = wrk.run(
            wrk_path,
            running.url(page.path),
            seconds=seconds,
            connections=options.connections,
            threads=options.threads,
            headers=headers,
        )
        if result.non_2xx:
            hint = " (a redirect: the session cookie was not accepted)" if result.status_3xx else ""
            raise MeasurementError(
                f"GET {page.path}: {result.non_2xx} of {result.requests} responses were not 2xx, "
                f"the first {result.first_non_2xx}{hint}"
            )
        if any(result.socket_errors.values()):
            raise MeasurementError(f"GET {page.path}: socket errors {result.socket_errors}")
        if result.requests == 0:
            raise MeasurementError(f"GET {page.path}: no response in {seconds} s")
        return result

    for page in page_list:
        progress(f"web: warming up {page.path}")
        load(page, options.warmup_seconds)
    results: dict[str, list[wrk.Result]] = {page.key: [] for page in page_list}
    for round_number in range(options.rounds):
        shift = round_number % len(page_list)
        for page in page_list[shift:] + page_list[:shift]:
            result = load(page, options.seconds)
            results[page.key].append(result)
            progress(
                f"web: round {round_number + 1}/{options.rounds} {page.key:<8} {result.requests_per_second:8.1f} req/s"
                f"  p50 {result.p50_ms:6.1f} ms  p95 {result.p95_ms:6.1f} ms"
            )
    return results


def figures(page_list: list[Page], measured: dict[str, list[wrk.Result]]) -> list[Figure]:
    """Per page: median requests per second and latencies over the rounds; the judged ratio to the minimal."""
    baseline = measured["minimal"]
    out = []
    for page in page_list:
        results = measured[page.key]
        # Each round's ratio uses the baseline of the same round, so that a slower round counts for both.
        ratios = [r.requests_per_second / b.requests_per_second for r, b in zip(results, baseline, strict=True)]
        details = {
            "path": page.path,
            "p50_ms": statistics.median(r.p50_ms for r in results),
            "p95_ms": statistics.median(r.p95_ms for r in results),
            "p99_ms": statistics.median(r.p99_ms for r in results),
            "ratio": statistics.median(ratios),
            "rounds": [r.as_dict() for r in results],
        }
        out.append(
            Figure(
                BACKEND,
                f"web.{page.key}",
                page.label,
                statistics.median(r.requests_per_second for r in results),
                "req/s",
                details=details,
            )
        )
        if page.key != "minimal":
            out.append(
                Figure(
                    BACKEND,
                    f"web.{page.key}.ratio",
                    f"{page.label} / minimal page",
                    statistics.median(ratios),
                    "×",
                    ratio_target() if page.judged else None,
                    details={"per_round": [round(r, 3) for r in ratios]},
                )
            )
    return out
