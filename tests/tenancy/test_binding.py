"""A session sees exactly one municipality's tables, and none when it is bound to none."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.quotas.models import Quota
from hemvist.tenancy.binding import TenancyError, bind_session, bound, validate_schema


def add_quota(tenant, year, persons):
    with bound(db.session, tenant.schema):
        db.session.add(Quota(year=year, persons=persons))
        db.session.commit()


def quotas_of(tenant):
    with bound(db.session, tenant.schema):
        return {(q.year, q.persons) for q in db.session.scalars(sa.select(Quota))}


def test_an_unbound_session_cannot_read_tenant_tables(app_context):
    with pytest.raises(sa.exc.DBAPIError) as error:
        db.session.scalars(sa.select(Quota)).all()
    assert "tenant" in str(error.value)  # "no such table: tenant.quotas" / relation "tenant.quotas"
    db.session.rollback()


def test_each_municipality_sees_only_its_own_rows(app_context, tenant_a, tenant_b):
    add_quota(tenant_a, 2030, 11)
    add_quota(tenant_b, 2030, 22)
    assert quotas_of(tenant_a) == {(2030, 11)}
    assert quotas_of(tenant_b) == {(2030, 22)}


def test_binding_survives_commit_and_rollback(app_context, tenant_a, tenant_b):
    add_quota(tenant_b, 2031, 5)
    with bound(db.session, tenant_a.schema):
        db.session.add(Quota(year=2031, persons=1))
        db.session.commit()
        db.session.add(Quota(year=2032, persons=2))
        db.session.rollback()
        db.session.add(Quota(year=2033, persons=3))
        db.session.flush()
        # The flushed row is visible in the same transaction: one connection, one tenant.
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Quota)) == 2
        db.session.commit()
        assert sorted(db.session.scalars(sa.select(Quota.year))) == [2031, 2033]


def test_a_session_is_bound_once_and_before_it_is_used(app_context, tenant_a, tenant_b):
    bind_session(db.session, tenant_a.schema)
    bind_session(db.session, tenant_a.schema)  # the same again is harmless
    with pytest.raises(TenancyError):
        bind_session(db.session, tenant_b.schema)
    db.session.remove()

    db.session.execute(sa.text("SELECT 1"))
    with pytest.raises(TenancyError):
        bind_session(db.session, tenant_b.schema)
    db.session.remove()


def test_leaving_a_binding_forgets_the_rows_it_loaded(app_context, tenant_a, tenant_b):
    add_quota(tenant_a, 2040, 40)
    add_quota(tenant_b, 2041, 41)
    with bound(db.session, tenant_a.schema):
        first = db.session.get(Quota, 1)
        assert first.year == 2040
    with bound(db.session, tenant_b.schema):
        # Same primary key, other municipality: the identity map must not hand back tenant A's row.
        assert db.session.get(Quota, 1).year == 2041


@pytest.mark.parametrize(
    "name",
    ["tenant", "public", "kommun_068", "kommun_06833", "kommun_0683; DROP TABLE users", "main", "", None],
)
def test_only_well_formed_schema_names_reach_sql(name):
    with pytest.raises(TenancyError):
        validate_schema(name)


def test_data_of_two_municipalities_lives_apart_in_the_database(app_context, backend, tenant_a, tenant_b, app):
    add_quota(tenant_a, 2050, 501)
    add_quota(tenant_b, 2050, 502)
    if backend == "postgresql":
        rows = db.session.execute(
            sa.text(
                f"SELECT 'a', persons FROM \"{tenant_a.schema}\".quotas "
                f"UNION ALL SELECT 'b', persons FROM \"{tenant_b.schema}\".quotas"
            )
        ).all()
        assert sorted(rows) == [("a", 501), ("b", 502)]
        tables = set(
            db.session.scalars(
                sa.text("SELECT table_schema FROM information_schema.tables WHERE table_name = 'quotas'")
            )
        )
        assert {tenant_a.schema, tenant_b.schema} <= tables
        assert "public" not in tables
    else:
        import sqlite3
        from pathlib import Path

        folder = Path(app.config["TENANT_FILES_DIR"])
        for tenant, persons in ((tenant_a, 501), (tenant_b, 502)):
            connection = sqlite3.connect(folder / f"{tenant.schema}.db")
            assert connection.execute("SELECT persons FROM quotas").fetchall() == [(persons,)]
            connection.close()
        shared = sqlite3.connect(Path(app.config["INSTANCE_PATH"]) / "hemvist.db")
        shared_tables = {row[0] for row in shared.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        shared.close()
        assert "quotas" not in shared_tables
        assert "municipalities" in shared_tables
    db.session.rollback()
