"""``python -m bench [--backend sqlite|postgresql|both] [--tenants N] [--quick] [--profile]``.

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


def parse(argv: list[str]) -> Options:
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
    parser.add_argument("--no-json", action="store_true", help="print the table only")
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
    options.profile = args.profile
    options.postgres_url = args.postgres_url
    if args.no_json:
        options.results_dir = None
    return options


def main(argv: list[str] | None = None) -> int:
    options = parse(sys.argv[1:] if argv is None else argv)
    # Turn a plain `kill` into an exception, so that the scratch database is still dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
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
