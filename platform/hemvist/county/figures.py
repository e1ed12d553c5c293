"""The county page's figures: every published cell, protected against disclosure, and each status.

All cells of the page and of its exports are protected together, because the same number appears in
several tables (a municipality's households received, by lease form and by landlord type) and the
county's months add up to its quarters and its year: a cell hidden in one table must not be worked out
from another.
"""

from __future__ import annotations

import enum
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from flask_babel import lazy_gettext as _l

from hemvist.core import clock
from hemvist.statistics import measures as m
from hemvist.statistics.disclosure import Kind, Line, Mark, protect
from hemvist.statistics.queries import as_of, figures_of
from hemvist.tenancy.models import County, Municipality, TenantStatus

TOTAL = "total"  # the entity of the county's own row

# What each table of the page shows, in its order.
RECEPTION = (m.QUOTA_PERSONS, m.ASSIGNED_PERSONS, m.RECEIVED_PERSONS, m.STILL_TO_RECEIVE, m.OVERDUE_PERSONS)
WAITING = (m.WAITING_HOUSEHOLDS, *m.WAITING_BUCKETS)
BY_LEASE_FORM = (m.RECEIVED_HOUSEHOLDS, *m.LEASE_MEASURES)
BY_LANDLORD_TYPE = (m.RECEIVED_HOUSEHOLDS, *m.LANDLORD_MEASURES)
OUTREACH = (m.LANDLORDS_CONTACTED, m.LANDLORDS_MET, m.NEW_PARTNERS, m.PARTNERS, m.VACANCIES_ON_OFFER)
TRANSFERS = (m.TRANSFERS_DONE, m.TRANSFERS_OVERDUE)
MOVING_ON = (m.MOVES, *m.MOVE_BARRIERS)
HELD_BACK = (m.MOVING_ON, *m.MOVING_ON_BARRIERS)
TREND_MEASURES = (m.ASSIGNED_PERSONS, m.RECEIVED_PERSONS, m.RECEIVED_HOUSEHOLDS)

# Counted as of today; everything else is counted for the year shown.
CURRENT = frozenset(m.CURRENT)
PER_ENTITY = tuple(
    dict.fromkeys(RECEPTION + WAITING + BY_LEASE_FORM + BY_LANDLORD_TYPE + OUTREACH + TRANSFERS + MOVING_ON + HELD_BACK)
)


class Status(enum.Enum):
    ON_TRACK = "on_track"
    BEHIND = "behind"
    FAR_BEHIND = "far_behind"

    @property
    def label(self):
        return {
            Status.ON_TRACK: _l("On track"),
            Status.BEHIND: _l("Behind"),
            Status.FAR_BEHIND: _l("Far behind"),
        }[self]


@dataclass(frozen=True)
class Thresholds:
    suppress_below: int
    on_track_pace: int  # per cent of the even pace
    far_behind_pace: int
    far_behind_overdue: int  # persons

    @classmethod
    def from_config(cls) -> Thresholds:
        config = current_app.config
        return cls(
            suppress_below=int(config["SUPPRESS_BELOW"]),
            on_track_pace=int(config["ON_TRACK_PACE"]),
            far_behind_pace=int(config["FAR_BEHIND_PACE"]),
            far_behind_overdue=int(config["FAR_BEHIND_OVERDUE"]),
        )


@dataclass(frozen=True)
class Place:
    """A row of the tables: a municipality, or the county in total (``code`` is ``TOTAL``)."""

    code: str
    name: str
    slug: str = ""
    as_of: datetime | None = None  # when its figures were counted (UTC)
    status: Status | None = None
    status_note: str | None = None  # why there is no status, when there is none
    suspended: bool = False  # its figures are the last it published, as of ``as_of``


@dataclass
class CountyFigures:
    county: County
    year: int
    places: list[Place]  # the municipalities by name, then the county
    cells: dict[tuple[str, str, str], int | Mark]  # (place code, measure, period) → what may be shown
    thresholds: Thresholds
    # The oldest of the active municipalities' times: each of their figures is at least this new. A suspended
    # municipality's figures are as of its own time, stated on its row.
    as_of: datetime | None
    today: date  # what "today" and "this year" are for the statuses

    @property
    def past_year(self) -> bool:
        """Whether the year shown is over: its statuses are judged on its own figures alone."""
        return self.year < self.today.year

    def cell(self, code: str, measure: str, period: str | None = None) -> int | Mark:
        return self.cells[(code, measure, period or self.period_of(measure))]

    def period_of(self, measure: str) -> str:
        return m.NOW if measure in CURRENT else str(self.year)

    @property
    def months(self) -> list[str]:
        return months_of(self.year)

    @property
    def quarters(self) -> list[str]:
        return quarters_of(self.year)


