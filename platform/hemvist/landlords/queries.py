"""Reads from the landlord registry: one landlord, a search with filters, sorting and pages, counts by stage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm.attributes import set_committed_value

from hemvist.areas.models import Area
from hemvist.core import clock
from hemvist.core.paging import Page, paginate, paginate_in_one_query
from hemvist.dialogue.models import FollowUp
from hemvist.extensions import db
from hemvist.landlords.models import ContactPerson, Landlord, Stage, landlord_areas
from hemvist.landlords.operations import DELETION_GRACE
from hemvist.landlords.validation import number_as_stored
from hemvist.tenancy.models import Tenant

PER_PAGE = 25
# The stages in the order the relationship moves (the enum's order, as on the board), not by stored code.
STAGE_ORDER = sa.case(*((Landlord.stage == stage, position) for position, stage in enumerate(Stage)))
SORTS = {
    "name": (Landlord.name.asc(), Landlord.id.asc()),
    "-name": (Landlord.name.desc(), Landlord.id.desc()),
    "updated": (Landlord.updated_at.asc(), Landlord.id.asc()),
    "-updated": (Landlord.updated_at.desc(), Landlord.id.desc()),
    "stage": (STAGE_ORDER.asc(), Landlord.name.asc(), Landlord.id.asc()),
}
DEFAULT_SORT = "name"


def get_landlord_or_404(tenant: Tenant, landlord_id: int, *, include_deleted: bool = False) -> Landlord:
    """The landlord, or 404; a deleted one only when asked for (to restore it)."""
    landlord = db.session.get(Landlord, landlord_id)
    if landlord is None or (landlord.deleted_at is not None and not include_deleted):
        abort(404)
    return landlord


def find_by_identity_number(tenant: Tenant, number: str | None) -> Landlord | None:
    if not number:
        return None
    return db.session.scalar(sa.select(Landlord).where(Landlord.identity_number == number))


def find_by_name(tenant: Tenant, name: str) -> list[Landlord]:
    """Landlords with this name, whatever its case and spacing: candidates for a duplicate."""
    wanted = " ".join(name.split()).lower()
    return list(
        db.session.scalars(
            sa.select(Landlord).where(sa.func.lower(Landlord.name) == wanted, Landlord.deleted_at.is_(None))
        )
    )


@dataclass(frozen=True)
class LandlordFilter:
    text: str = ""
    stage: Stage | None = None
    owner_id: int | None = None
    area_id: int | None = None
    follow_up_due: bool = False
    deleted: bool = False


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _matching_text(text: str) -> sa.CompoundSelect:
    """The ids of the landlords a search text finds, one branch per searched table.

    A ``UNION`` rather than one ``OR`` over the landlords and two subqueries: each branch can then use its
    table's trigram index (PostgreSQL), where the ``OR`` made the planner read every table whole.
    """
    pattern = _like(text)
    digits = _like(text.replace(" ", "").replace("-", "").lstrip("0"))
    in_landlords = [
        Landlord.name.ilike(pattern, escape="\\"),
        Landlord.identity_number.ilike(pattern, escape="\\"),
        Landlord.city.ilike(pattern, escape="\\"),
    ]
    number = number_as_stored(text)
    if number is not None and number != text:
        in_landlords.append(Landlord.identity_number.ilike(_like(number), escape="\\"))
    return sa.union(
        sa.select(Landlord.id).where(sa.or_(*in_landlords)),
        sa.select(ContactPerson.landlord_id).where(
            sa.or_(
                ContactPerson.name.ilike(pattern, escape="\\"),
                ContactPerson.email.ilike(pattern, escape="\\"),
                ContactPerson.phone.ilike(digits, escape="\\"),
            )
        ),
        sa.select(landlord_areas.c.landlord_id)
        .join(Area, Area.id == landlord_areas.c.area_id)
        .where(Area.name.ilike(pattern, escape="\\")),
    )


def _filtered(criteria: LandlordFilter, today: date | None = None) -> sa.Select:
    query = sa.select(Landlord)
    query = query.where(Landlord.deleted_at.is_not(None) if criteria.deleted else Landlord.deleted_at.is_(None))
    text = " ".join(criteria.text.split())
    if text:
        query = query.where(Landlord.id.in_(_matching_text(text)))
    if criteria.stage is not None:
        query = query.where(Landlord.stage == criteria.stage)
    if criteria.owner_id is not None:
        query = query.where(Landlord.owner_id == criteria.owner_id)
    if criteria.area_id is not None:
        query = query.where(
            Landlord.id.in_(sa.select(landlord_areas.c.landlord_id).where(landlord_areas.c.area_id == criteria.area_id))
        )
    if criteria.follow_up_due:
        due = sa.select(FollowUp.landlord_id).where(
            FollowUp.done_on.is_(None), FollowUp.due_on <= (today or clock.today())
        )
        query = query.where(Landlord.id.in_(due))
    return query


def search_landlords(
    tenant: Tenant, criteria: LandlordFilter, *, sort: str = DEFAULT_SORT, page: int = 1, per_page: int = PER_PAGE
) -> Page[Landlord]:
    order_by = SORTS.get(sort, SORTS[DEFAULT_SORT])
    if criteria.text.strip():
        # A text search is the costly filter: count and page of rows in one statement, not two.
        return paginate_in_one_query(_filtered(criteria), order_by, page, per_page)
    return paginate(_filtered(criteria), order_by, page, per_page)


def stage_counts(tenant: Tenant) -> dict[Stage, int]:
    """How many landlords stand at each stage (deleted ones left out); every stage present."""
    rows = db.session.execute(
        sa.select(Landlord.stage, sa.func.count()).where(Landlord.deleted_at.is_(None)).group_by(Landlord.stage)
    ).all()
    counts = dict.fromkeys(Stage, 0)
    counts.update(dict(rows))
    return counts


def landlords_by_stage(tenant: Tenant, limit_per_stage: int = 50) -> dict[Stage, list[Landlord]]:
    """The board: each stage's landlords by name, at most ``limit_per_stage`` each (the counts say the rest)."""
    board: dict[Stage, list[Landlord]] = {}
    for stage in Stage:
        board[stage] = list(
            db.session.scalars(
                sa.select(Landlord)
                .where(Landlord.stage == stage, Landlord.deleted_at.is_(None))
                .order_by(Landlord.name, Landlord.id)
                .limit(limit_per_stage)
            )
        )
    return board


