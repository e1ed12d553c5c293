from __future__ import annotations

import sqlalchemy as sa
from flask import render_template

from hemvist.core.access import platform_admin_required
from hemvist.extensions import db
from hemvist.tenancy.models import Municipality


@platform_admin_required
def index():
    municipalities = db.session.scalars(
        sa.select(Municipality).order_by(Municipality.county_code, Municipality.name)
    ).all()
    return render_template("admin/index.html", municipalities=municipalities)