def months_of(year: int) -> list[str]:
    return [f"{year:04d}-{month:02d}" for month in range(1, 13)]


def quarters_of(year: int) -> list[str]:
    return [f"{year:04d}-Q{quarter}" for quarter in range(1, 5)]


def months_in(quarter: str) -> list[str]:
    year, number = int(quarter[:4]), int(quarter[-1])
    return months_of(year)[3 * (number - 1) : 3 * number]


def county_figures(
    county: County, municipalities: list[Municipality], year: int, today: date, thresholds: Thresholds
) -> CountyFigures:
    ids = {municipality.code: municipality.id for municipality in municipalities}
    months = months_of(year)
    stored = figures_of(list(ids.values()), [m.NOW, str(year), *months])
    values: dict[tuple[str, str, str], int] = {}
    for code, municipality_id in ids.items():
        values.update(_place_values(code, stored[municipality_id], year))
        for measure in TREND_MEASURES:
            for period in months:
                values[(code, measure, period)] = stored[municipality_id].get((measure, period), 0)
    codes = list(ids)
    for measure in PER_ENTITY:
        period = m.NOW if measure in CURRENT else str(year)
        values[(TOTAL, measure, period)] = sum(values[(code, measure, period)] for code in codes)
    for measure in TREND_MEASURES:
        for period in months:
            values[(TOTAL, measure, period)] = sum(values.pop((code, measure, period)) for code in codes)
        for quarter in quarters_of(year):
            values[(TOTAL, measure, quarter)] = sum(values[(TOTAL, measure, month)] for month in months_in(quarter))

    kinds = {key: Kind.PUBLIC for key in values if key[1] == m.QUOTA_PERSONS}
    kinds.update({key: Kind.SIGNED for key in values if key[1] == m.STILL_TO_RECEIVE})
    cells = _published(_protected(values, _lines([*codes, TOTAL], codes, year), thresholds.suppress_below, kinds))

    times = as_of(list(ids.values()))
    places = []
    for municipality in municipalities:
        moment = times.get(municipality.id)
        suspended = municipality.status is TenantStatus.SUSPENDED
        # A suspended municipality is judged on the day of its last figures, as they are: the status it had.
        day = clock.date_in_sweden(moment) if suspended and moment is not None else today
        places.append(
            Place(
                code=municipality.code,
                name=municipality.name,
                slug=municipality.slug,
                as_of=moment,
                status=status_of(values, municipality.code, year, day, thresholds),
                status_note=status_note(values, municipality.code, year, day, suspended=suspended),
                suspended=suspended,
            )
        )
    places.append(Place(code=TOTAL, name=county.name))
    active = [place.as_of for place in places if place.as_of is not None and not place.suspended]
    known = active or [place.as_of for place in places if place.as_of is not None]
    return CountyFigures(
        county=county,
        year=year,
        places=places,
        cells=cells,
        thresholds=thresholds,
        as_of=min(known) if known else None,
        today=today,
    )


# Protecting a county's cells is a search (a tenth of a second for a county of 13 municipalities, the
# better part of one for Västra Götaland's 49), and its result depends on the values alone: the lines and
# kinds follow from their keys. So it is kept per process until a municipality publishes new figures; a
# few counties and years fit. The cells are aggregates, never a person, and the key holds all the values.
_PROTECTED: OrderedDict[tuple, dict] = OrderedDict()
_PROTECTED_SIZE = 64
_protected_lock = threading.Lock()


def forget_protected() -> None:
    """Empty the cache, so that the next page computes its protection afresh (for the benchmark)."""
    with _protected_lock:
        _PROTECTED.clear()


def _protected(values: dict, lines: list[Line], threshold: int, kinds: dict) -> dict:
    key = (threshold, frozenset(values.items()))
    with _protected_lock:
        if key in _PROTECTED:
            _PROTECTED.move_to_end(key)
            return _PROTECTED[key]
    cells = protect(values, lines, threshold=threshold, kinds=kinds)
    with _protected_lock:
        _PROTECTED[key] = cells
        while len(_PROTECTED) > _PROTECTED_SIZE:
            _PROTECTED.popitem(last=False)
    return cells


