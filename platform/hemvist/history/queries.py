from __future__ import annotations

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.history.models import HistoryEntry
from hemvist.tenancy.models import Tenant


def history_of(tenant: Tenant, subject_type: str, subject_id: int) -> list[HistoryEntry]:
    """Every change of one subject, newest first."""
    return list(
        db.session.scalars(
            sa.select(HistoryEntry)
            .where(HistoryEntry.subject_type == subject_type, HistoryEntry.subject_id == subject_id)
            .order_by(HistoryEntry.at.desc(), HistoryEntry.id.desc())
        )
    )
