"""The hard rules of ``rules`` in SQL: how many of them a row of the pool fails, for one household or one home.

A ranking of one household against thousands of homes needs the reasons (and the sentences) only for the few
rows a page shows; every other row needs only its verdict. So the database counts, for each row, the hard
rules it fails, and the rankings (``queries``) read in full only the rows that pass and the window of the
others that is shown. The Python rules stay the reference: each expression below says the same as its rule
in ``rules`` (NULL included: a NULL column reads as the rule reads ``None``), and
``tests/matching/test_screening.py`` holds the two to the same verdicts on generated rows, on both backends.

The other side of the pair is one object, so its part of each rule is worked out here in Python, and a rule
that it alone decides (a household not looking, or paused; a home not on offer) is a constant the caller
adds: ``HomeScreen.constant`` and ``HouseholdScreen.constant``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from hemvist.households.models import Household, HouseholdStatus
from hemvist.matching.rules import HouseholdFacts, is_on_offer, norm_capacity
from hemvist.vacancies.models import Vacancy, VacancyStatus

_households = Household.__table__.c
_vacancies = Vacancy.__table__.c
NOTHING_FAILS = sa.literal(0, sa.Integer)


def _fails_if(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
    """1 where ``condition`` holds; 0 where it does not or is NULL (an unknown amount breaks no rule)."""
    return sa.case((condition, 1), else_=0)


def _fails_unless(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
    """1 unless ``condition`` holds: NULL fails, as ``bool(None)`` does in the rules."""
    return sa.case((condition, 0), else_=1)


def _total(terms: list[sa.ColumnElement[int]]) -> sa.ColumnElement[int]:
    if not terms:
        return NOTHING_FAILS
    total = terms[0]
    for term in terms[1:]:
        total = total + term
    return total


class children_count(FunctionElement):
    """How many ages ``children_ages`` (a JSON array) holds; 0 for JSON null or SQL NULL, as the rules'
    ``len(children_ages or ())``."""

    type = sa.Integer()
    inherit_cache = True
    name = "children_count"


@compiles(children_count, "postgresql")
def _children_count_postgresql(element, compiler, **kw):
    column = compiler.process(element.clauses, **kw)
    return f"CASE WHEN json_typeof({column}) = 'array' THEN json_array_length({column}) ELSE 0 END"


@compiles(children_count)
def _children_count_sqlite(element, compiler, **kw):
    # SQLite's json_array_length is 0 for anything but an array, and NULL for NULL.
    return f"coalesce(json_array_length({compiler.process(element.clauses, **kw)}), 0)"


@dataclass(frozen=True)
class Screen:
    """How many hard rules a row fails: ``constant`` for every row, plus ``per_row`` (an SQL expression)."""

    constant: int
    per_row: sa.ColumnElement[int]

    @property
    def passing(self) -> sa.ColumnElement[bool] | None:
        """The condition for a row that fails none; None when every row fails one."""
        return self.per_row == 0 if self.constant == 0 else None

    @property
    def failing(self) -> sa.ColumnElement[bool]:
        return self.per_row > 0 if self.constant == 0 else sa.true()


def homes_screen(facts: HouseholdFacts, today: date, persons_per_bedroom: int) -> Screen:
    """The hard rules for one household (its ``facts``) against each home, on the vacancies' columns."""
    rooms = _vacancies.rooms
    capacity = sa.case((rooms >= 2, (rooms - 1) * persons_per_bedroom + 1), else_=persons_per_bedroom)
    terms = [_fails_if(capacity < facts.persons)]  # room_norm
    if facts.affordable is not None:
        terms.append(_fails_if(_vacancies.rent > facts.affordable))  # rent
    if facts.step_free_needed:
        terms.append(_fails_unless(_vacancies.step_free))  # step_free
    if not (facts.licence and facts.has_car):
        terms.append(_fails_if(_vacancies.needs_car))  # car
    if facts.deadline is not None:
        latest = max(facts.deadline, today)  # a deadline already past asks for a home free today
        terms.append(_fails_if(_vacancies.available_from > latest))  # free_in_time
    terms.append(_fails_unless(_vacancies.status == VacancyStatus.OFFERED))  # on_offer
    return Screen(constant=len(facts.unavailable), per_row=_total(terms))


def households_screen(vacancy, today: date, persons_per_bedroom: int) -> Screen:
    """The hard rules for one home against each household, on the households' columns."""
    persons = _households.adults + children_count(_households.children_ages)
    terms = [_fails_if(persons > norm_capacity(vacancy.rooms, persons_per_bedroom))]  # room_norm
    if vacancy.rent is not None:
        terms.append(_fails_if(_households.affordable_rent < vacancy.rent))  # rent
    if not vacancy.step_free:
        terms.append(_fails_if(_households.step_free_needed))  # step_free
    if vacancy.needs_car:
        terms.append(_fails_unless(sa.and_(_households.driving_licence, _households.has_car)))  # car
    free = vacancy.available_from
    if free is not None and free > today:
        # Late for a deadline that applies and is before the day the home is free (a past one counts as today).
        applies = sa.and_(_households.received_on.is_(None), _households.moving_on.is_not(True))
        terms.append(_fails_if(sa.and_(_households.receive_by < free, applies)))  # free_in_time
    looking = sa.or_(
        _households.status.in_((HouseholdStatus.WAITING, HouseholdStatus.OFFERED)),
        sa.and_(_households.status == HouseholdStatus.HOUSED, _households.moving_on.is_(True)),
    )
    terms.append(_fails_unless(looking))  # looking
    terms.append(_fails_if(_households.paused_until > today))  # paused
    return Screen(constant=0 if is_on_offer(vacancy.status) else 1, per_row=_total(terms))
