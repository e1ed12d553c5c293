from __future__ import annotations

import re

from flask import abort, render_template
from flask_login import current_user

from hemvist.county.queries import get_county_or_404, municipalities_in


def overview(county_code: str):
    if not re.fullmatch(r"[0-9]{2}", county_code):
        abort(404)
    county = get_county_or_404(county_code)
    if not current_user.can_view_county(county.code):
        abort(403)
    return render_template("county/overview.html", county=county, municipalities=municipalities_in(county))
