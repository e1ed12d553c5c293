"""The official quota figures of a year: pure functions over the households' dates and sizes.

Nothing here reads the database or the clock: ``queries.figure_rows`` fetches the rows and the caller
says which day it is, so that every figure can be tested against a hand-computed example.

The rules, as the county administrative board counts them:

- Only households that count against the quota count: a self-settled household does not.
- A household is *received* on ``received_on`` and counts in that date's year, whatever year it was
  assigned in (assigned in December, received in January: received in January's year).
- A date in the future is not yet a reception: figures are "as of today".
- *Overdue*: assigned (in any year), not received as of today, and its ``receive_by`` is before today. It is
  today's figure, the same whatever year is asked for: the pages show it with the current year only.
- Persons are the adults and the children of a household.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

MONTHS = tuple(range(1, 13))


@dataclass(frozen=True)
class HouseholdRow:
    """What the figures need of one household."""

    assigned_on: date | None
    receive_by: date | None
    received_on: date | None
    persons: int
    counts_against_quota: bool = True


@dataclass(frozen=True)
class QuotaFigures:
    year: int
    today: date
    quota: int | None  # persons; None when no quota has been entered for the year
    assigned: int
    received: int
    still_to_receive: int | None
    overdue: int
    overdue_households: int
    received_persons_by_month: tuple[int, ...]  # 12 values, January first
    received_households_by_month: tuple[int, ...]
    months_left: int | None  # including the current month; None for a past year
    pace: float | None  # persons a month still needed; None for a past year or without a quota

    @property
    def is_current_year(self) -> bool:
        """The year is today's: "overdue today" is one of its figures (it is not a figure of any other year)."""
        return self.year == self.today.year

    @property
    def year_over(self) -> bool:
        """The year has ended: what is left of its quota was not received in it, rather than still to receive."""
        return self.year < self.today.year

    @property
    def even_pace(self) -> float | None:
        """Persons a month that reach the quota at an even pace over the year."""
        return None if self.quota is None else self.quota / 12

    @property
    def progress_value(self) -> int:
        """Received persons, capped at the quota, for a progress bar whose maximum is the quota."""
        return min(self.received, self.quota or 0)

    @property
    def months(self) -> list[tuple[int, int, int]]:
        """``(month, households, persons)`` received in each month of the year."""
        return list(zip(MONTHS, self.received_households_by_month, self.received_persons_by_month, strict=True))


def received_by(row: HouseholdRow, today: date) -> bool:
    return row.received_on is not None and row.received_on <= today


def is_overdue(row: HouseholdRow, today: date) -> bool:
    return (
        row.counts_against_quota
        and row.assigned_on is not None
        and row.receive_by is not None
        and row.receive_by < today
        and not received_by(row, today)
    )


def months_left(year: int, today: date) -> int | None:
    """Months of ``year`` from today's month on, today's month included; None once the year is over."""
    if year < today.year:
        return None
    if year > today.year:
        return 12
    return 12 - today.month + 1


def official_figures(year: int, today: date, quota: int | None, rows: Iterable[HouseholdRow]) -> QuotaFigures:
    assigned = received = overdue = overdue_households = 0
    persons_by_month = [0] * 12
    households_by_month = [0] * 12
    for row in rows:
        if not row.counts_against_quota:
            continue
        if row.assigned_on is not None and row.assigned_on.year == year:
            assigned += row.persons
        if received_by(row, today) and row.received_on.year == year:
            received += row.persons
            persons_by_month[row.received_on.month - 1] += row.persons
            households_by_month[row.received_on.month - 1] += 1
        if is_overdue(row, today):
            overdue += row.persons
            overdue_households += 1
    still_to_receive = None if quota is None else max(quota - received, 0)
    left = months_left(year, today)
    pace = None if still_to_receive is None or left is None else still_to_receive / left
    return QuotaFigures(
        year=year,
        today=today,
        quota=quota,
        assigned=assigned,
        received=received,
        still_to_receive=still_to_receive,
        overdue=overdue,
        overdue_households=overdue_households,
        received_persons_by_month=tuple(persons_by_month),
        received_households_by_month=tuple(households_by_month),
        months_left=left,
        pace=pace,
    )
