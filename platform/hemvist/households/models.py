"""A household the municipality is to receive: how it came, its deadline, its size and what its home needs."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from hemvist.core.models import TenantModel, enum_column_type
from hemvist.landlords.models import LandlordType
from hemvist.leases.models import LeaseForm
from hemvist.tenancy.models import utcnow


class ArrivalRoute(enum.Enum):
    """How the household came to the municipality; self-settled households do not count against the quota."""

    FROM_ACCOMMODATION = "from_accommodation"
    RESETTLED = "resettled"
    TEMPORARY_PROTECTION = "temporary_protection"
    SELF_SETTLED = "self_settled"

    @property
    def label(self):
        return ARRIVAL_ROUTE_LABELS[self]

    @property
    def counts_against_quota(self) -> bool:
        return self is not ArrivalRoute.SELF_SETTLED


ARRIVAL_ROUTE_LABELS = {
    ArrivalRoute.FROM_ACCOMMODATION: _l("Assigned from the Migration Agency's accommodation"),
    ArrivalRoute.RESETTLED: _l("Resettled quota refugee"),
    ArrivalRoute.TEMPORARY_PROTECTION: _l("Assigned under the temporary-protection directive"),
    ArrivalRoute.SELF_SETTLED: _l("Self-settled (not counted against the quota)"),
}


class HouseholdStatus(enum.Enum):
    WAITING = "waiting"
    OFFERED = "offered"
    HOUSED = "housed"
    MOVED_ON = "moved_on"

    @property
    def label(self):
        return HOUSEHOLD_STATUS_LABELS[self]


HOUSEHOLD_STATUS_LABELS = {
    HouseholdStatus.WAITING: _l("Waiting for a home"),
    HouseholdStatus.OFFERED: _l("Offered a home"),
    HouseholdStatus.HOUSED: _l("Housed"),
    HouseholdStatus.MOVED_ON: _l("Moved on"),
}


class Destination(enum.Enum):
    """Places a household must reach from its home, for matching homes against public transport."""

    SCHOOL = "school"
    PRESCHOOL = "preschool"
    LANGUAGE_SCHOOL = "language_school"
    WORK = "work"
    HEALTHCARE = "healthcare"

    @property
    def label(self):
        return {
            Destination.SCHOOL: _l("School"),
            Destination.PRESCHOOL: _l("Preschool"),
            Destination.LANGUAGE_SCHOOL: _l("Swedish for immigrants (sfi)"),
            Destination.WORK: _l("Work or work placement"),
            Destination.HEALTHCARE: _l("Regular healthcare"),
        }[self]


class Barrier(enum.Enum):
    """What stood in the way of a move to a bigger home or another area (the villages' lesson)."""

    CAR = "car"
    LICENCE = "licence"
    TRANSPORT = "transport"
    RENT = "rent"
    DISTANCE = "distance"

    @property
    def label(self):
        return {
            Barrier.CAR: _l("No car"),
            Barrier.LICENCE: _l("No driving licence"),
            Barrier.TRANSPORT: _l("Poor public transport"),
            Barrier.RENT: _l("Rent too high"),
            Barrier.DISTANCE: _l("Too far from work or school"),
        }[self]


class Household(TenantModel):
    """Never a name or an identity number: the assignment reference is how the unit finds the case."""

    __tablename__ = "households"
    __table_args__ = (
        sa.CheckConstraint("adults >= 1 AND adults <= 20", name="adults_in_range"),
        sa.CheckConstraint("affordable_rent IS NULL OR affordable_rent > 0", name="affordable_rent_positive"),
        sa.CheckConstraint(
            "receive_by IS NULL OR assigned_on IS NULL OR receive_by >= assigned_on", name="dates_in_order"
        ),
        sa.Index("ix_households_status_receive_by", "status", "receive_by"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The Migration Agency's reference of the assignment (or the unit's own for a self-settled household).
    reference: Mapped[str] = mapped_column(sa.String(40), unique=True)
    arrival_route: Mapped[ArrivalRoute] = mapped_column(enum_column_type(ArrivalRoute, "arrival_route"))
    # Both empty for a self-settled household, which has no assignment and no deadline.
    assigned_on: Mapped[date | None] = mapped_column(sa.Date, index=True)
    receive_by: Mapped[date | None] = mapped_column(sa.Date)
    received_on: Mapped[date | None] = mapped_column(sa.Date, index=True)
    # How the household is housed at reception, stated when it is marked received: the county board's
    # statistics count received households by lease form and by landlord type. Empty: not stated (yet).
    # Kept here until leases are a feature of their own.
    lease_form: Mapped[LeaseForm | None] = mapped_column(enum_column_type(LeaseForm, "lease_form"))
    landlord_type: Mapped[LandlordType | None] = mapped_column(enum_column_type(LandlordType, "landlord_type"))
    adults: Mapped[int]
    # Each child's age in whole years: the household's composition without a birth date.
    children_ages: Mapped[list] = mapped_column(sa.JSON, default=list)
    languages: Mapped[str] = mapped_column(sa.String(200), default="")
    accessibility_needs: Mapped[str] = mapped_column(sa.String(500), default="")
    step_free_needed: Mapped[bool] = mapped_column(default=False)
    driving_licence: Mapped[bool] = mapped_column(default=False)
    has_car: Mapped[bool] = mapped_column(default=False)
    affordable_rent: Mapped[int | None]  # SEK a month
    destinations: Mapped[list] = mapped_column(sa.JSON, default=list)  # Destination values
    status: Mapped[HouseholdStatus] = mapped_column(
        enum_column_type(HouseholdStatus, "status"), default=HouseholdStatus.WAITING
    )
    coordinator_id: Mapped[int | None] = mapped_column(index=True)
    # After a refused offer the household may rest from offers until this day.
    paused_until: Mapped[date | None] = mapped_column(sa.Date)
    # Moving on (bostadskarriär): a housed household the unit helps to a bigger home or another area.
    moving_on: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    moving_on_wish: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    barriers: Mapped[list] = mapped_column(sa.JSON, default=list, server_default="[]")  # Barrier values met
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    @property
    def persons(self) -> int:
        return self.adults + len(self.children_ages or [])

    @property
    def counts_against_quota(self) -> bool:
        return self.arrival_route.counts_against_quota
