"""Reads for matching: the households a home could go to, the homes a household could get, ranked.

Only the columns the rules read (and the few a page shows) are loaded, with Core selects. The pages' rankings,
``households_for`` and ``vacancies_for``, let the database count the hard rules each row fails
(``screening``): they read the rows that pass, the rows not suggested a window at a time, and build a ``Match``
with its reasons only for a row that is read, so one household against 5 000 homes reads and builds a page's
worth (``bench/matching.py``). ``rank_households`` and ``rank_vacancies`` run every rule in Python on rows
already read (the pair's page, the property tests); the two give the same matches in the same order.

The pools:

- homes: on offer (``VacancyStatus.OFFERED``), of a landlord not deleted;
- households: waiting or offered a home, or housed and moving on. Those paused from offers are in the pool
  and fail the ``paused`` rule, so that a page can say why they are not suggested.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import date

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.households.models import Household, HouseholdStatus
from hemvist.landlords.models import Landlord
from hemvist.matching import screening
from hemvist.matching.rules import (
    Match,
    base_score,
    evaluate,
    household_facts,
    norm_capacity,
    pair_score,
    rank_homes_for,
    rank_households_for,
    score,
    spare_places,
    transport_weight,
    waiting_days_of,
)
from hemvist.tenancy.binding import bound_schema
from hemvist.tenancy.models import Tenant
from hemvist.vacancies.models import Vacancy, VacancyStatus

log = logging.getLogger("hemvist.matching")

# The matches not suggested are read from the database this many at a time (a page shows as many).
WINDOW = 50

_households = Household.__table__.c
_vacancies = Vacancy.__table__.c
_landlords = Landlord.__table__.c

# What the rules read of a household, and its reference for the pages.
HOUSEHOLD_COLUMNS = (
    _households.id,
    _households.reference,
    _households.status,
    _households.moving_on,
    _households.adults,
    _households.children_ages,
    _households.affordable_rent,
    _households.step_free_needed,
    # Whether other needs are described, not the description: it is not needed here.
    (_households.accessibility_needs != "").label("accessibility_needs"),
    _households.driving_licence,
    _households.has_car,
    _households.assigned_on,
    _households.receive_by,
    _households.received_on,
    _households.paused_until,
)
# What the rules read of a home, and what a page shows of it.
VACANCY_COLUMNS = (
    _vacancies.id,
    _vacancies.status,
    _vacancies.street_address,
    _vacancies.rooms,
    _vacancies.rent,
    _vacancies.available_from,
    _vacancies.step_free,
    _vacancies.needs_car,
    _vacancies.stop_distance,
    _vacancies.weekday_departures,
)


def household_pool_query() -> sa.Select:
    looking = sa.or_(
        _households.status.in_((HouseholdStatus.WAITING, HouseholdStatus.OFFERED)),
        sa.and_(_households.status == HouseholdStatus.HOUSED, _households.moving_on.is_(True)),
    )
    return sa.select(*HOUSEHOLD_COLUMNS).where(looking)


def vacancy_pool_query() -> sa.Select:
    deleted_landlord = sa.exists().where(_landlords.id == _vacancies.landlord_id, _landlords.deleted_at.is_not(None))
    return sa.select(*VACANCY_COLUMNS).where(_vacancies.status == VacancyStatus.OFFERED, ~deleted_landlord)


def household_pool(tenant: Tenant) -> list:
    """The households a home could go to, as light rows (attribute access, like the model's)."""
    return db.session.execute(household_pool_query()).all()


def vacancy_pool(tenant: Tenant) -> list:
    """The homes on offer, as light rows."""
    return db.session.execute(vacancy_pool_query()).all()


def household_row(tenant: Tenant, reference: str):
    """The light row of the household with this reference (in any state), or None."""
    return db.session.execute(sa.select(*HOUSEHOLD_COLUMNS).where(_households.reference == reference)).first()


def rank_households(tenant: Tenant, vacancy, households: Iterable, today: date) -> tuple[list[Match], list[Match]]:
    """Every rule, in Python, for the home against each of ``households`` (rows or objects already read)."""
    return rank_households_for(vacancy, households, today, tenant.persons_per_bedroom)


def rank_vacancies(tenant: Tenant, household, vacancies: Iterable, today: date) -> tuple[list[Match], list[Match]]:
    """Every rule, in Python, for the household against each of ``vacancies`` (rows or objects already read)."""
    return rank_homes_for(household, vacancies, today, tenant.persons_per_bedroom)


# What scores a household for a home: the suggestions are read in full only for the window a page shows.
_HOUSEHOLD_SCORE_COLUMNS = (
    _households.id,
    (_households.adults + screening.children_count(_households.children_ages)).label("persons"),
    _households.has_car,
    _households.assigned_on,
    # A household moving on has no waiting time and ranks after those looking for a first home.
    _households.moving_on,
    # The deadline that applies: not to a household received, nor to one moving on from its home.
    sa.case(
        (sa.and_(_households.received_on.is_(None), _households.moving_on.is_not(True)), _households.receive_by)
    ).label("deadline"),
)


def households_for(tenant: Tenant, vacancy, today: date) -> tuple[Ranking, Ranking]:
    """The households for a home: (suggested, best first; not suggested, fewest failing rules first).

    The same matches, in the same order, as ``rank_households`` gives on the whole pool; see ``Ranking``.
    """
    norm = tenant.persons_per_bedroom
    screen = screening.households_screen(vacancy, today, norm)
    capacity = norm_capacity(vacancy.rooms, norm)
    stop_distance, departures = vacancy.stop_distance, vacancy.weekday_departures

    def scored(rows) -> list[tuple[float, int, None]]:
        # As household_facts and spare_places have it, from the few columns that score a household.
        keyed = []
        for id, persons, has_car, assigned_on, moving_on, deadline in rows:
            moving_on = bool(moving_on)
            days_left = (deadline - today).days if deadline is not None else None
            value = pair_score(
                base_score(days_left, waiting_days_of(assigned_on, moving_on, today), moving_on),
                transport_weight(bool(has_car)),
                max(0, capacity - persons),
                stop_distance,
                departures,
            )
            keyed.append((-value, id, None))
        return keyed

    def build(row) -> Match:
        return evaluate(household_facts(row, today), vacancy, today, norm)

    suggested, rest = _rankings(household_pool_query(), _HOUSEHOLD_SCORE_COLUMNS, screen, scored, build)
    log.debug("vacancy %s: %s households suggested, %s not", vacancy.id, len(suggested), len(rest))
    return suggested, rest


# What scores a home for a household: the suggestions are read in full only for the window a page shows.
_HOME_SCORE_COLUMNS = (_vacancies.id, _vacancies.rooms, _vacancies.stop_distance, _vacancies.weekday_departures)


def vacancies_for(tenant: Tenant, household, today: date) -> tuple[Ranking, Ranking]:
    """The homes for a household: (suggested, best first; not suggested, fewest failing rules first).

    The same matches, in the same order, as ``rank_vacancies`` gives on the whole pool; see ``Ranking``.
    """
    norm = tenant.persons_per_bedroom
    facts = household_facts(household, today)
    screen = screening.homes_screen(facts, today, norm)

    def scored(rows) -> list[tuple[float, int, None]]:
        spares = {}  # by rooms: a municipality's homes come in a few sizes
        keyed = []
        for id, rooms, stop_distance, departures in rows:
            spare = spares.get(rooms)
            if spare is None:
                spare = spares[rooms] = spare_places(facts, rooms, norm)
            keyed.append((-score(facts, spare, stop_distance, departures), id, None))
        return keyed

    def build(row) -> Match:
        return evaluate(facts, row, today, norm)

    suggested, rest = _rankings(vacancy_pool_query(), _HOME_SCORE_COLUMNS, screen, scored, build)
    log.debug("household %s: %s homes suggested, %s not", household.id, len(suggested), len(rest))
    return suggested, rest


def _rankings(
    pool: sa.Select, score_columns: tuple, screen: screening.Screen, scored, build
) -> tuple[Ranking, Ranking]:
    """Rank the rows of ``pool`` that pass every hard rule, count the others and read their first window.

    The suggestions are ordered in Python, by the very ``score`` the rules give a pair, and then by id, as
    ``rules.rank`` orders them: ``scored(rows)`` gives each row of ``score_columns`` its ``(-score, id, row)``
    (the row None when those columns are not the whole row, read later). Those not suggested are ordered in
    SQL by the number of hard rules they fail, then by id: ``rules.rank``'s order too.
    """
    pool_id = pool.selected_columns.id
    schema = bound_schema(db.session)

    def read(query: sa.Select) -> list:
        if bound_schema(db.session) != schema:
            # The same ids in another municipality are other households and homes: never read them.
            raise RuntimeError("a ranking is read in the session of the municipality it was made for")
        return db.session.execute(query).all()

    ranked = []
    if screen.passing is not None:
        ranked = sorted(scored(read(pool.with_only_columns(*score_columns).where(screen.passing))))
    if all(entry[2] is not None for entry in ranked):
        suggested = Ranking([entry[2] for entry in ranked], build)
    else:
        order = [entry[1] for entry in ranked]

        def load_suggested(start: int, stop: int) -> list:
            ids = order[start:stop]
            found = {row.id: row for row in read(pool.where(pool_id.in_(ids)))}
            return [found.get(id) for id in ids]

        suggested = Ranking([], build, total=len(order), load=load_suggested)

    others = (
        pool.add_columns(sa.func.count().over().label("others_total"))
        .where(screen.failing)
        .order_by(screen.per_row, pool_id)
    )

    def load_others(start: int, stop: int) -> list:
        return read(others.offset(start).limit(stop - start))

    first = load_others(0, WINDOW)
    return suggested, Ranking(first, build, total=first[0].others_total if first else 0, load=load_others)


class Ranking(Sequence[Match]):
    """Matches in rank order, each built with its reasons only when it is read.

    A page shows fifty matches of thousands. A ranking holds its rows in rank order, or the first of them
    and ``load(start, stop)`` for the others, which reads them when they are asked for (in the session as
    it is then bound: the same municipality's); a ``Match`` is made from a row when its position is read.
    A row that has left the pool since it was ranked (a home let meanwhile) is left out, and the ranking
    closes up. It compares equal to a list of the same matches. ``rows`` holds the rows read so far, by id,
    with what a page shows of a household or a home.
    """

    __hash__ = None  # what it has read changes, and it is equal to lists

    def __init__(self, rows: list, build, *, total: int | None = None, load=None):
        self._total = len(rows) if total is None else total
        self._rows: list = list(rows[: self._total]) + [None] * (self._total - len(rows))
        self._build = build
        self._load = load
        self._matches: dict[int, Match] = {}

    def __len__(self) -> int:
        return self._total

    def __getitem__(self, index):
        if isinstance(index, slice):
            positions = range(*index.indices(self._total))
            if positions:
                self._read(min(positions), max(positions) + 1)
            matches = []
            for position in positions:
                if position >= self._total:
                    break  # the ranking closed up
                matches.append(self._match(position))
            return matches
        position = index + self._total if index < 0 else index
        if not 0 <= position < self._total:
            raise IndexError("ranking index out of range")
        return self._match(position)

    def __eq__(self, other) -> bool:
        if isinstance(other, Ranking | list | tuple):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"<Ranking of {self._total} matches>"

    @property
    def rows(self) -> dict:
        return {row.id: row for row in self._rows if row is not None}

    def _read(self, start: int, stop: int) -> None:
        if all(row is not None for row in self._rows[start:stop]):
            return
        loaded = list(self._load(start, stop))
        loaded += [None] * (stop - start - len(loaded))  # a short window: the pool shrank since it was counted
        if None in loaded:
            loaded = [row for row in loaded if row is not None]
            self._matches = {at: match for at, match in self._matches.items() if at < start}
        self._rows[start:stop] = loaded
        self._total = len(self._rows)

    def _match(self, position: int) -> Match:
        match = self._matches.get(position)
        if match is None:
            if self._rows[position] is None:
                self._read(position - position % WINDOW, min(self._total, position - position % WINDOW + WINDOW))
                if position >= self._total:
                    raise IndexError("ranking index out of range")
            match = self._matches[position] = self._build(self._rows[position])
        return match