def list_areas(tenant: Tenant) -> list[Area]:
    return list(db.session.scalars(sa.select(Area).order_by(Area.kind, Area.name)))


def load_areas(tenant: Tenant, landlords: list[Landlord]) -> None:
    """Load the areas of a page of landlords in one query, not one per row as the table is drawn."""
    ids = [landlord.id for landlord in landlords]
    if not ids:
        return
    rows = db.session.execute(
        sa.select(landlord_areas.c.landlord_id, Area)
        .join(Area, Area.id == landlord_areas.c.area_id)
        .where(landlord_areas.c.landlord_id.in_(ids))
        .order_by(Area.name)
    ).all()
    by_landlord: dict[int, list[Area]] = {landlord_id: [] for landlord_id in ids}
    for landlord_id, area in rows:
        by_landlord[landlord_id].append(area)
    for landlord in landlords:
        set_committed_value(landlord, "areas", by_landlord[landlord.id])


def recently_deleted(tenant: Tenant, now: datetime | None = None) -> list[Landlord]:
    """The landlords deleted within the grace period, most recently deleted first: those that can be restored."""
    cutoff = (now or datetime.now(UTC)) - DELETION_GRACE
    return list(
        db.session.scalars(
            sa.select(Landlord)
            .where(Landlord.deleted_at.is_not(None), Landlord.deleted_at >= cutoff)
            .order_by(Landlord.deleted_at.desc(), Landlord.id.desc())
        )
    )
