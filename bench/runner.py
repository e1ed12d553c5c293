"""One benchmark run: for each backend, a scratch database, then provision, upgrade, serve."""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

from bench import county, environment, figures, overhead, profiling, provisioning, upgrade
from bench.figures import Figure
from bench.options import Options
from bench.report import write_json
from hemvist import create_app
from hemvist.extensions import db
from hemvist.tenancy import migrate, operations

# The design note's "figures to beat" (290 municipalities, one connection, script directory read once).
REFERENCE = {
    ("postgresql", "provision.per_tenant"): "41–68 ms each (12–20 s for 290)",
    ("sqlite", "provision.per_tenant"): "22–26 ms each (6.5–7.4 s for 290)",
    ("postgresql", "upgrade.one_migration"): "6.6–8.2 s for 290 (3.0–3.9 s with 2 processes)",
    ("sqlite", "upgrade.one_migration"): "10–13 s for 290",
    ("postgresql", "upgrade.noop"): "well under a second",
    ("sqlite", "upgrade.noop"): "well under a second",
}
# Requests are measured in this many of the provisioned municipalities ("a few tenants"); the baseline
# picker lists as many, so two keeps its query count closest to the tenant page's (see bench/overhead.py).
REQUEST_TENANTS = 2


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(options: Options, progress=_stderr) -> dict:
    """Run every selected backend and return the report (also written as JSON when results_dir is set)."""
    started = datetime.now(UTC)
    report = {
        "started_at": started.isoformat(timespec="seconds"),
        "machine": environment.machine(options.postgres_url if "postgresql" in options.backends else None),
        "options": {
            "backends": list(options.backends),
            "tenants": options.tenants,
            "quick": options.quick,
            "profile": options.profile,
            "request_rounds": options.request_rounds,
            "requests_per_round": options.requests_per_round,
            "noop_repeats": options.noop_repeats,
            "county": options.county,
            "county_rounds": options.county_rounds,
            "county_requests_per_round": options.county_requests_per_round,
            "county_round_seconds": options.county_round_seconds,
        },
        "figures": [],
        "errors": [],
        "profiles": {},
    }
    stamp = started.strftime("%Y%m%d-%H%M%S")
    for backend in options.backends:
        progress(f"{backend}: {options.tenants} municipalities")
        try:
            backend_figures, profile_rows = run_backend(backend, options, progress, stamp)
        except Exception as error:  # noqa: BLE001 - reported, fails the run; the other backend still runs
            progress(traceback.format_exc())
            report["errors"].append({"backend": backend, "error": f"{type(error).__name__}: {error}"})
            continue
        report["figures"].extend(figure.as_dict() for figure in backend_figures)
        if profile_rows:
            report["profiles"][backend] = profile_rows
    report["duration_s"] = round((datetime.now(UTC) - started).total_seconds(), 1)
    report["failures"] = [f"{f['backend']} {f['label']}" for f in report["figures"] if f["passed"] is False] + [
        f"{e['backend']}: {e['error']}" for e in report["errors"]
    ]
    report["passed"] = not report["failures"]
    if options.results_dir is not None:
        path = Path(options.results_dir) / f"bench-{stamp}.json"
        write_json(report, path)
        report["json_path"] = str(path)
    return report


def run_backend(backend: str, options: Options, progress, stamp: str) -> tuple[list[Figure], dict]:
    """Provision, upgrade and serve on one backend, in a scratch database; returns figures and profiles."""
    measuring = BackendRun(backend, options, progress, stamp)
    with environment.scratch(backend, options.postgres_url) as overrides:
        overrides = {**overrides, "MIGRATIONS_DIR": str(environment.REPO_ROOT / "migrations")}
        app = create_app(overrides)
        with app.app_context():
            migrate.upgrade_shared(db.engine)
            schemas = measuring.provision()
            measuring.upgrade_with_nothing_to_do(schemas)
            _dispose()
        with tempfile.TemporaryDirectory(prefix=environment.SCRATCH_PREFIX) as scratch_dir:
            # A second application on the same database, whose migrations have one more tenant revision.
            migrations = upgrade.copy_with_extra_migration(Path(overrides["MIGRATIONS_DIR"]), Path(scratch_dir))
            upgraded_app = create_app({**overrides, "MIGRATIONS_DIR": str(migrations)})
            with upgraded_app.app_context():
                measuring.upgrade_by_one_migration(schemas)
            measuring.requests(upgraded_app)
            # The county page last: its figures would otherwise change what the quota pages above show.
            measuring.county_page(upgraded_app, {"MIGRATIONS_DIR": str(migrations)})
            with upgraded_app.app_context():
                _dispose()
    return measuring.figures, measuring.profiles


def _dispose() -> None:
    db.session.remove()
    db.engine.dispose()


