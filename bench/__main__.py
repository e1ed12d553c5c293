"""``python -m bench [--backend sqlite|postgresql|both] [--tenants N] [--quick] [--profile]``.

``python -m bench --web [--quick] …`` runs the web benchmark instead (``make bench-web``, bench/web/).

Exit status: 0 when every target is met, 1 when one is missed, 2 when a backend could not be measured.
"""

from __future__ import annotations

import argparse
import signal
import sys

from bench.environment import postgres_version
from bench.options import ALL_MUNICIPALITIES, BACKENDS, DEFAULT_POSTGRES_URL, QUICK_TENANTS, Options
from bench.report import table
from bench.runner import run
from bench.web.data import Sizes
from bench.web.options import WebOptions
from bench.web.runner import run as run_web
from bench.web.table import table as web_table
from hemvist.tenancy import reference


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=[*BACKENDS, "both"], default="both")
    parser.add_argument(
        "--tenants", type=int, help=f"municipalities to provision (default {ALL_MUNICIPALITIES}, quick {QUICK_TENANTS})"
    )
    parser.add_argument("--quick", action="store_true", help="a fast smoke run: fewer municipalities and requests")
    parser.add_argument("--profile", action="store_true", help="cProfile provisioning and the upgrade")
    parser.add_argument(
        "--postgres-url",
        default=DEFAULT_POSTGRES_URL,
        help="a server the bench may create and drop hemvist_bench_* databases on "
        "(default: $HEMVIST_BENCH_POSTGRES_URL, $HEMVIST_TEST_POSTGRES_URL or local postgres)",
    )
    parser.add_argument("--requests", type=int, help="requests per round and page")
    parser.add_argument(
        "--county",
        default="06",
        help="the county whose page is measured (default 06, Jönköpings län: 13 municipalities)",
    )
    parser.add_argument("--county-requests", type=int, help="county page: requests per round and page (default 100)")
    parser.add_argument("--county-rounds", type=int, help="county page: rounds (default 6)")
    parser.add_argument("--no-json", action="store_true", help="print the table only")
    web = parser.add_argument_group("web benchmark", "gunicorn and wrk on PostgreSQL (bench/web/, docs/performance.md)")
    web.add_argument("--web", action="store_true", help="run the web benchmark instead of the tenancy benchmark")
    web.add_argument("--landlords", type=int, help="landlords in the busy municipality (default 10 000)")
    web.add_argument("--interactions", type=int, help="interactions in the busy municipality (default 100 000)")
    web.add_argument("--vacancies", type=int, help="vacancies in the busy municipality (default 5 000)")
    web.add_argument("--households", type=int, help="households in the busy municipality (default 2 000)")
    web.add_argument("--seconds", type=float, help="seconds of load per page and round (default 5)")
    web.add_argument("--rounds", type=int, help="rounds over all pages (default 3)")
    web.add_argument("--connections", type=int, help="wrk's open connections (default 4)")
    web.add_argument("--workers", type=int, help="gunicorn's sync workers (default deploy's 2 × cores + 1)")
    web.add_argument(
        "--try-indexes", action="store_true", help="after the load, time the search with trigram indexes (scratch only)"
    )
    return parser


def parse(argv: list[str]) -> Options:
    parser = build_parser()
    args = parser.parse_args(argv)

    options = Options.quick_defaults() if args.quick else Options()
    options.backends = BACKENDS if args.backend == "both" else (args.backend,)
    if args.tenants is not None:
        # Two at least: the baseline picker needs a coordinator in two municipalities (one would redirect).
        if not 2 <= args.tenants <= ALL_MUNICIPALITIES:
            parser.error(f"--tenants must be between 2 and {ALL_MUNICIPALITIES}")
        options.tenants = args.tenants
    if args.requests is not None:
        options.requests_per_round = args.requests
    if args.county not in reference.counties():
        parser.error(f"--county: no county {args.county}")
    options.county = args.county
    if args.county_requests is not None:
        if args.county_requests < 1:
            parser.error("--county-requests must be positive")
        options.county_requests_per_round = args.county_requests
    if args.county_rounds is not None:
        if args.county_rounds < 1:
            parser.error("--county-rounds must be positive")
        options.county_rounds = args.county_rounds
    options.profile = args.profile
    options.postgres_url = args.postgres_url
    if args.no_json:
        options.results_dir = None
    return options


def parse_web(argv: list[str]) -> WebOptions | None:
    """The web benchmark's options when ``--web`` is given, else None."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.web:
        return None
    options = WebOptions.quick_defaults() if args.quick else WebOptions()
    options.postgres_url = args.postgres_url
    if args.tenants is not None:
        if not 1 <= args.tenants <= ALL_MUNICIPALITIES:
            parser.error(f"--tenants must be between 1 and {ALL_MUNICIPALITIES}")
        options.tenants = args.tenants
    if any(getattr(args, name) is not None for name in ("landlords", "interactions", "vacancies", "households")):
        landlords = args.landlords or options.sizes.landlords
        interactions = args.interactions or options.sizes.interactions
        busiest = min(options.sizes.busiest_landlord_interactions, max(1, interactions // 10))
        vacancies = args.vacancies if args.vacancies is not None else options.sizes.vacancies
        households = args.households if args.households is not None else options.sizes.households
        try:
            options.sizes = Sizes(landlords, interactions, busiest, vacancies, households)
        except ValueError as error:
            parser.error(str(error))
    for name in ("seconds", "rounds", "connections", "workers"):
        value = getattr(args, name)
        if value is not None:
            if value <= 0:
                parser.error(f"--{name} must be positive")
            setattr(options, name, value)
    options.threads = min(options.threads, options.connections)
    options.try_indexes = args.try_indexes
    if args.no_json:
        options.results_dir = None
    return options


def web_main(options: WebOptions) -> int:
    if postgres_version(options.postgres_url) is None:
        message = f"PostgreSQL is not reachable at {options.postgres_url}: start it or pass --postgres-url"
        print(message, file=sys.stderr)
        return 2
    report = run_web(options)
    print(web_table(report))
    if report["errors"]:
        return 2
    return 0 if report["passed"] else 1


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # Turn a plain `kill` into an exception, so that the scratch database is still dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    web_options = parse_web(argv)
    if web_options is not None:
        return web_main(web_options)
    options = parse(argv)
    if "postgresql" in options.backends and postgres_version(options.postgres_url) is None:
        print(
            f"PostgreSQL is not reachable at {options.postgres_url}: start it, pass --postgres-url, "
            "or run --backend sqlite",
            file=sys.stderr,
        )
        return 2
    report = run(options)
    print(table(report))
    if report["errors"]:
        return 2
    return 0 if report["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
