"""A vacancy is a home a landlord offers; it moves from offered to let or withdrawn."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hemvist.areas.models import Area
from hemvist.core.models import TenantModel, enum_column_type
from hemvist.leases.models import LeaseForm
from hemvist.tenancy.models import utcnow


class VacancyStatus(enum.Enum):
    OFFERED = "offered"
    RESERVED = "reserved"
    LET = "let"
    WITHDRAWN = "withdrawn"

    @property
    def label(self):
        return VACANCY_STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        return self in (VacancyStatus.OFFERED, VacancyStatus.RESERVED)


VACANCY_STATUS_LABELS = {
    VacancyStatus.OFFERED: _l("On offer"),
    VacancyStatus.RESERVED: _l("Reserved"),
    VacancyStatus.LET: _l("Let out"),
    VacancyStatus.WITHDRAWN: _l("Withdrawn"),
}


class OfferedVia(enum.Enum):
    """Through which door the home reached the municipality."""

    STAFF = "staff"
    SIGNUP = "signup"
    LANDLORD_PAGE = "landlord_page"

    @property
    def label(self):
        return {
            OfferedVia.STAFF: _l("Registered by the municipality"),
            OfferedVia.SIGNUP: _l("Offered in the landlord's sign-up"),
            OfferedVia.LANDLORD_PAGE: _l("Offered by the landlord on their page"),
        }[self]


class Vacancy(TenantModel):
    __tablename__ = "vacancies"
    __table_args__ = (
        sa.CheckConstraint("rooms >= 1 AND rooms <= 20", name="rooms_in_range"),
        sa.CheckConstraint("rent IS NULL OR rent >= 0", name="rent_not_negative"),
        sa.CheckConstraint("living_area IS NULL OR living_area > 0", name="living_area_positive"),
        sa.CheckConstraint("stop_distance IS NULL OR stop_distance >= 0", name="stop_distance_not_negative"),
        sa.CheckConstraint("weekday_departures IS NULL OR weekday_departures >= 0", name="departures_not_negative"),
        sa.Index("ix_vacancies_landlord_status", "landlord_id", "status"),
        # The register's default order (soonest free first; no date last) read from the index, and the same
        # order within one status (the overview's homes on offer, the register filtered by status).
        sa.Index("ix_vacancies_available", "available_from", "id"),
        sa.Index("ix_vacancies_status_available", "status", "available_from", "id"),
        # The stale homes: open ones confirmed before a moment, the longest unconfirmed first.
        sa.Index("ix_vacancies_status_confirmed", "status", "confirmed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    landlord_id: Mapped[int] = mapped_column(sa.ForeignKey("tenant.landlords.id", ondelete="CASCADE"))
    street_address: Mapped[str] = mapped_column(sa.String(200), default="")
    area_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tenant.areas.id", ondelete="SET NULL"), index=True)
    # Rooms including the living room, as Swedish listings count them ("3 rok" is 3).
    rooms: Mapped[int]
    living_area: Mapped[int | None]  # m²
    rent: Mapped[int | None]  # SEK a month
    available_from: Mapped[date | None] = mapped_column(sa.Date)
    floor: Mapped[int | None]  # 0 is the ground floor
    lift: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    step_free: Mapped[bool] = mapped_column(
        default=False, server_default=sa.false()
    )  # no steps from the street to the door and inside
    lease_form: Mapped[LeaseForm | None] = mapped_column(enum_column_type(LeaseForm, "lease_form"))
    # For a sublease: whether the household may take the lease over from the municipality later.
    takeover_possible: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Public transport: metres to the nearest stop and departures from it on a weekday.
    stop_distance: Mapped[int | None]
    weekday_departures: Mapped[int | None]
    # In practice a car is needed to live there (the villages' lesson): matched only to households with one.
    needs_car: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # When someone last confirmed that the home is still free; long ago means the list may be lying.
    confirmed_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    status: Mapped[VacancyStatus] = mapped_column(
        enum_column_type(VacancyStatus, "status"), default=VacancyStatus.OFFERED
    )
    offered_via: Mapped[OfferedVia] = mapped_column(enum_column_type(OfferedVia, "offered_via"))
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    area: Mapped[Area | None] = relationship(lazy="joined")