def _published(cells: dict) -> dict:
    """What the page shows for each protected cell: still to receive is never below 0.

    Protection works on the signed difference (quota less received) and its identity. Publishing 0 for a
    negative one tells a reader less than the number protection assumed they would see (only that the
    quota was reached, not by how much), so whatever was safe with the number is safe with the 0.
    """
    return {
        key: max(0, value) if key[1] == m.STILL_TO_RECEIVE and isinstance(value, int) else value
        for key, value in cells.items()
    }


def _place_values(code: str, stored: dict[tuple[str, str], int], year: int) -> dict[tuple[str, str, str], int]:
    months = months_of(year)
    values = {}
    for measure in PER_ENTITY:
        if measure == m.STILL_TO_RECEIVE:
            continue
        if measure in CURRENT:
            values[(code, measure, m.NOW)] = stored.get((measure, m.NOW), 0)
        elif measure in m.MONTHLY:
            values[(code, measure, str(year))] = sum(stored.get((measure, month), 0) for month in months)
        else:
            values[(code, measure, str(year))] = stored.get((measure, str(year)), 0)
    period = str(year)
    values[(code, m.STILL_TO_RECEIVE, period)] = (
        values[(code, m.QUOTA_PERSONS, period)] - values[(code, m.RECEIVED_PERSONS, period)]
    )
    return values


def _lines(places: list[str], municipalities: list[str], year: int) -> list[Line]:
    """Every sum a reader could add up from the published tables."""
    period = str(year)
    lines = []
    for measure in PER_ENTITY:
        at = m.NOW if measure in CURRENT else period
        lines.append(Line((TOTAL, measure, at), tuple((code, measure, at) for code in municipalities)))
    for place in places:
        lines.append(
            Line(
                (place, m.QUOTA_PERSONS, period),
                ((place, m.RECEIVED_PERSONS, period), (place, m.STILL_TO_RECEIVE, period)),
            )
        )
        lines.append(
            Line((place, m.WAITING_HOUSEHOLDS, m.NOW), tuple((place, bucket, m.NOW) for bucket in m.WAITING_BUCKETS))
        )
        for breakdown in (m.LEASE_MEASURES, m.LANDLORD_MEASURES):
            lines.append(
                Line((place, m.RECEIVED_HOUSEHOLDS, period), tuple((place, part, period) for part in breakdown))
            )
    for measure in TREND_MEASURES:
        quarters = quarters_of(year)
        lines.append(Line((TOTAL, measure, period), tuple((TOTAL, measure, quarter) for quarter in quarters)))
        for quarter in quarters:
            lines.append(
                Line((TOTAL, measure, quarter), tuple((TOTAL, measure, month) for month in months_in(quarter)))
            )
    return lines


def status_of(values, code: str, year: int, today: date, thresholds: Thresholds) -> Status | None:
    """On track, behind or far behind, where that means something; else ``None`` (``status_note`` says why).

    This year: the pace of reception against the quota spread evenly over the year's days, and the persons
    assigned more than two months ago and not received today. A past year: the persons received in it
    against its whole quota; today's overdue assignments are not that year's and do not count. A year not
    begun, or one without a quota, has no status: there is nothing to be on track or behind with.
    """
    period = str(year)
    quota = values[(code, m.QUOTA_PERSONS, period)]
    if year > today.year or quota <= 0:
        return None
    received = values[(code, m.RECEIVED_PERSONS, period)]
    if year < today.year:
        share_of_year, overdue = 1.0, 0
    else:
        share_of_year = (today - date(year, 1, 1)).days / (date(year + 1, 1, 1) - date(year, 1, 1)).days
        overdue = values[(code, m.OVERDUE_PERSONS, m.NOW)]
    expected = quota * share_of_year
    pace = 100.0 if expected <= 0 else 100.0 * received / expected
    if pace < thresholds.far_behind_pace or overdue >= thresholds.far_behind_overdue:
        return Status.FAR_BEHIND
    if pace < thresholds.on_track_pace or overdue > 0:
        return Status.BEHIND
    return Status.ON_TRACK


def status_note(values, code: str, year: int, today: date, *, suspended: bool = False):
    """Why ``status_of`` gives no status, in words; ``None`` when it gives one."""
    if year > today.year:
        return _l("suspended before the year began") if suspended else _l("the year has not begun")
    if values[(code, m.QUOTA_PERSONS, str(year))] <= 0:
        return _l("no quota for %(year)s", year=year)
    return None
