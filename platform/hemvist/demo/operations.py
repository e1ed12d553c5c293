"""Demonstration data: made-up people and figures for trying Hemvist out. Only in demo mode.

Idempotent: loading twice leaves the same data. Every person is named "(demo)" and every page shows a demo
banner, so nobody mistakes it for real records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app

from hemvist.admin.demo import load_demo as load_admin_demo
from hemvist.auth import operations as auth
from hemvist.auth.models import Department, Role, User
from hemvist.dialogue.demo import load_demo as load_dialogue
from hemvist.extensions import db
from hemvist.households.demo import load_demo as load_households
from hemvist.landlord_page.demo import load_demo as load_landlord_changes
from hemvist.landlords.demo import load_demo as load_landlords
from hemvist.leases.demo import load_demo as load_leases
from hemvist.offers.demo import load_demo as load_offers
from hemvist.quotas.models import Quota
from hemvist.signup.demo import load_demo as load_signups
from hemvist.tenancy.binding import bound
from hemvist.tenancy.models import County, Municipality, Tenant
from hemvist.vacancies.demo import load_demo as load_vacancies

PASSWORD = "hemvist-demo"


class DemoRefused(RuntimeError):
    pass


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    memberships: tuple[tuple[str, Role], ...] = ()
    counties: tuple[str, ...] = ()
    platform_admin: bool = False
    description: str = ""
    department: Department | None = None
    phone: str = ""


USERS = (
    DemoUser("admin@hemvist.example", "Alva Admin (demo)", platform_admin=True, description="platform admin"),
    DemoUser(
        "samordnare@varnamo.example",
        "Anna Lindqvist (demo)",
        (("varnamo", Role.COORDINATOR),),
        description="Värnamo coordinator",
        department=Department.INTEGRATION_UNIT,
        phone="+46370377001",
    ),
    DemoUser(
        "enhetschef@varnamo.example",
        "Omar Haddad (demo)",
        (("varnamo", Role.UNIT_ADMIN),),
        description="Värnamo unit admin",
        department=Department.SOCIAL_SERVICES,
        phone="+46370377002",
    ),
    DemoUser(
        "samordnare@gislaved.example",
        "Johan Ek (demo)",
        (("gislaved", Role.COORDINATOR),),
        description="Gislaved coordinator",
        department=Department.INTEGRATION_UNIT,
        phone="+46371812001",
    ),
    DemoUser(
        "samordnare@gnosjoregionen.example",
        "Sara Nilsson (demo)",
        (("gnosjo", Role.COORDINATOR), ("vaggeryd", Role.COORDINATOR)),
        description="coordinator in Gnosjö and Vaggeryd",
        department=Department.LABOUR_MARKET_UNIT,
        phone="+46370331001",
    ),
    DemoUser(
        "lansstyrelsen@jonkoping.example",
        "Karin Holm (demo)",
        counties=("06",),
        description="county board, Jönköpings län",
    ),
    DemoUser(
        "lansstyrelsen@kronoberg.example",
        "Erik Sandberg (demo)",
        counties=("07",),
        description="county board, Kronobergs län",
    ),
)

# Made-up quotas for recent years, so that the workspaces have figures to show.
QUOTAS = {
    "varnamo": {2025: 38, 2026: 31},
    "gislaved": {2025: 33, 2026: 27},
    "gnosjo": {2025: 11, 2026: 9},
    "vaggeryd": {2025: 15, 2026: 12},
    "jonkoping": {2025: 112, 2026: 96},
    "ljungby": {2025: 24, 2026: 20},
}


def load() -> list[DemoUser]:
    if not current_app.config["DEMO"]:
        raise DemoRefused("demo data is only loaded in demo mode (HEMVIST_DEMO=true)")
    municipalities = {m.slug: m for m in db.session.scalars(sa.select(Municipality))}
    missing = {slug for user in USERS for slug, _ in user.memberships} - municipalities.keys()
    if missing:
        raise DemoRefused(f"provision the demo municipalities first (flask tenants sync): {sorted(missing)}")

    for demo_user in USERS:
        user = auth.find_user(demo_user.email) or auth.create_user(
            demo_user.email, demo_user.name, PASSWORD, platform_admin=demo_user.platform_admin
        )
        for slug, role in demo_user.memberships:
            auth.grant_membership(user, municipalities[slug], role)
        for code in demo_user.counties:
            auth.grant_county(user, db.session.get(County, code))
        auth.update_profile(user, name=demo_user.name, phone=demo_user.phone, department=demo_user.department)

    users = {demo_user.email: auth.find_user(demo_user.email) for demo_user in USERS}
    # --- platform administration: a pending invitation and a few log lines (shared data, hemvist.admin.demo)
    load_admin_demo(users)
    db.session.commit()
    # Loaded again: the commit expired them, and the municipalities' loaders read them detached.
    users = {demo_user.email: auth.find_user(demo_user.email) for demo_user in USERS}
    # --- end of platform administration
    tenants = [municipality.as_tenant() for municipality in municipalities.values()]
    for tenant in tenants:
        for load_feature in FEATURE_LOADERS:
            with bound(db.session, tenant.schema):
                load_feature(tenant, users)
                db.session.commit()
    return list(USERS)


def load_quotas(tenant: Tenant, users: dict[str, User]) -> None:
    stored = set(db.session.scalars(sa.select(Quota.year)))
    quotas = QUOTAS.get(tenant.slug, {})
    db.session.add_all(Quota(year=year, persons=persons) for year, persons in quotas.items() if year not in stored)


# Each feature's demo content, loaded per municipality with the session bound to it. A loader receives
# the municipality and the demo users by e-mail, must be idempotent, and leaves the commit to the caller.
FEATURE_LOADERS: list[Callable[[Tenant, dict[str, User]], None]] = [
    load_quotas, load_landlords, load_dialogue, load_vacancies, load_signups, load_landlord_changes,
    load_households, load_leases, load_offers,
]  # fmt: skip
