"""The log of what platform administrators did: who enabled, suspended or invited what, and when."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hemvist.core.models import Base
from hemvist.tenancy.models import utcnow


class AdminAction(Base):
    __tablename__ = "admin_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    # Kept when the administrator's account is deactivated; users are never deleted.
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # A stable key such as "municipality_enabled"; the page translates it.
    action: Mapped[str] = mapped_column(sa.String(40))
    # What it was done to, as the page shows it: a municipality code, a user's e-mail address.
    subject: Mapped[str] = mapped_column(sa.String(254))
    details: Mapped[dict] = mapped_column(sa.JSON, default=dict)
