"""The moving-on report: the candidates now, the moves achieved per year, and the barriers that blocked.

Read from the households and their history (see ``moving_on``): a move is a history entry with a
``moved_on`` date, counted in that date's year with the barriers it carries; a give-up is an entry that
ends a candidacy without one, counted with the barriers it took off the household. Moves and give-ups are
counted as they happened: a household that tried twice counts twice.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime

import sqlalchemy as sa

from hemvist.core import clock
from hemvist.extensions import db
from hemvist.history.models import HistoryEntry
from hemvist.households.models import Barrier, Household
from hemvist.households.moving_on import barriers_of, ordered_barriers
from hemvist.tenancy.models import Tenant


@dataclass(frozen=True)
class Candidate:
    household: Household
    since: date | None  # None: marked before its history said so (not through Hemvist's forms)
    barriers: list[Barrier]


@dataclass(frozen=True)
class MovesInYear:
    year: int
    moves: int
    barriers: dict[Barrier, int]  # how many of that year's movers had met each barrier


@dataclass(frozen=True)
class BarrierCount:
    barrier: Barrier
    candidates: int
    gave_up: int


@dataclass(frozen=True)
class MovingOnReport:
    candidates: list[Candidate]
    years: list[MovesInYear]  # newest first, only years with a move
    blocking: list[BarrierCount]  # every barrier, in the enum's order
    gave_up: int  # candidacies ended without a move


def moves_achieved(tenant: Tenant | None = None) -> list[tuple[date, list[Barrier]]]:
    """Every move achieved: its date and the barriers the household had met on the way.

    Of the municipality the session is bound to (the statistics count it without a ``Tenant`` at hand).
    """
    moves = []
    for entry in moving_on_entries(tenant):
        moved_on = None if _started(entry) else _moved_on(entry)
        if moved_on is not None:
            moves.append((moved_on, ordered_barriers(_after(entry.changes.get("barriers_at_move") or [None, []]))))
    return moves


def moving_on_entries(tenant: Tenant | None = None) -> list[HistoryEntry]:
    """The households' history entries that start or end a candidacy, oldest first."""
    # The text match is only a cheap first sieve (the same on SQLite and PostgreSQL); the key is checked below.
    entries = db.session.scalars(
        sa.select(HistoryEntry)
        .where(
            HistoryEntry.subject_type == Household.__tablename__,
            sa.cast(HistoryEntry.changes, sa.Text).like('%"moving_on"%'),
        )
        .order_by(HistoryEntry.at, HistoryEntry.id)
    )
    return [entry for entry in entries if isinstance((entry.changes or {}).get("moving_on"), list)]


def _started(entry: HistoryEntry) -> bool:
    return entry.changes["moving_on"][-1:] == [True]


def _moved_on(entry: HistoryEntry) -> date | None:
    values = entry.changes.get("moved_on")
    if not isinstance(values, list) or not values or not isinstance(values[-1], str):
        return None
    try:
        return date.fromisoformat(values[-1])
    except ValueError:
        return None


def _day(moment: datetime) -> date:
    return clock.date_in_sweden(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def candidates_since(entries: list[HistoryEntry]) -> dict[int, date]:
    """When each household was last marked as moving on."""
    return {entry.subject_id: _day(entry.at) for entry in entries if _started(entry)}


def since_for(entries: list[HistoryEntry]) -> date | None:
    """When a candidate was last marked, from its own history ``entries`` (in any order)."""
    starts = [
        entry for entry in entries if isinstance((entry.changes or {}).get("moving_on"), list) and _started(entry)
    ]
    return _day(max(starts, key=lambda entry: (entry.at, entry.id)).at) if starts else None


def moving_on_report(tenant: Tenant) -> MovingOnReport:
    entries = moving_on_entries(tenant)
    since = candidates_since(entries)
    households = db.session.scalars(
        sa.select(Household).where(Household.moving_on.is_(True)).order_by(Household.reference)
    )
    candidates = [Candidate(h, since.get(h.id), barriers_of(h)) for h in households]

    moves: Counter[int] = Counter()
    move_barriers: dict[int, Counter[Barrier]] = {}
    gave_up = 0
    gave_up_barriers: Counter[Barrier] = Counter()
    for entry in entries:
        if _started(entry):
            continue
        moved_on = _moved_on(entry)
        if moved_on is not None:
            moves[moved_on.year] += 1
            met = entry.changes.get("barriers_at_move") or [None, []]
            move_barriers.setdefault(moved_on.year, Counter()).update(ordered_barriers(_after(met)))
        else:
            gave_up += 1
            gave_up_barriers.update(ordered_barriers(_before(entry.changes.get("barriers"))))

    among_candidates = Counter(barrier for candidate in candidates for barrier in candidate.barriers)
    return MovingOnReport(
        candidates=candidates,
        years=[
            MovesInYear(year, moves[year], {barrier: move_barriers[year][barrier] for barrier in Barrier})
            for year in sorted(moves, reverse=True)
        ],
        blocking=[BarrierCount(barrier, among_candidates[barrier], gave_up_barriers[barrier]) for barrier in Barrier],
        gave_up=gave_up,
    )


def _before(values) -> list:
    return values[0] if isinstance(values, list) and values and isinstance(values[0], list) else []


def _after(values) -> list:
    return values[-1] if isinstance(values, list) and values and isinstance(values[-1], list) else []
