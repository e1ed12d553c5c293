"""Provisioning municipalities: create their storage, migrate it, register them, apply tenants/*.toml."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import current_app

from hemvist.core.signals import tenant_configured
from hemvist.extensions import db
from hemvist.tenancy import migrate, reference
from hemvist.tenancy import sqlite as sqlite_backend
from hemvist.tenancy.binding import bound
from hemvist.tenancy.config_files import TenantFile, validate_slug
from hemvist.tenancy.models import County, Municipality, TenantStatus

log = logging.getLogger("hemvist.tenancy")


class UnknownMunicipality(LookupError):
    pass


class SlugTaken(ValueError):
    pass


def ensure_county(code: str) -> County:
    county = db.session.get(County, code)
    if county is None:
        county = County(code=code, name=reference.counties()[code])
        db.session.add(county)
    return county


def create_tenant(
    code: str,
    *,
    slug: str | None = None,
    active: bool = True,
    default_locale: str = "sv",
    population: int | None = None,
    unit_email: str | None = None,
    persons_per_bedroom: int | None = None,
) -> Municipality:
    """Put a municipality on the service, or bring an existing one up to date; safe to repeat.

    The storage is created and migrated before the municipality is registered, so a failed migration
    never leaves a registered municipality without its tables.
    """
    official = reference.municipalities().get(code)
    if official is None:
        raise UnknownMunicipality(code)
    slug = validate_slug(slug or official.slug)
    holder = db.session.scalar(sa.select(Municipality.code).where(Municipality.slug == slug))
    if holder not in (None, code):
        raise SlugTaken(f"the slug {slug} belongs to municipality {holder} already")
    schema = official.schema_name
    engine = db.engine
    if migrate.is_sqlite(engine):
        sqlite_backend.create_file(current_app.config["TENANT_FILES_DIR"], schema)
    migrate.upgrade_tenants(engine, [schema])

    ensure_county(official.county_code)
    municipality = db.session.scalar(sa.select(Municipality).where(Municipality.code == code))
    if municipality is None:
        municipality = Municipality(code=code, schema_name=schema)
        db.session.add(municipality)
        log.info("municipality %s (%s) put on the service", official.name, code)
    municipality.slug = slug
    municipality.name = official.name
    municipality.county_code = official.county_code
    municipality.status = TenantStatus.ACTIVE if active else TenantStatus.SUSPENDED
    municipality.default_locale = default_locale
    if population is not None:
        municipality.population = population
    if unit_email is not None:
        municipality.unit_email = unit_email
    if persons_per_bedroom is not None:
        municipality.persons_per_bedroom = persons_per_bedroom
    db.session.commit()
    return municipality


def set_status(municipality: Municipality, status: TenantStatus) -> None:
    municipality.status = status
    db.session.commit()


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    not_in_files: list[str] = field(default_factory=list)
    # Lines from the features that applied their part of a file, e.g. ("quota seeded", "varnamo 2017: 120").
    notes: list[tuple[str, str]] = field(default_factory=list)


def sync(tenant_files: list[TenantFile]) -> SyncReport:
    """Apply the configuration files: create or update each municipality, then let features apply theirs."""
    report = SyncReport()
    existing = set(db.session.scalars(sa.select(Municipality.code)))
    for tenant_file in tenant_files:
        municipality = create_tenant(
            tenant_file.code,
            slug=tenant_file.slug,
            active=tenant_file.active,
            default_locale=tenant_file.default_locale,
            population=tenant_file.population,
            unit_email=tenant_file.unit_email,
            persons_per_bedroom=tenant_file.persons_per_bedroom,
        )
        (report.updated if tenant_file.code in existing else report.created).append(municipality.slug)
        tenant = municipality.as_tenant()
        with bound(db.session, tenant.schema):
            tenant_configured.send(tenant_file, tenant=tenant, report=report)
            db.session.commit()
    in_files = {tenant_file.code for tenant_file in tenant_files}
    report.not_in_files = sorted(m.slug for m in db.session.scalars(sa.select(Municipality)) if m.code not in in_files)
    return report


def all_schemas() -> list[str]:
    return list(db.session.scalars(sa.select(Municipality.schema_name).order_by(Municipality.code)))
