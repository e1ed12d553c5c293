"""A sign-up: what a landlord sent through the public form, kept until the unit has triaged it."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from hemvist.core.models import TenantModel, enum_column_type
from hemvist.landlords.models import LandlordKind
from hemvist.tenancy.models import utcnow


class SignupStatus(enum.Enum):
    NEW = "new"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    SPAM = "spam"

    @property
    def label(self):
        return SIGNUP_STATUS_LABELS[self]


SIGNUP_STATUS_LABELS = {
    SignupStatus.NEW: _l("New"),
    SignupStatus.ACCEPTED: _l("Accepted"),
    SignupStatus.REJECTED: _l("Not taken further"),
    SignupStatus.SPAM: _l("Spam"),
}


class LeaseHolding(enum.Enum):
    """Whether the landlord is open to the municipality holding the lease at first and transferring it later."""

    YES = "yes"
    MAYBE = "maybe"
    NO = "no"

    @property
    def label(self):
        return {
            LeaseHolding.YES: _l("Yes"),
            LeaseHolding.MAYBE: _l("Perhaps, I would like to know more"),
            LeaseHolding.NO: _l("No, I let directly to the tenant"),
        }[self]

    @property
    def note(self):
        """The answer as a sentence for the registry's notes, which outlive the sign-up."""
        return {
            LeaseHolding.YES: _l(
                "In the sign-up, the landlord answered that the municipality may hold the lease at first and "
                "transfer it to the tenant later."
            ),
            LeaseHolding.MAYBE: _l(
                "In the sign-up, the landlord answered that the municipality might hold the lease at first, and "
                "would like to know more."
            ),
            LeaseHolding.NO: _l(
                "In the sign-up, the landlord answered that they let directly to the tenant: the municipality is "
                "not to hold the lease."
            ),
        }[self]


class Signup(TenantModel):
    __tablename__ = "signups"
    __table_args__ = (
        sa.CheckConstraint("flats IS NULL OR flats >= 0", name="flats_not_negative"),
        sa.CheckConstraint("home_rooms IS NULL OR (home_rooms >= 1 AND home_rooms <= 20)", name="home_rooms_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    received_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    status: Mapped[SignupStatus] = mapped_column(
        enum_column_type(SignupStatus, "status"), default=SignupStatus.NEW, index=True
    )
    # The language the landlord filled the form in: their receipt and later e-mails are in it.
    locale: Mapped[str] = mapped_column(sa.String(5))
    kind: Mapped[LandlordKind] = mapped_column(enum_column_type(LandlordKind, "kind"))
    name: Mapped[str] = mapped_column(sa.String(200))
    identity_number: Mapped[str] = mapped_column(sa.String(13), index=True)
    contact_name: Mapped[str] = mapped_column(sa.String(200))
    contact_phone: Mapped[str] = mapped_column(sa.String(20), default="")
    contact_email: Mapped[str] = mapped_column(sa.String(254))
    flats: Mapped[int | None]
    area_ids: Mapped[list] = mapped_column(sa.JSON, default=list)
    lease_holding: Mapped[LeaseHolding] = mapped_column(enum_column_type(LeaseHolding, "lease_holding"))
    message: Mapped[str] = mapped_column(sa.Text, default="")
    # A home free now, if the landlord offered one (home_rooms is set exactly then).
    home_rooms: Mapped[int | None]
    home_rent: Mapped[int | None]
    home_living_area: Mapped[int | None]
    home_available_from: Mapped[date | None] = mapped_column(sa.Date)
    home_street_address: Mapped[str] = mapped_column(sa.String(200), default="")
    home_area_id: Mapped[int | None]
    # When the landlord agreed to how the data is processed (the form cannot be sent without it).
    consent_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    # The registry's landlord: known by the number when the sign-up arrived, or created on acceptance.
    landlord_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("tenant.landlords.id", ondelete="SET NULL"), index=True
    )
    vacancy_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tenant.vacancies.id", ondelete="SET NULL"))
    handled_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    handled_by_id: Mapped[int | None]

    @property
    def offers_home(self) -> bool:
        return self.home_rooms is not None
