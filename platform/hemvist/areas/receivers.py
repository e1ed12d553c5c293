"""Areas seeded from the municipality's configuration file ([[areas]] in tenants/*.toml)."""

from __future__ import annotations

import sqlalchemy as sa

from hemvist.areas.models import Area, AreaKind
from hemvist.core.signals import tenant_configured
from hemvist.extensions import db


def seed_areas(tenant_file, tenant, report) -> None:
    """Add the areas the file names and the database lacks; an area's kind follows the file."""
    stored = {area.name: area for area in db.session.scalars(sa.select(Area))}
    for name, kind in tenant_file.areas:
        area = stored.get(name)
        if area is None:
            db.session.add(Area(name=name, kind=AreaKind(kind)))
            report.notes.append(("area added", f"{tenant.slug}: {name}"))
        elif area.kind.value != kind:
            area.kind = AreaKind(kind)
            report.notes.append(("area changed", f"{tenant.slug}: {name} is now {kind}"))


def connect() -> None:
    tenant_configured.connect(seed_areas)