class BackendRun:
    """The figures of one backend, collected phase by phase."""

    def __init__(self, backend: str, options: Options, progress, stamp: str):
        self.backend = backend
        self.options = options
        self.progress = progress
        self.stamp = stamp
        self.tenants = provisioning.municipalities(options.tenants, first_county=options.county)
        self.figures: list[Figure] = []
        self.profiles: dict = {}
        # The county's municipalities come first (provisioning.municipalities); the county page is measured
        # when the run goes beyond them.
        self.county_size = len(county.county_codes(options.county))

    def figure(self, key, label, value, unit, target=None, details=None) -> None:
        reference = REFERENCE.get((self.backend, key))
        self.figures.append(Figure(self.backend, key, label, value, unit, target, reference, details or {}))

    def keep_profile(self, name: str, profile: profiling.Profile) -> None:
        stats = profile.stats()
        if stats is None:
            return
        self.profiles[name] = profiling.breakdown(stats, len(self.tenants))
        if self.options.results_dir is not None:
            path = Path(self.options.results_dir) / f"profile-{self.stamp}-{self.backend}-{name}.prof"
            profiling.save(stats, path)

    def provision(self) -> list[str]:
        self.progress(f"{self.backend}: provisioning with create_tenant")
        with profiling.profiled(self.options.profile) as profile:
            durations = provisioning.provision(self.tenants)
        self.keep_profile("provision", profile)
        stats = provisioning.summary(durations)
        self.figure("provision.total", "provision all, total", stats["total_s"], "s", details=stats)
        self.figure(
            "provision.per_tenant",
            "provision, per municipality (mean)",
            stats["mean_ms"],
            "ms",
            figures.provision_per_tenant(),
            stats,
        )
        schemas = operations.all_schemas()
        if len(schemas) != len(self.tenants):
            raise AssertionError(f"{len(self.tenants)} municipalities provisioned, {len(schemas)} registered")
        return schemas

    def upgrade_with_nothing_to_do(self, schemas: list[str]) -> None:
        self.progress(f"{self.backend}: upgrade with nothing to do")
        durations, upgraded = upgrade.time_noop(schemas, self.options.noop_repeats)
        if upgraded:
            raise AssertionError(f"a no-op upgrade upgraded {len(upgraded)} schema(s)")
        self.figure(
            "upgrade.noop",
            "upgrade all, nothing to do (median)",
            upgrade.median(durations),
            "s",
            figures.noop_upgrade(),
            {"runs_s": [round(d, 4) for d in durations]},
        )

    def upgrade_by_one_migration(self, schemas: list[str]) -> None:
        self.progress(f"{self.backend}: upgrade by one new migration")
        with profiling.profiled(self.options.profile) as profile:
            seconds, upgraded = upgrade.time_upgrade(schemas)
        self.keep_profile("upgrade", profile)
        if sorted(upgraded) != sorted(schemas):
            raise AssertionError(f"{len(upgraded)} of {len(schemas)} schemas upgraded by one migration")
        upgrade.check_migrated(schemas)
        self.figure(
            "upgrade.one_migration",
            "upgrade all by one migration",
            seconds,
            "s",
            figures.one_migration_upgrade(len(schemas)),
            {"per_tenant_ms": round(seconds * 1000 / len(schemas), 2), "revision": upgrade.REVISION},
        )

    def requests(self, app) -> None:
        self.progress(f"{self.backend}: requests, tenant page against the baseline")
        # Outside the county page's county when the run has enough municipalities (as before it was added).
        outside = [code for code, _slug in self.tenants if code not in county.county_codes(self.options.county)]
        codes = (outside if len(outside) >= REQUEST_TENANTS else [code for code, _slug in self.tenants])[
            :REQUEST_TENANTS
        ]
        started = time.perf_counter()
        measured = overhead.measure(app, codes, self.options.request_rounds, self.options.requests_per_round)
        measured["seconds"] = round(time.perf_counter() - started, 1)
        self.figure(
            "requests.tenant",
            f"tenant page {measured['tenant_urls'][0]}…",
            measured["tenant_rps"],
            "req/s",
            details=measured,
        )
        self.figure("requests.baseline", f"baseline {measured['baseline_url']}", measured["baseline_rps"], "req/s")
        self.figure("requests.ratio", "tenant page / baseline throughput", measured["ratio"], "×")
        self.figure("requests.overhead", "tenant page − baseline, per request", measured["overhead_ms"], "ms")
        parts = measured["tenancy_parts"]
        self.figure("requests.find_tenant", "tenancy: slug lookup (find_tenant)", parts["find_tenant_ms"], "ms")
        self.figure(
            "requests.tenant_connection",
            "tenancy: tenant-bound connection, extra",
            parts["tenant_connection_extra_ms"],
            "ms",
            details=parts,
        )
        baseline_ms = 1000 / measured["baseline_rps"]
        # On PostgreSQL the bound connection costs nothing extra, and noise can make the difference
        # slightly negative; it must not pay for the slug lookup.
        tenancy_ms = parts["find_tenant_ms"] + max(0.0, parts["tenant_connection_extra_ms"])
        self.figure(
            "requests.tenancy_share",
            "tenancy per request / baseline request",
            100 * tenancy_ms / baseline_ms,
            "%",
            figures.tenancy_share_of_request(self.backend),
            {"tenancy_ms": round(tenancy_ms, 3), "baseline_request_ms": round(baseline_ms, 3)},
        )

    def county_page(self, app, settings: dict) -> None:
        """The county page with the county's municipalities alone on the service and with all, interleaved.

        Every municipality of this run's database gets figures; a second scratch database gets the county's
        municipalities only, with the same figures; rounds alternate between the two (bench/county.py).
        """
        if len(self.tenants) <= self.county_size:
            return
        code = self.options.county
        self.progress(f"{self.backend}: households and quotas in all {len(self.tenants)}, figures published")
        with app.app_context():
            county.create_board_user(code)
            given_all = county.give_figures([tenant for tenant, _slug in self.tenants])
        with environment.scratch(self.backend, self.options.postgres_url) as overrides:
            alone_app = create_app({**overrides, **settings})
            self.progress(f"{self.backend}: a second database with the {self.county_size} of county {code} alone")
            with alone_app.app_context():
                migrate.upgrade_shared(db.engine)
                provisioning.provision(self.tenants[: self.county_size])
                county.create_board_user(code)
                given_alone = county.give_figures([tenant for tenant, _slug in self.tenants[: self.county_size]])
            self.progress(
                f"{self.backend}: county page /county/{code}/, {self.county_size} against {len(self.tenants)}"
            )
            try:
                fresh = county.afresh(app)
                alone, everyone = county.compare(
                    [alone_app, app],
                    code,
                    self.options.county_rounds,
                    self.options.county_requests_per_round,
                    self.options.county_round_seconds,
                )
            finally:
                with alone_app.app_context():
                    _dispose()
        self.county_figures(alone, everyone, [given_alone, given_all])
        self.county_afresh(fresh)

    def county_afresh(self, fresh: dict[str, dict]) -> None:
        """The county figures computed with nothing cached: the page's county, and the largest on the service."""
        own = fresh[self.options.county]
        self.figure(
            "county.afresh",
            f"county {self.options.county} figures afresh ({own['municipalities']} municipalities)",
            own["ms"],
            "ms",
            figures.county_figures_afresh(),
            {"counties": fresh},
        )
        largest = max(fresh, key=lambda code: (fresh[code]["municipalities"], code))
        self.figure(
            "county.afresh_largest",
            f"county {largest} figures afresh ({fresh[largest]['municipalities']} municipalities)",
            fresh[largest]["ms"],
            "ms",
            figures.county_figures_afresh(),
        )

    def county_figures(self, alone: county.Phase, everyone: county.Phase, given: list[dict]) -> None:
        """p95 of the county page and its export with the county's municipalities alone, and with all."""
        pages = county.urls(self.options.county)
        details = {
            "county": self.options.county,
            "rounds": self.options.county_rounds,
            "requests_per_round": self.options.county_requests_per_round,
            "round_seconds": self.options.county_round_seconds,
            "phases": [
                {
                    "municipalities_on_service": phase.municipalities,
                    "figure_rows": phase.figure_rows,
                    "figures_given": given_figures,
                    "pages": {pages[name]: phase.summary(name) for name in pages},
                }
                for phase, given_figures in zip((alone, everyone), given, strict=True)
            ],
        }
        first, last = alone.municipalities, everyone.municipalities
        for name, target in (
            (county.PAGE, figures.county_page_ratio()),
            (county.EXPORT, figures.county_export_ratio()),
        ):
            url = pages[name]
            self.figure(f"county.{name}.p95_county", f"{url} p95, {first} on the service", alone.p95(name), "ms")
            self.figure(f"county.{name}.p95_all", f"{url} p95, {last} on the service", everyone.p95(name), "ms")
            self.figure(
                f"county.{name}.ratio",
                f"{url} p95, {last} / {first}",
                everyone.p95(name) / alone.p95(name),
                "×",
                target,
                details if name == county.PAGE else None,
            )
        url = pages[county.PAGE]
        self.figure(
            "county.overview.sql_ratio",
            f"{url} time in SQL (median), {last} / {first}",
            everyone.sql_p50(county.PAGE) / alone.sql_p50(county.PAGE),
            "×",
            details={"sql_p50_ms": [round(alone.sql_p50(county.PAGE), 3), round(everyone.sql_p50(county.PAGE), 3)]},
        )
        control = pages[county.CONTROL]
        self.figure(
            "county.control.ratio",
            f"control {control} p95, {last} / {first}",
            everyone.p95(county.CONTROL) / alone.p95(county.CONTROL),
            "×",
        )
