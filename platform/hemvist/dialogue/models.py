"""The dialogue with landlords: every interaction, and the follow-ups that keep it going."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hemvist.core.models import TenantModel, enum_column_type
from hemvist.landlords.models import ContactPerson, Landlord
from hemvist.tenancy.models import utcnow


class InteractionKind(enum.Enum):
    PHONE = "phone"
    EMAIL = "email"
    MEETING = "meeting"
    LETTER = "letter"
    EVENT = "event"

    @property
    def label(self):
        return INTERACTION_KIND_LABELS[self]


INTERACTION_KIND_LABELS = {
    InteractionKind.PHONE: _l("Phone call"),
    InteractionKind.EMAIL: _l("E-mail"),
    InteractionKind.MEETING: _l("Meeting in person"),
    InteractionKind.LETTER: _l("Letter"),
    InteractionKind.EVENT: _l("Event"),
}


class Topic(enum.Enum):
    """What landlords and coordinators talk about when a newcomer has no references."""

    REFERENCES_AND_GUARANTEES = "references_guarantees"
    RENT_LEVEL = "rent_level"
    MUNICIPALITY_HOLDS_LEASE = "municipality_holds_lease"
    LEASE_FORM = "lease_form"

    @property
    def label(self):
        return TOPIC_LABELS[self]


TOPIC_LABELS = {
    Topic.REFERENCES_AND_GUARANTEES: _l("References and guarantees"),
    Topic.RENT_LEVEL: _l("Rent level"),
    Topic.MUNICIPALITY_HOLDS_LEASE: _l("The municipality holding the lease"),
    Topic.LEASE_FORM: _l("Form of lease"),
}


class Interaction(TenantModel):
    """One contact with a landlord: a call, an e-mail, a meeting, a letter or an event."""

    __tablename__ = "interactions"
    __table_args__ = (
        sa.CheckConstraint("duration_minutes IS NULL OR duration_minutes >= 0", name="duration_not_negative"),
        sa.Index("ix_interactions_landlord_occurred", "landlord_id", "occurred_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    landlord_id: Mapped[int] = mapped_column(sa.ForeignKey("tenant.landlords.id", ondelete="CASCADE"))
    kind: Mapped[InteractionKind] = mapped_column(enum_column_type(InteractionKind, "kind"))
    occurred_on: Mapped[date] = mapped_column(sa.Date, index=True)
    duration_minutes: Mapped[int | None]
    # Who at the municipality (plain id of the shared users table) and whom at the landlord.
    user_id: Mapped[int] = mapped_column(index=True)
    contact_person_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("tenant.contact_persons.id", ondelete="SET NULL")
    )
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    outcome: Mapped[str] = mapped_column(sa.String(500), default="")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    landlord: Mapped[Landlord] = relationship()
    contact_person: Mapped[ContactPerson | None] = relationship()
    topic_rows: Mapped[list[InteractionTopic]] = relationship(cascade="all, delete-orphan")

    @property
    def topics(self) -> list[Topic]:
        return [row.topic for row in self.topic_rows]


class InteractionTopic(TenantModel):
    __tablename__ = "interaction_topics"

    interaction_id: Mapped[int] = mapped_column(
        sa.ForeignKey("tenant.interactions.id", ondelete="CASCADE"), primary_key=True
    )
    topic: Mapped[Topic] = mapped_column(enum_column_type(Topic, "topic"), primary_key=True)


class FollowUp(TenantModel):
    """The next planned contact with a landlord, and who is to make it."""

    __tablename__ = "follow_ups"
    __table_args__ = (sa.Index("ix_follow_ups_assignee_due", "assigned_to_id", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    landlord_id: Mapped[int] = mapped_column(sa.ForeignKey("tenant.landlords.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[date] = mapped_column(sa.Date, index=True)
    assigned_to_id: Mapped[int]
    note: Mapped[str] = mapped_column(sa.String(500), default="")
    # The interaction at which it was planned, and the one that made it (done).
    planned_in_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tenant.interactions.id", ondelete="SET NULL"))
    done_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    landlord: Mapped[Landlord] = relationship()
