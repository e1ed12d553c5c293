"""Reads of the offers: one offer, the list with its status filter, a household's and a home's offers."""

from __future__ import annotations

import enum
from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import joinedload

from hemvist.core.paging import Page, paginate
from hemvist.extensions import db
from hemvist.offers.models import OPEN_STATUSES, Offer, OfferStatus
from hemvist.tenancy.models import Tenant

PER_PAGE = 25


class StatusFilter(enum.Enum):
    """The list's filter: every offer, the open ones (made or viewing booked), or one status."""

    ALL = ""
    OPEN = "open"
    VIEWING = "viewing"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class OfferFilter:
    status: StatusFilter = StatusFilter.ALL


def _open_first():
    return sa.case((Offer.status.in_(OPEN_STATUSES), 0), (Offer.status == OfferStatus.ACCEPTED, 1), else_=2)


def _with_parts(query: sa.Select) -> sa.Select:
    return query.options(joinedload(Offer.vacancy), joinedload(Offer.household))


def get_offer_or_404(tenant: Tenant, offer_id: int) -> Offer:
    """The offer, or 404 (the session is bound to ``tenant``: another municipality's id is simply missing)."""
    offer = db.session.scalar(_with_parts(sa.select(Offer).where(Offer.id == offer_id)))
    if offer is None:
        abort(404)
    return offer


def search_offers(tenant: Tenant, criteria: OfferFilter, *, page: int = 1, per_page: int = PER_PAGE) -> Page[Offer]:
    """The open offers first, then the accepted, then the others; the newest first within each."""
    query = sa.select(Offer)
    if criteria.status is StatusFilter.OPEN:
        query = query.where(Offer.status.in_(OPEN_STATUSES))
    elif criteria.status is not StatusFilter.ALL:
        query = query.where(Offer.status == OfferStatus(criteria.status.value))
    order = (_open_first(), Offer.offered_on.desc(), Offer.id.desc())
    return paginate(_with_parts(query), order, page, per_page)


def offers_of_household(tenant: Tenant, household_id: int) -> list[Offer]:
    query = sa.select(Offer).where(Offer.household_id == household_id)
    return list(db.session.scalars(_with_parts(query).order_by(_open_first(), Offer.id.desc())).unique())


def offers_of_vacancy(tenant: Tenant, vacancy_id: int) -> list[Offer]:
    query = sa.select(Offer).where(Offer.vacancy_id == vacancy_id)
    return list(db.session.scalars(_with_parts(query).order_by(_open_first(), Offer.id.desc())).unique())


def open_offer_ids(tenant: Tenant, vacancy_id: int) -> dict[int, int]:
    """Household id → the id of its open offer of this home (for the suggestions' buttons)."""
    rows = db.session.execute(
        sa.select(Offer.household_id, Offer.id).where(Offer.vacancy_id == vacancy_id, Offer.status.in_(OPEN_STATUSES))
    )
    return dict(rows.all())
