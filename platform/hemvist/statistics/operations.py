"""Publishing a municipality's figures to the shared schema, where its county board reads them."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import sqlalchemy as sa

from hemvist.core import clock
from hemvist.extensions import db
from hemvist.statistics.counting import count_figures
from hemvist.statistics.models import FiguresRun, MunicipalFigure
from hemvist.tenancy.models import Municipality, TenantStatus

log = logging.getLogger("hemvist.statistics")


def publish_figures(municipality_id: int, now: datetime | None = None) -> bool:
    """Count the figures of the municipality the session is bound to and replace its published ones.

    Runs inside the caller's transaction and does not commit, so that the figures change together with
    the rows they are counted from. The municipality's row is locked first: two colleagues saving at
    the same moment publish one after the other, and the second counts the first one's rows too.

    A suspended municipality's figures are kept as they were when it was suspended: its county board goes
    on seeing them, marked as of that time (``hemvist.county``), until it is resumed and publishes again.
    Returns whether the figures were published.
    """
    status = db.session.scalar(
        sa.select(Municipality.status).where(Municipality.id == municipality_id).with_for_update()
    )
    if status is TenantStatus.SUSPENDED:
        log.debug("figures of municipality %s kept: it is suspended", municipality_id)
        return False
    counted = count_figures(clock.today())
    published = {
        (figure.measure, figure.period): figure
        for figure in db.session.scalars(
            sa.select(MunicipalFigure).where(MunicipalFigure.municipality_id == municipality_id)
        )
    }
    for key, figure in published.items():
        if key not in counted:
            db.session.delete(figure)
        elif figure.value != counted[key]:
            figure.value = counted[key]
    for (measure, period), value in counted.items():
        if (measure, period) not in published:
            db.session.add(
                MunicipalFigure(municipality_id=municipality_id, measure=measure, period=period, value=value)
            )
    run = db.session.get(FiguresRun, municipality_id)
    if run is None:
        run = FiguresRun(municipality_id=municipality_id)
        db.session.add(run)
    run.as_of = now or datetime.now(UTC)
    log.debug("figures of municipality %s published: %d values", municipality_id, len(counted))
    return True
