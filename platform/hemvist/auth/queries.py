"""Reads about users: where a user belongs after logging in."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, lazyload

from hemvist.auth.models import Membership, User
from hemvist.extensions import db
from hemvist.tenancy.models import Tenant, TenantStatus


@dataclass(frozen=True)
class Place:
    """Somewhere a user may work: a municipality's workspace, a county's page, or the administration."""

    kind: str
    label: str
    description: str
    url: str


def places_for(user: User) -> list[Place]:
    places = [
        Place(
            "workspace",
            membership.municipality.name,
            membership.role.label,
            url_for("workspace.home", municipality=membership.municipality.slug),
        )
        for membership in sorted(user.memberships, key=lambda m: m.municipality.name)
        if membership.municipality.status is TenantStatus.ACTIVE
    ]
    places += [
        Place(
            "county",
            membership.county.name,
            _("County administrative board"),
            url_for("county.overview", county_code=membership.county_code),
        )
        for membership in sorted(user.county_memberships, key=lambda m: m.county_code)
    ]
    if user.is_platform_admin:
        places.append(
            Place("admin", _("Platform administration"), _("Municipalities and users"), url_for("admin.index"))
        )
    return places


def has_several_places(user: User) -> bool:
    """Whether ``places_for`` would offer more than one place (the header's "Switch workspace"), without
    building every place's label and address on every page."""
    workspaces = sum(1 for m in user.memberships if m.municipality.status is TenantStatus.ACTIVE)
    return workspaces + len(user.county_memberships) + int(user.is_platform_admin) > 1


def user_with_memberships(user_id: int) -> User | None:
    """The logged-in user with memberships and county memberships, in one query on every request
    (the relationships' own ``selectin`` loading takes three)."""
    return (
        db.session.scalars(
            sa.select(User)
            .where(User.id == user_id)
            .options(joinedload(User.memberships), joinedload(User.county_memberships))
        )
        .unique()
        .first()
    )


def is_member(user: User, tenant: Tenant) -> bool:
    return user.active and user.membership_of(tenant.id) is not None


# Colleagues are shown by name; their own memberships are loaded only if something asks for them, not
# with every list of members (the relationships' default, right for the logged-in user, costs two queries).
ONLY_THE_USER = (lazyload(User.memberships), lazyload(User.county_memberships))


def members_of(tenant: Tenant) -> list[User]:
    """The active users with a role in the municipality, by name: who can be a landlord's named contact."""
    return list(
        db.session.scalars(
            sa.select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.municipality_id == tenant.id, User.active.is_(True))
            .order_by(User.name)
            .options(*ONLY_THE_USER)
        )
    )


def users_by_id(ids) -> dict[int, User]:
    """Users referred to by plain id from a municipality's tables (owners, authors of interactions)."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    users = db.session.scalars(sa.select(User).where(User.id.in_(ids)).options(*ONLY_THE_USER))
    return {user.id: user for user in users}
