"""Who created, changed or deleted what, and when: one row per change, in the municipality's schema."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hemvist.core.models import TenantModel, enum_column_type
from hemvist.tenancy.models import utcnow


class Action(enum.Enum):
    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"
    RESTORED = "restored"


class HistoryEntry(TenantModel):
    __tablename__ = "history"
    __table_args__ = (sa.Index("ix_history_subject", "subject_type", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    # Plain id of the shared users table (no foreign key across schemas).
    user_id: Mapped[int | None]
    action: Mapped[Action] = mapped_column(enum_column_type(Action, "action"))
    subject_type: Mapped[str] = mapped_column(sa.String(40))
    subject_id: Mapped[int]
    # What changed: {"field": [old, new], ...}, values as text; never more than the form showed.
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)
