"""Reads for the county page: only the shared schema, never a municipality's own tables."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import abort

from hemvist.core.collation import swedish_order
from hemvist.extensions import db
from hemvist.statistics.queries import periods_with_figures
from hemvist.tenancy.models import County, Municipality


def get_county_or_404(code: str) -> County:
    county = db.session.get(County, code)
    if county is None:
        abort(404)
    return county


def municipalities_in(county: County) -> list[Municipality]:
    """The county's municipalities on the service, by name, suspended ones too.

    A suspended municipality stays on the page with the figures it last published (they are not counted
    again while it is suspended): were it left out, the county's totals would change on suspension, and
    the page before less the page after would give back its figures, small numbers and all.
    """
    found = db.session.scalars(sa.select(Municipality).where(Municipality.county_code == county.code))
    return sorted(found, key=lambda municipality: swedish_order(municipality.name))


def years_to_choose(municipalities: list[Municipality], today: date) -> list[int]:
    """This year and every year with a figure, newest first."""
    years = {today.year} | {int(year) for year in periods_with_figures([m.id for m in municipalities])}
    return sorted(years, reverse=True)
