"""The platform's register of municipalities (tenants) and counties, kept in the shared schema."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hemvist.core.models import Base, enum_column_type


def utcnow() -> datetime:
    return datetime.now(UTC)


class TenantStatus(enum.Enum):
    ACTIVE = "active"
    SUSPENDED = "suspended"


class County(Base):
    """A county (län); its administrative board follows the municipalities in it."""

    __tablename__ = "counties"

    code: Mapped[str] = mapped_column(sa.String(2), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))

    municipalities: Mapped[list[Municipality]] = relationship(back_populates="county", order_by="Municipality.name")


class Municipality(Base):
    """A municipality on the service: one tenant, whose own data lives in the schema ``schema_name``."""

    __tablename__ = "municipalities"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(4), unique=True)
    slug: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    county_code: Mapped[str] = mapped_column(sa.ForeignKey("counties.code"), index=True)
    schema_name: Mapped[str] = mapped_column(sa.String(20), unique=True)
    status: Mapped[TenantStatus] = mapped_column(enum_column_type(TenantStatus, "status"), default=TenantStatus.ACTIVE)
    default_locale: Mapped[str] = mapped_column(sa.String(5), default="sv")
    population: Mapped[int | None]
    # The integration unit's shared mailbox: told of each landlord sign-up. Empty: the unit admins are told.
    unit_email: Mapped[str] = mapped_column(sa.String(254), default="", server_default="")
    # The overcrowding norm matching keeps to: at most this many persons per bedroom, plus a living room.
    persons_per_bedroom: Mapped[int] = mapped_column(default=2, server_default="2")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    county: Mapped[County] = relationship(back_populates="municipalities")

    def as_tenant(self) -> Tenant:
        return Tenant.of(self)


@dataclass(frozen=True)
class Tenant:
    """The municipality a request or a job works for.

    An immutable value rather than a session-bound row, so that it can be handed to operations, jobs and
    templates without dragging a database session (and its tenant binding) along.
    """

    id: int
    code: str
    slug: str
    name: str
    county_code: str
    schema: str
    active: bool
    default_locale: str
    unit_email: str = ""
    persons_per_bedroom: int = 2

    @classmethod
    def of(cls, record) -> Tenant:
        """The tenant of a ``Municipality`` or of a row read from its table."""
        return cls(
            id=record.id,
            code=record.code,
            slug=record.slug,
            name=record.name,
            county_code=record.county_code,
            schema=record.schema_name,
            active=record.status is TenantStatus.ACTIVE,
            default_locale=record.default_locale,
            unit_email=record.unit_email,
            persons_per_bedroom=record.persons_per_bedroom,
        )
