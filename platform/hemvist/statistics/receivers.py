"""Keeping the published figures current: a municipality's write publishes its figures in the same commit.

Any session that flushes a change to a table the figures are counted from, or runs an INSERT, UPDATE or
DELETE on one, is marked; when it commits, the figures of the municipality it is bound to are counted
again before the commit. A county page therefore never shows figures older than the last saved change,
except for what moves with the date alone (deadlines drawing near), which the daily
``flask statistics publish`` brings up to date.
"""

from __future__ import annotations

from itertools import chain

import sqlalchemy as sa
from sqlalchemy import event

from hemvist.core.models import TenantModel
from hemvist.statistics.counting import SOURCE_TABLES
from hemvist.statistics.operations import publish_figures
from hemvist.tenancy.binding import TenantAwareSession, bound_schema
from hemvist.tenancy.models import Municipality

STALE = "hemvist.figures_stale"


def _note_flush(session, _flush_context) -> None:
    for instance in chain(session.new, session.dirty, session.deleted):
        if isinstance(instance, TenantModel) and instance.__table__.name in SOURCE_TABLES:
            session.info[STALE] = True
            return


def _note_statement(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if table is not None and table.name in SOURCE_TABLES:
            state.session.info[STALE] = True


def _publish_before_commit(session) -> None:
    # Pending changes decide whether the figures are stale, so they are flushed before looking.
    session.flush()
    if not session.info.pop(STALE, False):
        return
    schema = bound_schema(session)
    if schema is None:
        return
    municipality_id = session.scalar(sa.select(Municipality.id).where(Municipality.schema_name == schema))
    if municipality_id is not None:
        publish_figures(municipality_id)


def _forget(session, *_args) -> None:
    session.info.pop(STALE, None)


def connect() -> None:
    if event.contains(TenantAwareSession, "before_commit", _publish_before_commit):
        return
    event.listen(TenantAwareSession, "after_flush", _note_flush)
    event.listen(TenantAwareSession, "do_orm_execute", _note_statement)
    event.listen(TenantAwareSession, "before_commit", _publish_before_commit)
    event.listen(TenantAwareSession, "after_rollback", _forget)
