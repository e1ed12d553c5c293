"""Leases: the forms of lease, and the lease a household lives under, with its transfer when the
municipality holds it first."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from hemvist.core.models import TenantModel, enum_column_type
from hemvist.tenancy.models import utcnow


class LeaseForm(enum.Enum):
    FIRST_HAND_OPEN_ENDED = "first_hand_open_ended"
    FIRST_HAND_TIME_LIMITED = "first_hand_time_limited"
    # The municipality holds the lease and sublets the home to the household (andrahandskontrakt).
    SUBLEASE = "sublease"
    TRANSITIONAL_HOME = "transitional_home"
    LODGER = "lodger"
    OTHER = "other"

    @property
    def label(self):
        return LEASE_FORM_LABELS[self]

    @property
    def is_first_hand(self) -> bool:
        return self in (LeaseForm.FIRST_HAND_OPEN_ENDED, LeaseForm.FIRST_HAND_TIME_LIMITED)


LEASE_FORM_LABELS = {
    LeaseForm.FIRST_HAND_OPEN_ENDED: _l("First-hand lease, open-ended"),
    LeaseForm.FIRST_HAND_TIME_LIMITED: _l("First-hand lease, time-limited"),
    LeaseForm.SUBLEASE: _l("Sublease: the municipality holds the lease"),
    LeaseForm.TRANSITIONAL_HOME: _l("Transitional home"),
    LeaseForm.LODGER: _l("Lodger"),
    LeaseForm.OTHER: _l("Other lease form"),
}


class Lease(TenantModel):
    """The lease a household lives under.

    When the landlord is worried, the municipality holds the lease and sublets to the household
    (``form`` SUBLEASE) with a planned transfer; the transfer ends this lease and starts the household's
    own first-hand lease, which points back here through ``replaces_id``. A subtenant may gain security of
    tenure after two years unless it was waived, so the waiver is recorded.
    """

    __tablename__ = "leases"
    __table_args__ = (
        sa.CheckConstraint("rent IS NULL OR rent >= 0", name="rent_not_negative"),
        sa.CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="dates_in_order"),
        sa.Index("ix_leases_household", "household_id"),
        # The transfer list: leases still held by the municipality, the soonest planned first.
        sa.Index("ix_leases_transfer", "transferred_on", "planned_transfer_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(sa.ForeignKey("tenant.households.id", ondelete="CASCADE"))
    vacancy_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tenant.vacancies.id", ondelete="SET NULL"))
    landlord_id: Mapped[int] = mapped_column(sa.ForeignKey("tenant.landlords.id", ondelete="CASCADE"), index=True)
    offer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tenant.offers.id", ondelete="SET NULL"), unique=True)
    form: Mapped[LeaseForm] = mapped_column(enum_column_type(LeaseForm, "form"))
    starts_on: Mapped[date] = mapped_column(sa.Date)
    ends_on: Mapped[date | None] = mapped_column(sa.Date)
    rent: Mapped[int | None]  # SEK a month
    # A sublease held by the municipality: when the household is to take the lease over, and when it did.
    planned_transfer_on: Mapped[date | None] = mapped_column(sa.Date)
    transferred_on: Mapped[date | None] = mapped_column(sa.Date)
    # Whether the subtenant waived security of tenure (avstående från besittningsskydd); None: not known.
    tenure_waived: Mapped[bool | None]
    # The household's first-hand lease made by a transfer points to the sublease it replaced.
    replaces_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tenant.leases.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None]
    note: Mapped[str] = mapped_column(sa.String(500), default="")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    @property
    def held_by_municipality(self) -> bool:
        return self.form is LeaseForm.SUBLEASE
