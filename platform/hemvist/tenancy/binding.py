"""Binding a database session to one municipality's schema.

Tenant tables are declared in the placeholder schema ``tenant``. A bound session runs every statement
through an engine whose ``schema_translate_map`` turns ``tenant`` into the municipality's real schema, so
the schema is part of the SQL text and a pooled connection carries no tenant state (which keeps the
application correct behind a transaction-pooling proxy; ``search_path`` would not be).

An unbound session leaves ``tenant`` as it is, and since no schema of that name exists, a tenant query
fails instead of falling back to some municipality.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from flask_sqlalchemy.session import Session as FlaskSQLAlchemySession
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, scoped_session

from hemvist.core.models import TENANT_SCHEMA

SCHEMA_PATTERN = re.compile(r"kommun_[0-9]{4}")
SESSION_KEY = "hemvist.tenant_schema"
EXECUTION_OPTION = "hemvist_tenant_schema"


class TenancyError(RuntimeError):
    """The code asked for something the tenancy rules forbid."""


def validate_schema(schema: str) -> str:
    """The schema name, if it is one Hemvist could have made; schema names end up in SQL text."""
    if not isinstance(schema, str) or not SCHEMA_PATTERN.fullmatch(schema):
        raise TenancyError(f"not a tenant schema name: {schema!r}")
    return schema


_option_engines: weakref.WeakKeyDictionary[Engine, dict[str, Engine]] = weakref.WeakKeyDictionary()
_option_engines_lock = threading.Lock()


def tenant_engine(engine: Engine, schema: str) -> Engine:
    """The engine that maps the placeholder schema to ``schema``, one per schema and base engine.

    Cached, because a session must see one bind for the whole of a transaction: a fresh option engine per
    call would spread a transaction over several connections. Option engines share the base engine's
    pool and compiled-statement cache.
    """
    validate_schema(schema)
    per_schema = _option_engines.get(engine)
    if per_schema is None:
        with _option_engines_lock:
            per_schema = _option_engines.setdefault(engine, {})
    option_engine = per_schema.get(schema)
    if option_engine is None:
        option_engine = engine.execution_options(
            schema_translate_map={TENANT_SCHEMA: schema}, **{EXECUTION_OPTION: schema}
        )
        per_schema[schema] = option_engine
    return option_engine


class TenantAwareSession(FlaskSQLAlchemySession):
    """A session that, once bound to a municipality, runs everything through that municipality's engine.

    Shared tables are unaffected by the map, so one connection serves the whole request.
    """

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        engine = super().get_bind(mapper=mapper, clause=clause, bind=bind, **kwargs)
        schema = self.info.get(SESSION_KEY)
        return engine if schema is None else tenant_engine(engine, schema)


def _unwrap(session: Session | scoped_session) -> Session:
    return session() if isinstance(session, scoped_session) else session


def bind_session(session: Session | scoped_session, schema: str) -> None:
    """Bind ``session`` to ``schema`` for the rest of its life.

    It must not have begun a transaction yet: that transaction's connection would belong to no tenant (or
    on SQLite lack the attached file), and the identity map could hold rows of another municipality.
    """
    validate_schema(schema)
    session = _unwrap(session)
    current = session.info.get(SESSION_KEY)
    if current == schema:
        return
    if current is not None or session.in_transaction() or session.identity_map:
        raise TenancyError("a session is bound to a municipality before it is first used, and only once")
    session.info[SESSION_KEY] = schema


def bound_schema(session: Session | scoped_session) -> str | None:
    return _unwrap(session).info.get(SESSION_KEY)


@contextmanager
def bound(session: Session | scoped_session, schema: str) -> Iterator[None]:
    """Work for one municipality outside a request (CLI, jobs), then leave the session clean.

    The identity map is not keyed by schema, so the session is closed on the way out: the next
    municipality must not be handed this one's rows.
    """
    session = _unwrap(session)
    if session.in_transaction() or session.identity_map:
        session.close()
    bind_session(session, schema)
    try:
        yield
    finally:
        session.close()
        session.info.pop(SESSION_KEY, None)
