"""Reads for the administration, from the shared schema only.

Nothing here opens a municipality's own schema: the headline figures come from what each municipality
publishes to the shared schema (``hemvist.statistics``), so the list costs the same with 5 or 290
municipalities on the service.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import joinedload

from hemvist.admin.models import AdminAction
from hemvist.auth.models import Membership, User
from hemvist.auth.queries import users_by_id
from hemvist.core.collation import swedish_order
from hemvist.core.paging import Page, paginate
from hemvist.extensions import db
from hemvist.statistics import measures
from hemvist.statistics.queries import as_of, current_counts
from hemvist.tenancy import reference
from hemvist.tenancy.models import County, Municipality, TenantStatus

USERS_PER_PAGE = 25
LOG_PER_PAGE = 50
# The counts the list of municipalities shows, in this order.
HEADLINE_MEASURES = (measures.LANDLORDS, measures.WAITING_HOUSEHOLDS, measures.VACANCIES_ON_OFFER)


@dataclass(frozen=True)
class MunicipalityRow:
    municipality: Municipality
    counts: dict[str, int]
    as_of: datetime | None


def municipality_rows() -> list[MunicipalityRow]:
    """Every municipality on the service, by county and name, with its published headline counts."""
    municipalities = list_municipalities()
    ids = [m.id for m in municipalities]
    counts, times = current_counts(ids), as_of(ids)
    return [
        MunicipalityRow(
            municipality=m,
            counts={key: counts.get(m.id, {}).get(key, 0) for key in HEADLINE_MEASURES},
            as_of=times.get(m.id),
        )
        for m in municipalities
    ]


def municipality_row(municipality: Municipality) -> MunicipalityRow:
    counts = current_counts([municipality.id]).get(municipality.id, {})
    return MunicipalityRow(
        municipality=municipality,
        counts={key: counts.get(key, 0) for key in HEADLINE_MEASURES},
        as_of=as_of([municipality.id]).get(municipality.id),
    )


def list_municipalities() -> list[Municipality]:
    """Every municipality on the service, by county name and then by name, in Swedish order (å, ä, ö last)."""
    found = db.session.scalars(sa.select(Municipality).options(joinedload(Municipality.county)))
    return sorted(found, key=lambda m: (swedish_order(m.county.name), swedish_order(m.name)))


def get_municipality_or_404(code: str) -> Municipality:
    # Only a code of the official list is looked up: anything else (a NUL byte PostgreSQL would refuse) is 404.
    if code not in reference.municipalities():
        abort(404)
    municipality = db.session.scalar(sa.select(Municipality).where(Municipality.code == code))
    if municipality is None:
        abort(404)
    return municipality


def municipalities_to_enable() -> list[reference.ReferenceMunicipality]:
    """The official municipalities not on the service yet, by county name and name, in Swedish order."""
    on_service = set(db.session.scalars(sa.select(Municipality.code)))
    official = [m for code, m in reference.municipalities().items() if code not in on_service]
    return sorted(official, key=lambda m: (swedish_order(m.county_name), swedish_order(m.name)))


def addresses_in_use() -> set[str]:
    """The addresses (slugs) of the municipalities on the service."""
    return set(db.session.scalars(sa.select(Municipality.slug)))


def counties() -> list[tuple[str, str]]:
    """Every county of the official list as (code, name), by name in Swedish order, also those with no
    municipality on the service."""
    return sorted(reference.counties().items(), key=lambda county: swedish_order(county[1]))


def members_of(municipality: Municipality) -> list[Membership]:
    """Who works in the municipality, by name (shared schema: the memberships, not the workspace)."""
    return list(
        db.session.scalars(
            sa.select(Membership)
            .join(User, User.id == Membership.user_id)
            .where(Membership.municipality_id == municipality.id)
            .order_by(User.name, User.id)
        )
    )


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_users(text: str, page: int) -> Page[User]:
    """Users whose name or e-mail address contains ``text`` (any case), by name, a page at a time."""
    query = sa.select(User)
    if text:
        pattern = _like(text)
        query = query.where(sa.or_(User.name.ilike(pattern, escape="\\"), User.email.ilike(pattern, escape="\\")))
    return paginate(query, (User.name, User.id), page, USERS_PER_PAGE)


def get_user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def get_membership_or_404(user: User, membership_id: int) -> Membership:
    """One of ``user``'s memberships; another user's membership id answers 404, as a missing one does."""
    membership = next((m for m in user.memberships if m.id == membership_id), None)
    if membership is None:
        abort(404)
    return membership


def get_county(code: str) -> County | None:
    return db.session.get(County, code) if code else None


def log_page(page: int) -> Page[AdminAction]:
    return paginate(sa.select(AdminAction), (AdminAction.at.desc(), AdminAction.id.desc()), page, LOG_PER_PAGE)


def actions_about(subject: str, limit: int = 10) -> list[AdminAction]:
    """The latest log rows about one municipality or user, newest first."""
    return list(
        db.session.scalars(
            sa.select(AdminAction)
            .where(AdminAction.subject == subject)
            .order_by(AdminAction.at.desc(), AdminAction.id.desc())
            .limit(limit)
        )
    )


def actors_of(entries: list[AdminAction]) -> dict[int, User]:
    """The administrators who did what ``entries`` record, by id (a deactivated one still has a name)."""
    return users_by_id(entry.actor_id for entry in entries)


def tenant_file(municipality: Municipality) -> str:
    """The municipality as ``tenants/<slug>.toml`` describes it, to be committed where the configuration is
    kept as code (``tenants/README.md``); quotas and areas are added there by hand."""
    # JSON strings are valid TOML basic strings for everything an address or an e-mail address holds.
    lines = [
        f"# {municipality.name} ({municipality.code}), {municipality.county.name}",
        f"code = {json.dumps(municipality.code)}",
        f"slug = {json.dumps(municipality.slug)}",
        f"default_locale = {json.dumps(municipality.default_locale)}",
    ]
    if municipality.population:
        lines.append(f"population = {municipality.population}")
    if municipality.unit_email:
        lines.append(f"unit_email = {json.dumps(municipality.unit_email, ensure_ascii=False)}")
    if municipality.status is not TenantStatus.ACTIVE:
        lines.append(f"status = {json.dumps(municipality.status.value)}")
    return "\n".join(lines) + "\n"
