"""``--profile``: where provisioning and upgrading spend their time, in terms the platform's authors know.

cProfile's own listing is long; the breakdown below picks the calls that answer the usual questions
(how often is Alembic's script directory read, how long is spent waiting for the database, how many
engines and connections are made) and gives each its calls and cumulative time per municipality.
"""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# (end of the file name, function name) as pstats records them; built-ins have the file "~".
WATCHED = [
    ("hemvist/tenancy/operations.py", "create_tenant", "create_tenant, whole"),
    ("hemvist/tenancy/migrate.py", "upgrade_tenants", "migrate.upgrade_tenants"),
    ("hemvist/tenancy/migrate.py", "tenant_versions", "migrate.tenant_versions (read versions)"),
    ("hemvist/tenancy/sqlite.py", "create_file", "sqlite.create_file (new file, WAL)"),
    ("alembic/script/base.py", "from_config", "alembic ScriptDirectory.from_config"),
    ("alembic/script/base.py", "_load_revisions", "alembic: read the revision files"),
    ("alembic/util/pyfiles.py", "load_python_file", "alembic: exec env.py / revision files"),
    ("alembic/command.py", "upgrade", "alembic command.upgrade"),
    ("alembic/runtime/migration.py", "run_migrations", "alembic MigrationContext.run_migrations"),
    ("alembic/runtime/migration.py", "_ensure_version_table", "alembic: create version table"),
    ("sqlalchemy/engine/create.py", "create_engine", "sqlalchemy create_engine"),
    ("sqlalchemy/engine/base.py", "dispose", "sqlalchemy Engine.dispose"),
    ("sqlalchemy/pool/base.py", "__connect", "new DBAPI connections (pool)"),
    ("sqlalchemy/orm/session.py", "commit", "ORM commit (session or transaction)"),
    ("psycopg/connection.py", "wait", "psycopg: waiting for the server"),
    ("~", "<built-in method _sqlite3.connect>", "sqlite3.connect"),
    ("~", "<method 'execute' of 'sqlite3.Cursor' objects>", "sqlite3 Cursor.execute"),
    ("~", "<method 'execute' of 'sqlite3.Connection' objects>", "sqlite3 Connection.execute"),
    ("~", "<method 'commit' of 'sqlite3.Connection' objects>", "sqlite3 commit"),
]


class Profile:
    def __init__(self) -> None:
        self.profiler: cProfile.Profile | None = None

    def stats(self) -> pstats.Stats | None:
        return pstats.Stats(self.profiler) if self.profiler is not None else None


@contextmanager
def profiled(enabled: bool) -> Iterator[Profile]:
    profile = Profile()
    if enabled:
        profile.profiler = cProfile.Profile()
        profile.profiler.enable()
    try:
        yield profile
    finally:
        if profile.profiler is not None:
            profile.profiler.disable()


def breakdown(stats: pstats.Stats, tenants: int) -> list[dict]:
    rows = []
    entries = stats.stats  # {(file, line, function): (primitive calls, calls, own time, cumulative, callers)}
    for file_suffix, function, label in WATCHED:
        # A file can define two functions of one name (Alembic's command.upgrade has a nested ``upgrade``,
        # SQLAlchemy has Session.commit and SessionTransaction.commit): the outermost, the one with the
        # largest cumulative time, is the one meant.
        matches = [
            (cumtime, total)
            for (filename, _line, name), (_primitive, total, _tottime, cumtime, _callers) in entries.items()
            if name == function and filename.replace("\\", "/").endswith(file_suffix)
        ]
        if matches:
            cumulative, calls = max(matches)
            rows.append(
                {
                    "what": label,
                    "calls": int(calls),
                    "calls_per_tenant": round(calls / tenants, 2),
                    "cumulative_s": round(cumulative, 3),
                    "ms_per_tenant": round(cumulative * 1000 / tenants, 2),
                }
            )
    return rows


def save(stats: pstats.Stats, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    stats.dump_stats(str(path))
