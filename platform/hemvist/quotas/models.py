"""The municipal quota (kommuntal): how many newcomers the municipality must receive in a year."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hemvist.core.models import TenantModel
from hemvist.tenancy.models import utcnow


class Quota(TenantModel):
    __tablename__ = "quotas"
    __table_args__ = (
        sa.CheckConstraint("persons >= 0", name="persons_not_negative"),
        sa.CheckConstraint("year BETWEEN 2016 AND 2100", name="year_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    persons: Mapped[int]
    # Plain id, not a foreign key: tenant tables never point into the shared schema.
    updated_by_id: Mapped[int | None]
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)
