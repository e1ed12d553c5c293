"""Quotas seeded from the municipality's configuration file."""

from __future__ import annotations

import sqlalchemy as sa

from hemvist.core.signals import tenant_configured
from hemvist.extensions import db
from hemvist.quotas.models import Quota


def seed_quotas(tenant_file, tenant, report) -> None:
    """Add the years the file has and the database lacks.

    A quota already in the database is kept even when the file says otherwise, because unit admins
    correct quotas in the workspace; the difference is reported so that the file can be brought up to date.
    """
    stored = {quota.year: quota for quota in db.session.scalars(sa.select(Quota))}
    for year, persons in sorted(tenant_file.quotas.items()):
        if year not in stored:
            db.session.add(Quota(year=year, persons=persons))
            report.notes.append(("quota seeded", f"{tenant.slug} {year}: {persons}"))
        elif stored[year].persons != persons:
            report.notes.append(
                ("quota kept", f"{tenant.slug} {year}: {stored[year].persons} kept (file says {persons})")
            )


def connect() -> None:
    tenant_configured.connect(seed_quotas)
