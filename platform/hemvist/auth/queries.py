"""Reads about users: where a user belongs after logging in."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _

from hemvist.auth.models import User
from hemvist.tenancy.models import TenantStatus


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
