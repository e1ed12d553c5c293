from __future__ import annotations

import logging
import re
from datetime import date

from flask import Response, abort, render_template, request
from flask_login import current_user

from hemvist.core import clock
from hemvist.county import exports
from hemvist.county.chart import chart_of
from hemvist.county.figures import (
    BY_LANDLORD_TYPE,
    BY_LEASE_FORM,
    HELD_BACK,
    MOVING_ON,
    OUTREACH,
    RECEPTION,
    TOTAL,
    TRANSFERS,
    TREND_MEASURES,
    WAITING,
    Thresholds,
    county_figures,
)
from hemvist.county.queries import get_county_or_404, municipalities_in, years_to_choose
from hemvist.spreadsheets.writing import csv_bytes, xlsx_bytes
from hemvist.statistics.disclosure import Mark
from hemvist.statistics.measures import LABELS

log = logging.getLogger("hemvist.county")

# Without a charset: Flask adds "; charset=utf-8" to a text/ type itself, and would add it a second time.
MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _figures(county_code: str):
    if not re.fullmatch(r"[0-9]{2}", county_code):
        abort(404)
    county = get_county_or_404(county_code)
    if not current_user.can_view_county(county.code):
        abort(403)
    municipalities = municipalities_in(county)
    today = clock.today()
    years = years_to_choose(municipalities, today)
    year = request.args.get("year", type=int, default=today.year)
    if year not in years:
        abort(404)
    return county_figures(county, municipalities, year, today, Thresholds.from_config()), years


def overview(county_code: str):
    figures, years = _figures(county_code)
    return render_template(
        "county/overview.html",
        figures=figures,
        years=years,
        chart=chart_of(figures),
        tables=(
            ("reception", RECEPTION),
            ("waiting", WAITING),
            ("lease-forms", BY_LEASE_FORM),
            ("landlord-types", BY_LANDLORD_TYPE),
            ("outreach", OUTREACH),
            ("transfers", TRANSFERS),
            ("moves", MOVING_ON),
            ("moving-on", HELD_BACK),
        ),
        labels=LABELS,
        shown=exports.shown,
        marks=Mark,
        trend_measures=TREND_MEASURES,
        total=TOTAL,
        month_dates={month: date.fromisoformat(month + "-01") for month in figures.months},
    )


def export(county_code: str, table: str, file_format: str):
    figures, _years = _figures(county_code)
    build = {"figures": exports.figures_table, "trends": exports.trends_table}.get(table)
    if build is None or file_format not in MEDIA_TYPES:
        abort(404)
    export_table = build(figures)
    if file_format == "csv":
        content = csv_bytes(export_table.header, export_table.rows)
    else:
        content = xlsx_bytes(export_table.title, export_table.header, export_table.rows)
    log.info("county %s %s exported as %s by user %s", figures.county.code, table, file_format, current_user.id)
    name = f"county-{figures.county.code}-{export_table.name}-{figures.year}.{file_format}"
    return Response(
        content,
        mimetype=MEDIA_TYPES[file_format],
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )
