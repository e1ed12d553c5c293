"""The declarative base shared by every model, and the marker for tables a municipality owns."""

from __future__ import annotations

import enum

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase

# SQLite's batch mode cannot drop an unnamed constraint and silently drops unnamed CHECK constraints when it
# rebuilds a table, so every constraint gets a name from the first migration on.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Tenant tables are declared in this placeholder schema and mapped to the municipality's real schema on
# each connection. Nothing may ever be called "tenant" in a database: a query with no municipality bound
# then fails ("no such table: tenant.quotas") instead of reading someone else's rows.
TENANT_SCHEMA = "tenant"


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


class TenantModel(Base):
    """Base of every model whose rows belong to one municipality and live in its own schema.

    Tenant tables may refer to shared rows (users, for instance) only by plain id columns, checked by the
    application: SQLite cannot hold a foreign key across attached files, and on PostgreSQL hundreds of
    schemas referring to ``users`` make a single delete take thousands of locks.
    """

    __abstract__ = True

    def __init_subclass__(cls, **kwargs):
        # Set before the declarative machinery reads __table_args__.
        if "__tablename__" in cls.__dict__:
            args = cls.__dict__.get("__table_args__", ())
            if isinstance(args, dict):
                args = {**args, "schema": TENANT_SCHEMA}
            else:
                args = (*args, {"schema": TENANT_SCHEMA})
            cls.__table_args__ = args
        super().__init_subclass__(**kwargs)


# ``Index.info`` key of an index that exists on PostgreSQL only (see ``trigram_index``).
POSTGRESQL_ONLY = "hemvist_postgresql_only"


# No pending list: GIN's fast update queues new rows in a list that every search then reads linearly
# until a VACUUM merges it, and the planner, seeing it, falls back to reading the table. Registries are
# written at a human pace (an import of 20 000 rows is the most), so inserting into the index at once
# costs little and keeps every search on the index whether or not autovacuum has run.
TRIGRAM_INDEX_OPTIONS = {"fastupdate": "off"}


def trigram_index(name: str, *columns: str) -> sa.Index:
    """A pg_trgm GIN index over ``columns``, so that ``ILIKE '%…%'`` reads the index, not the whole table.

    PostgreSQL only: SQLite has no such index (a search there reads the municipality's file, which is
    small and local). ``ddl_if`` keeps it out of a ``create_all`` on SQLite, and the ``info`` marker tells
    ``tenancy.migrate.tenant_metadata`` to expect it on PostgreSQL alone, so that "migrated = models"
    holds on both backends. The extension itself is created once per database by the shared tree.
    """
    index = sa.Index(
        name,
        *columns,
        postgresql_using="gin",
        postgresql_ops=dict.fromkeys(columns, "gin_trgm_ops"),
        postgresql_with=TRIGRAM_INDEX_OPTIONS,
        info={POSTGRESQL_ONLY: True},
    )
    return index.ddl_if(dialect="postgresql")


def is_for_dialect(index: sa.Index, dialect_name: str) -> bool:
    return dialect_name == "postgresql" or not index.info.get(POSTGRESQL_ONLY, False)


def enum_column_type(enum_class: type[enum.Enum], name: str) -> sa.Enum:
    """A portable enum: a string column with a named CHECK constraint holding the members' values.

    Native PostgreSQL enum types live beside the tables and clash when the second municipality's schema
    is migrated; a CHECK constraint belongs to its table and so to its schema.
    """
    return sa.Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(member.value) for member in enum_class),
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )
