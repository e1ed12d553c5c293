"""Sign-in links mailed to landlords, and the changes landlords make that their named contact should see."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from hemvist.core.models import TenantModel, enum_column_type
from hemvist.tenancy.models import utcnow


class SignInLink(TenantModel):
    """One link mailed to one contact person. Only a hash of its secret is kept; it works once."""

    __tablename__ = "landlord_sign_in_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    landlord_id: Mapped[int] = mapped_column(sa.ForeignKey("tenant.landlords.id", ondelete="CASCADE"), index=True)
    contact_person_id: Mapped[int] = mapped_column(sa.ForeignKey("tenant.contact_persons.id", ondelete="CASCADE"))
    secret_hash: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), index=True)
    used_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))


class ChangeKind(enum.Enum):
    HOME_OFFERED = "home_offered"
    HOME_WITHDRAWN = "home_withdrawn"
    CONTACT_UPDATED = "contact_updated"

    @property
    def label(self):
        return {
            ChangeKind.HOME_OFFERED: _l("offered a home"),
            ChangeKind.HOME_WITHDRAWN: _l("withdrew a home"),
            ChangeKind.CONTACT_UPDATED: _l("updated their contact details"),
        }[self]


class LandlordChange(TenantModel):
    """A change a landlord made on their page, shown on the named contact's dashboard until seen."""

    __tablename__ = "landlord_changes"
    __table_args__ = (sa.Index("ix_landlord_changes_unseen", "seen_at", "landlord_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    landlord_id: Mapped[int] = mapped_column(sa.ForeignKey("tenant.landlords.id", ondelete="CASCADE"))
    contact_person_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("tenant.contact_persons.id", ondelete="SET NULL")
    )
    kind: Mapped[ChangeKind] = mapped_column(enum_column_type(ChangeKind, "kind"))
    vacancy_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tenant.vacancies.id", ondelete="SET NULL"))
    made_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    seen_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    seen_by_id: Mapped[int | None]
