"""The geometry of the county page's chart: persons assigned and received per month, for the county.

Drawn on the server as inline SVG; the table under it holds the same numbers. A suppressed month is drawn
as a hatched band over the whole range it may lie in ("1–5") and a hidden one not at all, so the chart
tells no more than the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from hemvist.county.figures import TOTAL, CountyFigures
from hemvist.quotas.chart import nice_ceiling
from hemvist.statistics import measures as m
from hemvist.statistics.disclosure import Mark

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 36
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
SLOT = PLOT_WIDTH / 12
BAR_WIDTH = SLOT * 0.34
SERIES = (m.ASSIGNED_PERSONS, m.RECEIVED_PERSONS)


@dataclass(frozen=True)
class Bar:
    series: str
    x: float
    y: float
    width: float
    height: float
    mark: Mark | None  # how the value is suppressed, if it is


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: float
    baseline: float
    label_y: float
    month_x: list[float]
    bars: list[Bar]
    ticks: list[Tick]


def chart_of(figures: CountyFigures) -> Chart:
    small_top = figures.thresholds.suppress_below - 1
    shown = [figures.cell(TOTAL, series, month) for series in SERIES for month in figures.months]
    top = nice_ceiling(max([value for value in shown if isinstance(value, int)] + [small_top, 1]))
    baseline = TOP + PLOT_HEIGHT

    def y_of(value: float) -> float:
        return round(baseline - PLOT_HEIGHT * value / top, 1)

    bars = []
    for index, month in enumerate(figures.months):
        for offset, series in enumerate(SERIES):
            value = figures.cell(TOTAL, series, month)
            if value in (Mark.HIDDEN, Mark.WITHHELD):
                continue
            height_of = small_top if value is Mark.SMALL else value
            x = LEFT + SLOT * index + SLOT * 0.14 + offset * BAR_WIDTH
            bars.append(
                Bar(
                    series=series,
                    x=round(x, 1),
                    y=y_of(height_of),
                    width=round(BAR_WIDTH, 1),
                    height=round(baseline - y_of(height_of), 1),
                    mark=value if isinstance(value, Mark) else None,
                )
            )
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=WIDTH - RIGHT,
        baseline=baseline,
        label_y=baseline + 22,
        month_x=[round(LEFT + SLOT * index + SLOT / 2, 1) for index in range(12)],
        bars=bars,
        ticks=[Tick(value, y_of(value)) for value in sorted({0, top // 2, top})],
    )
