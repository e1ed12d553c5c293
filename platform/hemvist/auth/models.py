"""People who use Hemvist and what they may reach: municipalities, county pages, the administration."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hemvist.core.models import Base, enum_column_type
from hemvist.tenancy.models import County, Municipality, utcnow


class Role(enum.Enum):
    """What a member may do in a municipality's workspace."""

    COORDINATOR = "coordinator"
    UNIT_ADMIN = "unit_admin"
    READ_ONLY = "read_only"

    @property
    def label(self):
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.COORDINATOR: _l("Coordinator"),
    Role.UNIT_ADMIN: _l("Unit administrator"),
    Role.READ_ONLY: _l("Read only"),
}


class Department(enum.Enum):
    """Where in the municipality a user works, so that colleagues see who else approaches a landlord."""

    INTEGRATION_UNIT = "integration_unit"
    SOCIAL_SERVICES = "social_services"
    LABOUR_MARKET_UNIT = "labour_market_unit"
    HOUSING = "housing"
    OTHER = "other"

    @property
    def label(self):
        return DEPARTMENT_LABELS[self]


DEPARTMENT_LABELS = {
    Department.INTEGRATION_UNIT: _l("Integration unit"),
    Department.SOCIAL_SERVICES: _l("Social services"),
    Department.LABOUR_MARKET_UNIT: _l("Labour market unit"),
    Department.HOUSING: _l("Housing and planning"),
    Department.OTHER: _l("Other department"),
}


class ReminderFrequency(enum.Enum):
    """How often a user wants the e-mail of due follow-ups and lease reminders."""

    DAILY = "daily"
    WEEKLY = "weekly"  # Mondays
    NEVER = "never"

    @property
    def label(self):
        return {
            ReminderFrequency.DAILY: _l("Every working day"),
            ReminderFrequency.WEEKLY: _l("On Mondays"),
            ReminderFrequency.NEVER: _l("Never"),
        }[self]


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    password_hash: Mapped[str | None] = mapped_column(sa.String(200))
    locale: Mapped[str | None] = mapped_column(sa.String(5))
    phone: Mapped[str] = mapped_column(sa.String(20), default="", server_default="")
    department: Mapped[Department | None] = mapped_column(enum_column_type(Department, "department"))
    is_platform_admin: Mapped[bool] = mapped_column(default=False)
    reminders: Mapped[ReminderFrequency] = mapped_column(
        enum_column_type(ReminderFrequency, "reminders"), default=ReminderFrequency.DAILY, server_default="daily"
    )
    # Users are deactivated, never deleted: tenant rows refer to them by id.
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    # Loaded with the user (every request needs them for access checks and the header), not one by one.
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )
    county_memberships: Mapped[list[CountyMembership]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def is_active(self) -> bool:
        return self.active

    def membership_of(self, municipality_id: int) -> Membership | None:
        return next((m for m in self.memberships if m.municipality_id == municipality_id), None)

    def can_view_county(self, county_code: str) -> bool:
        return self.is_platform_admin or any(c.county_code == county_code for c in self.county_memberships)


class Membership(Base):
    """A user's role in one municipality's workspace."""

    __tablename__ = "memberships"
    __table_args__ = (sa.UniqueConstraint("user_id", "municipality_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(enum_column_type(Role, "role"))

    user: Mapped[User] = relationship(back_populates="memberships")
    municipality: Mapped[Municipality] = relationship(lazy="joined")


class CountyMembership(Base):
    """A county administrative board's viewer: aggregated figures of the county, never a person."""

    __tablename__ = "county_memberships"
    __table_args__ = (sa.UniqueConstraint("user_id", "county_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    county_code: Mapped[str] = mapped_column(sa.ForeignKey("counties.code"), index=True)

    user: Mapped[User] = relationship(back_populates="county_memberships")
    county: Mapped[County] = relationship(lazy="joined")
