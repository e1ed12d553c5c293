"""The machine a run measured, and the throwaway databases it measured on."""

from __future__ import annotations

import os
import platform
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

REPO_ROOT = Path(__file__).resolve().parents[1]
# Every scratch database starts with this, so that a leftover from a killed run is easy to recognise.
SCRATCH_PREFIX = "hemvist_bench_"

# Production settings (Secure cookies and all: Werkzeug's test client ignores the Secure flag), with the
# log level raised so that the 290 "put on the service" lines do not bury the report. Settings an
# operator's HEMVIST_* environment could change are pinned, so that every run measures the same thing.
APP_CONFIG = {
    "ENV": "production",
    "SECRET_KEY": "bench-secret-not-used-anywhere-else",
    "BASE_URL": "https://hemvist-bench.invalid",
    "LOG_LEVEL": "WARNING",
    "DEMO": False,
    "REDIS_URL": "",
    "TENANT_FILES_DIR": "",
}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _git(*args: str) -> str | None:
    # Read-only git calls: which commit was measured, and whether the working tree differed from it.
    try:
        return subprocess.run(
            ["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None


def postgres_version(url: str) -> str | None:
    try:
        engine = sa.create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            version = connection.exec_driver_sql("SHOW server_version").scalar()
        engine.dispose()
        return version
    except sa.exc.SQLAlchemyError:
        return None


def machine(postgres_url: str | None) -> dict:
    """The machine and the software measured; PostgreSQL's version only when it is being measured."""

    def version(package: str) -> str | None:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return None

    try:
        usable_cores = len(os.sched_getaffinity(0))
    except AttributeError:
        usable_cores = os.cpu_count()
    status = _git("status", "--porcelain")
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "usable_cores": usable_cores,
        "memory_gib": _memory_gib(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": postgres_version(postgres_url) if postgres_url else None,
        # Other processes compete for the same cores; a busy machine explains a slow figure.
        "load_average": list(os.getloadavg()),
        "packages": {
            name: version(name)
            for name in ("SQLAlchemy", "Flask", "Flask-SQLAlchemy", "alembic", "psycopg", "Werkzeug")
        },
        "commit": _git("rev-parse", "--short", "HEAD"),
        "working_tree_changed": bool(status) if status is not None else None,
    }


def describe(machine_info: dict) -> str:
    return (
        f"{machine_info['cpu']}, {machine_info['usable_cores']} cores, Python {machine_info['python']}, "
        f"SQLite {machine_info['sqlite']}, PostgreSQL {machine_info['postgresql'] or 'not measured'}; "
        f"load average at start {machine_info['load_average'][0]:.2f}"
    )


@contextmanager
def scratch_sqlite() -> Iterator[dict]:
    """A fresh instance folder: the shared file and one file per municipality, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX))
    try:
        yield {**APP_CONFIG, "INSTANCE_PATH": str(folder), "DATABASE_URL": f"sqlite:///{folder / 'hemvist.db'}"}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def scratch_postgresql(server_url: str) -> Iterator[dict]:
    """A fresh database on the server, dropped afterwards even if the run failed half-way."""
    server = make_url(server_url)
    name = f"{SCRATCH_PREFIX}{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    folder = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX))  # the app wants an instance folder anyway
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            url = server.set(database=name).render_as_string(hide_password=False)
            yield {**APP_CONFIG, "INSTANCE_PATH": str(folder), "DATABASE_URL": url}
        finally:
            with admin.connect() as connection:
                # FORCE: a connection the run left open must not keep the database alive.
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()
        shutil.rmtree(folder, ignore_errors=True)


def scratch(backend: str, postgres_url: str):
    return scratch_sqlite() if backend == "sqlite" else scratch_postgresql(postgres_url)
