"""Reads for the county page: only the shared schema, never a municipality's own tables."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort

from hemvist.extensions import db
from hemvist.tenancy.models import County, Municipality


def get_county_or_404(code: str) -> County:
    county = db.session.get(County, code)
    if county is None:
        abort(404)
    return county


def municipalities_in(county: County) -> list[Municipality]:
    return list(
        db.session.scalars(
            sa.select(Municipality).where(Municipality.county_code == county.code).order_by(Municipality.name)
        )
    )
