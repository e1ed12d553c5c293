"""The geometry of the figures page's chart: persons received per month against the even pace.

Drawn on the server as inline SVG (no JavaScript); the template only places what this computes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hemvist.quotas.figures import QuotaFigures

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 36
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
SLOT = PLOT_WIDTH / 12
BAR_WIDTH = SLOT * 0.6


@dataclass(frozen=True)
class Bar:
    month: int
    persons: int
    x: float
    y: float
    width: float
    height: float
    label_x: float


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: float  # x of the plot's right edge
    baseline: float  # y of zero
    label_y: float  # y of the month names
    bars: list[Bar]
    ticks: list[Tick]
    pace_y: float | None  # y of the even pace line; None without a quota


def nice_ceiling(value: float) -> int:
    """A round number at or above ``value`` for the top of the axis: 1, 2, 5, 10, 20, 50, …"""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return int(step * magnitude)
    return int(10 * magnitude)  # pragma: no cover - the loop always returns


def chart_of(figures: QuotaFigures) -> Chart:
    top = nice_ceiling(max([*figures.received_persons_by_month, figures.even_pace or 0]))
    baseline = TOP + PLOT_HEIGHT

    def y_of(value: float) -> float:
        return round(baseline - PLOT_HEIGHT * value / top, 1)

    bars = []
    for index, persons in enumerate(figures.received_persons_by_month):
        slot_x = LEFT + SLOT * index
        bars.append(
            Bar(
                month=index + 1,
                persons=persons,
                x=round(slot_x + (SLOT - BAR_WIDTH) / 2, 1),
                y=y_of(persons),
                width=round(BAR_WIDTH, 1),
                height=round(baseline - y_of(persons), 1),
                label_x=round(slot_x + SLOT / 2, 1),
            )
        )
    ticks = [Tick(value, y_of(value)) for value in sorted({0, top // 2, top})]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=WIDTH - RIGHT,
        baseline=baseline,
        label_y=baseline + 22,
        bars=bars,
        ticks=ticks,
        pace_y=None if figures.even_pace is None else y_of(figures.even_pace),
    )
