"""An offer of a vacancy to a household, from the suggestion to the household's or the landlord's answer."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hemvist.core.models import TenantModel, enum_column_type
from hemvist.households.models import Household
from hemvist.tenancy.models import utcnow
from hemvist.vacancies.models import Vacancy


class OfferStatus(enum.Enum):
    OPEN = "open"  # made, no answer yet
    VIEWING = "viewing"  # a viewing is booked
    ACCEPTED = "accepted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"  # by the municipality, or because the household accepted another home

    @property
    def label(self):
        return {
            OfferStatus.OPEN: _l("Offer made"),
            OfferStatus.VIEWING: _l("Viewing booked"),
            OfferStatus.ACCEPTED: _l("Offer accepted"),
            OfferStatus.REFUSED: _l("Offer refused"),
            OfferStatus.WITHDRAWN: _l("Offer withdrawn"),
        }[self]

    @property
    def is_open(self) -> bool:
        return self in OPEN_STATUSES


OPEN_STATUSES = (OfferStatus.OPEN, OfferStatus.VIEWING)


class Party(enum.Enum):
    HOUSEHOLD = "household"
    LANDLORD = "landlord"


class RefusalReason(enum.Enum):
    """Why an offer was refused, and so who refused it."""

    TOO_SMALL = "too_small"
    TOO_EXPENSIVE = "too_expensive"
    TOO_FAR = "too_far"
    HOUSEHOLD_OTHER = "household_other"
    LANDLORD_CHOSE_ANOTHER = "landlord_chose_another"
    LANDLORD_WANTS_REFERENCES = "landlord_wants_references"
    LANDLORD_OTHER = "landlord_other"

    @property
    def party(self) -> Party:
        return Party.LANDLORD if self.value.startswith("landlord_") else Party.HOUSEHOLD

    @property
    def label(self):
        return {
            RefusalReason.TOO_SMALL: _l("The household: the home is too small"),
            RefusalReason.TOO_EXPENSIVE: _l("The household: the rent is too high"),
            RefusalReason.TOO_FAR: _l("The household: too far from school, work or transport"),
            RefusalReason.HOUSEHOLD_OTHER: _l("The household: another reason"),
            RefusalReason.LANDLORD_CHOSE_ANOTHER: _l("The landlord: chose another tenant"),
            RefusalReason.LANDLORD_WANTS_REFERENCES: _l("The landlord: wants references or a guarantee"),
            RefusalReason.LANDLORD_OTHER: _l("The landlord: another reason"),
        }[self]


class WithdrawalReason(enum.Enum):
    """Why an offer was withdrawn: the municipality took it back, or accepting another offer ended it."""

    BY_MUNICIPALITY = "by_municipality"
    ACCEPTED_ANOTHER = "accepted_another"  # the household accepted another home
    HOME_TAKEN = "home_taken"  # another household accepted the home

    @property
    def label(self):
        return {
            WithdrawalReason.BY_MUNICIPALITY: _l("withdrawn by the municipality"),
            WithdrawalReason.ACCEPTED_ANOTHER: _l("accepted another home"),
            WithdrawalReason.HOME_TAKEN: _l("the home is taken"),
        }[self]

    @property
    def cause(self):
        """The reason after the status, not saying "withdrawn" again: "by the municipality"."""
        if self is WithdrawalReason.BY_MUNICIPALITY:
            return _l("by the municipality")
        return self.label

    @property
    def status_label(self) -> str:
        """The status once and the reason once, for a page: "Offer withdrawn: by the municipality"."""
        from flask_babel import gettext

        return gettext("%(status)s: %(reason)s", status=OfferStatus.WITHDRAWN.label, reason=self.cause)


class Offer(TenantModel):
    __tablename__ = "offers"
    __table_args__ = (
        # A home is let to one household: two acceptances of one vacancy, even at the same instant, cannot
        # both be stored.
        sa.Index(
            "uq_offers_accepted_vacancy",
            "vacancy_id",
            unique=True,
            sqlite_where=sa.text("status = 'accepted'"),
            postgresql_where=sa.text("status = 'accepted'"),
        ),
        # One open offer of a home to a household at a time.
        sa.Index(
            "uq_offers_open_pair",
            "vacancy_id",
            "household_id",
            unique=True,
            sqlite_where=sa.text("status IN ('open', 'viewing')"),
            postgresql_where=sa.text("status IN ('open', 'viewing')"),
        ),
        sa.Index("ix_offers_household_status", "household_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(sa.ForeignKey("tenant.vacancies.id", ondelete="CASCADE"))
    household_id: Mapped[int] = mapped_column(sa.ForeignKey("tenant.households.id", ondelete="CASCADE"))
    status: Mapped[OfferStatus] = mapped_column(enum_column_type(OfferStatus, "status"), default=OfferStatus.OPEN)
    # The matching's reasons as they stood when the offer was made (rule keys and their numbers, rendered
    # in the reader's language when shown), so that a later change to the home or the household does not
    # rewrite why it was offered.
    reasons: Mapped[list] = mapped_column(sa.JSON, default=list)
    offered_on: Mapped[date] = mapped_column(sa.Date)
    offered_by_id: Mapped[int | None]  # plain id of the shared users table
    viewing_on: Mapped[date | None] = mapped_column(sa.Date)
    answered_on: Mapped[date | None] = mapped_column(sa.Date)
    refusal_reason: Mapped[RefusalReason | None] = mapped_column(enum_column_type(RefusalReason, "refusal_reason"))
    # Kept as a reason rather than a sentence, so that each reader sees it in their own language.
    withdrawal_reason: Mapped[WithdrawalReason | None] = mapped_column(
        enum_column_type(WithdrawalReason, "withdrawal_reason")
    )
    note: Mapped[str] = mapped_column(sa.String(500), default="")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    vacancy: Mapped[Vacancy] = relationship()
    household: Mapped[Household] = relationship()
