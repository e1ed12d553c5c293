"""The figures each municipality publishes to its county board, kept in the shared schema.

County pages read this table only. They never query a municipality's own schema, so a county page costs
the same with 5 or 290 municipalities on the service, and tenant schemas may later live on other
database nodes (Citus schema-based sharding allows no query across tenant schemas).
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hemvist.core.models import Base


class MunicipalFigure(Base):
    """One number: a measure of one municipality for one period.

    ``period`` is ``"now"`` for a count of today (households waiting), ``"2017"`` for a calendar year
    (the quota, landlords contacted) or ``"2017-03"`` for a month (persons received); quarters and years
    of monthly measures are sums of months. A measure without a row is zero.
    """

    __tablename__ = "municipal_figures"

    municipality_id: Mapped[int] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE"), primary_key=True
    )
    measure: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    period: Mapped[str] = mapped_column(sa.String(7), primary_key=True)
    value: Mapped[int]


class FiguresRun(Base):
    """When a municipality's figures were last computed: the "as of" time a county page states."""

    __tablename__ = "municipal_figures_runs"

    municipality_id: Mapped[int] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE"), primary_key=True
    )
    as_of: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
