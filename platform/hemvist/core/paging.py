"""Pages of a long result: the landlord list, a landlord's timeline."""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from typing import Generic, TypeVar

import sqlalchemy as sa

from hemvist.extensions import db

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))

    @property
    def first_number(self) -> int:
        """The position of the first item on this page, counting from 1 (0 when there are none)."""
        return (self.page - 1) * self.per_page + 1 if self.items else 0

    @property
    def last_number(self) -> int:
        return (self.page - 1) * self.per_page + len(self.items)


def paginate(query: sa.Select, order_by: tuple, page: int, per_page: int) -> Page:
    """One page of ``query``; a page past the last is the last, so an old link still shows something."""
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery()))
    page = max(1, min(page, max(1, ceil(total / per_page))))
    items = db.session.scalars(query.order_by(*order_by).limit(per_page).offset((page - 1) * per_page)).all()
    return Page(items=list(items), total=total, page=page, per_page=per_page)


def paginate_in_one_query(query: sa.Select, order_by: tuple, page: int, per_page: int) -> Page:
    """``paginate`` with the total counted by the same statement (``count(*) OVER ()``).

    For a filter that is costly to evaluate (a text search): ``paginate`` evaluates it twice, for the
    count and for the rows. Not for an unfiltered list, where the page of rows comes from an index in
    order and only the count reads the table. Past the last page it falls back to ``paginate``.
    """
    total = sa.func.count().over().label("hemvist_total")
    rows = db.session.execute(
        query.add_columns(total).order_by(*order_by).limit(per_page).offset((max(1, page) - 1) * per_page)
    ).all()
    if rows:
        return Page(items=[row[0] for row in rows], total=rows[0][-1], page=max(1, page), per_page=per_page)
    if page <= 1:
        return Page(items=[], total=0, page=1, per_page=per_page)
    return paginate(query, order_by, page, per_page)


def page_number(text: str | None) -> int:
    """A page number from the query string; anything else is the first page (paginate clamps it to the last)."""
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else 1


def page_numbers(current: int, last: int, around: int = 2) -> list[int | None]:
    """The page links to offer: the first, the last, a few around the current one; ``None`` for a gap."""
    wanted = {1, last, *range(current - around, current + around + 1)}
    numbers: list[int | None] = []
    for number in sorted(n for n in wanted if 1 <= n <= last):
        if numbers and number - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers
