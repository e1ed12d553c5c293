"""The parts of a municipality: the central town and its surrounding villages (from tenants/*.toml)."""

from __future__ import annotations

import enum

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from hemvist.core.models import TenantModel, enum_column_type


class AreaKind(enum.Enum):
    CENTRAL_TOWN = "central_town"
    VILLAGE = "village"

    @property
    def label(self):
        return {AreaKind.CENTRAL_TOWN: _l("Central town"), AreaKind.VILLAGE: _l("Surrounding village")}[self]


class Area(TenantModel):
    __tablename__ = "areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    kind: Mapped[AreaKind] = mapped_column(enum_column_type(AreaKind, "kind"))
