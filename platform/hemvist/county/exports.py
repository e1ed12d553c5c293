"""The county page as files: the same categories and the same protected cells as the page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from flask_babel import gettext as _

from hemvist.core import clock
from hemvist.county.figures import PER_ENTITY, TOTAL, TREND_MEASURES, CountyFigures, months_in
from hemvist.statistics.disclosure import Mark
from hemvist.statistics.measures import LABELS, NOW


@dataclass(frozen=True)
class Export:
    name: str  # in the file name
    title: str  # the sheet's name
    header: list[str]
    rows: list[list]


def shown(value: int | Mark, figures: CountyFigures) -> int | str:
    """A number as it may be published: itself, "1–5", ".." when hidden to protect a small number, or "×"
    when withheld because nothing else could protect one."""
    if value is Mark.SMALL:
        return f"1–{figures.thresholds.suppress_below - 1}"
    if value is Mark.HIDDEN:
        return ".."
    if value is Mark.WITHHELD:
        return "×"
    return value


def figures_table(figures: CountyFigures) -> Export:
    header = [_("Municipality"), _("Municipality code"), _("Service status"), _("Status")]
    header += [f"{LABELS[measure]} ({_period_label(figures, measure)})" for measure in PER_ENTITY]
    header += [_("Figures as of (Swedish time)")]
    rows = []
    for place in figures.places:
        is_municipality = place.code != TOTAL
        row = [
            place.name,
            place.code if is_municipality else "",
            (_("Suspended") if place.suspended else _("Active")) if is_municipality else "",
            str(place.status.label) if place.status else str(place.status_note or ""),
        ]
        row += [shown(figures.cell(place.code, measure), figures) for measure in PER_ENTITY]
        row.append(swedish_time(place.as_of or figures.as_of))
        rows.append(row)
    return Export("figures", _("Figures %(year)s", year=figures.year), header, rows)


def swedish_time(moment: datetime | None) -> datetime | None:
    """The moment as a clock in Sweden shows it, as the page does; files hold no zone (Excel has none), so
    the header says it. A time without its zone (SQLite's) is UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(clock.SWEDEN).replace(tzinfo=None)


def trends_table(figures: CountyFigures) -> Export:
    header = [_("Period")] + [str(LABELS[measure]) for measure in TREND_MEASURES]
    rows = []
    for quarter in figures.quarters:
        for month in months_in(quarter):
            rows.append([month] + [shown(figures.cell(TOTAL, measure, month), figures) for measure in TREND_MEASURES])
        rows.append([quarter] + [shown(figures.cell(TOTAL, measure, quarter), figures) for measure in TREND_MEASURES])
    return Export("trends", _("Trends %(year)s", year=figures.year), header, rows)


def _period_label(figures: CountyFigures, measure: str) -> str:
    return _("today") if figures.period_of(measure) == NOW else str(figures.year)
