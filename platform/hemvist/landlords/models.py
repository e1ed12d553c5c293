"""The landlord registry: landlords, their contact persons, the areas they own homes in, their stage."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hemvist.areas.models import Area
from hemvist.core.models import TenantModel, enum_column_type, trigram_index
from hemvist.tenancy.models import utcnow


class LandlordKind(enum.Enum):
    COMPANY = "company"
    PRIVATE_PERSON = "private_person"

    @property
    def label(self):
        return {LandlordKind.COMPANY: _l("Company"), LandlordKind.PRIVATE_PERSON: _l("Private person")}[self]


class LandlordType(enum.Enum):
    """The kinds of landlord the county boards' statistics count homes by."""

    MUNICIPAL_HOUSING_COMPANY = "municipal_housing_company"
    PRIVATE_COMPANY = "private_company"
    PRIVATE_PERSON = "private_person"
    MUNICIPALITY = "municipality"

    @property
    def label(self):
        return {
            LandlordType.MUNICIPAL_HOUSING_COMPANY: _l("Municipal housing company"),
            LandlordType.PRIVATE_COMPANY: _l("Private company"),
            LandlordType.PRIVATE_PERSON: _l("Private person"),
            LandlordType.MUNICIPALITY: _l("The municipality itself"),
        }[self]

    @classmethod
    def default_for(cls, kind: LandlordKind) -> LandlordType:
        return cls.PRIVATE_PERSON if kind is LandlordKind.PRIVATE_PERSON else cls.PRIVATE_COMPANY


class Source(enum.Enum):
    """How the municipality found the landlord."""

    OUTREACH = "outreach"
    RECOMMENDATION = "recommendation"
    SELF_REGISTERED = "self_registered"
    OTHER = "other"

    @property
    def label(self):
        return SOURCE_LABELS[self]


SOURCE_LABELS = {
    Source.OUTREACH: _l("Our outreach"),
    Source.RECOMMENDATION: _l("Recommendation"),
    Source.SELF_REGISTERED: _l("Registered themselves"),
    Source.OTHER: _l("Other"),
}


class Stage(enum.Enum):
    """Where the relationship with the landlord stands, in the order it usually moves."""

    NEW = "new"
    CONTACTED = "contacted"
    MET = "met"
    INTERESTED = "interested"
    PARTNER = "partner"
    PAUSED = "paused"
    DECLINED = "declined"

    @property
    def label(self):
        return STAGE_LABELS[self]

    @property
    def needs_reason(self) -> bool:
        return self in (Stage.PAUSED, Stage.DECLINED)


STAGE_LABELS = {
    Stage.NEW: _l("New"),
    Stage.CONTACTED: _l("Contacted"),
    Stage.MET: _l("Met"),
    Stage.INTERESTED: _l("Interested"),
    Stage.PARTNER: _l("Partner"),
    Stage.PAUSED: _l("Paused"),
    Stage.DECLINED: _l("Declined"),
}


landlord_areas = sa.Table(
    "landlord_areas",
    TenantModel.metadata,
    sa.Column("landlord_id", sa.ForeignKey("tenant.landlords.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("area_id", sa.ForeignKey("tenant.areas.id", ondelete="CASCADE"), primary_key=True, index=True),
    schema="tenant",
)


class Landlord(TenantModel):
    __tablename__ = "landlords"
    __table_args__ = (
        sa.CheckConstraint("flats IS NULL OR flats >= 0", name="flats_not_negative"),
        sa.Index("ix_landlords_stage_owner", "stage", "owner_id"),
        # The registry's search (``ILIKE '%…%'`` over these columns); PostgreSQL only.
        trigram_index("ix_landlords_search", "name", "identity_number", "city"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[LandlordKind] = mapped_column(enum_column_type(LandlordKind, "kind"))
    landlord_type: Mapped[LandlordType] = mapped_column(
        enum_column_type(LandlordType, "landlord_type"),
        default=LandlordType.PRIVATE_COMPANY,
        server_default=LandlordType.PRIVATE_COMPANY.value,
    )
    name: Mapped[str] = mapped_column(sa.String(200), index=True)
    # Organisation number (company) or personal identity number (private person), in the canonical
    # form python-stdnum formats (NNNNNN-NNNN / YYMMDD-NNNN); unique, so a sign-up finds its landlord.
    identity_number: Mapped[str | None] = mapped_column(sa.String(13), unique=True)
    street_address: Mapped[str] = mapped_column(sa.String(200), default="")
    postal_code: Mapped[str] = mapped_column(sa.String(6), default="")
    city: Mapped[str] = mapped_column(sa.String(100), default="")
    flats: Mapped[int | None]
    older_stock: Mapped[bool] = mapped_column(default=False)
    source: Mapped[Source] = mapped_column(enum_column_type(Source, "source"), default=Source.OUTREACH)
    stage: Mapped[Stage] = mapped_column(enum_column_type(Stage, "stage"), default=Stage.NEW)
    stage_reason: Mapped[str] = mapped_column(sa.String(500), default="")
    # The municipality's one named contact for this landlord: a plain id of the shared users table.
    owner_id: Mapped[int | None] = mapped_column(index=True)
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    created_by_id: Mapped[int | None]
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    # Deleted landlords stay for a grace period and can be restored; queries leave them out.
    deleted_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True), index=True)

    contacts: Mapped[list[ContactPerson]] = relationship(
        back_populates="landlord", cascade="all, delete-orphan", order_by="ContactPerson.id"
    )
    areas: Mapped[list[Area]] = relationship(secondary=landlord_areas, order_by="Area.name")
    stage_changes: Mapped[list[StageChange]] = relationship(
        back_populates="landlord", cascade="all, delete-orphan", order_by="StageChange.changed_at"
    )


class ContactPerson(TenantModel):
    """A named person at the landlord."""

    __tablename__ = "contact_persons"
    # The registry's search finds landlords through their contact persons too; PostgreSQL only.
    __table_args__ = (trigram_index("ix_contact_persons_search", "name", "email", "phone"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    landlord_id: Mapped[int] = mapped_column(sa.ForeignKey("tenant.landlords.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[str] = mapped_column(sa.String(100), default="")
    # E.164 (+46701234567), as phonenumbers normalises it; shown in the national format.
    phone: Mapped[str] = mapped_column(sa.String(20), default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="")

    landlord: Mapped[Landlord] = relationship(back_populates="contacts")


class StageChange(TenantModel):
    """Every move between stages, so that figures like "new partners this year" can be counted."""

    __tablename__ = "stage_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    landlord_id: Mapped[int] = mapped_column(sa.ForeignKey("tenant.landlords.id", ondelete="CASCADE"), index=True)
    from_stage: Mapped[Stage | None] = mapped_column(enum_column_type(Stage, "from_stage"))
    to_stage: Mapped[Stage] = mapped_column(enum_column_type(Stage, "to_stage"))
    reason: Mapped[str] = mapped_column(sa.String(500), default="")
    changed_on: Mapped[date] = mapped_column(sa.Date, index=True)
    changed_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    changed_by_id: Mapped[int | None]

    landlord: Mapped[Landlord] = relationship(back_populates="stage_changes")
