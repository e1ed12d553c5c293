"""Reads of the published figures, from the shared schema only."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import UTC, datetime

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.statistics.measures import NOW
from hemvist.statistics.models import FiguresRun, MunicipalFigure

Figures = dict[tuple[str, str], int]  # (measure, period) → value


def figures_of(municipality_ids: Collection[int], periods: Collection[str]) -> dict[int, Figures]:
    """Every stored figure of the municipalities in the periods (``"now"``, ``"2017"``, ``"2017-03"`` …)."""
    found: dict[int, Figures] = {municipality_id: {} for municipality_id in municipality_ids}
    if not found or not periods:
        return found
    rows = db.session.execute(
        sa.select(
            MunicipalFigure.municipality_id, MunicipalFigure.measure, MunicipalFigure.period, MunicipalFigure.value
        ).where(MunicipalFigure.municipality_id.in_(list(found)), MunicipalFigure.period.in_(list(periods)))
    )
    for municipality_id, measure, period, value in rows:
        found[municipality_id][(measure, period)] = value
    return found


def current_counts(municipality_ids: Collection[int]) -> dict[int, dict[str, int]]:
    """The counts as of today ("now") of each municipality, by measure; a missing measure is zero."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for municipality_id, figures in figures_of(municipality_ids, [NOW]).items():
        counts[municipality_id] = {measure: value for (measure, _), value in figures.items()}
    return dict(counts)


def as_of(municipality_ids: Collection[int]) -> dict[int, datetime]:
    """When each municipality's figures were computed, in UTC; a municipality never computed is missing.

    SQLite hands the stored times back without their zone; they are UTC, and are returned as such, so
    that every caller gets an aware time on either backend.
    """
    if not municipality_ids:
        return {}
    rows = db.session.execute(
        sa.select(FiguresRun.municipality_id, FiguresRun.as_of).where(
            FiguresRun.municipality_id.in_(list(municipality_ids))
        )
    )
    return {
        municipality_id: moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
        for municipality_id, moment in rows
    }


def periods_with_figures(municipality_ids: Collection[int]) -> list[str]:
    """The years that have any figure, newest first, for choosing a year on a county page."""
    if not municipality_ids:
        return []
    periods = db.session.scalars(
        sa.select(MunicipalFigure.period)
        .where(MunicipalFigure.municipality_id.in_(list(municipality_ids)), MunicipalFigure.period != NOW)
        .distinct()
    )
    return sorted({period[:4] for period in periods}, reverse=True)
